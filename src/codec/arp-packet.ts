/**
 * ARP packets for IPv4 over Ethernet (RFC 826), the 28 bytes after the
 * Ethernet header:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     Hardware Type = 1         |    Protocol Type = 0x0800     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    | HW Length = 6 |Proto Length=4 |           Operation           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |               Sender Hardware Address (bytes 0-3)            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Sender HW Address (4-5)      |  Sender Protocol Addr (0-1)   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Sender Protocol Addr (2-3)   |  Target HW Address (0-1)      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |               Target Hardware Address (bytes 2-5)             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                   Target Protocol Address                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Other hardware or protocol types are rejected on decode: VRRP only deals in
 * Ethernet and IPv4 here.
 */
import { ipAddressBytes, ipv4FromBytes, IPV4_ADDRESS_BYTES, type Ipv4Address } from '../primitives/ip-address.js';
import { macAddressBytes, macFromBytes, MAC_ADDRESS_BYTES, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { ETHERTYPE_IPV4 } from './ethernet-frame.js';
import { fieldValue } from './wire-field.js';

/** ARP Hardware Type of Ethernet (RFC 826; IANA "Hardware Types"). */
export const ARP_HARDWARE_ETHERNET = 1;
export const ARP_OPERATION_REQUEST = 1;
export const ARP_OPERATION_REPLY = 2;
export const ARP_PACKET_BYTES = 8 + 2 * MAC_ADDRESS_BYTES + 2 * IPV4_ADDRESS_BYTES;

export interface ArpPacket {
  /** ARP_OPERATION_REQUEST, ARP_OPERATION_REPLY, or another value as received. */
  readonly operation: number;
  readonly senderMac: MacAddress;
  readonly senderAddress: Ipv4Address;
  readonly targetMac: MacAddress;
  readonly targetAddress: Ipv4Address;
}

export type ArpDecodeError =
  /** Fewer than 28 bytes. */
  | { readonly kind: 'truncated'; readonly length: number; readonly required: number }
  /** Not Ethernet hardware addresses and IPv4 protocol addresses of the usual lengths. */
  | {
      readonly kind: 'unsupportedAddressFormat';
      readonly hardwareType: number;
      readonly protocolType: number;
      readonly hardwareLength: number;
      readonly protocolLength: number;
    };

/** Decode the ARP packet at the start of `bytes` (trailing link padding is ignored). Never throws. */
export function decodeArpPacket(bytes: Uint8Array): Result<ArpPacket, ArpDecodeError> {
  if (bytes.length < ARP_PACKET_BYTES) {
    return err({ kind: 'truncated', length: bytes.length, required: ARP_PACKET_BYTES });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hardwareType = view.getUint16(0);
  const protocolType = view.getUint16(2);
  const hardwareLength = view.getUint8(4);
  const protocolLength = view.getUint8(5);
  if (
    hardwareType !== ARP_HARDWARE_ETHERNET ||
    protocolType !== ETHERTYPE_IPV4 ||
    hardwareLength !== MAC_ADDRESS_BYTES ||
    protocolLength !== IPV4_ADDRESS_BYTES
  ) {
    return err({ kind: 'unsupportedAddressFormat', hardwareType, protocolType, hardwareLength, protocolLength });
  }
  return ok({
    operation: view.getUint16(6),
    senderMac: macFromBytes(bytes, 8),
    senderAddress: ipv4FromBytes(bytes, 14),
    targetMac: macFromBytes(bytes, 18),
    targetAddress: ipv4FromBytes(bytes, 24),
  });
}

/**
 * The 28-byte packet.
 *
 * @throws RangeError if the operation does not fit 16 bits.
 */
export function encodeArpPacket(packet: ArpPacket): Uint8Array {
  const bytes = new Uint8Array(ARP_PACKET_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, ARP_HARDWARE_ETHERNET);
  view.setUint16(2, ETHERTYPE_IPV4);
  view.setUint8(4, MAC_ADDRESS_BYTES);
  view.setUint8(5, IPV4_ADDRESS_BYTES);
  view.setUint16(6, fieldValue('ARP operation', packet.operation, 0xffff));
  bytes.set(macAddressBytes(packet.senderMac), 8);
  bytes.set(ipAddressBytes(packet.senderAddress), 14);
  bytes.set(macAddressBytes(packet.targetMac), 18);
  bytes.set(ipAddressBytes(packet.targetAddress), 24);
  return bytes;
}
