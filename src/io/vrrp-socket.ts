/**
 * A raw IP socket for VRRP (IP protocol 112) on one interface, IPv4 or IPv6,
 * set up as RFC 5798 §5.1 asks of advertisements:
 *
 * - joined to the VRRP group (224.0.0.18, §5.1.1.2; ff02::12, §5.1.2.2) on
 *   that interface only, and sending to it out of that interface;
 * - TTL / hop limit 255 (§5.1.1.3, §5.1.2.3), so that a receiver can drop
 *   anything that crossed a router; each received packet reports its own;
 * - multicast loopback off: a router does not hear its own adverts;
 * - TOS / traffic class 0xc0 (DSCP CS6, network control, RFC 4594 §3.1), as
 *   other VRRP implementations send.
 *
 * The kernel computes no VRRP checksum here: IPV6_CHECKSUM is left unset, and
 * an IPv6 raw socket then neither computes nor verifies one (RFC 3542 §3.1,
 * ipv6(7)); the codec computes and checks the checksum itself, for both
 * families alike.
 *
 * keepalived's `auth_type AH` adverts are IP protocol 51 (reference §2
 * IPSEC-AH): `protocol: IPSEC_AH_PROTOCOL` opens that socket instead, IPv4
 * only, with IP_HDRINCL (raw(7)), because the ICV covers the IP header, so
 * vipd must build it itself; such a socket sends whole datagrams
 * (`sendDatagram`). The kernel still fills in the header checksum.
 *
 * Received data: raw(7) IPv4 sockets deliver the IP header with the payload,
 * IPv6 raw sockets deliver the payload alone (ipv6(7)). The packet is handed
 * on as bytes with its metadata; decoding is the codec's job.
 */
import {
  ipAddressBytes,
  ipFamilyOf,
  ipv4FromBytes,
  ipv6FromBytes,
  type IpAddress,
  type IpFamily,
  type Ipv4Address,
  type Ipv6Address,
} from '../primitives/ip-address.js';
import { instantAt, type Instant } from '../primitives/time.js';
import { IPSEC_AH_PROTOCOL } from '../codec/ipsec-ah.js';
import type { NativeBinding, NativeDatagram, NativeSocket, SystemError } from './native-binding.js';
import { ipMreqn, ipv6Mreq, SockaddrCodec } from './sockaddr.js';

/** The IANA-assigned IP protocol number of VRRP (RFC 5798 §5.1.1.4, §5.1.2.4). */
export const VRRP_IP_PROTOCOL = 112;
export const VRRP_IPV4_GROUP = '224.0.0.18' as Ipv4Address;
export const VRRP_IPV6_GROUP = 'ff02::12' as Ipv6Address;
/** RFC 5798 §5.1.1.3 and §5.1.2.3: sent with 255; anything else received is discarded (§7.1). */
export const VRRP_TTL = 255;
/** DSCP CS6 in the upper six bits of the TOS / traffic class byte. */
export const NETWORK_CONTROL_TOS = 0xc0;

const IPV4_TTL_OFFSET = 8;

export interface VrrpSocketOptions {
  readonly family: IpFamily;
  readonly ifindex: number;
  /** The multicast group; VRRP_IPV4_GROUP or VRRP_IPV6_GROUP when not given. */
  readonly group?: IpAddress;
  /** VRRP_IP_PROTOCOL (the default) or IPSEC_AH_PROTOCOL (IPv4 only, header included). */
  readonly protocol?: typeof VRRP_IP_PROTOCOL | typeof IPSEC_AH_PROTOCOL;
  /**
   * Join the group (default true). false: a socket for sending only, which
   * receives nothing and makes the kernel send no IGMP/MLD report for it
   * (a VMAC's, whose reports would come from the virtual MAC).
   */
  readonly joinGroup?: boolean;
}

interface ReceivedVrrpPacketBase<Address extends IpAddress> {
  readonly source: Address;
  /** The destination address of the IP header (IP_PKTINFO / IPV6_PKTINFO). */
  readonly destination?: Address;
  /** The interface the packet arrived on. */
  readonly ifindex: number;
  /** TTL (IPv4) or hop limit (IPv6) as received; RFC 5798 §7.1 wants 255. */
  readonly ttl: number;
  /** The datagram did not fit the receive buffer (64 KiB): it is cut short. */
  readonly truncated: boolean;
  /** When the kernel received it, on the runtime's clock (CLOCK_MONOTONIC microseconds). */
  readonly receivedAt: Instant;
}

export type ReceivedVrrpPacket =
  | (ReceivedVrrpPacketBase<Ipv4Address> & {
      readonly family: 'ipv4';
      /** The whole IPv4 datagram, header first (raw(7)). */
      readonly payload: Uint8Array;
    })
  | (ReceivedVrrpPacketBase<Ipv6Address> & {
      readonly family: 'ipv6';
      /** The VRRP message alone; the kernel has consumed the IPv6 header. */
      readonly payload: Uint8Array;
    });

