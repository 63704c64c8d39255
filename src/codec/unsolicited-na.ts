/**
 * The unsolicited Neighbor Advertisement a new Master sends for each IPv6
 * virtual address (RFC 5798 §6.4.1 and §6.4.2; RFC 4861 §7.2.6). The whole
 * 86-byte frame, as keepalived sends it:
 *
 *    Ethernet  dst 33:33:00:00:00:01 (ff02::1, RFC 2464 §7)  src sourceMac  type 0x86dd
 *    IPv6      traffic class 0, flow label 0, next header 58, hop limit 255
 *              src `source` (keepalived: the virtual address itself)  dst ff02::1
 *    ICMPv6    type 136 code 0, checksum over the IPv6 pseudo-header
 *              R = router, S = 0, O = 1, target = `target`
 *              option 2 (Target Link-Layer Address), length 1, sourceMac
 *
 * RFC 5798 asks for R = 1; keepalived 2.2.7 sends R = 0 in the captures, so the
 * flag is the caller's.
 */
import type { Ipv6Address } from '../primitives/ip-address.js';
import type { MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import {
  decodeEthernetFrame,
  encodeEthernetFrame,
  ETHERTYPE_IPV6,
  type EthernetDecodeError,
  type EthernetHeader,
} from './ethernet-frame.js';
import { decodeIpv6Packet, encodeIpv6Packet, type Ipv6DecodeError, type Ipv6Header } from './ipv6-header.js';
import {
  decodeNeighbourAdvertMessage,
  encodeNeighbourAdvertMessage,
  ICMPV6_NEXT_HEADER,
  type NeighbourAdvert,
  type NeighbourAdvertDecodeError,
} from './neighbour-advert-message.js';

/** All-nodes link-local multicast (RFC 4291 §2.7.1). */
export const ALL_NODES_ADDRESS = 'ff02::1' as Ipv6Address;
/** Its Ethernet mapping: 33:33 and the low 32 bits of the address (RFC 2464 §7). */
export const ALL_NODES_MAC = '33:33:00:00:00:01' as MacAddress;
/** RFC 4861 §7.1.2: ND messages are sent, and accepted only, with hop limit 255. */
export const ND_HOP_LIMIT = 255;

export interface UnsolicitedNeighbourAdvert {
  /** Ethernet source and Target Link-Layer Address: the interface or virtual router MAC. */
  readonly sourceMac: MacAddress;
  /** IPv6 source address. */
  readonly source: Ipv6Address;
  /** The virtual address being announced. */
  readonly target: Ipv6Address;
  readonly router: boolean;
}

export interface NeighbourAdvertFrame {
  readonly ethernet: EthernetHeader;
  readonly ipv6: Ipv6Header;
  readonly advert: NeighbourAdvert;
}

export type NeighbourAdvertFrameDecodeError =
  | { readonly kind: 'ethernet'; readonly error: EthernetDecodeError }
  | { readonly kind: 'notIpv6'; readonly etherType: number }
  | { readonly kind: 'ipv6'; readonly error: Ipv6DecodeError }
  /** Next header is not ICMPv6 (extension headers are not walked). */
  | { readonly kind: 'notIcmpv6'; readonly nextHeader: number }
  | { readonly kind: 'neighbourAdvert'; readonly error: NeighbourAdvertDecodeError };

export function encodeUnsolicitedNeighbourAdvert(announcement: UnsolicitedNeighbourAdvert): Uint8Array {
  const message = encodeNeighbourAdvertMessage(
    {
      router: announcement.router,
      solicited: false,
      override: true,
      target: announcement.target,
      targetLinkLayerAddress: announcement.sourceMac,
    },
    announcement.source,
    ALL_NODES_ADDRESS,
  );
  const packet = encodeIpv6Packet(
    {
      trafficClass: 0,
      flowLabel: 0,
      nextHeader: ICMPV6_NEXT_HEADER,
      hopLimit: ND_HOP_LIMIT,
      source: announcement.source,
      destination: ALL_NODES_ADDRESS,
    },
    message,
  );
  return encodeEthernetFrame(
    { destination: ALL_NODES_MAC, source: announcement.sourceMac, etherType: ETHERTYPE_IPV6 },
    packet,
  );
}

/** Decode any Neighbor Advertisement frame (checksum verified; hop limit left to the caller). Never throws. */
export function decodeNeighbourAdvert(
  bytes: Uint8Array,
): Result<NeighbourAdvertFrame, NeighbourAdvertFrameDecodeError> {
  const frame = decodeEthernetFrame(bytes);
  if (!frame.ok) return err({ kind: 'ethernet', error: frame.error });
  const ethernet = frame.value.header;
  if (ethernet.etherType !== ETHERTYPE_IPV6) return err({ kind: 'notIpv6', etherType: ethernet.etherType });
  const packet = decodeIpv6Packet(frame.value.payload);
  if (!packet.ok) return err({ kind: 'ipv6', error: packet.error });
  const ipv6 = packet.value.header;
  if (ipv6.nextHeader !== ICMPV6_NEXT_HEADER) return err({ kind: 'notIcmpv6', nextHeader: ipv6.nextHeader });
  const advert = decodeNeighbourAdvertMessage(packet.value.payload, ipv6.source, ipv6.destination);
  if (!advert.ok) return err({ kind: 'neighbourAdvert', error: advert.error });
  return ok({ ethernet, ipv6, advert: advert.value });
}
