/**
 * The gratuitous ARP a new Master broadcasts for each IPv4 virtual address
 * (RFC 5798 §6.4.1 and §6.4.2; errata 7947/7949: the sender hardware address
 * is the MAC the address is now reached at, the protocol addresses are the
 * virtual address). The whole 42-byte frame, as keepalived sends it:
 *
 *    Ethernet  dst ff:ff:ff:ff:ff:ff   src senderMac   type 0x0806
 *    ARP       htype 1  ptype 0x0800  hlen 6  plen 4  op 1 (request)
 *              sha senderMac          spa address
 *              tha ff:ff:ff:ff:ff:ff  tpa address
 *
 * A request rather than a reply, and the broadcast target hardware address,
 * are keepalived's choices (RFC 5227 §3 would put zero there); FRR sends the
 * same bytes from the virtual MAC.
 */
import type { Ipv4Address } from '../primitives/ip-address.js';
import { BROADCAST_MAC, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import {
  ARP_OPERATION_REQUEST,
  decodeArpPacket,
  encodeArpPacket,
  type ArpDecodeError,
  type ArpPacket,
} from './arp-packet.js';
import {
  decodeEthernetFrame,
  encodeEthernetFrame,
  ETHERTYPE_ARP,
  type EthernetDecodeError,
  type EthernetHeader,
} from './ethernet-frame.js';

export interface GratuitousArp {
  /** The interface MAC (keepalived without use_vmac) or the virtual router MAC. */
  readonly senderMac: MacAddress;
  /** The virtual IPv4 address being announced. */
  readonly address: Ipv4Address;
}

export interface ArpFrame {
  readonly ethernet: EthernetHeader;
  readonly arp: ArpPacket;
}

export type ArpFrameDecodeError =
  | { readonly kind: 'ethernet'; readonly error: EthernetDecodeError }
  | { readonly kind: 'notArp'; readonly etherType: number }
  | { readonly kind: 'arp'; readonly error: ArpDecodeError };

export function encodeGratuitousArp(announcement: GratuitousArp): Uint8Array {
  const arp = encodeArpPacket({
    operation: ARP_OPERATION_REQUEST,
    senderMac: announcement.senderMac,
    senderAddress: announcement.address,
    targetMac: BROADCAST_MAC,
    targetAddress: announcement.address,
  });
  return encodeEthernetFrame(
    { destination: BROADCAST_MAC, source: announcement.senderMac, etherType: ETHERTYPE_ARP },
    arp,
  );
}

/** Decode any Ethernet/IPv4 ARP frame (a VLAN tag and trailing padding are allowed). Never throws. */
export function decodeArpFrame(bytes: Uint8Array): Result<ArpFrame, ArpFrameDecodeError> {
  const frame = decodeEthernetFrame(bytes);
  if (!frame.ok) return err({ kind: 'ethernet', error: frame.error });
  const { header, payload } = frame.value;
  if (header.etherType !== ETHERTYPE_ARP) return err({ kind: 'notArp', etherType: header.etherType });
  const arp = decodeArpPacket(payload);
  if (!arp.ok) return err({ kind: 'arp', error: arp.error });
  return ok({ ethernet: header, arp: arp.value });
}
