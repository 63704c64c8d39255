import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ipv4FromBytes, type Ipv4Address } from '../primitives/ip-address.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import {
  decodeIpv4Packet,
  encodeIpv4Header,
  encodeIpv4Packet,
  type Ipv4DecodeError,
  type Ipv4HeaderFields,
} from './ipv4-header.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

/** keepalived VRRPv2 (v2_pass_multicast.pcap, first advert): TOS 0xc0, id 1, DF clear, TTL 255. */
const KEEPALIVED = fromHex('45c0 0028 0001 0000 ff70 d02e 0a63 0001 e000 0012');
/** FRR VRRPv3 (frr_v3_and_keepalived.pcap, first advert): DF set. */
const FRR = fromHex('45c0 0020 4b62 4000 ff70 44d3 0a63 0003 e000 0012');

const FIELDS: Ipv4HeaderFields = {
  tos: 0xc0,
  identification: 1,
  dontFragment: false,
  ttl: 255,
  protocol: 112,
  source: '10.99.0.1' as Ipv4Address,
  destination: '224.0.0.18' as Ipv4Address,
};

function decodeError(bytes: Uint8Array): Ipv4DecodeError {
  const result = decodeIpv4Packet(bytes);
  assert.ok(!result.ok, 'expected a decode error');
  return result.error;
}

function withPayload(header: Uint8Array, payloadLength: number): Uint8Array {
  const bytes = new Uint8Array(header.length + payloadLength);
  bytes.set(header, 0);
  return bytes;
}

