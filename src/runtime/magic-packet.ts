/**
 * Advanced vrrpd's "magic packet" (-I vip -O gw; vrrpd.c hello_send_pkt,
 * called at the end of state_goto_master): a non-blocking TCP connect from
 * the VIP to the gateway's port 1100. Its SYN, sourced from the VIP and sent
 * from the new master's own MAC, makes the switches relearn where the VIP
 * lives and the gateway refresh its ARP entry, when no virtual MAC moves
 * with the address. Nothing listens on port 1100; the answer (RST or none)
 * does not matter.
 *
 * Fire and forget: the socket is destroyed as soon as the connect settles or
 * after a bounded time, whichever comes first, and never keeps the process
 * alive. Failures are logged at detail level only, as vrrpd ignores them.
 * It must be sent once the VIP is on the interface: binding needs it.
 */
import { connect, type Socket } from 'node:net';
import type { Logger } from '../log/logger.js';
import type { Ipv4Address } from '../primitives/ip-address.js';

/** vrrpd.c hello_send_pkt: `htons(1100)`. */
export const MAGIC_PACKET_PORT = 1100;
/** How long the connect may stay pending before the socket is destroyed. */
export const MAGIC_PACKET_TIMEOUT_MS = 1000;

export interface MagicPacket {
  /** -I: the VIP it is sent from. */
  readonly source: Ipv4Address;
  /** -O: the gateway it is sent to. */
  readonly gateway: Ipv4Address;
}

export interface MagicPacketOptions {
  readonly port?: number;
  readonly timeoutMs?: number;
}

/** Sends it; resolves (never rejects) once the socket is gone, which callers need not wait for. */
export function sendMagicPacket(packet: MagicPacket, instance: string, logger: Logger, options: MagicPacketOptions = {}): Promise<void> {
  const port = options.port ?? MAGIC_PACKET_PORT;
  const timeoutMs = options.timeoutMs ?? MAGIC_PACKET_TIMEOUT_MS;
  logger.write({ level: 'info', text: `(${instance}) sending magic packet from ${packet.source} to ${packet.gateway}:${port}` });
  return new Promise((resolve) => {
    let socket: Socket | null = null;
    let done = false;
    const finish = (outcome: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      logger.write({ level: 'detail', text: `(${instance}) magic packet to ${packet.gateway}:${port}: ${outcome}` });
      resolve();
    };
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    try {
      socket = connect({ host: packet.gateway, port, localAddress: packet.source });
    } catch (error) {
      finish(error instanceof Error ? error.message : String(error));
      return;
    }
    socket.unref();
    socket.once('connect', () => finish('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}
