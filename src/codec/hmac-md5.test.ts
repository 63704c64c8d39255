import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hmacMd5, hmacMd5_96 } from './hmac-md5.js';
import { md5 } from './md5.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('md5 (RFC 1321)', () => {
  it('gives the digests of the RFC 1321 §A.5 test suite', () => {
    const suite: readonly [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [message, digest] of suite) assert.equal(hex(md5(ascii(message))), digest, JSON.stringify(message));
  });

  it('agrees with node:crypto on any input, including the 55/56/64-byte padding edges', () => {
    for (const length of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) & 0xff);
      assert.equal(hex(md5(bytes)), createHash('md5').update(bytes).digest('hex'), `length ${length}`);
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(hex(md5(bytes)), createHash('md5').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('hmacMd5 (RFC 2104)', () => {
  it('gives the test vectors of RFC 2104 §Appendix / RFC 2202 §2', () => {
    assert.equal(hex(hmacMd5(new Uint8Array(16).fill(0x0b), ascii('Hi There'))), '9294727a3638bb1c13f48ef8158bfc9d');
    assert.equal(hex(hmacMd5(ascii('Jefe'), ascii('what do ya want for nothing?'))), '750c783e6ab0b503eaa86e310a5db738');
    assert.equal(hex(hmacMd5(new Uint8Array(16).fill(0xaa), new Uint8Array(50).fill(0xdd))), '56be34521d144c88dbb8c733f0e8b3f6');
    // RFC 2202 test case 6: a key longer than the block is hashed first.
    assert.equal(
      hex(hmacMd5(new Uint8Array(80).fill(0xaa), ascii('Test Using Larger Than Block-Size Key - Hash Key First'))),
      '6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd',
    );
  });

  it('agrees with node:crypto for any key and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 200 }), (key, message) => {
        assert.equal(hex(hmacMd5(key, message)), createHmac('md5', key).update(message).digest('hex'));
      }),
    );
  });

  it('HMAC-MD5-96 is the first 12 bytes (RFC 2403 §2)', () => {
    const key = ascii('secret12');
    const message = ascii('vrrp');
    assert.equal(hex(hmacMd5_96(key, message)), createHmac('md5', key).update(message).digest('hex').slice(0, 24));
  });
});
