import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { macFromBytes, type MacAddress } from '../primitives/mac-address.js';
import { decodeEthernetFrame, encodeEthernetFrame, ETHERTYPE_IPV4, type EthernetHeader } from './ethernet-frame.js';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));

const HEADER: EthernetHeader = {
  destination: '01:00:5e:00:00:12' as MacAddress,
  source: '3a:4f:ba:d2:34:2f' as MacAddress,
  etherType: ETHERTYPE_IPV4,
};
const PAYLOAD = Uint8Array.of(0x45, 0xc0);

describe('Ethernet frame', () => {
  it('encodes and decodes an untagged frame', () => {
    const frame = encodeEthernetFrame(HEADER, PAYLOAD);
    assert.deepEqual(frame, fromHex('01005e000012 3a4fbad2342f 0800 45c0'));
    const decoded = decodeEthernetFrame(frame);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, { header: HEADER, payload: PAYLOAD });
  });

  it('encodes and decodes an 802.1Q tag (PCP 6, DEI, VID 100)', () => {
    const header: EthernetHeader = { ...HEADER, vlan: { id: 100, priority: 6, dropEligible: true } };
    const frame = encodeEthernetFrame(header, PAYLOAD);
    assert.deepEqual(frame, fromHex('01005e000012 3a4fbad2342f 8100 d064 0800 45c0'));
    const decoded = decodeEthernetFrame(frame);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value, { header, payload: PAYLOAD });
  });

  it('reports truncation of the header and of the tag', () => {
    assert.deepEqual(decodeEthernetFrame(new Uint8Array(13)), {
      ok: false,
      error: { kind: 'truncated', length: 13, required: 14 },
    });
    const tagged = fromHex('01005e000012 3a4fbad2342f 8100 d064 08');
    assert.deepEqual(decodeEthernetFrame(tagged), {
      ok: false,
      error: { kind: 'truncated', length: 17, required: 18 },
    });
  });

  it('throws RangeError on a tag field that does not fit', () => {
    assert.throws(
      () => encodeEthernetFrame({ ...HEADER, vlan: { id: 4096, priority: 0, dropEligible: false } }, PAYLOAD),
      RangeError,
    );
    assert.throws(
      () => encodeEthernetFrame({ ...HEADER, vlan: { id: 1, priority: 8, dropEligible: false } }, PAYLOAD),
      RangeError,
    );
  });

  it('never throws on arbitrary bytes, and round-trips what it decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoded = decodeEthernetFrame(bytes);
        if (decoded.ok) assert.deepEqual(encodeEthernetFrame(decoded.value.header, decoded.value.payload), bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips arbitrary headers', () => {
    const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => macFromBytes(b));
    const vlan = fc.record(
      { id: fc.integer({ min: 0, max: 4095 }), priority: fc.integer({ min: 0, max: 7 }), dropEligible: fc.boolean() },
      { noNullPrototype: true },
    );
    const header = fc.record(
      {
        destination: mac,
        source: mac,
        etherType: fc.integer({ min: 0, max: 0xffff }).filter((t) => t !== 0x8100),
        vlan,
      },
      { requiredKeys: ['destination', 'source', 'etherType'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 32 }), (h, payload) => {
        const decoded = decodeEthernetFrame(encodeEthernetFrame(h, payload));
        assert.ok(decoded.ok);
        assert.deepEqual(decoded.value, { header: h, payload });
      }),
    );
  });
});
