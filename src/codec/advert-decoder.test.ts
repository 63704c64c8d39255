import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ipv4Address, Ipv6Address } from '../primitives/ip-address.js';
import { centiseconds } from '../primitives/time.js';
import type { AdvertAddressing, AdvertV3, ChecksumForm } from './advert.js';
import { advertPseudoHeaderSum } from './advert-checksum.js';
import { decodeAdvert, peekVrid } from './advert-decoder.js';
import { encodeAdvert } from './advert-encoder.js';
import { internetChecksum } from './checksum.js';
import { DECODE_ERROR_KINDS, type DecodeError, type DecodeErrorKind } from './decode-error.js';
import { IPV4, IPV6, V2, V3_IPV4, V3_IPV6 } from '../../test/support/advert-samples.js';

/** Recompute the checksum of a mutated message in the given form. */
function withChecksum(bytes: Uint8Array, addressing: AdvertAddressing, form: ChecksumForm): Uint8Array {
  const fixed = Uint8Array.from(bytes);
  fixed[6] = 0;
  fixed[7] = 0;
  const pseudo = form === 'pseudoHeader' ? advertPseudoHeaderSum(addressing, fixed.length) : 0;
  const checksum = internetChecksum(fixed, pseudo);
  fixed[6] = checksum >> 8;
  fixed[7] = checksum & 0xff;
  return fixed;
}

/** A valid message with one byte replaced and the checksum made valid again. */
function mutated(
  valid: Uint8Array,
  offset: number,
  value: number,
  addressing: AdvertAddressing,
  form: ChecksumForm,
): Uint8Array {
  const bytes = Uint8Array.from(valid);
  bytes[offset] = value;
  return withChecksum(bytes, addressing, form);
}

function decodeError(bytes: Uint8Array, addressing: AdvertAddressing): DecodeError {
  const result = decodeAdvert(bytes, addressing);
  assert.ok(!result.ok, 'expected a decode error');
  return result.error;
}

const v2Bytes = encodeAdvert(V2, IPV4, 'messageOnly');
const v3Ipv4Bytes = encodeAdvert(V3_IPV4, IPV4, 'pseudoHeader');
const v3Ipv6Bytes = encodeAdvert(V3_IPV6, IPV6, 'pseudoHeader');

/** One case per DecodeError kind; the Record type makes the list exhaustive at compile time. */
const ERROR_CASES: Record<
  DecodeErrorKind,
  () => { bytes: Uint8Array; addressing: AdvertAddressing; expected: DecodeError }
> = {
  truncated: () => ({
    bytes: v3Ipv4Bytes.subarray(0, 7),
    addressing: IPV4,
    expected: { kind: 'truncated', length: 7 },
  }),
  unsupportedVersion: () => ({
    bytes: mutated(v3Ipv4Bytes, 0, 0x41, IPV4, 'pseudoHeader'),
    addressing: IPV4,
    expected: { kind: 'unsupportedVersion', version: 4 },
  }),
  versionFamilyMismatch: () => ({
    bytes: v2Bytes,
    addressing: IPV6,
    expected: { kind: 'versionFamilyMismatch', version: 2 },
  }),
  unknownType: () => ({
    bytes: mutated(v3Ipv4Bytes, 0, 0x32, IPV4, 'pseudoHeader'),
    addressing: IPV4,
    expected: { kind: 'unknownType', type: 2 },
  }),
  zeroVrid: () => ({
    bytes: mutated(v2Bytes, 1, 0, IPV4, 'messageOnly'),
    addressing: IPV4,
    expected: { kind: 'zeroVrid' },
  }),
  zeroAddressCount: () => ({
    bytes: mutated(v3Ipv6Bytes, 3, 0, IPV6, 'pseudoHeader'),
    addressing: IPV6,
    expected: { kind: 'zeroAddressCount' },
  }),
  lengthMismatch: () => ({
    bytes: mutated(v3Ipv6Bytes, 3, 3, IPV6, 'pseudoHeader'),
    addressing: IPV6,
    expected: { kind: 'lengthMismatch', expected: 56, actual: 40 },
  }),
  badChecksum: () => {
    const bytes = Uint8Array.from(v3Ipv4Bytes);
    bytes[7] = (bytes[7] ?? 0) ^ 0x01;
    return {
      bytes,
      addressing: IPV4,
      expected: { kind: 'badChecksum', received: (bytes[6] ?? 0) * 256 + (bytes[7] ?? 0) },
    };
  },
  unknownAuthType: () => ({
    bytes: mutated(v2Bytes, 4, 3, IPV4, 'messageOnly'),
    addressing: IPV4,
    expected: { kind: 'unknownAuthType', authType: 3 },
  }),
  zeroInterval: () => ({
    bytes: mutated(v3Ipv4Bytes, 5, 0, IPV4, 'pseudoHeader'),
    addressing: IPV4,
    expected: { kind: 'zeroInterval' },
  }),
};

