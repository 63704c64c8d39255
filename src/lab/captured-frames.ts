/**
 * What a capture on the lab's switch saw, decoded with vipd's own codec: every
 * VRRP packet (with its Ethernet and IP facts, and the advert or the reason it
 * does not decode), and every gratuitous ARP and unsolicited neighbour
 * advertisement, each with its capture timestamp.
 */
import { decodeAdvert } from '../codec/advert-decoder.js';
import { VRRP_IP_PROTOCOL, type Advert, type DecodedAdvert } from '../codec/advert.js';
import type { DecodeError } from '../codec/decode-error.js';
import { decodeEthernetFrame, ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from '../codec/ethernet-frame.js';
import { decodeArpFrame } from '../codec/gratuitous-arp.js';
import { decodeIpv4Packet } from '../codec/ipv4-header.js';
import { decodeIpv6Packet } from '../codec/ipv6-header.js';
import { ICMPV6_NEXT_HEADER } from '../codec/neighbour-advert-message.js';
import { decodeNeighbourAdvert } from '../codec/unsolicited-na.js';
import type { IpAddress, IpFamily } from '../primitives/ip-address.js';
import type { PcapCapture } from './pcap-reader.js';

/** One VRRP packet as it crossed the switch. */
export interface CapturedVrrp {
  readonly atUs: number;
  readonly sourceMac: string;
  readonly destinationMac: string;
  readonly family: IpFamily;
  readonly source: IpAddress;
  readonly destination: IpAddress;
  /** IPv4 TTL or IPv6 hop limit. */
  readonly ttl: number;
  /** IPv4 TOS byte or IPv6 traffic class. */
  readonly tos: number;
  /** The advert and the checksum form that verified; null when it does not decode. */
  readonly decoded: DecodedAdvert | null;
  readonly error: DecodeError | null;
}

/** A gratuitous ARP (sender = target) or an unsolicited neighbour advertisement. */
export interface CapturedAnnouncement {
  readonly kind: 'gratuitousArp' | 'neighbourAdvert';
  readonly atUs: number;
  readonly sourceMac: string;
  /** The announced address (ARP sender = target, or the NA target). */
  readonly address: IpAddress;
  /** IPv6 hop limit of an NA; null for ARP. */
  readonly hopLimit: number | null;
  /** The NA's Override flag; null for ARP. */
  readonly override: boolean | null;
}

export interface CapturedLan {
  readonly vrrp: readonly CapturedVrrp[];
  readonly announcements: readonly CapturedAnnouncement[];
}

/** The compact view timing analyses use: decoded adverts and announcements in capture order. */
export type CapturedFrame =
  | { readonly kind: 'advert'; readonly atUs: number; readonly source: IpAddress; readonly ttl: number; readonly advert: Advert }
  | { readonly kind: 'gratuitousArp'; readonly atUs: number; readonly address: IpAddress }
  | { readonly kind: 'neighbourAdvert'; readonly atUs: number; readonly target: IpAddress };

export function decodeCapture(capture: PcapCapture): CapturedLan {
  const vrrp: CapturedVrrp[] = [];
  const announcements: CapturedAnnouncement[] = [];
  for (const packet of capture.packets) {
    const atUs = packet.timestampMicroseconds;
    const ethernet = decodeEthernetFrame(packet.data);
    if (!ethernet.ok) continue;
    const { source: sourceMac, destination: destinationMac, etherType } = ethernet.value.header;
    const vrrpPacket = (family: IpFamily, source: IpAddress, destination: IpAddress, ttl: number, tos: number, payload: Uint8Array): CapturedVrrp => {
      const decoded = decodeAdvert(payload, { family, source, destination });
      return {
        atUs, sourceMac, destinationMac, family, source, destination, ttl, tos,
        decoded: decoded.ok ? decoded.value : null,
        error: decoded.ok ? null : decoded.error,
      };
    };
    if (etherType === ETHERTYPE_IPV4) {
      const ip = decodeIpv4Packet(ethernet.value.payload);
      if (!ip.ok || ip.value.header.protocol !== VRRP_IP_PROTOCOL) continue;
      const { source, destination, ttl, tos } = ip.value.header;
      vrrp.push(vrrpPacket('ipv4', source, destination, ttl, tos, ip.value.payload));
    } else if (etherType === ETHERTYPE_IPV6) {
      const ip = decodeIpv6Packet(ethernet.value.payload);
      if (!ip.ok) continue;
      const { source, destination, hopLimit, nextHeader, trafficClass } = ip.value.header;
      if (nextHeader === VRRP_IP_PROTOCOL) {
        vrrp.push(vrrpPacket('ipv6', source, destination, hopLimit, trafficClass, ip.value.payload));
      } else if (nextHeader === ICMPV6_NEXT_HEADER) {
        const na = decodeNeighbourAdvert(packet.data);
        if (na.ok) {
          const { target, override } = na.value.advert;
          announcements.push({ kind: 'neighbourAdvert', atUs, sourceMac, address: target, hopLimit, override });
        }
      }
    } else if (etherType === ETHERTYPE_ARP) {
      const arp = decodeArpFrame(packet.data);
      if (arp.ok && arp.value.arp.senderAddress === arp.value.arp.targetAddress) {
        announcements.push({ kind: 'gratuitousArp', atUs, sourceMac, address: arp.value.arp.senderAddress, hopLimit: null, override: null });
      }
    }
  }
  return { vrrp, announcements };
}

/** Decoded adverts and announcements merged in time order. */
export function capturedFrames(capture: PcapCapture): CapturedFrame[] {
  const { vrrp, announcements } = decodeCapture(capture);
  const frames: CapturedFrame[] = [
    ...vrrp.flatMap((p): CapturedFrame[] =>
      p.decoded === null ? [] : [{ kind: 'advert', atUs: p.atUs, source: p.source, ttl: p.ttl, advert: p.decoded.advert }],
    ),
    ...announcements.map((a): CapturedFrame =>
      a.kind === 'gratuitousArp' ? { kind: 'gratuitousArp', atUs: a.atUs, address: a.address } : { kind: 'neighbourAdvert', atUs: a.atUs, target: a.address },
    ),
  ];
  return frames.sort((a, b) => a.atUs - b.atUs);
}
