import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ipv6FromBytes, type Ipv6Address } from '../primitives/ip-address.js';
import { decodeIpv6Packet, encodeIpv6Header, encodeIpv6Packet, type Ipv6HeaderFields } from './ipv6-header.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

/** keepalived VRRPv3/IPv6 (v3_ipv6.pcap, first advert): traffic class 0xc0, flow label 0xceb1f, hop limit 255. */
const KEEPALIVED = fromHex(
  '6c0c eb1f 0028 70ff fe80 0000 0000 0000 384f baff fed2 342f ff02 0000 0000 0000 0000 0000 0000 0012',
);
const FIELDS: Ipv6HeaderFields = {
  trafficClass: 0xc0,
  flowLabel: 0xceb1f,
  nextHeader: 112,
  hopLimit: 255,
  source: 'fe80::384f:baff:fed2:342f' as Ipv6Address,
  destination: 'ff02::12' as Ipv6Address,
};

function withPayload(header: Uint8Array, payloadLength: number): Uint8Array {
  const bytes = new Uint8Array(header.length + payloadLength);
  bytes.set(header, 0);
  return bytes;
}

describe('IPv6 header', () => {
  it('decodes and re-encodes a keepalived header', () => {
    const decoded = decodeIpv6Packet(withPayload(KEEPALIVED, 40));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.header, { ...FIELDS, version: 6, payloadLength: 40 });
    assert.equal(decoded.value.payload.length, 40);
    assert.deepEqual(encodeIpv6Header(decoded.value.header, 40), KEEPALIVED);
    assert.deepEqual(encodeIpv6Header(FIELDS, 40), KEEPALIVED);
  });

  it('cuts the payload at Payload Length, dropping link padding', () => {
    const decoded = decodeIpv6Packet(withPayload(KEEPALIVED, 46));
    assert.ok(decoded.ok);
    assert.equal(decoded.value.payload.length, 40);
  });

  it('decode errors: truncated, notIpv6, payloadLengthMismatch', () => {
    assert.deepEqual(decodeIpv6Packet(KEEPALIVED.subarray(0, 39)), {
      ok: false,
      error: { kind: 'truncated', length: 39, required: 40 },
    });
    const v4 = withPayload(KEEPALIVED, 40);
    v4[0] = 0x4c;
    assert.deepEqual(decodeIpv6Packet(v4), { ok: false, error: { kind: 'notIpv6', version: 4 } });
    assert.deepEqual(decodeIpv6Packet(withPayload(KEEPALIVED, 39)), {
      ok: false,
      error: { kind: 'payloadLengthMismatch', payloadLength: 40, available: 39 },
    });
  });

  it('encoder throws RangeError on fields that do not fit', () => {
    assert.throws(() => encodeIpv6Header({ ...FIELDS, flowLabel: 0x100000 }, 0), RangeError);
    assert.throws(() => encodeIpv6Header({ ...FIELDS, trafficClass: 256 }, 0), RangeError);
    assert.throws(() => encodeIpv6Header(FIELDS, 0x10000), RangeError);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        decodeIpv6Packet(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips arbitrary headers', () => {
    const address = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => ipv6FromBytes(b));
    const fields = fc.record(
      {
        trafficClass: fc.integer({ min: 0, max: 255 }),
        flowLabel: fc.integer({ min: 0, max: 0xfffff }),
        nextHeader: fc.integer({ min: 0, max: 255 }),
        hopLimit: fc.integer({ min: 0, max: 255 }),
        source: address,
        destination: address,
      },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(fields, fc.uint8Array({ maxLength: 64 }), (f, payload) => {
        const decoded = decodeIpv6Packet(encodeIpv6Packet(f, payload));
        assert.ok(decoded.ok);
        assert.deepEqual(decoded.value.header, { ...f, version: 6, payloadLength: payload.length });
        assert.deepEqual(decoded.value.payload, payload);
      }),
    );
  });
});
