/**
 * The process-events socket: NETLINK_CONNECTOR bound to CN_IDX_PROC, then
 * PROC_CN_MCAST_LISTEN. Uses the native binding's generic socket (all
 * parsing is proc-connector.ts). Needs CAP_NET_ADMIN, and works only in the
 * initial network namespace: keepalived 2.2.7 in a namespace got
 * ECONNREFUSED ("Failed to set/clear process event listen - errno 111 -
 * Connection refused"), and so does this.
 */
import type { NativeBinding, SystemError } from '../../io/native-binding.js';
import { isSystemError } from '../../io/native-binding.js';
import { SockaddrCodec } from '../../io/sockaddr.js';
import { CN_IDX_PROC, NETLINK_CONNECTOR, decodeProcEvents, encodeProcSubscription, type ProcEvent } from './proc-connector.js';

export interface ProcEventHandlers {
  readonly onEvents: (events: readonly ProcEvent[]) => void;
  /** The receive buffer overflowed (ENOBUFS): events were lost; rescan. */
  readonly onLost: () => void;
  readonly onError: (error: SystemError) => void;
}

export interface ProcEventSource {
  close(): void;
}

/** Room for bursts of fork/exec/exit from busy machines. */
const RECEIVE_BUFFER_BYTES = 4 << 20;

export function openProcEventSource(binding: NativeBinding, handlers: ProcEventHandlers): ProcEventSource {
  const c = binding.constants;
  const sockaddrs = new SockaddrCodec(c);
  const socket = new binding.Socket(c.AF_NETLINK, c.SOCK_DGRAM, NETLINK_CONNECTOR);
  try {
    try {
      socket.setsockopt(c.SOL_SOCKET, c.SO_RCVBUFFORCE, RECEIVE_BUFFER_BYTES);
    } catch {
      // Without CAP_NET_ADMIN the default buffer will do; losses are rescanned.
    }
    socket.bind(sockaddrs.netlink(0, CN_IDX_PROC));
    const bound = sockaddrs.decode(socket.getsockname());
    const portId = bound.kind === 'netlink' ? bound.portId : 0;
    socket.start(
      (datagram) => handlers.onEvents(decodeProcEvents(datagram.data)),
      (error) => (isSystemError(error) && error.code === 'ENOBUFS' ? handlers.onLost() : handlers.onError(error)),
    );
    socket.send(encodeProcSubscription(portId, 1, true), sockaddrs.netlink(0, 0), 0, 0);
  } catch (error) {
    socket.close();
    throw error;
  }
  return { close: () => socket.close() };
}
