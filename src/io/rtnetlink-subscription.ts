/**
 * Link and address notifications (rtnetlink(7)): an AF_NETLINK socket bound
 * to RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR, its datagrams
 * decoded into RtnetlinkEvents. When the kernel had to drop notifications
 * (ENOBUFS, netlink(7)) the subscriber gets `eventsLost` and must re-read
 * the state it cares about.
 */
import { describeNetlinkDecodeError } from '../netlink/decode-error.js';
import { eventOfMessage, type RtnetlinkEvent } from '../netlink/rtnetlink-event.js';
import { decodeRtnetlinkDatagram } from '../netlink/rtnetlink-message.js';
import type { NativeBinding } from './native-binding.js';
import { NetlinkSocket } from './netlink-socket.js';

/** Room for bursts of notifications, such as a link flap with many addresses. */
export const DEFAULT_SUBSCRIPTION_BUFFER_BYTES = 1 << 20;

export interface RtnetlinkSubscriptionOptions {
  /** The socket's receive buffer; DEFAULT_SUBSCRIPTION_BUFFER_BYTES when not given. */
  readonly receiveBufferBytes?: number;
}

export interface RtnetlinkSubscriptionHandlers {
  readonly onEvent: (event: RtnetlinkEvent) => void;
  /** A notification that could not be decoded, or a socket error other than ENOBUFS. */
  readonly onError: (error: Error) => void;
}

export class RtnetlinkSubscription {
  readonly #socket: NetlinkSocket;

  private constructor(socket: NetlinkSocket) {
    this.#socket = socket;
  }

  /** Subscribes; throws a SystemError if the socket cannot be opened. */
  static open(
    binding: NativeBinding,
    handlers: RtnetlinkSubscriptionHandlers,
    options: RtnetlinkSubscriptionOptions = {},
  ): RtnetlinkSubscription {
    const c = binding.constants;
    const socket = NetlinkSocket.open(
      binding,
      {
        groups: c.RTMGRP_LINK | c.RTMGRP_IPV4_IFADDR | c.RTMGRP_IPV6_IFADDR,
        receiveBufferBytes: options.receiveBufferBytes ?? DEFAULT_SUBSCRIPTION_BUFFER_BYTES,
      },
      {
        onDatagram: (datagram) => {
          const messages = decodeRtnetlinkDatagram(datagram);
          if (!messages.ok) {
            handlers.onError(new Error(`undecodable rtnetlink notification: ${describeNetlinkDecodeError(messages.error)}`));
            return;
          }
          for (const message of messages.value) {
            const event = eventOfMessage(message);
            if (event !== null) handlers.onEvent(event);
          }
        },
        onError: (error) => {
          if (error.code === 'ENOBUFS') handlers.onEvent({ kind: 'eventsLost' });
          else handlers.onError(error);
        },
      },
    );
    return new RtnetlinkSubscription(socket);
  }

  /** Whether the subscription keeps the event loop alive (it does by default). */
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
