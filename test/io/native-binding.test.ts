/**
 * The addon's own contract, on sockets that need no privileges and send
 * nothing onto a network: AF_NETLINK sockets are used throughout (the raw and
 * packet sockets are exercised in namespaces by the other tests).
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { isSystemError, LINUX_CONSTANT_NAMES, loadNativeBinding, type NativeBinding, type NativeSocket } from '../../src/io/native-binding.js';
import { SockaddrCodec } from '../../src/io/sockaddr.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../src/netlink/address-family.js';
import { HOST_IS_LITTLE_ENDIAN } from '../../src/netlink/host-byte-order.js';

/** How long the probe process is given: long enough to start and exit, short enough to wait for. */
const HOLD_OPEN_PROBE_MS = 2000;

const binding: NativeBinding = loadNativeBinding();
const c = binding.constants;
const sockaddrs = new SockaddrCodec(c);

function netlinkSocket(): NativeSocket {
  return new binding.Socket(c.AF_NETLINK, c.SOCK_RAW, c.NETLINK_ROUTE);
}

function systemErrorOf(action: () => unknown): { code: string; syscall: string; errno: number } {
  try {
    action();
  } catch (error) {
    assert.ok(isSystemError(error), `not a system error: ${String(error)}`);
    return { code: error.code, syscall: error.syscall, errno: error.errno };
  }
  assert.fail('no error was thrown');
}

