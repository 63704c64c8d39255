import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeNetlinkHeader, netlinkAlign, NLMSG_HEADER_BYTES, writeNetlinkHeader } from './netlink-header.js';

describe('netlinkAlign', () => {
  it('rounds up to a multiple of 4 (NLMSG_ALIGN)', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 16, 17].map(netlinkAlign), [0, 4, 4, 4, 4, 8, 16, 20]);
  });
});

describe('decodeNetlinkHeader', () => {
  it('reads back what writeNetlinkHeader wrote', () => {
    const bytes = new Uint8Array(20);
    const header = { lengthBytes: 20, type: 20, flags: 0x605, sequence: 0xfffffffe, portId: 4242 };
    writeNetlinkHeader(bytes, 0, header);
    assert.deepEqual(decodeNetlinkHeader(bytes, 0), { ok: true, value: header });
  });

  it('rejects fewer than 16 bytes', () => {
    const result = decodeNetlinkHeader(new Uint8Array(15), 0);
    assert.deepEqual(result, {
      ok: false,
      error: { kind: 'truncated', structure: 'nlmsghdr', offset: 0, neededBytes: NLMSG_HEADER_BYTES, availableBytes: 15 },
    });
  });

  it('rejects an nlmsg_len smaller than the header or longer than the datagram', () => {
    const bytes = new Uint8Array(32);
    writeNetlinkHeader(bytes, 0, { lengthBytes: 12, type: 3, flags: 0, sequence: 1, portId: 0 });
    assert.deepEqual(decodeNetlinkHeader(bytes, 0), {
      ok: false,
      error: { kind: 'badLength', structure: 'nlmsghdr', offset: 0, lengthBytes: 12 },
    });
    writeNetlinkHeader(bytes, 0, { lengthBytes: 33, type: 3, flags: 0, sequence: 1, portId: 0 });
    assert.equal(decodeNetlinkHeader(bytes, 0).ok, false);
  });
});