describe('IPv4 header', () => {
  it('decodes and re-encodes a keepalived header (DF clear)', () => {
    const decoded = decodeIpv4Packet(withPayload(KEEPALIVED, 20));
    assert.ok(decoded.ok);
    const { header, payload } = decoded.value;
    assert.deepEqual(header, {
      ...FIELDS,
      version: 4,
      ihl: 5,
      totalLength: 40,
      moreFragments: false,
      fragmentOffset: 0,
      headerChecksum: 0xd02e,
      options: new Uint8Array(0),
    });
    assert.equal(payload.length, 20);
    assert.deepEqual(encodeIpv4Header(header, payload.length), KEEPALIVED);
    assert.deepEqual(encodeIpv4Header(FIELDS, 20), KEEPALIVED);
  });

  it('decodes and re-encodes an FRR header (DF set)', () => {
    const decoded = decodeIpv4Packet(withPayload(FRR, 12));
    assert.ok(decoded.ok);
    assert.equal(decoded.value.header.dontFragment, true);
    assert.equal(decoded.value.header.identification, 0x4b62);
    assert.deepEqual(encodeIpv4Header(decoded.value.header, 12), FRR);
  });

  it('cuts the payload at Total Length, dropping Ethernet padding', () => {
    const padded = withPayload(KEEPALIVED, 26);
    const decoded = decodeIpv4Packet(padded);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.payload.length, 20);
  });

  it('carries options and their length in IHL', () => {
    const options = Uint8Array.of(0x94, 0x04, 0x00, 0x00); // Router Alert (RFC 2113)
    const header = encodeIpv4Header({ ...FIELDS, options }, 8);
    assert.equal(header.length, 24);
    assert.equal(header[0], 0x46);
    assert.ok(checksumVerifies(header));
    const decoded = decodeIpv4Packet(withPayload(header, 8));
    assert.ok(decoded.ok);
    assert.equal(decoded.value.header.ihl, 6);
    assert.deepEqual(decoded.value.header.options, options);
    assert.deepEqual(encodeIpv4Header(decoded.value.header, 8), header);
  });

  it('encodes fragment fields', () => {
    const header = encodeIpv4Header({ ...FIELDS, moreFragments: true, fragmentOffset: 0x1abc }, 0);
    assert.equal(header[6], 0x20 | 0x1a);
    assert.equal(header[7], 0xbc);
  });

  it('encodes header and payload together', () => {
    const payload = Uint8Array.of(1, 2, 3);
    const packet = encodeIpv4Packet(FIELDS, payload);
    assert.deepEqual(packet.subarray(20), payload);
    assert.deepEqual(packet.subarray(0, 20), encodeIpv4Header(FIELDS, 3));
  });

  describe('decode errors', () => {
    it('truncated: shorter than 20 bytes, or than IHL says', () => {
      assert.deepEqual(decodeError(KEEPALIVED.subarray(0, 19)), { kind: 'truncated', length: 19, required: 20 });
      const long = encodeIpv4Header({ ...FIELDS, options: new Uint8Array(8) }, 0);
      assert.deepEqual(decodeError(long.subarray(0, 24)), { kind: 'truncated', length: 24, required: 28 });
    });

    it('notIpv4', () => {
      const bytes = withPayload(KEEPALIVED, 20);
      bytes[0] = 0x65;
      assert.deepEqual(decodeError(bytes), { kind: 'notIpv4', version: 6 });
    });

    it('badHeaderLength: IHL below 5', () => {
      const bytes = withPayload(KEEPALIVED, 20);
      bytes[0] = 0x44;
      assert.deepEqual(decodeError(bytes), { kind: 'badHeaderLength', ihl: 4 });
    });

    it('totalLengthMismatch: longer than received, or shorter than the header', () => {
      assert.deepEqual(decodeError(withPayload(KEEPALIVED, 19)), {
        kind: 'totalLengthMismatch',
        totalLength: 40,
        available: 39,
      });
      const short = withPayload(KEEPALIVED, 20);
      short[3] = 19;
      short[10] = 0;
      short[11] = 0;
      new DataView(short.buffer).setUint16(10, internetChecksum(short.subarray(0, 20)));
      assert.deepEqual(decodeError(short), { kind: 'totalLengthMismatch', totalLength: 19, available: 40 });
    });

    it('badHeaderChecksum', () => {
      const bytes = withPayload(KEEPALIVED, 20);
      bytes[8] = 64;
      assert.deepEqual(decodeError(bytes), { kind: 'badHeaderChecksum', received: 0xd02e });
    });
  });

  it('encoder throws RangeError on fields that do not fit', () => {
    assert.throws(() => encodeIpv4Header({ ...FIELDS, ttl: 256 }, 0), RangeError);
    assert.throws(() => encodeIpv4Header({ ...FIELDS, fragmentOffset: 0x2000 }, 0), RangeError);
    assert.throws(() => encodeIpv4Header({ ...FIELDS, options: new Uint8Array(3) }, 0), RangeError);
    assert.throws(() => encodeIpv4Header({ ...FIELDS, options: new Uint8Array(44) }, 0), RangeError);
    assert.throws(() => encodeIpv4Header(FIELDS, 65_516), RangeError);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        decodeIpv4Packet(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips arbitrary headers', () => {
    const address = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => ipv4FromBytes(b));
    const fields = fc.record(
      {
        tos: fc.integer({ min: 0, max: 255 }),
        identification: fc.integer({ min: 0, max: 0xffff }),
        dontFragment: fc.boolean(),
        moreFragments: fc.boolean(),
        fragmentOffset: fc.integer({ min: 0, max: 0x1fff }),
        ttl: fc.integer({ min: 0, max: 255 }),
        protocol: fc.integer({ min: 0, max: 255 }),
        source: address,
        destination: address,
        options: fc
          .integer({ min: 0, max: 10 })
          .chain((words) => fc.uint8Array({ minLength: words * 4, maxLength: words * 4 })),
      },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(fields, fc.uint8Array({ maxLength: 64 }), (f, payload) => {
        const packet = encodeIpv4Packet(f, payload);
        const decoded = decodeIpv4Packet(packet);
        assert.ok(decoded.ok);
        const { version, ihl, totalLength, headerChecksum, ...rest } = decoded.value.header;
        assert.deepEqual(rest, f);
        assert.equal(version, 4);
        assert.equal(ihl * 4, 20 + f.options.length);
        assert.equal(totalLength, packet.length);
        assert.equal(headerChecksum, ((packet[10] ?? 0) << 8) | (packet[11] ?? 0));
        assert.deepEqual(decoded.value.payload, payload);
      }),
    );
  });
});
