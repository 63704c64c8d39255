/**
 * Socket addresses as the kernel lays them out, built and read here so that
 * the addon can treat them as opaque bytes. Families and interface indexes
 * are in host byte order, ports and protocols in network byte order:
 *
 *   sockaddr_in  (ip(7))      16 bytes: family, port, 4-byte address, zero padding
 *   sockaddr_in6 (ipv6(7))    28 bytes: family, port, flowinfo, 16-byte address, scope ID
 *   sockaddr_ll  (packet(7))  20 bytes: family, protocol, ifindex, hatype, pkttype, halen, address
 *   sockaddr_nl  (netlink(7)) 12 bytes: family, padding, port ID, multicast group mask
 */
import { endianness } from 'node:os';
import {
  IPV4_ADDRESS_BYTES,
  IPV6_ADDRESS_BYTES,
  ipAddressBytes,
  ipv4FromBytes,
  ipv6FromBytes,
  type Ipv4Address,
  type Ipv6Address,
} from '../primitives/ip-address.js';
import type { LinuxConstants } from './native-binding.js';

const HOST_LE = endianness() === 'LE';

export const SOCKADDR_IN_BYTES = 16;
export const SOCKADDR_IN6_BYTES = 28;
export const SOCKADDR_LL_BYTES = 20;
export const SOCKADDR_NL_BYTES = 12;

export type Sockaddr =
  | { readonly kind: 'inet'; readonly address: Ipv4Address; readonly port: number }
  | { readonly kind: 'inet6'; readonly address: Ipv6Address; readonly port: number; readonly scopeId: number }
  | {
      readonly kind: 'packet';
      /** sll_protocol as a host-order EtherType, e.g. 0x0806 for ARP. */
      readonly etherType: number;
      readonly ifindex: number;
      /** sll_pkttype: PACKET_HOST, PACKET_BROADCAST, ... (linux/if_packet.h). */
      readonly packetType: number;
      readonly hardwareAddress: Uint8Array;
    }
  | { readonly kind: 'netlink'; readonly portId: number; readonly groups: number }
  | { readonly kind: 'unknown'; readonly family: number; readonly bytes: Uint8Array };

/** htons(3) / ntohs(3). */
export function swapToNetworkOrder16(value: number): number {
  return HOST_LE ? ((value & 0xff) << 8) | ((value >> 8) & 0xff) : value & 0xffff;
}

/** Builds and reads sockaddrs; the address-family numbers come from the addon. */
export class SockaddrCodec {
  readonly #constants: LinuxConstants;

  constructor(constants: LinuxConstants) {
    this.#constants = constants;
  }

  /** Port 0: raw(7) ignores sin_port when sending. */
  inet(address: Ipv4Address): Buffer {
    const bytes = Buffer.alloc(SOCKADDR_IN_BYTES);
    this.#writeFamily(bytes, this.#constants.AF_INET);
    bytes.set(ipAddressBytes(address), 4);
    return bytes;
  }

  /** scopeId is the interface index that a link-local address (fe80::/10, ff02::/16) belongs to. */
  inet6(address: Ipv6Address, scopeId: number): Buffer {
    const bytes = Buffer.alloc(SOCKADDR_IN6_BYTES);
    this.#writeFamily(bytes, this.#constants.AF_INET6);
    bytes.set(ipAddressBytes(address), 8);
    HOST_LE ? bytes.writeUInt32LE(scopeId, 24) : bytes.writeUInt32BE(scopeId, 24);
    return bytes;
  }

  /** For bind(2) and sendmsg(2) on an AF_PACKET socket; the hardware address is left empty. */
  packet(ifindex: number, etherType: number): Buffer {
    const bytes = Buffer.alloc(SOCKADDR_LL_BYTES);
    this.#writeFamily(bytes, this.#constants.AF_PACKET);
    bytes.writeUInt16BE(etherType, 2);
    HOST_LE ? bytes.writeInt32LE(ifindex, 4) : bytes.writeInt32BE(ifindex, 4);
    return bytes;
  }

