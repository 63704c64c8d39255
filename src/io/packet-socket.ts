/**
 * AF_PACKET, SOCK_RAW sockets (packet(7)): whole Ethernet frames, header
 * included, for gratuitous ARP (RFC 5798 §6.4.1 / RFC 5227 §3) and
 * unsolicited Neighbor Advertisements (RFC 4861 §7.2.6) sent from the virtual
 * MAC address, which the IP stack would not use as a source.
 *
 * A sender opens with protocol 0, for which the kernel registers no receive
 * hook (packet_create() in net/packet/af_packet.c): it receives nothing. A
 * receiver (tests, diagnostics) names one EtherType and one interface.
 */
import type { NativeBinding, NativeSocket, SystemError } from './native-binding.js';
import { SockaddrCodec, swapToNetworkOrder16 } from './sockaddr.js';

/** Destination MAC (6), source MAC (6), EtherType (2). */
export const ETHERNET_HEADER_BYTES = 14;
const ETHERTYPE_OFFSET = 12;

export interface ReceivedFrame {
  /** The whole frame from the destination MAC on (no FCS). */
  readonly frame: Uint8Array;
  readonly ifindex: number;
  /** sll_pkttype: PACKET_HOST 0, PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3 (linux/if_packet.h). */
  readonly packetType: number;
}

export interface PacketReceiverOptions {
  readonly ifindex: number;
  /** Host-order EtherType, e.g. binding.constants.ETH_P_ARP. */
  readonly etherType: number;
}

export interface PacketReceiverHandlers {
  readonly onFrame: (frame: ReceivedFrame) => void;
  readonly onError: (error: SystemError) => void;
}

export class PacketSocket {
  readonly #socket: NativeSocket;
  readonly #sockaddrs: SockaddrCodec;

  private constructor(socket: NativeSocket, sockaddrs: SockaddrCodec) {
    this.#socket = socket;
    this.#sockaddrs = sockaddrs;
  }

  /** A send-only socket. Needs CAP_NET_RAW; throws a SystemError otherwise. */
  static openSender(binding: NativeBinding): PacketSocket {
    const c = binding.constants;
    return new PacketSocket(new binding.Socket(c.AF_PACKET, c.SOCK_RAW, 0), new SockaddrCodec(c));
  }

  /** A socket that receives the frames of one EtherType arriving on one interface. */
  static openReceiver(binding: NativeBinding, options: PacketReceiverOptions, handlers: PacketReceiverHandlers): PacketSocket {
    const c = binding.constants;
    const sockaddrs = new SockaddrCodec(c);
    const socket = new binding.Socket(c.AF_PACKET, c.SOCK_RAW, swapToNetworkOrder16(options.etherType));
    try {
      socket.bind(sockaddrs.packet(options.ifindex, options.etherType));
      socket.start(
        (datagram) => {
          const source = sockaddrs.decode(datagram.source);
          handlers.onFrame({
            frame: new Uint8Array(datagram.data.buffer, datagram.data.byteOffset, datagram.data.byteLength),
            ifindex: source.kind === 'packet' ? source.ifindex : options.ifindex,
            packetType: source.kind === 'packet' ? source.packetType : -1,
          });
        },
        (error) => handlers.onError(error),
      );
      return new PacketSocket(socket, sockaddrs);
    } catch (error) {
      socket.close();
      throw error;
    }
  }

  /**
   * Sends a complete Ethernet frame out of `ifindex`. The frame's own
   * EtherType goes into sll_protocol. Returns the bytes sent; throws a
   * SystemError (ENXIO or ENODEV for a bad interface, ENETDOWN if it is down).
   */
  sendFrame(frame: Uint8Array, ifindex: number): number {
    if (frame.length < ETHERNET_HEADER_BYTES) throw new RangeError(`an Ethernet frame has at least ${ETHERNET_HEADER_BYTES} bytes`);
    const etherType = ((frame[ETHERTYPE_OFFSET] ?? 0) << 8) | (frame[ETHERTYPE_OFFSET + 1] ?? 0);
    return this.#socket.send(frame, this.#sockaddrs.packet(ifindex, etherType), 0, 0);
  }

  close(): void {
    this.#socket.close();
  }
}