export interface VrrpSocketHandlers {
  readonly onPacket: (packet: ReceivedVrrpPacket) => void;
  /** A recvmsg(2) failure; the socket keeps reading. */
  readonly onError: (error: SystemError) => void;
}

export interface VrrpSendOptions {
  /** Overrides the TTL / hop limit of this one packet (tests use 1 to check that receivers drop it). */
  readonly ttl?: number;
  /**
   * The source address, which a v3 checksum covers (RFC 5798 §5.2.8): left to
   * the kernel, an IPv6 link-local VIP on the interface may be picked instead
   * of the address the checksum was computed with.
   */
  readonly source?: IpAddress;
  /**
   * A unicast destination instead of the group (keepalived unicast_peer):
   * still sent out of this socket's interface.
   */
  readonly destination?: IpAddress;
}

export class VrrpSocket {
  readonly family: IpFamily;
  readonly ifindex: number;
  readonly group: IpAddress;
  readonly #socket: NativeSocket;
  readonly #destination: Buffer;
  readonly #sockaddrs: SockaddrCodec;
  /** sockaddrs of unicast destinations, built once per peer. */
  readonly #unicastDestinations = new Map<IpAddress, Buffer>();

  private constructor(
    family: IpFamily,
    ifindex: number,
    group: IpAddress,
    socket: NativeSocket,
    destination: Buffer,
    sockaddrs: SockaddrCodec,
  ) {
    this.family = family;
    this.ifindex = ifindex;
    this.group = group;
    this.#socket = socket;
    this.#destination = destination;
    this.#sockaddrs = sockaddrs;
  }

