/**
 * Why a received advertisement was not acted upon: either it is malformed
 * (a codec DecodeError) or it is well formed but fails a receive check of
 * RFC 5798 §7.1 / RFC 3768 §7.1 against this instance's configuration.
 */
import type { V2AuthType, VrrpVersion } from '../codec/advert.js';
import type { DecodeError } from '../codec/decode-error.js';
import type { Centiseconds } from '../primitives/time.js';

export type ReceiveCheckFailure =
  /** "MUST verify that the IP TTL is 255" (RFC 5798 §7.1, RFC 3768 §7.1). */
  | { readonly kind: 'ttlNot255'; readonly ttl: number }
  /** "MUST verify the VRRP version" matches the configured one (§7.1). */
  | { readonly kind: 'versionMismatch'; readonly received: VrrpVersion; readonly configured: VrrpVersion }
  /** "MUST verify that the VRID is configured on the receiving interface" (§7.1). */
  | { readonly kind: 'vridMismatch'; readonly received: number }
  /** v2: "MUST verify that the Auth Type matches the locally configured" one (RFC 3768 §7.1). */
  | { readonly kind: 'authTypeMismatch'; readonly received: V2AuthType; readonly configured: V2AuthType }
  /** v2 simple text password differs (RFC 2338 §10.2, keepalived PASS). */
  | { readonly kind: 'authFailure' }
  /** v2: "MUST verify that the Adver Interval … is the same as the locally configured" (RFC 3768 §7.1). */
  | { readonly kind: 'intervalMismatch'; readonly received: Centiseconds; readonly configured: Centiseconds }
  /**
   * v2: the address list differs and the sender is not the owner: "the
   * receiver MUST drop the packet" (RFC 3768 §7.1). v3 only logs it.
   */
  | { readonly kind: 'addressListMismatch' }
  /** auth_type AH is configured but the advert came without an Authentication Header (keepalived: proto 112 vs 51). */
  | { readonly kind: 'ahMissing' }
  /** An Authentication Header on an advert for an instance without auth_type AH. */
  | { readonly kind: 'ahUnexpected' }
  /** The ICV does not verify with our key: forged, altered or another password (RFC 4302 §3.4.4). */
  | { readonly kind: 'ahBadIcv' }
  /** The SPI is not the sender's address, which keepalived requires (reference §2). */
  | { readonly kind: 'ahSpiMismatch'; readonly spi: number }
  /**
   * The sequence number is not above the instance's counter: a replay
   * (RFC 4302 §3.4.3, with keepalived's one counter per instance).
   */
  | { readonly kind: 'ahReplay'; readonly sequence: number; readonly counter: number }
  /**
   * Unicast: the sender is a peer with min_ttl / max_ttl and the TTL / hop
   * limit is outside them (keepalived checks no TTL in unicast otherwise).
   */
  | { readonly kind: 'ttlOutOfRange'; readonly ttl: number; readonly minTtl: number; readonly maxTtl: number }
  /**
   * keepalived: an instance configured for unicast takes only adverts sent to
   * its own address, a multicast one only adverts sent to the group
   * (reference §2, receive check 11). `expected` is this instance's mode.
   */
  | { readonly kind: 'destinationModeMismatch'; readonly expected: 'unicast' | 'multicast' }
  /** check_unicast_src (or a peer's min_ttl / max_ttl): the sender is none of the unicast peers. */
  | { readonly kind: 'unicastSourceNotPeer' };

export type RejectReason = DecodeError | ReceiveCheckFailure;
export type RejectKind = RejectReason['kind'];