  /** Port ID 0 is the kernel as a destination, or "assign one" when binding. */
  netlink(portId: number, groups: number): Buffer {
    const bytes = Buffer.alloc(SOCKADDR_NL_BYTES);
    this.#writeFamily(bytes, this.#constants.AF_NETLINK);
    HOST_LE ? bytes.writeUInt32LE(portId, 4) : bytes.writeUInt32BE(portId, 4);
    HOST_LE ? bytes.writeUInt32LE(groups >>> 0, 8) : bytes.writeUInt32BE(groups >>> 0, 8);
    return bytes;
  }

  /** struct sockaddr_un (unix(7)): a filesystem path, NUL-terminated. */
  unix(path: string): Buffer {
    const pathBytes = Buffer.from(path, 'utf8');
    const bytes = Buffer.alloc(2 + pathBytes.length + 1);
    this.#writeFamily(bytes, this.#constants.AF_UNIX);
    bytes.set(pathBytes, 2);
    return bytes;
  }

  /** Reads a sockaddr from recvmsg(2) or getsockname(2); never throws. */
  decode(bytes: Uint8Array): Sockaddr {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.length < 2) return { kind: 'unknown', family: -1, bytes };
    const family = HOST_LE ? buffer.readUInt16LE(0) : buffer.readUInt16BE(0);
    const u32 = (offset: number): number => (HOST_LE ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset));
    const c = this.#constants;
    if (family === c.AF_INET && buffer.length >= 4 + IPV4_ADDRESS_BYTES) {
      return { kind: 'inet', address: ipv4FromBytes(buffer, 4), port: buffer.readUInt16BE(2) };
    }
    if (family === c.AF_INET6 && buffer.length >= SOCKADDR_IN6_BYTES) {
      return { kind: 'inet6', address: ipv6FromBytes(buffer, 8), port: buffer.readUInt16BE(2), scopeId: u32(24) };
    }
    if (family === c.AF_PACKET && buffer.length >= 12) {
      const hardwareAddressLength = Math.min(buffer.readUInt8(11), buffer.length - 12, 8);
      return {
        kind: 'packet',
        etherType: buffer.readUInt16BE(2),
        ifindex: HOST_LE ? buffer.readInt32LE(4) : buffer.readInt32BE(4),
        packetType: buffer.readUInt8(10),
        hardwareAddress: Uint8Array.from(buffer.subarray(12, 12 + hardwareAddressLength)),
      };
    }
    if (family === c.AF_NETLINK && buffer.length >= SOCKADDR_NL_BYTES) {
      return { kind: 'netlink', portId: u32(4), groups: u32(8) };
    }
    return { kind: 'unknown', family, bytes };
  }

  #writeFamily(bytes: Buffer, family: number): void {
    HOST_LE ? bytes.writeUInt16LE(family, 0) : bytes.writeUInt16BE(family, 0);
  }
}

/** struct ip_mreqn (ip(7)): group, local address (any), ifindex; for IP_ADD_MEMBERSHIP and IP_MULTICAST_IF. */
export function ipMreqn(group: Ipv4Address | null, ifindex: number): Buffer {
  const bytes = Buffer.alloc(12);
  if (group !== null) bytes.set(ipAddressBytes(group), 0);
  HOST_LE ? bytes.writeInt32LE(ifindex, 8) : bytes.writeInt32BE(ifindex, 8);
  return bytes;
}

/** struct ipv6_mreq (ipv6(7)): group and ifindex; for IPV6_ADD_MEMBERSHIP. */
export function ipv6Mreq(group: Ipv6Address, ifindex: number): Buffer {
  const bytes = Buffer.alloc(IPV6_ADDRESS_BYTES + 4);
  bytes.set(ipAddressBytes(group), 0);
  HOST_LE ? bytes.writeUInt32LE(ifindex, IPV6_ADDRESS_BYTES) : bytes.writeUInt32BE(ifindex, IPV6_ADDRESS_BYTES);
  return bytes;
}