describe('decodeAdvert errors, one per DecodeError kind', () => {
  for (const kind of DECODE_ERROR_KINDS) {
    it(kind, () => {
      const { bytes, addressing, expected } = ERROR_CASES[kind]();
      assert.deepEqual(decodeError(bytes, addressing), expected);
    });
  }
});

describe('decodeAdvert error details', () => {
  it('truncated: empty input and a 7-byte v2 header', () => {
    assert.deepEqual(decodeError(new Uint8Array(0), IPV4), { kind: 'truncated', length: 0 });
    assert.deepEqual(decodeError(v2Bytes.subarray(0, 7), IPV4), { kind: 'truncated', length: 7 });
  });

  it('unsupportedVersion: versions 0, 1 and 15', () => {
    for (const version of [0, 1, 15]) {
      const bytes = mutated(v2Bytes, 0, (version << 4) | 1, IPV4, 'messageOnly');
      assert.deepEqual(decodeError(bytes, IPV4), { kind: 'unsupportedVersion', version });
    }
  });

  it('unknownType: type 0 and 15, in both versions', () => {
    for (const type of [0, 15]) {
      assert.deepEqual(decodeError(mutated(v2Bytes, 0, 0x20 | type, IPV4, 'messageOnly'), IPV4), {
        kind: 'unknownType',
        type,
      });
      assert.deepEqual(decodeError(mutated(v3Ipv6Bytes, 0, 0x30 | type, IPV6, 'pseudoHeader'), IPV6), {
        kind: 'unknownType',
        type,
      });
    }
  });

  it('zeroAddressCount: as encoded with an empty address list', () => {
    const bytes = encodeAdvert({ ...V2, addresses: [] }, IPV4, 'messageOnly');
    assert.deepEqual(decodeError(bytes, IPV4), { kind: 'zeroAddressCount' });
  });

  it('lengthMismatch: v2 counts the 8 bytes of Authentication Data', () => {
    assert.deepEqual(decodeError(v2Bytes.subarray(0, 12), IPV4), { kind: 'lengthMismatch', expected: 20, actual: 12 });
  });

  it('lengthMismatch: v2 followed by Ethernet padding (the runtime cuts by IP total length first)', () => {
    // A 54-byte v2 frame padded to the 60-byte Ethernet minimum leaves 6 bytes after the message.
    const padded = new Uint8Array(v2Bytes.length + 6);
    padded.set(v2Bytes, 0);
    assert.deepEqual(decodeError(padded, IPV4), { kind: 'lengthMismatch', expected: 20, actual: 26 });
  });

  it('lengthMismatch: the address width follows the family, not the message', () => {
    // One 4-byte address is 12 bytes; over IPv6 one address needs 24.
    const bytes = encodeAdvert(V3_IPV4, IPV4, 'messageOnly');
    assert.deepEqual(decodeError(bytes, IPV6), { kind: 'lengthMismatch', expected: 24, actual: 12 });
  });

  it('badChecksum: v3/IPv6 never accepts the message-only form', () => {
    const bytes = withChecksum(v3Ipv6Bytes, IPV6, 'messageOnly');
    assert.equal(decodeError(bytes, IPV6).kind, 'badChecksum');
  });

  it('badChecksum: v2 never accepts the pseudo-header form', () => {
    const bytes = withChecksum(v2Bytes, IPV4, 'pseudoHeader');
    assert.equal(decodeError(bytes, IPV4).kind, 'badChecksum');
  });

  it('badChecksum: a v3/IPv4 pseudo-header checksum does not verify against another destination', () => {
    const unicast: AdvertAddressing = { ...IPV4, destination: '10.99.0.2' as Ipv4Address };
    assert.deepEqual(decodeError(v3Ipv4Bytes, unicast), {
      kind: 'badChecksum',
      received: ((v3Ipv4Bytes[6] ?? 0) << 8) | (v3Ipv4Bytes[7] ?? 0),
    });
  });

  it('zeroInterval: v2 Adver Int 0 seconds', () => {
    assert.deepEqual(decodeError(mutated(v2Bytes, 5, 0, IPV4, 'messageOnly'), IPV4), { kind: 'zeroInterval' });
  });

  it('zeroInterval: v3 with only reserved bits set (they are not part of the interval)', () => {
    const bytes = withChecksum(
      Uint8Array.from([...v3Ipv4Bytes.subarray(0, 4), 0xf0, 0x00, ...v3Ipv4Bytes.subarray(6)]),
      IPV4,
      'pseudoHeader',
    );
    assert.deepEqual(decodeError(bytes, IPV4), { kind: 'zeroInterval' });
  });

  it('unknownAuthType: 255', () => {
    assert.deepEqual(decodeError(mutated(v2Bytes, 4, 255, IPV4, 'messageOnly'), IPV4), {
      kind: 'unknownAuthType',
      authType: 255,
    });
  });
});

