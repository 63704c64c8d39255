/**
 * ICMPv6 Neighbor Advertisement messages (RFC 4861 §4.4), the IPv6 payload:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   Type = 136  |   Code = 0    |          Checksum             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |R|S|O|                     Reserved                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                                                               +
 *    |                                                               |
 *    +                       Target Address                          +
 *    |                                                               |
 *    +                                                               +
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   Options ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-
 *
 * with, on Ethernet, the Target Link-Layer Address option (RFC 4861 §4.6.1):
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   Type = 2    |  Length = 1   |    Link-Layer Address (6) ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The checksum covers the IPv6 pseudo-header with next header 58 (RFC 4443
 * §2.3, RFC 8200 §8.1). The 29 reserved bits are sent as zero and ignored on
 * receipt; options other than the Target Link-Layer Address are skipped.
 */
import { ipAddressBytes, ipv6FromBytes, IPV6_ADDRESS_BYTES, type Ipv6Address } from '../primitives/ip-address.js';
import { macAddressBytes, macFromBytes, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { checksumVerifies, internetChecksum, ipv6PseudoHeaderSum } from './checksum.js';

/** IPv6 Next Header value of ICMPv6 (RFC 4443 §1). */
export const ICMPV6_NEXT_HEADER = 58;
export const NEIGHBOUR_ADVERT_TYPE = 136;
/** Type, code, checksum, flags word and target, before any option. */
export const NEIGHBOUR_ADVERT_FIXED_BYTES = 8 + IPV6_ADDRESS_BYTES;
export const TARGET_LINK_LAYER_ADDRESS_OPTION = 2;
/** Option lengths count units of 8 bytes (RFC 4861 §4.6). */
const OPTION_UNIT_BYTES = 8;

const ROUTER_FLAG = 0x80;
const SOLICITED_FLAG = 0x40;
const OVERRIDE_FLAG = 0x20;

export interface NeighbourAdvert {
  readonly router: boolean;
  readonly solicited: boolean;
  readonly override: boolean;
  readonly target: Ipv6Address;
  /** The Target Link-Layer Address option, if present. */
  readonly targetLinkLayerAddress?: MacAddress;
}

export type NeighbourAdvertDecodeError =
  /** Fewer than the 24 bytes before the options. */
  | { readonly kind: 'truncated'; readonly length: number; readonly required: number }
  /** Not ICMPv6 type 136 code 0 (RFC 4861 §7.1.2). */
  | { readonly kind: 'notNeighbourAdvert'; readonly type: number; readonly code: number }
  | { readonly kind: 'badChecksum'; readonly received: number }
  /** An option of length 0 or running past the message (RFC 4861 §4.6), or a TLLA that is not 6 bytes. */
  | { readonly kind: 'badOption'; readonly offset: number; readonly type: number; readonly length: number };

/**
 * The message sent from `source` to `destination` (the addresses of the IPv6
 * header, needed for the checksum), with a TLLA option if one is given.
 */
export function encodeNeighbourAdvertMessage(
  advert: NeighbourAdvert,
  source: Ipv6Address,
  destination: Ipv6Address,
): Uint8Array {
  const withOption = advert.targetLinkLayerAddress !== undefined;
  const bytes = new Uint8Array(NEIGHBOUR_ADVERT_FIXED_BYTES + (withOption ? OPTION_UNIT_BYTES : 0));
  bytes[0] = NEIGHBOUR_ADVERT_TYPE;
  bytes[4] =
    (advert.router ? ROUTER_FLAG : 0) | (advert.solicited ? SOLICITED_FLAG : 0) | (advert.override ? OVERRIDE_FLAG : 0);
  bytes.set(ipAddressBytes(advert.target), 8);
  if (advert.targetLinkLayerAddress !== undefined) {
    bytes[NEIGHBOUR_ADVERT_FIXED_BYTES] = TARGET_LINK_LAYER_ADDRESS_OPTION;
    bytes[NEIGHBOUR_ADVERT_FIXED_BYTES + 1] = 1; // one 8-byte unit: type, length, 6-byte MAC
    bytes.set(macAddressBytes(advert.targetLinkLayerAddress), NEIGHBOUR_ADVERT_FIXED_BYTES + 2);
  }
  const checksum = internetChecksum(bytes, pseudoHeaderSum(source, destination, bytes.length));
  new DataView(bytes.buffer).setUint16(2, checksum);
  return bytes;
}

/** Decode and verify a message received from `source` to `destination`. Never throws. */
export function decodeNeighbourAdvertMessage(
  bytes: Uint8Array,
  source: Ipv6Address,
  destination: Ipv6Address,
): Result<NeighbourAdvert, NeighbourAdvertDecodeError> {
  if (bytes.length < NEIGHBOUR_ADVERT_FIXED_BYTES) {
    return err({ kind: 'truncated', length: bytes.length, required: NEIGHBOUR_ADVERT_FIXED_BYTES });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint8(0);
  const code = view.getUint8(1);
  if (type !== NEIGHBOUR_ADVERT_TYPE || code !== 0) return err({ kind: 'notNeighbourAdvert', type, code });
  if (!checksumVerifies(bytes, pseudoHeaderSum(source, destination, bytes.length))) {
    return err({ kind: 'badChecksum', received: view.getUint16(2) });
  }

  let targetLinkLayerAddress: MacAddress | undefined;
  for (let offset = NEIGHBOUR_ADVERT_FIXED_BYTES; offset < bytes.length;) {
    const optionType = view.getUint8(offset);
    // A lone trailing byte has no length byte: report it as length 0.
    const units = offset + 1 < bytes.length ? view.getUint8(offset + 1) : 0;
    const optionLength = units * OPTION_UNIT_BYTES;
    const isBadTlla = optionType === TARGET_LINK_LAYER_ADDRESS_OPTION && units !== 1;
    if (units === 0 || offset + optionLength > bytes.length || isBadTlla) {
      return err({ kind: 'badOption', offset, type: optionType, length: units });
    }
    if (optionType === TARGET_LINK_LAYER_ADDRESS_OPTION && targetLinkLayerAddress === undefined) {
      targetLinkLayerAddress = macFromBytes(bytes, offset + 2);
    }
    offset += optionLength;
  }

  const flags = view.getUint8(4);
  const advert = {
    router: (flags & ROUTER_FLAG) !== 0,
    solicited: (flags & SOLICITED_FLAG) !== 0,
    override: (flags & OVERRIDE_FLAG) !== 0,
    target: ipv6FromBytes(bytes, 8),
  };
  return ok(targetLinkLayerAddress === undefined ? advert : { ...advert, targetLinkLayerAddress });
}

function pseudoHeaderSum(source: Ipv6Address, destination: Ipv6Address, length: number): number {
  return ipv6PseudoHeaderSum(ipAddressBytes(source), ipAddressBytes(destination), ICMPV6_NEXT_HEADER, length);
}
