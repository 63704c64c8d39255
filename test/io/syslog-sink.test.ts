import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadNativeBinding } from '../../src/io/native-binding.js';
import { SockaddrCodec } from '../../src/io/sockaddr.js';
import { syslogSink } from '../../src/log/syslog-sink.js';

describe('syslog sink', () => {
  it('sends syslog(3)-format datagrams: facility daemon, the level as severity, ident vipd[pid]', async () => {
    const binding = loadNativeBinding();
    const directory = mkdtempSync(join(tmpdir(), 'vipd-syslog-'));
    const path = join(directory, 'log');
    const server = new binding.Socket(binding.constants.AF_UNIX, binding.constants.SOCK_DGRAM, 0);
    try {
      server.bind(new SockaddrCodec(binding.constants).unix(path));
      const received: string[] = [];
      const two = new Promise<void>((resolve) => {
        server.start(
          (datagram) => {
            received.push(datagram.data.toString('utf8'));
            if (received.length === 2) resolve();
          },
          () => undefined,
        );
      });
      const sink = syslogSink(binding, false, () => new Date(2026, 10, 2, 4, 59, 0), path);
      sink.emit('info', '(VI_1) Entering MASTER STATE');
      sink.emit('warning', '(VI_1) discarding advert');
      await two;
      assert.deepEqual(received, [
        `<30>Nov  2 04:59:00 vipd[${process.pid}]: (VI_1) Entering MASTER STATE`,
        `<28>Nov  2 04:59:00 vipd[${process.pid}]: (VI_1) discarding advert`,
      ]);
    } finally {
      server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('with -G (no syslog) sends nothing', async () => {
    const binding = loadNativeBinding();
    const directory = mkdtempSync(join(tmpdir(), 'vipd-syslog-'));
    const path = join(directory, 'log');
    const server = new binding.Socket(binding.constants.AF_UNIX, binding.constants.SOCK_DGRAM, 0);
    try {
      server.bind(new SockaddrCodec(binding.constants).unix(path));
      const first = new Promise<string>((resolve) => server.start((datagram) => resolve(datagram.data.toString('utf8')), () => undefined));
      syslogSink(binding, true, () => new Date(), path).emit('info', 'must not be sent');
      syslogSink(binding, false, () => new Date(), path).emit('info', 'marker');
      assert.match(await first, /vipd\[\d+\]: marker$/, 'the first datagram is the marker, not the suppressed line');
    } finally {
      server.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