describe('vipd_native addon', () => {
  it('exports every constant the TypeScript side uses, with the kernel ABI values', () => {
    for (const name of LINUX_CONSTANT_NAMES) assert.equal(typeof c[name], 'number', name);
    // The pure netlink codec writes these into ifaddrmsg itself; they must agree with the C headers.
    assert.deepEqual([c.AF_UNSPEC, c.AF_INET, c.AF_INET6], [AF_UNSPEC, AF_INET, AF_INET6]);
    assert.deepEqual([c.RTMGRP_LINK, c.RTMGRP_IPV4_IFADDR, c.RTMGRP_IPV6_IFADDR], [0x1, 0x10, 0x100]);
  });

  it('throws Node-style system errors: code, negative errno, syscall', () => {
    const socket = netlinkSocket();
    try {
      assert.deepEqual(
        systemErrorOf(() => socket.setsockopt(-1, 1, 1)),
        { code: 'ENOPROTOOPT', syscall: 'setsockopt', errno: -92 },
      );
      assert.deepEqual(systemErrorOf(() => socket.bind(new Uint8Array(2))), { code: 'EINVAL', syscall: 'bind', errno: -22 });
      assert.equal(systemErrorOf(() => new binding.Socket(-5, c.SOCK_RAW, 0)).code, 'EAFNOSUPPORT');
      // Per-datagram interface and TTL exist only for AF_INET and AF_INET6.
      assert.deepEqual(systemErrorOf(() => socket.send(new Uint8Array(16), null, 1, 0)), { code: 'EINVAL', syscall: 'sendmsg', errno: -22 });
    } finally {
      socket.close();
    }
  });

  it('binds and reports the port ID the kernel assigned', () => {
    const socket = netlinkSocket();
    try {
      socket.bind(sockaddrs.netlink(0, 0));
      const bound = sockaddrs.decode(socket.getsockname());
      assert.ok(bound.kind === 'netlink');
      assert.ok(bound.portId !== 0);
    } finally {
      socket.close();
    }
  });

  it('close() is idempotent; afterwards system calls fail with EBADF and the rest do nothing', () => {
    const socket = netlinkSocket();
    socket.close();
    socket.close();
    assert.equal(systemErrorOf(() => socket.bind(sockaddrs.netlink(0, 0))).code, 'EBADF');
    assert.equal(systemErrorOf(() => socket.setsockopt(c.SOL_SOCKET, c.SO_RCVBUF, 4096)).code, 'EBADF');
    assert.equal(systemErrorOf(() => socket.getsockname()).code, 'EBADF');
    assert.equal(systemErrorOf(() => socket.send(new Uint8Array(16), null, 0, 0)).code, 'EBADF');
    assert.equal(systemErrorOf(() => socket.start(() => undefined, () => undefined)).code, 'EBADF');
    socket.stop();
    socket.ref();
    socket.unref();
  });

  it('stop() and a second start() re-arm reading', async () => {
    const socket = netlinkSocket();
    try {
      socket.bind(sockaddrs.netlink(0, 0));
      socket.start(() => assert.fail('replaced callback called'), () => undefined);
      socket.stop();
      // RTM_GETLINK for ifindex 1 (lo) with NLM_F_ACK, read after re-arming.
      const request = new Uint8Array(32);
      const view = new DataView(request.buffer);
      view.setUint32(0, 32, HOST_IS_LITTLE_ENDIAN);
      view.setUint16(4, 18, HOST_IS_LITTLE_ENDIAN);
      view.setUint16(6, 0x5, HOST_IS_LITTLE_ENDIAN);
      view.setUint32(8, 1, HOST_IS_LITTLE_ENDIAN);
      view.setInt32(20, 1, HOST_IS_LITTLE_ENDIAN);
      const answer = new Promise<number>((resolve) => socket.start((datagram) => resolve(datagram.data.length), () => undefined));
      socket.send(request, sockaddrs.netlink(0, 0), 0, 0);
      assert.ok((await answer) > 16);
    } finally {
      socket.close();
    }
  });

  it('a started socket holds the process open until unref()', () => {
    const script = [
      `import { loadNativeBinding } from ${JSON.stringify(new URL('../../src/io/native-binding.js', import.meta.url).href)};`,
      'const binding = loadNativeBinding();',
      'const c = binding.constants;',
      'const socket = new binding.Socket(c.AF_NETLINK, c.SOCK_RAW, c.NETLINK_ROUTE);',
      'socket.start(() => undefined, () => undefined);',
      "if (process.argv[1] === 'unref') socket.unref();",
    ].join('\n');
    const run = (mode: string): SpawnSyncReturns<Buffer> =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script, mode], { timeout: HOLD_OPEN_PROBE_MS, killSignal: 'SIGKILL' });
    const unreferenced = run('unref');
    assert.deepEqual([unreferenced.status, unreferenced.signal, unreferenced.stderr.toString()], [0, null, '']);
    const referenced = run('ref');
    assert.equal(referenced.signal, 'SIGKILL', 'the referenced socket should have kept the process running until the probe timeout');
  });

  it('closes the open sockets of a worker thread when the worker is terminated', async () => {
    const openSockets = (): Set<string> => {
      const sockets = new Set<string>();
      for (const fd of readdirSync('/proc/self/fd')) {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          if (target.startsWith('socket:')) sockets.add(target);
        } catch {
          // closed while listing (the directory's own descriptor)
        }
      }
      return sockets;
    };
    const before = openSockets();
    const worker = new Worker(
      [
        `import(${JSON.stringify(new URL('../../src/io/native-binding.js', import.meta.url).href)}).then(({ loadNativeBinding }) => {`,
        '  const binding = loadNativeBinding();',
        '  const c = binding.constants;',
        '  for (let i = 0; i < 3; i++) {',
        '    const socket = new binding.Socket(c.AF_NETLINK, c.SOCK_RAW, c.NETLINK_ROUTE);',
        '    socket.start(() => undefined, () => undefined);',
        '  }',
        "  require('node:worker_threads').parentPort.postMessage('ready');",
        '});',
      ].join('\n'),
      { eval: true },
    );
    await once(worker, 'message');
    const opened = [...openSockets()].filter((socket) => !before.has(socket));
    assert.ok(opened.length >= 3, `the worker's sockets: ${opened.join(' ')}`);
    await worker.terminate();
    const after = openSockets();
    assert.deepEqual(opened.filter((socket) => after.has(socket)), []);
  });
});
