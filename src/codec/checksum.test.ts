import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checksumFromSum,
  checksumVerifies,
  internetChecksum,
  ipv4PseudoHeaderSum,
  ipv6PseudoHeaderSum,
  onesComplementSum,
} from './checksum.js';

/** Reference: sum 16-bit words one at a time with end-around carry, as RFC 1071 §2 describes. */
function referenceSum(bytes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if (sum > 0xffff) sum = (sum & 0xffff) + 1;
  }
  return sum;
}

describe('RFC 1071 Internet checksum', () => {
  it('reproduces the worked example of RFC 1071 §3', () => {
    // 00 01 f2 03 f4 f5 f6 f7: 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2.
    const bytes = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    assert.equal(onesComplementSum(bytes), 0xddf2);
    assert.equal(internetChecksum(bytes), 0x220d);
  });

  it('pads an odd trailing byte with zero on the right', () => {
    assert.equal(onesComplementSum(Uint8Array.of(0xab)), 0xab00);
    assert.equal(onesComplementSum(Uint8Array.of(0x12, 0x34, 0x56)), 0x1234 + 0x5600);
  });

  it('is the complement of the empty sum for no bytes', () => {
    assert.equal(onesComplementSum(new Uint8Array(0)), 0);
    assert.equal(internetChecksum(new Uint8Array(0)), 0xffff);
  });

  it('reproduces a captured VRRPv2 checksum (keepalived, auth PASS "secret1")', () => {
    const message = Uint8Array.from([
      0x21,
      0x33,
      0x96,
      0x01,
      0x01,
      0x01,
      0x00,
      0x00,
      0x0a,
      0x63,
      0x00,
      0x64,
      ...new TextEncoder().encode('secret1'),
      0,
    ]);
    assert.equal(internetChecksum(message), 0xcfb6);
    message[6] = 0xcf;
    message[7] = 0xb6;
    assert.ok(checksumVerifies(message));
  });

  it('matches a word-by-word reference sum on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(onesComplementSum(bytes), referenceSum([...bytes]));
      }),
    );
  });

  it('verifies any message once its checksum is stored, with or without a pseudo-header sum', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 2, maxLength: 300 }),
        fc.integer({ min: 0, max: 0xffff }),
        (raw, pseudo) => {
          const bytes = Uint8Array.from(raw);
          bytes[0] = 0;
          bytes[1] = 0;
          const checksum = internetChecksum(bytes, pseudo);
          bytes[0] = checksum >> 8;
          bytes[1] = checksum & 0xff;
          assert.ok(checksumVerifies(bytes, pseudo));
        },
      ),
    );
  });

  it('composes: the sum of a concatenation of even-length parts is the chained sum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (a, b) => {
        const first = a.subarray(0, a.length & ~1);
        const joined = new Uint8Array(first.length + b.length);
        joined.set(first, 0);
        joined.set(b, first.length);
        assert.equal(onesComplementSum(b, onesComplementSum(first)), onesComplementSum(joined));
      }),
    );
  });

  it('keeps checksumFromSum within 16 bits', () => {
    assert.equal(checksumFromSum(0), 0xffff);
    assert.equal(checksumFromSum(0xffff), 0);
  });
});

describe('pseudo-header sums', () => {
  it('IPv4 (RFC 768 layout) equals the sum of the explicit 12-byte pseudo-header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 0xffff }),
        (source, destination, protocol, length) => {
          const explicit = Uint8Array.from([...source, ...destination, 0, protocol, length >> 8, length & 0xff]);
          assert.equal(ipv4PseudoHeaderSum(source, destination, protocol, length), onesComplementSum(explicit));
        },
      ),
    );
  });

  it('IPv6 (RFC 8200 §8.1 layout) equals the sum of the explicit 40-byte pseudo-header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (source, destination, nextHeader, length) => {
          const explicit = new Uint8Array(40);
          explicit.set(source, 0);
          explicit.set(destination, 16);
          new DataView(explicit.buffer).setUint32(32, length);
          explicit[39] = nextHeader;
          assert.equal(ipv6PseudoHeaderSum(source, destination, nextHeader, length), onesComplementSum(explicit));
        },
      ),
    );
  });
});
