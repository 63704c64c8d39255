import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADDRESS_DUMP, DUMP_DONE } from './captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { NetlinkFlag } from './netlink-header.js';
import { decodeNetlinkMessages, encodeNetlinkMessage } from './netlink-message.js';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';

describe('decodeNetlinkMessages', () => {
  it('splits a dump datagram into its messages', { skip: capturedOnThisByteOrder }, () => {
    const messages = decodeNetlinkMessages(bytes(ADDRESS_DUMP));
    assert.ok(messages.ok);
    assert.deepEqual(
      messages.value.map((message) => [message.header.type, message.header.lengthBytes, message.header.sequence, message.payload.length]),
      [
        [20, 76, 2, 60],
        [20, 88, 2, 72],
        [20, 80, 2, 64],
        [20, 80, 2, 64],
        [20, 72, 2, 56],
        [20, 80, 2, 64],
      ],
    );
    assert.ok(messages.value.every((message) => (message.header.flags & NetlinkFlag.multi) !== 0));
  });

  it('decodes an NLMSG_DONE alone', { skip: capturedOnThisByteOrder }, () => {
    const messages = decodeNetlinkMessages(bytes(DUMP_DONE));
    assert.ok(messages.ok);
    assert.equal(messages.value.length, 1);
    assert.equal(messages.value[0]?.header.type, 3);
  });

  it('returns no messages for an empty datagram', () => {
    assert.deepEqual(decodeNetlinkMessages(new Uint8Array(0)), { ok: true, value: [] });
  });

  it('fails on trailing bytes that are not a whole header', () => {
    const message = encodeNetlinkMessage({ type: 3, flags: 0, sequence: 9 }, new Uint8Array(4));
    const datagram = new Uint8Array(message.length + 6);
    datagram.set(message);
    const result = decodeNetlinkMessages(datagram);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.error, {
      kind: 'truncated',
      structure: 'nlmsghdr',
      offset: message.length,
      neededBytes: 16,
      availableBytes: 6,
    });
  });
});

describe('encodeNetlinkMessage', () => {
  it('sets nlmsg_len to header plus payload and pads the message to 4 bytes', () => {
    const message = encodeNetlinkMessage({ type: 18, flags: NetlinkFlag.request | NetlinkFlag.dump, sequence: 7 }, Uint8Array.of(1, 2, 3));
    assert.equal(message.length, 20);
    const decoded = decodeNetlinkMessages(message);
    assert.ok(decoded.ok);
    const [only] = decoded.value;
    assert.deepEqual(only?.header, { lengthBytes: 19, type: 18, flags: 0x301, sequence: 7, portId: 0 });
    assert.deepEqual([...(only?.payload ?? [])], [1, 2, 3]);
  });
});
