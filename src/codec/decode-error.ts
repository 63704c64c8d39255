/**
 * Every way a received VRRP message can be malformed. Each kind has its own
 * counter (see protocol/counters.ts), following the error statistics of
 * RFC 8347 (ietf-vrrp) and keepalived's stats dump.
 */
export type DecodeError =
  /** Shorter than the 8-byte fixed header. */
  | { readonly kind: 'truncated'; readonly length: number }
  /** Version nibble is neither 2 nor 3 (RFC 5798 §7.1). */
  | { readonly kind: 'unsupportedVersion'; readonly version: number }
  /** VRRPv2 is defined for IPv4 only (RFC 3768 §1). */
  | { readonly kind: 'versionFamilyMismatch'; readonly version: number }
  /** Type nibble is not 1, ADVERTISEMENT (RFC 5798 §5.2.2, §7.1). */
  | { readonly kind: 'unknownType'; readonly type: number }
  /** VRID 0 is not a valid virtual router (RFC 5798 §5.2.3). */
  | { readonly kind: 'zeroVrid' }
  /** Count IPvX Addrs is 0 (RFC 9568 erratum 8299: such a packet is ignored). */
  | { readonly kind: 'zeroAddressCount' }
  /** Length does not match the address count (RFC 5798 §7.1, RFC 3768 §7.1 incl. 8 auth bytes). */
  | { readonly kind: 'lengthMismatch'; readonly expected: number; readonly actual: number }
  /** Neither accepted checksum form verifies (RFC 5798 §7.1). */
  | { readonly kind: 'badChecksum'; readonly received: number }
  /** v2 Auth Type outside 0..2 (RFC 3768 §5.3.6). */
  | { readonly kind: 'unknownAuthType'; readonly authType: number }
  /** Advertisement interval 0 (RFC 9568 erratum 8301; an interval of 0 would never time out). */
  | { readonly kind: 'zeroInterval' };

export type DecodeErrorKind = DecodeError['kind'];

/** Every kind once; a Record so that adding a kind without listing it fails to compile. */
const DECODE_ERROR_KIND_SET: Readonly<Record<DecodeErrorKind, true>> = {
  truncated: true,
  unsupportedVersion: true,
  versionFamilyMismatch: true,
  unknownType: true,
  zeroVrid: true,
  zeroAddressCount: true,
  lengthMismatch: true,
  badChecksum: true,
  unknownAuthType: true,
  zeroInterval: true,
};

export const DECODE_ERROR_KINDS = Object.keys(DECODE_ERROR_KIND_SET) as readonly DecodeErrorKind[];
