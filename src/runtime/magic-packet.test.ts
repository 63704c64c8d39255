import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import type { LogLine } from '../log/log-lines.js';
import type { Ipv4Address } from '../primitives/ip-address.js';
import { MAGIC_PACKET_PORT, sendMagicPacket } from './magic-packet.js';

function recorder(): { lines: LogLine[]; logger: { write(line: LogLine): void } } {
  const lines: LogLine[] = [];
  return { lines, logger: { write: (line) => lines.push(line) } };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('sendMagicPacket (vrrpd -I/-O)', () => {
  it('is vrrpd\'s port 1100', () => assert.equal(MAGIC_PACKET_PORT, 1100));

  it('connects from the given source to the gateway, then drops the connection', async () => {
    const server = createServer();
    const port = await listen(server);
    const accepted = new Promise<string | undefined>((resolve) => server.once('connection', (socket) => {
      resolve(socket.remoteAddress);
      socket.destroy();
    }));
    const { lines, logger } = recorder();
    await sendMagicPacket({ source: '127.0.0.1' as Ipv4Address, gateway: '127.0.0.1' as Ipv4Address }, 'VI_1', logger, { port });
    assert.equal(await accepted, '127.0.0.1');
    server.close();
    assert.deepEqual(lines, [
      { level: 'info', text: `(VI_1) sending magic packet from 127.0.0.1 to 127.0.0.1:${port}` },
      { level: 'detail', text: `(VI_1) magic packet to 127.0.0.1:${port}: connected` },
    ]);
  });

  it('never rejects: a source that is not local, or a refusal, is a detail line', async () => {
    const { lines, logger } = recorder();
    await sendMagicPacket({ source: '192.0.2.1' as Ipv4Address, gateway: '127.0.0.1' as Ipv4Address }, 'VI_1', logger, { port: 9 });
    assert.deepEqual(lines[1], { level: 'detail', text: '(VI_1) magic packet to 127.0.0.1:9: EADDRNOTAVAIL' });
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    await sendMagicPacket({ source: '127.0.0.1' as Ipv4Address, gateway: '127.0.0.1' as Ipv4Address }, 'VI_1', logger, { port });
    assert.deepEqual(lines[3], { level: 'detail', text: `(VI_1) magic packet to 127.0.0.1:${port}: ECONNREFUSED` });
  });
});
