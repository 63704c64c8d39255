import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_EEXIST, ERROR_ENODEV, ERROR_INVALID_PREFIX, LINK_REPLY_ACK } from './captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { decodeNetlinkErrorMessage } from './netlink-error-message.js';
import { NetlinkFlag } from './netlink-header.js';
import { decodeNetlinkMessages, encodeNetlinkMessage, type NetlinkMessage } from './netlink-message.js';

const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';

function only(hex: string): NetlinkMessage {
  const messages = decodeNetlinkMessages(Uint8Array.from(Buffer.from(hex, 'hex')));
  assert.ok(messages.ok);
  const [message] = messages.value;
  assert.ok(message !== undefined);
  return message;
}

describe('decodeNetlinkErrorMessage', () => {
  it('reads an acknowledgement: error 0 and the request header', { skip: capturedOnThisByteOrder }, () => {
    const ack = decodeNetlinkErrorMessage(only(LINK_REPLY_ACK));
    assert.deepEqual(ack, {
      ok: true,
      value: {
        errno: 0,
        request: { lengthBytes: 48, type: 18, flags: 5, sequence: 1, portId: 0 },
        extendedAck: { message: null, invalidAttributeOffset: null },
      },
    });
  });

  it('reads the errno and the extended-ACK message', { skip: capturedOnThisByteOrder }, () => {
    const exists = decodeNetlinkErrorMessage(only(ERROR_EEXIST));
    assert.ok(exists.ok);
    assert.equal(exists.value.errno, 17);
    assert.equal(exists.value.request.sequence, 10);
    assert.equal(exists.value.extendedAck.message, 'ipv4: Address already assigned');
    const invalid = decodeNetlinkErrorMessage(only(ERROR_INVALID_PREFIX));
    assert.ok(invalid.ok);
    assert.equal(invalid.value.errno, 22);
    assert.equal(invalid.value.extendedAck.message, 'ipv4: Invalid prefix length');
  });

  it('reads a capped error without extended ACK', { skip: capturedOnThisByteOrder }, () => {
    const message = only(ERROR_ENODEV);
    assert.equal(message.header.flags, NetlinkFlag.capped);
    const error = decodeNetlinkErrorMessage(message);
    assert.ok(error.ok);
    assert.equal(error.value.errno, 19);
    assert.deepEqual(error.value.extendedAck, { message: null, invalidAttributeOffset: null });
  });

  it('finds the extended ACK after an uncapped echo of the request', () => {
    // error -EINVAL, the request (header + 4 payload bytes), then NLMSGERR_ATTR_OFFS = 20.
    const payload = new Uint8Array(4 + 20 + 8);
    const view = new DataView(payload.buffer);
    view.setInt32(0, -22, HOST_IS_LITTLE_ENDIAN);
    payload.set(encodeNetlinkMessage({ type: 20, flags: 5, sequence: 77 }, Uint8Array.of(2, 24, 0, 0)), 4);
    view.setUint16(24, 8, HOST_IS_LITTLE_ENDIAN);
    view.setUint16(26, 2, HOST_IS_LITTLE_ENDIAN);
    view.setUint32(28, 20, HOST_IS_LITTLE_ENDIAN);
    const header = { lengthBytes: 16 + payload.length, type: 2, flags: NetlinkFlag.ackTlvs, sequence: 77, portId: 0 };
    const error = decodeNetlinkErrorMessage({ header, payload });
    assert.ok(error.ok);
    assert.equal(error.value.errno, 22);
    assert.equal(error.value.request.lengthBytes, 20);
    assert.deepEqual(error.value.extendedAck, { message: null, invalidAttributeOffset: 20 });
  });

  it('rejects a payload too short for struct nlmsgerr', () => {
    const header = { lengthBytes: 26, type: 2, flags: 0, sequence: 1, portId: 0 };
    assert.deepEqual(decodeNetlinkErrorMessage({ header, payload: new Uint8Array(10) }), {
      ok: false,
      error: { kind: 'truncated', structure: 'nlmsgerr', offset: 0, neededBytes: 20, availableBytes: 10 },
    });
  });
});
