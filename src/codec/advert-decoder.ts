/**
 * Decoding of received VRRP messages (the IP payload, already cut to the IP
 * total / payload length by the runtime) into typed advertisements.
 *
 * Wire layouts are drawn in advert.ts. The structural checks of RFC 5798 §7.1
 * and RFC 3768 §7.1 that need nothing but the bytes and the IP addressing are
 * made here, in this order, and the first failure is returned:
 *
 *   1. at least the 8-byte fixed header                 truncated
 *   2. version 2 or 3                                   unsupportedVersion
 *   3. version 2 only over IPv4                         versionFamilyMismatch
 *   4. type 1, ADVERTISEMENT                            unknownType
 *   5. VRID not 0                                       zeroVrid
 *   6. address count not 0                              zeroAddressCount
 *   7. length exactly that of the address count         lengthMismatch
 *   8. checksum, in a form valid for version + family   badChecksum
 *   9. interval not 0                                   zeroInterval
 *  10. v2 Auth Type 0..2                                unknownAuthType
 *
 * Checks against configuration (version, VRID, TTL, auth data, addresses,
 * interval) belong to the protocol layer.
 *
 * decodeAdvert never throws on any bytes: every read is bounded by a length
 * check made before it.
 */
import {
  IPV4_ADDRESS_BYTES,
  addressBytesOf,
  ipAddressFromBytes,
  ipv4FromBytes,
  type IpAddress,
  type Ipv4Address,
} from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import {
  ADVERT_FIELD_OFFSET,
  ADVERTISEMENT_TYPE,
  CENTISECONDS_PER_SECOND,
  MAX_V3_INTERVAL_CENTISECONDS,
  V2_AUTH_DATA_BYTES,
  VRRP_FIXED_HEADER_BYTES,
  advertByteLength,
  type AdvertAddressing,
  type AdvertV2,
  type AdvertV3,
  type ChecksumForm,
  type DecodedAdvert,
  type VrrpVersion,
} from './advert.js';
import { advertPseudoHeaderSum } from './advert-checksum.js';
import { checksumVerifies } from './checksum.js';
import type { DecodeError } from './decode-error.js';
import { v2AuthTypeFromCode } from './v2-auth-type.js';

const {
  versionAndType: VERSION_AND_TYPE,
  vrid: VRID,
  priority: PRIORITY,
  addressCount: ADDRESS_COUNT,
  v2AuthType: V2_AUTH_TYPE,
  v2Interval: V2_INTERVAL,
  v3Interval: V3_INTERVAL,
  checksum: CHECKSUM,
} = ADVERT_FIELD_OFFSET;

/**
 * Decode `bytes`, exactly one VRRP message, received with `addressing` (from
 * the IP header: family, source, actual destination; canonical addresses as
 * the primitives produce them). Returns the advert and the checksum form that
 * verified, or the first failed check above.
 */
