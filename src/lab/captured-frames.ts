/**
 * What a capture on the lab's switch saw, decoded with vipd's own codec:
 * VRRP adverts (who, when, what priority), gratuitous ARPs and unsolicited
 * neighbour advertisements, each with its capture timestamp.
 */
import type { Advert } from '../codec/advert.js';
import { decodeAdvert } from '../codec/advert-decoder.js';
import { decodeArpFrame } from '../codec/gratuitous-arp.js';
import { decodeEthernetFrame, ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from '../codec/ethernet-frame.js';
import { decodeIpv4Packet } from '../codec/ipv4-header.js';
import { decodeIpv6Packet } from '../codec/ipv6-header.js';
import { decodeNeighbourAdvert } from '../codec/unsolicited-na.js';
import { VRRP_IP_PROTOCOL } from '../codec/advert.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { PcapCapture } from './pcap-reader.js';

const ICMPV6 = 58;

export type CapturedFrame =
  | { readonly kind: 'advert'; readonly atUs: number; readonly source: IpAddress; readonly ttl: number; readonly advert: Advert }
  | { readonly kind: 'gratuitousArp'; readonly atUs: number; readonly address: IpAddress }
  | { readonly kind: 'neighbourAdvert'; readonly atUs: number; readonly target: IpAddress };

export function capturedFrames(capture: PcapCapture): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  for (const packet of capture.packets) {
    const atUs = packet.timestampMicroseconds;
    const ethernet = decodeEthernetFrame(packet.data);
    if (!ethernet.ok) continue;
    switch (ethernet.value.header.etherType) {
      case ETHERTYPE_IPV4: {
        const ip = decodeIpv4Packet(ethernet.value.payload);
        if (!ip.ok || ip.value.header.protocol !== VRRP_IP_PROTOCOL) break;
        const { source, destination, ttl } = ip.value.header;
        const advert = decodeAdvert(ip.value.payload, { family: 'ipv4', source, destination });
        if (advert.ok) frames.push({ kind: 'advert', atUs, source, ttl, advert: advert.value.advert });
        break;
      }
      case ETHERTYPE_IPV6: {
        const ip = decodeIpv6Packet(ethernet.value.payload);
        if (!ip.ok) break;
        const { source, destination, hopLimit, nextHeader } = ip.value.header;
        if (nextHeader === VRRP_IP_PROTOCOL) {
          const advert = decodeAdvert(ip.value.payload, { family: 'ipv6', source, destination });
          if (advert.ok) frames.push({ kind: 'advert', atUs, source, ttl: hopLimit, advert: advert.value.advert });
        } else if (nextHeader === ICMPV6) {
          const na = decodeNeighbourAdvert(packet.data);
          if (na.ok) frames.push({ kind: 'neighbourAdvert', atUs, target: na.value.advert.target });
        }
        break;
      }
      case ETHERTYPE_ARP: {
        const arp = decodeArpFrame(packet.data);
        if (arp.ok && arp.value.arp.senderAddress === arp.value.arp.targetAddress) {
          frames.push({ kind: 'gratuitousArp', atUs, address: arp.value.arp.senderAddress });
        }
        break;
      }
    }
  }
  return frames;
}
