/**
 * An AF_NETLINK socket (netlink(7)) for NETLINK_ROUTE: datagrams in and out,
 * optionally subscribed to multicast groups (RTMGRP_* masks, rtnetlink(7)).
 * Requests go to the kernel, port ID 0. What the bytes mean is the business
 * of src/netlink/.
 */
import { isSystemError, type NativeBinding, type NativeSocket, type SystemError } from './native-binding.js';
import { SockaddrCodec } from './sockaddr.js';

export interface NetlinkSocketOptions {
  /** Multicast groups to join at bind(2), an RTMGRP_* bit mask; 0 for a request-only socket. */
  readonly groups: number;
  /**
   * Receive buffer size. Notifications that do not fit are dropped and the
   * next read fails with ENOBUFS; a subscriber wants room for bursts.
   * SO_RCVBUFFORCE is tried first (it needs CAP_NET_ADMIN), then SO_RCVBUF.
   */
  readonly receiveBufferBytes?: number;
}

export interface NetlinkSocketHandlers {
  readonly onDatagram: (datagram: Uint8Array) => void;
  /** ENOBUFS means notifications were lost (netlink(7)); reading continues after it. */
  readonly onError: (error: SystemError) => void;
}

export class NetlinkSocket {
  readonly #socket: NativeSocket;
  readonly #kernel: Buffer;
  /** The port ID the kernel assigned at bind(2) (nl_pid), which replies carry in nlmsg_pid. */
  readonly portId: number;

  private constructor(socket: NativeSocket, kernel: Buffer, portId: number) {
    this.#socket = socket;
    this.#kernel = kernel;
    this.portId = portId;
  }

  /** Opens, configures, binds and starts reading. Throws a SystemError if any step fails. */
  static open(binding: NativeBinding, options: NetlinkSocketOptions, handlers: NetlinkSocketHandlers): NetlinkSocket {
    const c = binding.constants;
    const sockaddrs = new SockaddrCodec(c);
    const socket = new binding.Socket(c.AF_NETLINK, c.SOCK_RAW, c.NETLINK_ROUTE);
    try {
      // Extended ACKs carry the kernel's reason for an error (NLMSGERR_ATTR_MSG);
      // capped ACKs leave the request's payload out of the echo.
      socket.setsockopt(c.SOL_NETLINK, c.NETLINK_EXT_ACK, 1);
      socket.setsockopt(c.SOL_NETLINK, c.NETLINK_CAP_ACK, 1);
      if (options.receiveBufferBytes !== undefined) setReceiveBuffer(binding, socket, options.receiveBufferBytes);
      socket.bind(sockaddrs.netlink(0, options.groups));
      const bound = sockaddrs.decode(socket.getsockname());
      const portId = bound.kind === 'netlink' ? bound.portId : 0;
      socket.start(
        (datagram) => handlers.onDatagram(datagram.data),
        (error) => handlers.onError(error),
      );
      return new NetlinkSocket(socket, sockaddrs.netlink(0, 0), portId);
    } catch (error) {
      socket.close();
      throw error;
    }
  }

  /** Sends one datagram (one or more netlink messages) to the kernel; returns the bytes sent. */
  send(datagram: Uint8Array): number {
    return this.#socket.send(datagram, this.#kernel, 0, 0);
  }

  ref(): void {
    this.#socket.ref();
  }

  unref(): void {
    this.#socket.unref();
  }

  close(): void {
    this.#socket.close();
  }
}

function setReceiveBuffer(binding: NativeBinding, socket: NativeSocket, bytes: number): void {
  const c = binding.constants;
  try {
    socket.setsockopt(c.SOL_SOCKET, c.SO_RCVBUFFORCE, bytes);
  } catch (error) {
    if (!isSystemError(error) || error.code !== 'EPERM') throw error;
    socket.setsockopt(c.SOL_SOCKET, c.SO_RCVBUF, bytes);
  }
}
