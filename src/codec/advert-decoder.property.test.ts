import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ipv4FromBytes,
  ipv6FromBytes,
  type IpAddress,
  type IpFamily,
  type Ipv4Address,
  type Ipv6Address,
} from '../primitives/ip-address.js';
import { centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import type { Advert, AdvertAddressing, AdvertV2, AdvertV3, ChecksumForm, V2AuthType } from './advert.js';
import { advertPseudoHeaderSum, sentChecksumForm } from './advert-checksum.js';
import { decodeAdvert } from './advert-decoder.js';
import { encodeAdvert } from './advert-encoder.js';
import { DECODE_ERROR_KINDS } from './decode-error.js';

/** Ordinary objects, so that decoded values compare deep-equal to generated ones. */
const PLAIN = { noNullPrototype: true };

const ipv4Address: fc.Arbitrary<Ipv4Address> = fc
  .uint8Array({ minLength: 4, maxLength: 4 })
  .map((b) => ipv4FromBytes(b));
const ipv6Address: fc.Arbitrary<Ipv6Address> = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((b) => ipv6FromBytes(b));
const addressOf = (family: IpFamily): fc.Arbitrary<IpAddress> => (family === 'ipv4' ? ipv4Address : ipv6Address);

const family: fc.Arbitrary<IpFamily> = fc.constantFrom('ipv4', 'ipv6');
const checksumForm: fc.Arbitrary<ChecksumForm> = fc.constantFrom('pseudoHeader', 'messageOnly');
const addressing = (f: IpFamily): fc.Arbitrary<AdvertAddressing> =>
  fc.record({ family: fc.constant(f), source: addressOf(f), destination: addressOf(f) }, PLAIN);
const anyAddressing: fc.Arbitrary<AdvertAddressing> = family.chain(addressing);

const vrid = fc.integer({ min: 1, max: 255 }).map((v) => v as Vrid);
const priority = fc.integer({ min: 0, max: 255 }).map((p) => p as Priority);

const advertV2: fc.Arbitrary<AdvertV2> = fc.record(
  {
    version: fc.constant(2 as const),
    vrid,
    priority,
    interval: fc.integer({ min: 1, max: 255 }).map((s) => centiseconds(s * 100)),
    addresses: fc.array(ipv4Address, { minLength: 1, maxLength: 255 }),
    authentication: fc.record(
      {
        type: fc.constantFrom<V2AuthType>('none', 'simpleText', 'ipAh'),
        data: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      },
      PLAIN,
    ),
  },
  PLAIN,
);
const advertV3 = (f: IpFamily): fc.Arbitrary<AdvertV3> =>
  fc.record(
    {
      version: fc.constant(3 as const),
      vrid,
      priority,
      interval: fc.integer({ min: 1, max: 4095 }).map(centiseconds),
      addresses: fc.array(addressOf(f), { minLength: 1, maxLength: 255 }),
    },
    PLAIN,
  );

/** A valid advert and the addressing it is sent with: v2 over IPv4, v3 over either. */
const advertWithAddressing: fc.Arbitrary<{ advert: Advert; addressing: AdvertAddressing }> = fc.oneof(
  fc.record({ advert: advertV2, addressing: addressing('ipv4') }, PLAIN),
  family.chain((f) => fc.record({ advert: advertV3(f), addressing: addressing(f) }, PLAIN)),
);

/**
 * The form the decoder reports: the one sent, except that a v3/IPv4
 * message-only checksum also verifies with a pseudo-header whose sum is
 * one's-complement zero, and the decoder then prefers pseudoHeader.
 */
function expectedForm(
  advert: Advert,
  addressing: AdvertAddressing,
  requested: ChecksumForm,
  length: number,
): ChecksumForm {
  const sent = sentChecksumForm(advert.version, addressing, requested);
  const ambiguous = advert.version === 3 && advertPseudoHeaderSum(addressing, length) === 0xffff;
  return ambiguous ? 'pseudoHeader' : sent;
}

describe('decodeAdvert properties', () => {
  it('never throws on arbitrary bytes, and every error is a known kind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), anyAddressing, (bytes, at) => {
        const result = decodeAdvert(bytes, at);
        if (!result.ok) assert.ok(DECODE_ERROR_KINDS.includes(result.error.kind));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on near-valid bytes: a valid message with random mutations and lengths', () => {
    fc.assert(
      fc.property(
        advertWithAddressing,
        checksumForm,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.integer({ min: -8, max: 8 }),
        ({ advert, addressing: at }, form, edits, lengthDelta) => {
          const valid = encodeAdvert(advert, at, form);
          const bytes = new Uint8Array(Math.max(0, valid.length + lengthDelta));
          bytes.set(valid.subarray(0, bytes.length));
          for (const [position, value] of edits) bytes[position % Math.max(1, bytes.length)] = value;
          decodeAdvert(bytes, at);
          decodeAdvert(bytes, { ...at, family: at.family === 'ipv4' ? 'ipv6' : 'ipv4' });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips every valid advert, both versions, families and checksum forms', () => {
    fc.assert(
      fc.property(advertWithAddressing, checksumForm, ({ advert, addressing: at }, form) => {
        const bytes = encodeAdvert(advert, at, form);
        const decoded = decodeAdvert(bytes, at);
        assert.ok(decoded.ok, JSON.stringify(decoded));
        assert.deepEqual(decoded.value.advert, advert);
        assert.equal(decoded.value.checksumForm, expectedForm(advert, at, form, bytes.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects any single-bit flip of a valid message, but for a v3/IPv4 switch of checksum form', () => {
    // A flip changes the message sum by ±2^k, never by a multiple of 0xffff, so
    // the form that verified before cannot verify after. Over v3/IPv4 the other
    // form verifies if the pseudo-header sum happens to be ∓2^k: the price of
    // accepting both forms, and why the decoder reports the form it verified.
    fc.assert(
      fc.property(advertWithAddressing, checksumForm, fc.nat(), ({ advert, addressing: at }, form, bit) => {
        const bytes = encodeAdvert(advert, at, form);
        const sent = expectedForm(advert, at, form, bytes.length);
        const position = bit % (bytes.length * 8);
        bytes[position >> 3] = (bytes[position >> 3] ?? 0) ^ (0x80 >> (position & 7));
        const decoded = decodeAdvert(bytes, at);
        if (decoded.ok) {
          assert.equal(advert.version === 3 && at.family === 'ipv4', true);
          assert.notEqual(decoded.value.checksumForm, sent);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
