import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProcEvents, encodeProcSubscription } from './proc-connector.js';

/** One netlink message carrying one proc event with `data` as u32 fields (plus raw tail bytes). */
function eventMessage(what: number, fields: number[], tail: Uint8Array = new Uint8Array(0)): Uint8Array {
  const payload = 16 + fields.length * 4 + tail.length;
  const bytes = new Uint8Array(16 + 20 + payload);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint16(4, 3, true);
  view.setUint32(16, 1, true); // CN_IDX_PROC
  view.setUint32(20, 1, true); // CN_VAL_PROC
  view.setUint16(32, payload, true);
  view.setUint32(36, what, true);
  fields.forEach((value, i) => view.setUint32(52 + i * 4, value, true));
  bytes.set(tail, 52 + fields.length * 4);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + ((p.length + 3) & ~3), 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += (part.length + 3) & ~3;
  }
  return out;
}

describe('proc connector codec', () => {
  it('encodes PROC_CN_MCAST_LISTEN as cn_proc.h lays it out', () => {
    const bytes = encodeProcSubscription(0x1234, 7, true);
    const view = new DataView(bytes.buffer);
    assert.equal(bytes.length, 40);
    assert.deepEqual(
      [view.getUint32(0, true), view.getUint16(4, true), view.getUint32(8, true), view.getUint32(12, true), view.getUint32(16, true), view.getUint32(20, true), view.getUint16(32, true), view.getUint32(36, true)],
      [40, 3, 7, 0x1234, 1, 1, 4, 1],
    );
    assert.equal(new DataView(encodeProcSubscription(1, 1, false).buffer).getUint32(36, true), 2);
  });

  it('decodes ack, fork, exec, comm and exit events, several per datagram', () => {
    const comm = new Uint8Array(16);
    comm.set(new TextEncoder().encode('sleep'));
    const datagram = concat(
      eventMessage(0, [0]),
      eventMessage(1, [100, 100, 200, 200]),
      eventMessage(2, [200, 200]),
      eventMessage(0x200, [200, 200], comm),
      eventMessage(0x80000000, [201, 200, 0, 17]),
      eventMessage(0x4, [1, 1, 0, 0]),
    );
    assert.deepEqual(decodeProcEvents(datagram), [
      { kind: 'ack', error: 0 },
      { kind: 'fork', parentTgid: 100, childPid: 200, childTgid: 200 },
      { kind: 'exec', pid: 200, tgid: 200 },
      { kind: 'comm', pid: 200, tgid: 200, comm: 'sleep' },
      { kind: 'exit', pid: 201, tgid: 200 },
      { kind: 'other', what: 4 },
    ]);
  });

  it('skips truncated messages and other connectors', () => {
    const message = eventMessage(2, [5, 5]);
    assert.deepEqual(decodeProcEvents(message.subarray(0, 30)), []);
    const foreign = eventMessage(2, [5, 5]);
    new DataView(foreign.buffer).setUint32(16, 9, true);
    assert.deepEqual(decodeProcEvents(foreign), []);
  });
});
