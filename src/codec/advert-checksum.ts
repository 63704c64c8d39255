/**
 * The checksum-form policy of VRRP advertisements.
 *
 * - VRRPv2 (RFC 3768 §5.3.8): the VRRP message only, Authentication Data
 *   included, no pseudo-header.
 * - VRRPv3 over IPv6 (RFC 5798 §5.2.8, RFC 8200 §8.1): the IPv6 pseudo-header
 *   with next header 112 is always included.
 * - VRRPv3 over IPv4: RFC 5798 §5.2.8 was read by keepalived and FRR to include
 *   the IPv4 pseudo-header (their default, and what the captures show);
 *   RFC 9568 §5.2.8 says message only (Cisco, Juniper, keepalived's
 *   `v3_checksum_as_v2`). The sender chooses; a receiver accepts either.
 */
import { ipAddressBytes } from '../primitives/ip-address.js';
import { VRRP_IP_PROTOCOL, type AdvertAddressing, type ChecksumForm, type VrrpVersion } from './advert.js';
import { ipv4PseudoHeaderSum, ipv6PseudoHeaderSum } from './checksum.js';

/** The form actually used to send: only v3 over IPv4 leaves a choice. */
export function sentChecksumForm(
  version: VrrpVersion,
  addressing: AdvertAddressing,
  requested: ChecksumForm,
): ChecksumForm {
  if (version === 2) return 'messageOnly';
  switch (addressing.family) {
    case 'ipv4':
      return requested;
    case 'ipv6':
      return 'pseudoHeader';
  }
}

/**
 * Sum of the pseudo-header of a VRRP message of `length` bytes sent from
 * `addressing.source` to `addressing.destination` (the actual destination:
 * 224.0.0.18 / ff02::12, or the unicast peer).
 *
 * The addresses must be canonical text, as produced by the primitives; they
 * come from the runtime, never from the bytes being decoded.
 */
export function advertPseudoHeaderSum(addressing: AdvertAddressing, length: number): number {
  const source = ipAddressBytes(addressing.source);
  const destination = ipAddressBytes(addressing.destination);
  switch (addressing.family) {
    case 'ipv4':
      return ipv4PseudoHeaderSum(source, destination, VRRP_IP_PROTOCOL, length);
    case 'ipv6':
      return ipv6PseudoHeaderSum(source, destination, VRRP_IP_PROTOCOL, length);
  }
}