  /**
   * Opens the socket, configures it and starts reading. Throws a SystemError
   * if a system call fails (EPERM without CAP_NET_RAW, ENODEV for an unknown
   * ifindex), and a RangeError for options that cannot be right.
   */
  static open(binding: NativeBinding, options: VrrpSocketOptions, handlers: VrrpSocketHandlers): VrrpSocket {
    const group = options.group ?? (options.family === 'ipv4' ? VRRP_IPV4_GROUP : VRRP_IPV6_GROUP);
    if (ipFamilyOf(group) !== options.family) throw new RangeError(`group ${group} is not an ${options.family} address`);
    if (!Number.isInteger(options.ifindex) || options.ifindex <= 0) throw new RangeError(`invalid ifindex ${options.ifindex}`);
    const c = binding.constants;
    const sockaddrs = new SockaddrCodec(c);
    const protocol = options.protocol ?? VRRP_IP_PROTOCOL;
    if (protocol === IPSEC_AH_PROTOCOL && !isIpv4(group)) throw new RangeError('IPSEC-AH adverts are IPv4 only');
    const socket = new binding.Socket(isIpv4(group) ? c.AF_INET : c.AF_INET6, c.SOCK_RAW, protocol);
    try {
      // Receive only what arrives on this interface (socket(7), SO_BINDTOIFINDEX
      // since Linux 5.0); with *_MULTICAST_ALL off, only for the groups this
      // socket joined itself (ip(7), ipv6(7)).
      socket.setsockopt(c.SOL_SOCKET, c.SO_BINDTOIFINDEX, options.ifindex);
      // The kernel's receive time: Master_Down_Interval runs from the advert's arrival (RFC 5798 §6.4.2),
      // not from when the event loop got round to it.
      socket.setsockopt(c.SOL_SOCKET, c.SO_TIMESTAMPNS, 1);
      let destination: Buffer;
      if (isIpv4(group)) {
        socket.setsockopt(c.IPPROTO_IP, c.IP_MULTICAST_ALL, 0);
        socket.setsockopt(c.IPPROTO_IP, c.IP_PKTINFO, 1);
        socket.setsockopt(c.IPPROTO_IP, c.IP_RECVTTL, 1);
        socket.setsockopt(c.IPPROTO_IP, c.IP_MULTICAST_IF, ipMreqn(null, options.ifindex));
        socket.setsockopt(c.IPPROTO_IP, c.IP_MULTICAST_TTL, VRRP_TTL);
        socket.setsockopt(c.IPPROTO_IP, c.IP_MULTICAST_LOOP, 0);
        socket.setsockopt(c.IPPROTO_IP, c.IP_TOS, NETWORK_CONTROL_TOS);
        if (options.joinGroup !== false) socket.setsockopt(c.IPPROTO_IP, c.IP_ADD_MEMBERSHIP, ipMreqn(group, options.ifindex));
        if (protocol === IPSEC_AH_PROTOCOL) socket.setsockopt(c.IPPROTO_IP, c.IP_HDRINCL, 1);
        destination = sockaddrs.inet(group);
      } else {
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_MULTICAST_ALL, 0);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_RECVPKTINFO, 1);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_RECVHOPLIMIT, 1);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_MULTICAST_IF, options.ifindex);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_MULTICAST_HOPS, VRRP_TTL);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_MULTICAST_LOOP, 0);
        socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_TCLASS, NETWORK_CONTROL_TOS);
        if (options.joinGroup !== false) socket.setsockopt(c.IPPROTO_IPV6, c.IPV6_ADD_MEMBERSHIP, ipv6Mreq(group, options.ifindex));
        // A link-local group needs its interface as scope (RFC 4007 §11).
        destination = sockaddrs.inet6(group, options.ifindex);
      }
      const decode = (datagram: NativeDatagram): ReceivedVrrpPacket | null =>
        receivedPacket(options.family, options.ifindex, datagram, sockaddrs);
      socket.start(
        (datagram) => {
          const packet = decode(datagram);
          if (packet !== null) handlers.onPacket(packet);
        },
        (error) => handlers.onError(error),
      );
      return new VrrpSocket(options.family, options.ifindex, group, socket, destination, sockaddrs);
    } catch (error) {
      socket.close();
      throw error;
    }
  }

  /**
   * Sends one VRRP message (without IP header: the kernel builds it) to the
   * group, or to `options.destination`, out of this socket's interface.
   * Returns the bytes sent; throws a SystemError (EAGAIN if the send buffer
   * is full, EADDRNOTAVAIL while an IPv6 link-local address is still
   * tentative), or a RangeError for a destination of the other family.
   */
  send(message: Uint8Array, options: VrrpSendOptions = {}): number {
    const source = options.source === undefined ? null : ipAddressBytes(options.source);
    const destination = options.destination === undefined ? this.#destination : this.#unicastDestination(options.destination);
    return this.#socket.send(message, destination, this.ifindex, options.ttl ?? 0, source);
  }

  #unicastDestination(address: IpAddress): Buffer {
    const known = this.#unicastDestinations.get(address);
    if (known !== undefined) return known;
    if (ipFamilyOf(address) !== this.family) throw new RangeError(`${address} is not an ${this.family} address`);
    // A link-local peer needs the interface as scope (RFC 4007 §11); a global one ignores it.
    const sockaddr = isIpv4(address) ? this.#sockaddrs.inet(address) : this.#sockaddrs.inet6(address, this.ifindex);
    this.#unicastDestinations.set(address, sockaddr);
    return sockaddr;
  }

  /**
   * Sends a whole IPv4 datagram, header included (an IPSEC_AH_PROTOCOL
   * socket), out of this socket's interface to its destination address.
   * raw(7): the kernel fills in the header checksum and total length, and an
   * Identification of 0, so callers never send 0. Throws a SystemError.
   */
  sendDatagram(datagram: Uint8Array): number {
    return this.#socket.send(datagram, this.#destination, this.ifindex, 0, null);
  }

  ref(): void {
    this.#socket.ref();
  }

  unref(): void {
    this.#socket.unref();
  }

  /** Idempotent; leaves the group as the socket closes. Safe inside onPacket. */
  close(): void {
    this.#socket.close();
  }
}

function isIpv4(address: IpAddress): address is Ipv4Address {
  return ipFamilyOf(address) === 'ipv4';
}

function receivedPacket(
  family: IpFamily,
  boundIfindex: number,
  datagram: NativeDatagram,
  sockaddrs: SockaddrCodec,
): ReceivedVrrpPacket | null {
  const source = sockaddrs.decode(datagram.source);
  const payload = new Uint8Array(datagram.data.buffer, datagram.data.byteOffset, datagram.data.byteLength);
  const ifindex = datagram.ifindex ?? boundIfindex;
  if (family === 'ipv4') {
    if (source.kind !== 'inet') return null;
    // IP_RECVTTL reports the TTL; the header has it too, should the option ever be missing.
    const ttl = datagram.ttl ?? payload[IPV4_TTL_OFFSET] ?? 0;
    const base = { family, payload, source: source.address, ifindex, ttl, truncated: datagram.truncated, receivedAt: instantAt(datagram.receivedAt) } as const;
    return datagram.destination === undefined ? base : { ...base, destination: ipv4FromBytes(datagram.destination) };
  }
  if (source.kind !== 'inet6') return null;
  // Without IPV6_HOPLIMIT there is no way to know it; 0 fails the §7.1 check, which is the safe side.
  const ttl = datagram.ttl ?? 0;
  const base = { family, payload, source: source.address, ifindex, ttl, truncated: datagram.truncated, receivedAt: instantAt(datagram.receivedAt) } as const;
  return datagram.destination === undefined ? base : { ...base, destination: ipv6FromBytes(datagram.destination) };
}