export function decodeAdvert(bytes: Uint8Array, addressing: AdvertAddressing): Result<DecodedAdvert, DecodeError> {
  if (bytes.length < VRRP_FIXED_HEADER_BYTES) return err({ kind: 'truncated', length: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const version = view.getUint8(VERSION_AND_TYPE) >> 4;
  if (version !== 2 && version !== 3) return err({ kind: 'unsupportedVersion', version });
  // RFC 3768 §1: VRRPv2 is defined for IPv4 only.
  if (version === 2 && addressing.family === 'ipv6') return err({ kind: 'versionFamilyMismatch', version });

  const type = view.getUint8(VERSION_AND_TYPE) & 0x0f;
  if (type !== ADVERTISEMENT_TYPE) return err({ kind: 'unknownType', type });

  const vrid = view.getUint8(VRID);
  if (vrid === 0) return err({ kind: 'zeroVrid' });

  const count = view.getUint8(ADDRESS_COUNT);
  if (count === 0) return err({ kind: 'zeroAddressCount' });

  const expected = advertByteLength(version, addressing.family, count);
  if (bytes.length !== expected) return err({ kind: 'lengthMismatch', expected, actual: bytes.length });

  const checksumForm = verifiedChecksumForm(bytes, version, addressing);
  if (checksumForm === null) return err({ kind: 'badChecksum', received: view.getUint16(CHECKSUM) });

  const header: FixedHeader = {
    // A non-zero byte is a valid Vrid (1..255); any byte is a valid Priority (0..255).
    vrid: vrid as Vrid,
    priority: view.getUint8(PRIORITY) as Priority,
    count,
  };
  const advert = version === 2 ? decodeV2Body(bytes, view, header) : decodeV3Body(bytes, view, header, addressing);
  if (!advert.ok) return advert;
  return ok({ advert: advert.value, checksumForm });
}

/**
 * The VRID of a message, for demultiplexing before a full decode: byte 1 in
 * both versions, or null when there is no byte 1.
 */
export function peekVrid(bytes: Uint8Array): number | null {
  return bytes[VRID] ?? null;
}

interface FixedHeader {
  readonly vrid: Vrid;
  readonly priority: Priority;
  readonly count: number;
}

/**
 * Which checksum form verifies, or null if none that the version and family
 * allow does (policy in advert-checksum.ts).
 *
 * For v3/IPv4 the pseudo-header form is tried first. Both forms verify only if
 * the pseudo-header sum is one's-complement zero, which the sum of two
 * addresses, protocol 112 and a length can be; such a packet is reported as
 * pseudoHeader, the form keepalived and FRR send by default.
 */
function verifiedChecksumForm(
  bytes: Uint8Array,
  version: VrrpVersion,
  addressing: AdvertAddressing,
): ChecksumForm | null {
  if (version === 2) return checksumVerifies(bytes) ? 'messageOnly' : null;
  if (checksumVerifies(bytes, advertPseudoHeaderSum(addressing, bytes.length))) return 'pseudoHeader';
  switch (addressing.family) {
    case 'ipv4':
      return checksumVerifies(bytes) ? 'messageOnly' : null;
    case 'ipv6':
      return null;
  }
}

/** RFC 3768 §5.3.6–§5.3.10: Auth Type, Adver Int in seconds, IPv4 addresses, Authentication Data. */
function decodeV2Body(bytes: Uint8Array, view: DataView, header: FixedHeader): Result<AdvertV2, DecodeError> {
  const seconds = view.getUint8(V2_INTERVAL);
  if (seconds === 0) return err({ kind: 'zeroInterval' });

  const authTypeCode = view.getUint8(V2_AUTH_TYPE);
  const authType = v2AuthTypeFromCode(authTypeCode);
  if (authType === null) return err({ kind: 'unknownAuthType', authType: authTypeCode });

  const addresses: Ipv4Address[] = [];
  for (let i = 0; i < header.count; i++) {
    addresses.push(ipv4FromBytes(bytes, VRRP_FIXED_HEADER_BYTES + i * IPV4_ADDRESS_BYTES));
  }
  const authStart = VRRP_FIXED_HEADER_BYTES + header.count * IPV4_ADDRESS_BYTES;
  return ok({
    version: 2,
    vrid: header.vrid,
    priority: header.priority,
    interval: centiseconds(seconds * CENTISECONDS_PER_SECOND),
    addresses,
    authentication: { type: authType, data: bytes.slice(authStart, authStart + V2_AUTH_DATA_BYTES) },
  });
}

/**
 * RFC 5798 §5.2.6, §5.2.7: the interval is the low 12 bits; the 4 reserved
 * bits above it are ignored on receipt. §5.2.9: addresses of the family the
 * packet arrived on.
 */
function decodeV3Body(
  bytes: Uint8Array,
  view: DataView,
  header: FixedHeader,
  addressing: AdvertAddressing,
): Result<AdvertV3, DecodeError> {
  // The widest interval, 0x0fff, is also the mask of its 12 bits.
  const interval = view.getUint16(V3_INTERVAL) & MAX_V3_INTERVAL_CENTISECONDS;
  if (interval === 0) return err({ kind: 'zeroInterval' });

  const addressBytes = addressBytesOf(addressing.family);
  const addresses: IpAddress[] = [];
  for (let i = 0; i < header.count; i++) {
    addresses.push(ipAddressFromBytes(addressing.family, bytes, VRRP_FIXED_HEADER_BYTES + i * addressBytes));
  }
  return ok({
    version: 3,
    vrid: header.vrid,
    priority: header.priority,
    interval: centiseconds(interval),
    addresses,
  });
}
