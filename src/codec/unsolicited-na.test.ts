import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ipAddressBytes, type Ipv6Address } from '../primitives/ip-address.js';
import type { MacAddress } from '../primitives/mac-address.js';
import { internetChecksum, ipv6PseudoHeaderSum } from './checksum.js';
import { decodeNeighbourAdvertMessage, encodeNeighbourAdvertMessage } from './neighbour-advert-message.js';
import { decodeNeighbourAdvert, encodeUnsolicitedNeighbourAdvert } from './unsolicited-na.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

/** keepalived's unsolicited NA for fd00:99::100 from 3a:4f:ba:d2:34:2f (v3_ipv6.pcap). */
const KEEPALIVED_NA = fromHex(
  '333300000001 3a4fbad2342f 86dd' +
    '6000 0000 0020 3aff fd00 0099 0000 0000 0000 0000 0000 0100 ff02 0000 0000 0000 0000 0000 0000 0001' +
    '8800 301b 2000 0000 fd00 0099 0000 0000 0000 0000 0000 0100 0201 3a4f bad2 342f',
);
const SOURCE = 'fd00:99::100' as Ipv6Address;
const MAC = '3a:4f:ba:d2:34:2f' as MacAddress;
const ALL_NODES = 'ff02::1' as Ipv6Address;

describe('unsolicited neighbour advertisement', () => {
  it('encodes the 86-byte frame keepalived sends (R=0, S=0, O=1, source = target = VIP)', () => {
    const frame = encodeUnsolicitedNeighbourAdvert({ sourceMac: MAC, source: SOURCE, target: SOURCE, router: false });
    assert.equal(frame.length, 86);
    assert.deepEqual(frame, KEEPALIVED_NA);
  });

  it('sets the Router flag and adjusts the checksum', () => {
    const frame = encodeUnsolicitedNeighbourAdvert({ sourceMac: MAC, source: SOURCE, target: SOURCE, router: true });
    assert.equal(frame[58], 0xa0);
    const decoded = decodeNeighbourAdvert(frame);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.advert.router, true);
  });

  it('decodes it to typed fields', () => {
    const decoded = decodeNeighbourAdvert(KEEPALIVED_NA);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.advert, {
      router: false,
      solicited: false,
      override: true,
      target: SOURCE,
      targetLinkLayerAddress: MAC,
    });
    assert.equal(decoded.value.ipv6.hopLimit, 255);
    assert.equal(decoded.value.ipv6.destination, ALL_NODES);
    assert.equal(decoded.value.ethernet.destination, '33:33:00:00:00:01');
  });

  it('reports each decode error', () => {
    const error = (bytes: Uint8Array): unknown => {
      const result = decodeNeighbourAdvert(bytes);
      assert.ok(!result.ok);
      return result.error;
    };
    assert.deepEqual(error(KEEPALIVED_NA.subarray(0, 5)), {
      kind: 'ethernet',
      error: { kind: 'truncated', length: 5, required: 14 },
    });
    const arp = Uint8Array.from(KEEPALIVED_NA);
    arp[12] = 0x08;
    arp[13] = 0x06;
    assert.deepEqual(error(arp), { kind: 'notIpv6', etherType: 0x0806 });
    assert.deepEqual(error(KEEPALIVED_NA.subarray(0, 80)), {
      kind: 'ipv6',
      error: { kind: 'payloadLengthMismatch', payloadLength: 32, available: 26 },
    });
    const udp = Uint8Array.from(KEEPALIVED_NA);
    udp[20] = 17;
    assert.deepEqual(error(udp), { kind: 'notIcmpv6', nextHeader: 17 });
    const solicitation = Uint8Array.from(KEEPALIVED_NA);
    solicitation[54] = 135;
    assert.deepEqual(error(solicitation), {
      kind: 'neighbourAdvert',
      error: { kind: 'notNeighbourAdvert', type: 135, code: 0 },
    });
    const corrupt = Uint8Array.from(KEEPALIVED_NA);
    corrupt[85] = 0x30;
    assert.deepEqual(error(corrupt), { kind: 'neighbourAdvert', error: { kind: 'badChecksum', received: 0x301b } });
  });

  describe('message options (RFC 4861 §4.6)', () => {
    const FIXED = { router: false, solicited: true, override: false, target: SOURCE } as const;

    /** The fixed 24 bytes followed by `options`, with a valid checksum. */
    function withOptions(options: readonly number[]): Uint8Array {
      const message = Uint8Array.from([...encodeNeighbourAdvertMessage(FIXED, SOURCE, ALL_NODES), ...options]);
      message[2] = 0;
      message[3] = 0;
      const pseudo = ipv6PseudoHeaderSum(ipAddressBytes(SOURCE), ipAddressBytes(ALL_NODES), 58, message.length);
      new DataView(message.buffer).setUint16(2, internetChecksum(message, pseudo));
      return message;
    }
    const decode = (message: Uint8Array) => decodeNeighbourAdvertMessage(message, SOURCE, ALL_NODES);
    const TLLA = [2, 1, 0x3a, 0x4f, 0xba, 0xd2, 0x34, 0x2f];

    it('decodes without options', () => {
      const message = encodeNeighbourAdvertMessage(FIXED, SOURCE, ALL_NODES);
      assert.equal(message.length, 24);
      assert.deepEqual(decode(message), { ok: true, value: FIXED });
    });

    it('skips unknown options and finds the TLLA after them', () => {
      const nonce = [14, 1, 1, 2, 3, 4, 5, 6];
      assert.deepEqual(decode(withOptions([...nonce, ...TLLA])), {
        ok: true,
        value: { ...FIXED, targetLinkLayerAddress: MAC },
      });
    });

    it('rejects an option of length 0, one running past the end, a lone byte, and a non-Ethernet TLLA', () => {
      assert.deepEqual(decode(withOptions([14, 0, 0, 0, 0, 0, 0, 0])), {
        ok: false,
        error: { kind: 'badOption', offset: 24, type: 14, length: 0 },
      });
      assert.deepEqual(decode(withOptions([...TLLA, 14, 2, 0, 0, 0, 0, 0, 0])), {
        ok: false,
        error: { kind: 'badOption', offset: 32, type: 14, length: 2 },
      });
      assert.deepEqual(decode(withOptions([2])), {
        ok: false,
        error: { kind: 'badOption', offset: 24, type: 2, length: 0 },
      });
      assert.deepEqual(decode(withOptions([2, 2, ...new Array<number>(14).fill(0)])), {
        ok: false,
        error: { kind: 'badOption', offset: 24, type: 2, length: 2 },
      });
    });

    it('never throws on arbitrary options with a valid checksum', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }), (options) => {
          decode(withOptions(options));
        }),
        { numRuns: 2000 },
      );
    });

    it('round-trips flags, target and TLLA', () => {
      fc.assert(
        fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (router, solicited, override, tlla) => {
          const advert = tlla
            ? { ...FIXED, router, solicited, override, targetLinkLayerAddress: MAC }
            : { ...FIXED, router, solicited, override };
          assert.deepEqual(decode(encodeNeighbourAdvertMessage(advert, SOURCE, ALL_NODES)), {
            ok: true,
            value: advert,
          });
        }),
      );
    });
  });

  it('decodeNeighbourAdvert never throws on arbitrary bytes', () => {
    const naish = fc
      .uint8Array({ maxLength: 80 })
      .map((tail) => Uint8Array.from([...KEEPALIVED_NA.subarray(0, 54), ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), naish), (bytes) => {
        decodeNeighbourAdvert(bytes);
      }),
      { numRuns: 2000 },
    );
  });
});