describe('decodeAdvert check order', () => {
  it('checks the checksum before the interval', () => {
    const bytes = Uint8Array.from(v3Ipv4Bytes);
    bytes[5] = 0;
    assert.equal(decodeError(bytes, IPV4).kind, 'badChecksum');
  });

  it('checks the length before the checksum', () => {
    assert.equal(decodeError(v3Ipv4Bytes.subarray(0, 10), IPV4).kind, 'lengthMismatch');
  });

  it('checks the version-family pairing before the type', () => {
    assert.equal(decodeError(mutated(v2Bytes, 0, 0x22, IPV4, 'messageOnly'), IPV6).kind, 'versionFamilyMismatch');
  });

  it('checks the interval before the v2 auth type', () => {
    const bytes = Uint8Array.from(v2Bytes);
    bytes[4] = 7;
    bytes[5] = 0;
    assert.equal(decodeError(withChecksum(bytes, IPV4, 'messageOnly'), IPV4).kind, 'zeroInterval');
  });
});

describe('decodeAdvert checksum forms', () => {
  it('v2: message only', () => {
    const decoded = decodeAdvert(v2Bytes, IPV4);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.checksumForm, 'messageOnly');
    assert.deepEqual(decoded.value.advert, V2);
  });

  it('v3/IPv4: the pseudo-header form is accepted and reported', () => {
    const decoded = decodeAdvert(v3Ipv4Bytes, IPV4);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.checksumForm, 'pseudoHeader');
    assert.deepEqual(decoded.value.advert, V3_IPV4);
  });

  it('v3/IPv4: the message-only form (RFC 9568) is accepted and reported', () => {
    const bytes = encodeAdvert(V3_IPV4, IPV4, 'messageOnly');
    assert.notDeepEqual(bytes, v3Ipv4Bytes);
    const decoded = decodeAdvert(bytes, IPV4);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.checksumForm, 'messageOnly');
    assert.deepEqual(decoded.value.advert, V3_IPV4);
  });

  it('v3/IPv4: a packet valid in both forms (pseudo-header sum 0xffff) is reported as pseudoHeader', () => {
    // 0a63+0001 (source) + f51f+0000 (destination) + 0070 (protocol) + 000c (length) = ffff.
    const addressing: AdvertAddressing = {
      family: 'ipv4',
      source: '10.99.0.1' as Ipv4Address,
      destination: '245.31.0.0' as Ipv4Address,
    };
    assert.equal(advertPseudoHeaderSum(addressing, 12), 0xffff);
    const messageOnly = encodeAdvert(V3_IPV4, addressing, 'messageOnly');
    assert.deepEqual(messageOnly, encodeAdvert(V3_IPV4, addressing, 'pseudoHeader'));
    const decoded = decodeAdvert(messageOnly, addressing);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.checksumForm, 'pseudoHeader');
  });

  it('v3/IPv6: pseudo-header', () => {
    const decoded = decodeAdvert(v3Ipv6Bytes, IPV6);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.checksumForm, 'pseudoHeader');
    assert.deepEqual(decoded.value.advert, V3_IPV6);
  });
});

