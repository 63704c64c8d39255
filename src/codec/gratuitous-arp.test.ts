import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Ipv4Address } from '../primitives/ip-address.js';
import type { MacAddress } from '../primitives/mac-address.js';
import { decodeArpPacket, encodeArpPacket } from './arp-packet.js';
import { decodeArpFrame, encodeGratuitousArp } from './gratuitous-arp.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

/** keepalived's GARP for 10.99.0.100 from 3a:4f:ba:d2:34:2f (v2_pass_multicast.pcap). */
const KEEPALIVED_GARP = fromHex(
  'ffffffffffff 3a4fbad2342f 0806' + '0001 0800 06 04 0001 3a4fbad2342f 0a630064 ffffffffffff 0a630064',
);

describe('gratuitous ARP', () => {
  it('encodes the 42-byte frame keepalived sends', () => {
    const frame = encodeGratuitousArp({
      senderMac: '3a:4f:ba:d2:34:2f' as MacAddress,
      address: '10.99.0.100' as Ipv4Address,
    });
    assert.equal(frame.length, 42);
    assert.deepEqual(frame, KEEPALIVED_GARP);
  });

  it('decodes it to typed fields', () => {
    assert.deepEqual(decodeArpFrame(KEEPALIVED_GARP), {
      ok: true,
      value: {
        ethernet: {
          destination: 'ff:ff:ff:ff:ff:ff',
          source: '3a:4f:ba:d2:34:2f',
          etherType: 0x0806,
        },
        arp: {
          operation: 1,
          senderMac: '3a:4f:ba:d2:34:2f',
          senderAddress: '10.99.0.100',
          targetMac: 'ff:ff:ff:ff:ff:ff',
          targetAddress: '10.99.0.100',
        },
      },
    });
  });

  it('decodes a frame with Ethernet padding to 60 bytes', () => {
    const padded = new Uint8Array(60);
    padded.set(KEEPALIVED_GARP, 0);
    const decoded = decodeArpFrame(padded);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.arp.targetAddress, '10.99.0.100');
  });

  it('reports each decode error', () => {
    assert.deepEqual(decodeArpFrame(KEEPALIVED_GARP.subarray(0, 10)), {
      ok: false,
      error: { kind: 'ethernet', error: { kind: 'truncated', length: 10, required: 14 } },
    });
    const ipv4 = Uint8Array.from(KEEPALIVED_GARP);
    ipv4[13] = 0x00;
    assert.deepEqual(decodeArpFrame(ipv4), { ok: false, error: { kind: 'notArp', etherType: 0x0800 } });
    assert.deepEqual(decodeArpFrame(KEEPALIVED_GARP.subarray(0, 41)), {
      ok: false,
      error: { kind: 'arp', error: { kind: 'truncated', length: 27, required: 28 } },
    });
    const ipv6Arp = Uint8Array.from(KEEPALIVED_GARP);
    ipv6Arp[16] = 0x86;
    ipv6Arp[17] = 0xdd;
    assert.deepEqual(decodeArpFrame(ipv6Arp), {
      ok: false,
      error: {
        kind: 'arp',
        error: {
          kind: 'unsupportedAddressFormat',
          hardwareType: 1,
          protocolType: 0x86dd,
          hardwareLength: 6,
          protocolLength: 4,
        },
      },
    });
  });

  it('decodeArpFrame never throws on arbitrary bytes', () => {
    const arpish = fc
      .uint8Array({ maxLength: 64 })
      .map((tail) => Uint8Array.from([...KEEPALIVED_GARP.subarray(0, 14), ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), arpish), (bytes) => {
        decodeArpFrame(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('ARP packets round-trip', () => {
    const mac = fc
      .uint8Array({ minLength: 6, maxLength: 6 })
      .map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':') as MacAddress);
    const address = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => b.join('.') as Ipv4Address);
    const packet = fc.record(
      {
        operation: fc.integer({ min: 0, max: 0xffff }),
        senderMac: mac,
        senderAddress: address,
        targetMac: mac,
        targetAddress: address,
      },
      { noNullPrototype: true },
    );
    fc.assert(
      fc.property(packet, (p) => {
        assert.deepEqual(decodeArpPacket(encodeArpPacket(p)), { ok: true, value: p });
      }),
    );
  });
});
