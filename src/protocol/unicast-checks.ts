/**
 * The receive checks that only unicast instances make (keepalived
 * unicast_peer; reference §2 "Receive checks in order" and "Checksums"):
 *
 * - TTL: multicast adverts must arrive with 255 (RFC 5798 §7.1), but a
 *   unicast advert may have been routed. keepalived checks it only for a peer
 *   given `min_ttl N` and/or `max_ttl N`: the TTL / hop limit must lie within
 *   [min_ttl, max_ttl], a missing bound being 0 or 255.
 * - Old checksum: keepalived up to 1.3.6 computed the v3/IPv4 checksum of a
 *   unicast advert with 224.0.0.18 as the pseudo-header destination. Later
 *   versions accept that form too and switch to sending it ("Setting unicast
 *   VRRPv3 checksum to old version"), unless `old_unicast_checksum never`.
 */
import { decodeAdvert } from '../codec/advert-decoder.js';
import type { AdvertAddressing, DecodedAdvert } from '../codec/advert.js';
import type { DecodeError } from '../codec/decode-error.js';
import type { IpAddress, Ipv4Address } from '../primitives/ip-address.js';
import type { Result } from '../primitives/result.js';
import type { UnicastDelivery, UnicastPeer } from './instance-config.js';
import type { ReceiveCheckFailure } from './reject-reason.js';

/** The pseudo-header destination of keepalived's old unicast checksum: the VRRP group, whatever vrrp_mcast_group4 says. */
export const OLD_UNICAST_CHECKSUM_DESTINATION = '224.0.0.18' as Ipv4Address;

const LOWEST_TTL = 0;
const HIGHEST_TTL = 255;

/** The peer line `source` is, or null when it is none of them. */
export function unicastPeerOf(unicast: UnicastDelivery, source: IpAddress): UnicastPeer | null {
  return unicast.peers.find((peer) => peer.address === source) ?? null;
}

/** A peer with min_ttl / max_ttl bounds the TTL of its adverts; nothing else does in unicast. */
export function unicastTtlFailure(peer: UnicastPeer | null, ttl: number): ReceiveCheckFailure | null {
  if (peer === null || (peer.minTtl === null && peer.maxTtl === null)) return null;
  const minTtl = peer.minTtl ?? LOWEST_TTL;
  const maxTtl = peer.maxTtl ?? HIGHEST_TTL;
  return ttl < minTtl || ttl > maxTtl ? { kind: 'ttlOutOfRange', ttl, minTtl, maxTtl } : null;
}

/**
 * The advert decoded with the old unicast checksum, for a v3/IPv4 advert
 * whose checksum failed with its real destination; null when that does not
 * verify either (or the advert is not v3/IPv4, where the form cannot apply).
 */
export function decodeWithOldUnicastChecksum(
  payload: Uint8Array,
  addressing: AdvertAddressing,
): Result<DecodedAdvert, DecodeError> | null {
  if (addressing.family !== 'ipv4' || (payload[0] ?? 0) >> 4 !== 3) return null;
  const old = decodeAdvert(payload, { ...addressing, destination: OLD_UNICAST_CHECKSUM_DESTINATION });
  return old.ok && old.value.checksumForm === 'pseudoHeader' ? old : null;
}
