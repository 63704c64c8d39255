/**
 * Receive-side validation of an advertisement against this instance
 * (RFC 5798 §7.1, RFC 3768 §7.1), in keepalived's order (vrrp_check_packet,
 * reference §2 "Receive checks in order"): TTL, then the codec's structural
 * checks and checksum, then version, VRID, authentication, interval,
 * destination mode, address list and unicast source. Decode and validate
 * first; only a valid advert reaches the state machine.
 *
 * Unicast (keepalived unicast_peer) differs in three places: the TTL is
 * checked only against a peer's min_ttl / max_ttl; the advert must have been
 * sent to us, not to the group; and with check_unicast_src it must come from a
 * peer. keepalived's old unicast checksum (224.0.0.18 in the v3/IPv4
 * pseudo-header) is recognised here, the switch is the caller's.
 */
import type { Advert, AdvertV2, V2AuthType } from '../codec/advert.js';
import { decodeAdvert } from '../codec/advert-decoder.js';
import { VRRP_TTL } from '../codec/advert.js';
import { isMulticastAddress } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { OWNER_PRIORITY } from '../primitives/vrrp-numbers.js';
import type { ReceivedPacket } from './events.js';
import type { InstanceAuthentication, InstanceConfig } from './instance-config.js';
import type { RejectReason } from './reject-reason.js';
import { authenticationData } from './advert-builder.js';
import { decodeWithOldUnicastChecksum, unicastPeerOf, unicastTtlFailure } from './unicast-checks.js';

export interface CheckedAdvert {
  readonly advert: Advert;
  /** v3 only: the interval differs from ours (logged; a backup learns it). */
  readonly intervalDiffers: boolean;
  /** v3 only: the address list differs from ours (logged, RFC 5798 §7.1). */
  readonly addressListDiffers: boolean;
  /**
   * Unicast v3/IPv4: the checksum verified only with 224.0.0.18 as the
   * pseudo-header destination (keepalived ≤ 1.3.6, old_unicast_checksum).
   */
  readonly oldUnicastChecksum: boolean;
}

export function checkReceivedAdvert(config: InstanceConfig, packet: ReceivedPacket): Result<CheckedAdvert, RejectReason> {
  const unicast = config.unicast;
  if (unicast === undefined) {
    // RFC 5798 §7.1: "MUST verify that the IPvX TTL/Hop Limit is 255".
    if (packet.ttl !== VRRP_TTL) return err({ kind: 'ttlNot255', ttl: packet.ttl });
  } else {
    // keepalived: a unicast advert may have crossed routers; only a peer's min_ttl / max_ttl bound it.
    const ttlFailure = unicastTtlFailure(unicastPeerOf(unicast, packet.source), packet.ttl);
    if (ttlFailure !== null) return err(ttlFailure);
  }

  const addressing = { family: config.family, source: packet.source, destination: packet.destination };
  let decoded = decodeAdvert(packet.payload, addressing);
  let oldUnicastChecksum = false;
  if (!decoded.ok && decoded.error.kind === 'badChecksum' && unicast !== undefined && unicast.oldChecksum !== 'never') {
    const old = decodeWithOldUnicastChecksum(packet.payload, addressing);
    if (old !== null) {
      decoded = old;
      oldUnicastChecksum = true;
    }
  }
  if (!decoded.ok) return decoded;
  const advert = decoded.value.advert;

  if (advert.version !== config.version) {
    return err({ kind: 'versionMismatch', received: advert.version, configured: config.version });
  }
  if (advert.vrid !== config.vrid) return err({ kind: 'vridMismatch', received: advert.vrid });

  if (advert.version === 2) {
    const authFailure = checkV2Authentication(config.authentication, advert);
    if (authFailure !== null) return err(authFailure);
    // RFC 3768 §7.1: an interval mismatch MUST be discarded.
    if (advert.interval !== config.advertInterval) {
      return err({ kind: 'intervalMismatch', received: advert.interval, configured: config.advertInterval });
    }
  }

  // keepalived (reference §2, check 11): the destination mode must be the instance's.
  const expectedMode = unicast === undefined ? 'multicast' : 'unicast';
  if ((expectedMode === 'multicast') !== isMulticastAddress(packet.destination)) {
    return err({ kind: 'destinationModeMismatch', expected: expectedMode });
  }

  const addressListDiffers = !sameAddressSet(advert.addresses, config.virtualAddresses);
  // RFC 3768 §7.1: a v2 list mismatch from a non-owner "MUST drop the packet".
  // RFC 5798 §7.1 only asks v3 to log it. (keepalived ≤ 2.3.2 drops in both
  // versions, ≥ 2.3.3 logs in both.)
  if (addressListDiffers && advert.version === 2 && advert.priority !== OWNER_PRIORITY) {
    return err({ kind: 'addressListMismatch' });
  }

  // keepalived check_unicast_src (reference §2, check 14), forced on by any peer's min_ttl / max_ttl.
  if (unicast !== undefined && unicast.checkSource && unicastPeerOf(unicast, packet.source) === null) {
    return err({ kind: 'unicastSourceNotPeer' });
  }

  return ok({
    advert,
    intervalDiffers: advert.version === 3 && advert.interval !== config.advertInterval,
    addressListDiffers,
    oldUnicastChecksum,
  });
}

function configuredAuthType(auth: InstanceAuthentication): V2AuthType {
  switch (auth.kind) {
    case 'none':
      return 'none';
    case 'simpleText':
      return 'simpleText';
    case 'ipsecAh':
      return 'ipAh';
  }
}

/** RFC 3768 §7.1 Auth Type, and the simple text password (RFC 2338 §10.2). */
function checkV2Authentication(auth: InstanceAuthentication, advert: AdvertV2): RejectReason | null {
  const configured = configuredAuthType(auth);
  if (advert.authentication.type !== configured) {
    return { kind: 'authTypeMismatch', received: advert.authentication.type, configured };
  }
  if (auth.kind === 'simpleText' && !equalInConstantTime(advert.authentication.data, authenticationData(auth))) {
    return { kind: 'authFailure' };
  }
  return null;
}

/** Compare without an early exit, so timing does not reveal the matching prefix. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function sameAddressSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const expected = new Set(b);
  return a.every((address) => expected.has(address));
}
