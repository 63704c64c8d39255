/**
 * Receive-side validation of an advertisement against this instance
 * (RFC 5798 §7.1, RFC 3768 §7.1), in keepalived's order (vrrp_check_packet):
 * TTL, then the codec's structural checks, then version, VRID,
 * authentication, interval and address list. Decode and validate first;
 * only a valid advert reaches the state machine.
 */
import type { Advert, AdvertV2, V2AuthType } from '../codec/advert.js';
import { decodeAdvert } from '../codec/advert-decoder.js';
import { VRRP_TTL } from '../codec/advert.js';
import { err, ok, type Result } from '../primitives/result.js';
import { OWNER_PRIORITY } from '../primitives/vrrp-numbers.js';
import type { ReceivedPacket } from './events.js';
import type { InstanceAuthentication, InstanceConfig } from './instance-config.js';
import type { RejectReason } from './reject-reason.js';
import { authenticationData } from './advert-builder.js';

export interface CheckedAdvert {
  readonly advert: Advert;
  /** v3 only: the interval differs from ours (logged; a backup learns it). */
  readonly intervalDiffers: boolean;
  /** v3 only: the address list differs from ours (logged, RFC 5798 §7.1). */
  readonly addressListDiffers: boolean;
}

export function checkReceivedAdvert(config: InstanceConfig, packet: ReceivedPacket): Result<CheckedAdvert, RejectReason> {
  // RFC 5798 §7.1: "MUST verify that the IPvX TTL/Hop Limit is 255".
  if (packet.ttl !== VRRP_TTL) return err({ kind: 'ttlNot255', ttl: packet.ttl });

  const decoded = decodeAdvert(packet.payload, {
    family: config.family,
    source: packet.source,
    destination: packet.destination,
  });
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

  const addressListDiffers = !sameAddressSet(advert.addresses, config.virtualAddresses);
  // RFC 3768 §7.1: a v2 list mismatch from a non-owner "MUST drop the packet".
  // RFC 5798 §7.1 only asks v3 to log it. (keepalived ≤ 2.3.2 drops in both
  // versions, ≥ 2.3.3 logs in both.)
  if (addressListDiffers && advert.version === 2 && advert.priority !== OWNER_PRIORITY) {
    return err({ kind: 'addressListMismatch' });
  }

  return ok({
    advert,
    intervalDiffers: advert.version === 3 && advert.interval !== config.advertInterval,
    addressListDiffers,
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
