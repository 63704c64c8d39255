/**
 * VRRP advertisements as typed values.
 *
 * VRRPv2 (RFC 3768 §5.1), IPv4 only:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   Auth Type   |   Adver Int   |          Checksum             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         IP Address (1)                        |
 *    |                            ...                                |
 *    |                         IP Address (n)                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                     Authentication Data (1)                   |
 *    |                     Authentication Data (2)                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * VRRPv3 (RFC 5798 §5.1, RFC 9568 §5.1), IPv4 or IPv6:
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |(rsvd) |     Max Adver Int     |          Checksum             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                       IPvX Address(es)                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Both versions carry the interval here in centiseconds; v2's field counts
 * whole seconds on the wire and is converted at the codec boundary.
 */
import { addressBytesOf, type IpAddress, type IpFamily, type Ipv4Address } from '../primitives/ip-address.js';
import type { Centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';

export type VrrpVersion = 2 | 3;

/** The only VRRP packet type (RFC 5798 §5.2.2). */
export const ADVERTISEMENT_TYPE = 1;

/** IP protocol number of VRRP (RFC 5798 §5.1.1.4). */
export const VRRP_IP_PROTOCOL = 112;

/** RFC 5798 §5.1.1.3 / §5.1.2.3: sent with TTL / hop limit 255, checked on receipt. */
export const VRRP_TTL = 255;

export const VRRP_FIXED_HEADER_BYTES = 8;
export const V2_AUTH_DATA_BYTES = 8;

/** Byte offsets of the fixed-header fields drawn above. */
export const ADVERT_FIELD_OFFSET = {
  versionAndType: 0,
  vrid: 1,
  priority: 2,
  addressCount: 3,
  v2AuthType: 4,
  v2Interval: 5,
  /** The 16-bit word of 4 reserved bits and the 12-bit Max Adver Int. */
  v3Interval: 4,
  checksum: 6,
} as const;

/** Widest Count IPvX Addrs (an 8-bit field). */
export const MAX_ADDRESS_COUNT = 255;

/** Widest v2 Adver Int: 8 bits of seconds (RFC 3768 §5.3.7). */
export const MAX_V2_INTERVAL_SECONDS = 255;

/** Widest v3 Max Adver Int: 12 bits of centiseconds (RFC 5798 §5.2.7). */
export const MAX_V3_INTERVAL_CENTISECONDS = 0x0fff;

/** Centiseconds per second, the unit conversion of the v2 Adver Int field. */
export const CENTISECONDS_PER_SECOND = 100;

/**
 * Exact length in bytes of a VRRP message with `addressCount` addresses:
 * the fixed header, the addresses, and for v2 the 8 bytes of Authentication
 * Data (RFC 3768 §5.1, RFC 5798 §5.1).
 */
export function advertByteLength(version: VrrpVersion, family: IpFamily, addressCount: number): number {
  const addresses = addressCount * addressBytesOf(family);
  return VRRP_FIXED_HEADER_BYTES + addresses + (version === 2 ? V2_AUTH_DATA_BYTES : 0);
}

/**
 * RFC 3768 §5.3.6 Auth Type: 0 no authentication, 1 simple text password
 * (the RFC 2338 type keepalived calls PASS), 2 IP Authentication Header
 * (keepalived's AH; the AH header itself is outside the VRRP message).
 */
export type V2AuthType = 'none' | 'simpleText' | 'ipAh';

export interface V2Authentication {
  readonly type: V2AuthType;
  /** The 8 bytes of Authentication Data exactly as on the wire (zero-padded password for simpleText). */
  readonly data: Uint8Array;
}

export interface AdvertV2 {
  readonly version: 2;
  readonly vrid: Vrid;
  readonly priority: Priority;
  /** Adver Int in centiseconds: always a whole number of seconds × 100 (1..255 s). */
  readonly interval: Centiseconds;
  readonly addresses: readonly Ipv4Address[];
  readonly authentication: V2Authentication;
}

export interface AdvertV3 {
  readonly version: 3;
  readonly vrid: Vrid;
  readonly priority: Priority;
  /** Max Adver Int, 1..4095 centiseconds. */
  readonly interval: Centiseconds;
  readonly addresses: readonly IpAddress[];
}

export type Advert = AdvertV2 | AdvertV3;

/**
 * How the checksum was computed. v2 and (RFC 9568 §5.2.8) v3/IPv4 cover the
 * VRRP message only; RFC 5798 was read by keepalived, FRR and others to add the
 * IPv4 pseudo-header, which is what they send by default. v3/IPv6 always uses
 * the IPv6 pseudo-header (RFC 8200 §8.1).
 */
export type ChecksumForm = 'pseudoHeader' | 'messageOnly';

/** The IP-level facts a VRRP message is decoded or encoded against. */
export interface AdvertAddressing {
  readonly family: IpFamily;
  readonly source: IpAddress;
  readonly destination: IpAddress;
}

export interface DecodedAdvert {
  readonly advert: Advert;
  /** Which checksum form the sender used (for v3/IPv4 both are accepted). */
  readonly checksumForm: ChecksumForm;
}