describe('decodeAdvert fields', () => {
  it('v3 ignores the 4 reserved bits above Max Adver Int (RFC 5798 §5.2.7)', () => {
    const bytes = withChecksum(
      Uint8Array.from([...v3Ipv6Bytes.subarray(0, 4), 0xf0 | (v3Ipv6Bytes[4] ?? 0), ...v3Ipv6Bytes.subarray(5)]),
      IPV6,
      'pseudoHeader',
    );
    const decoded = decodeAdvert(bytes, IPV6);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.advert.interval, 100);
  });

  it('v3 reads all 12 interval bits: 4095 centiseconds', () => {
    const decoded = decodeAdvert(
      encodeAdvert({ ...V3_IPV4, interval: centiseconds(4095) }, IPV4, 'pseudoHeader'),
      IPV4,
    );
    assert.ok(decoded.ok);
    assert.equal(decoded.value.advert.interval, 4095);
  });

  it('v2 converts Adver Int seconds to centiseconds: 255 s', () => {
    const decoded = decodeAdvert(mutated(v2Bytes, 5, 255, IPV4, 'messageOnly'), IPV4);
    assert.ok(decoded.ok);
    assert.equal(decoded.value.advert.interval, 25_500);
  });

  it('v2 decodes each auth type and copies the Authentication Data', () => {
    for (const [code, type] of [
      [0, 'none'],
      [1, 'simpleText'],
      [2, 'ipAh'],
    ] as const) {
      const bytes = mutated(v2Bytes, 4, code, IPV4, 'messageOnly');
      const decoded = decodeAdvert(bytes, IPV4);
      assert.deepEqual(decoded, {
        ok: true,
        value: {
          advert: { ...V2, authentication: { type, data: V2.authentication.data } },
          checksumForm: 'messageOnly',
        },
      });
      bytes.fill(0, 12);
      assert.deepEqual(
        decoded,
        decodeAdvert(mutated(v2Bytes, 4, code, IPV4, 'messageOnly'), IPV4),
        'data must not alias the input',
      );
    }
  });

  it('decodes 255 IPv6 addresses, the widest count', () => {
    const addresses = Array.from({ length: 255 }, (_, i) => `fd00::${(i + 1).toString(16)}` as Ipv6Address);
    const advert: AdvertV3 = { ...V3_IPV6, addresses };
    const bytes = encodeAdvert(advert, IPV6, 'pseudoHeader');
    assert.equal(bytes.length, 8 + 255 * 16);
    const decoded = decodeAdvert(bytes, IPV6);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.advert, advert);
  });

  it('decodes a message that is a view into a larger buffer', () => {
    const frame = new Uint8Array(14 + 20 + v3Ipv4Bytes.length + 6);
    frame.set(v3Ipv4Bytes, 34);
    const decoded = decodeAdvert(frame.subarray(34, 34 + v3Ipv4Bytes.length), IPV4);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.advert, V3_IPV4);
  });
});

describe('peekVrid', () => {
  it('reads byte 1, or null when there is none', () => {
    assert.equal(peekVrid(v2Bytes), 51);
    assert.equal(peekVrid(Uint8Array.of(0x31, 0)), 0);
    assert.equal(peekVrid(Uint8Array.of(0x31)), null);
    assert.equal(peekVrid(new Uint8Array(0)), null);
  });
});
