import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { IpAddress } from '../primitives/ip-address.js';
import { ipv4FromBytes, ipv6FromBytes } from '../primitives/ip-address.js';
import * as captured from './captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { eventOfMessage } from './rtnetlink-event.js';
import { decodeRtnetlinkDatagram } from './rtnetlink-message.js';
import { encodeNewAddressRequest } from './rtnetlink-request.js';

const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';
const capturedDatagrams = Object.values(captured).map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));

describe('decodeRtnetlinkDatagram', () => {
  it('decodes every captured datagram', { skip: capturedOnThisByteOrder }, () => {
    for (const datagram of capturedDatagrams) assert.equal(decodeRtnetlinkDatagram(datagram).ok, true);
  });

  it('turns notifications into events, in order', { skip: capturedOnThisByteOrder }, () => {
    const events = [captured.ADDRESS_ADDED_EVENT, captured.ADDRESS_REMOVED_EVENT, captured.CARRIER_LOST_EVENT].flatMap((hex) => {
      const messages = decodeRtnetlinkDatagram(Uint8Array.from(Buffer.from(hex, 'hex')));
      assert.ok(messages.ok);
      return messages.value.map(eventOfMessage);
    });
    assert.deepEqual(
      events.map((event) => event?.kind),
      ['addressAdded', 'addressRemoved', 'linkChanged'],
    );
  });

  it('reads NLMSG_DONE and NLMSG_ERROR as such, and answers to requests are no events', { skip: capturedOnThisByteOrder }, () => {
    const done = decodeRtnetlinkDatagram(Uint8Array.from(Buffer.from(captured.DUMP_DONE, 'hex')));
    assert.ok(done.ok);
    assert.deepEqual(done.value.map((message) => [message.kind, message.kind === 'done' ? message.errno : null]), [['done', 0]]);
    const error = decodeRtnetlinkDatagram(Uint8Array.from(Buffer.from(captured.ERROR_EEXIST, 'hex')));
    assert.ok(error.ok && error.value[0]?.kind === 'error');
    assert.equal(eventOfMessage(error.value[0]), null);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = decodeRtnetlinkDatagram(bytes);
        return typeof result.ok === 'boolean';
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on captured datagrams with bytes changed or cut off', () => {
    const mutation = fc.record({
      datagram: fc.constantFrom(...capturedDatagrams),
      edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      keepFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(mutation, ({ datagram, edits, keepFraction }) => {
        const bytes = Uint8Array.from(datagram.subarray(0, Math.ceil(datagram.length * keepFraction)));
        for (const edit of edits) if (bytes.length > 0) bytes[edit.at % bytes.length] = edit.value;
        const result = decodeRtnetlinkDatagram(bytes);
        return typeof result.ok === 'boolean';
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes any RTM_NEWADDR it encodes back to the same address', () => {
    const address = fc.oneof(
      fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes): IpAddress => ipv4FromBytes(bytes)),
      fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes): IpAddress => ipv6FromBytes(bytes)),
    );
    fc.assert(
      fc.property(address, fc.integer({ min: 1, max: 0x7fffffff }), fc.nat({ max: 32 }), fc.nat(), (ip, ifindex, prefixLength, sequence) => {
        const request = encodeNewAddressRequest(sequence >>> 0, { ifindex, address: ip, prefixLength });
        assert.ok(request.ok);
        const decoded = decodeRtnetlinkDatagram(request.value);
        assert.ok(decoded.ok);
        const [message] = decoded.value;
        assert.ok(message?.kind === 'address');
        assert.deepEqual([message.address.address, message.address.ifindex, message.address.prefixLength], [ip, ifindex, prefixLength]);
      }),
    );
  });
});
