/**
 * The typed face of the vipd_native addon (native/vipd_native.c): one generic
 * socket class on Node-API, plus the Linux constants read from the C headers.
 * The addon parses nothing; the wrappers in this directory build and read
 * the sockaddrs and payloads.
 *
 * The binding is loaded from build/Release/vipd_native.node under the package
 * root (the nearest directory above this file that has a package.json), so
 * the same code works from src/ and from dist/src/.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What recvmsg(2) returned for one datagram. */
export interface NativeDatagram {
  readonly data: Buffer;
  /** The sender's sockaddr, as the kernel wrote it (sockaddr_in, sockaddr_in6, sockaddr_ll, sockaddr_nl). */
  readonly source: Buffer;
  /** MSG_TRUNC or MSG_CTRUNC: the datagram or its ancillary data did not fit. */
  readonly truncated: boolean;
  /**
   * When it arrived, in CLOCK_MONOTONIC microseconds (process.hrtime's clock):
   * the kernel's SO_TIMESTAMPNS stamp when the socket asked for one, else the
   * moment the addon read it.
   */
  readonly receivedAt: number;
  /** From IP_PKTINFO (ip(7)) or IPV6_PKTINFO (ipv6(7)) when enabled: the arrival interface. */
  readonly ifindex?: number;
  /** From the same: the datagram's destination address, 4 or 16 bytes. */
  readonly destination?: Buffer;
  /** From IP_TTL (IP_RECVTTL) or IPV6_HOPLIMIT (IPV6_RECVHOPLIMIT) when enabled. */
  readonly ttl?: number;
}

/** A Node-style system error, as the addon throws and reports them. */
export interface SystemError extends Error {
  /** The errno name, e.g. 'EADDRNOTAVAIL'. */
  readonly code: string;
  /** The negative errno, as in Node's own system errors. */
  readonly errno: number;
  readonly syscall: string;
}

export function isSystemError(value: unknown): value is SystemError {
  return (
    value instanceof Error &&
    typeof (value as Partial<SystemError>).code === 'string' &&
    typeof (value as Partial<SystemError>).errno === 'number' &&
    typeof (value as Partial<SystemError>).syscall === 'string'
  );
}

/**
 * An open socket. Every method that makes a system call throws a SystemError
 * on failure; after close() they fail with EBADF, except stop(), close(),
 * ref() and unref(), which do nothing.
 */
export interface NativeSocket {
  setsockopt(level: number, name: number, value: number | Uint8Array): void;
  bind(sockaddr: Uint8Array): void;
  getsockname(): Buffer;
  /**
   * sendmsg(2). ifindex > 0 picks the outgoing interface and `source` (4 or
   * 16 bytes) the source address (IP_PKTINFO ipi_spec_dst or IPV6_PKTINFO
   * ipi6_addr); ttl > 0 sets this datagram's TTL or hop limit (IP_TTL or
   * IPV6_HOPLIMIT). All only for AF_INET / AF_INET6 sockets. Returns the bytes sent.
   */
  send(data: Uint8Array, destination: Uint8Array | null, ifindex: number, ttl: number, source?: Uint8Array | null): number;
  /**
   * Starts reading: each readable event drains the socket until EAGAIN.
   * onError receives recvmsg(2) failures; after ENOBUFS (netlink(7) lost
   * messages) reading goes on, after any other error it resumes at the next
   * readable event.
   */
  start(onDatagram: (datagram: NativeDatagram) => void, onError: (error: SystemError) => void): void;
  stop(): void;
  /** Idempotent; safe inside the callbacks. */
  close(): void;
  /** Whether a started socket keeps the event loop alive (the default). */
  ref(): void;
  unref(): void;
}

export interface NativeSocketConstructor {
  new (domain: number, type: number, protocol: number): NativeSocket;
}

/** The constants the addon exports, read from the C headers at build time. */
export const LINUX_CONSTANT_NAMES = [
  'AF_UNSPEC', 'AF_UNIX', 'AF_INET', 'AF_INET6', 'AF_PACKET', 'AF_NETLINK',
  'SOCK_RAW', 'SOCK_DGRAM',
  'SOL_SOCKET', 'SOL_PACKET', 'SOL_NETLINK',
  'SO_RCVBUF', 'SO_SNDBUF', 'SO_RCVBUFFORCE', 'SO_BINDTODEVICE', 'SO_BINDTOIFINDEX', 'SO_TIMESTAMPNS',
  'IPPROTO_IP', 'IPPROTO_IPV6',
  'IP_TOS', 'IP_TTL', 'IP_HDRINCL', 'IP_PKTINFO', 'IP_RECVTTL', 'IP_MULTICAST_IF', 'IP_MULTICAST_TTL',
  'IP_MULTICAST_LOOP', 'IP_MULTICAST_ALL', 'IP_ADD_MEMBERSHIP', 'IP_DROP_MEMBERSHIP',
  'IPV6_TCLASS', 'IPV6_UNICAST_HOPS', 'IPV6_PKTINFO', 'IPV6_RECVPKTINFO', 'IPV6_HOPLIMIT',
  'IPV6_RECVHOPLIMIT', 'IPV6_CHECKSUM', 'IPV6_V6ONLY', 'IPV6_MULTICAST_IF', 'IPV6_MULTICAST_HOPS',
  'IPV6_MULTICAST_LOOP', 'IPV6_MULTICAST_ALL', 'IPV6_ADD_MEMBERSHIP', 'IPV6_DROP_MEMBERSHIP',
  'ETH_P_ALL', 'ETH_P_IP', 'ETH_P_ARP', 'ETH_P_IPV6',
  'NETLINK_ROUTE', 'NETLINK_ADD_MEMBERSHIP', 'NETLINK_CAP_ACK', 'NETLINK_EXT_ACK', 'NETLINK_GET_STRICT_CHK',
  'RTMGRP_LINK', 'RTMGRP_IPV4_IFADDR', 'RTMGRP_IPV6_IFADDR',
] as const;

export type LinuxConstantName = (typeof LINUX_CONSTANT_NAMES)[number];
export type LinuxConstants = { readonly [name in LinuxConstantName]: number };

/**
 * A timerfd(2) on CLOCK_MONOTONIC, the clock process.hrtime reads: it wakes
 * the event loop at an absolute instant with the kernel's precision, which
 * libuv's millisecond timers do not have.
 */
export interface NativeTimer {
  /** Expire once at this CLOCK_MONOTONIC instant; (0, 0) disarms. */
  settime(seconds: number, nanoseconds: number): void;
  /** onExpiry receives the number of expirations since the last one reported. */
  start(onExpiry: (expirations: number) => void, onError: (error: SystemError) => void): void;
  stop(): void;
  close(): void;
  ref(): void;
  unref(): void;
}

export interface NativeTimerConstructor {
  new (): NativeTimer;
}

export interface NativeBinding {
  readonly Socket: NativeSocketConstructor;
  readonly Timer: NativeTimerConstructor;
  readonly constants: LinuxConstants;
}

const ADDON_PATH = join('build', 'Release', 'vipd_native.node');

/**
 * Loads the addon. Throws if it has not been built (`npm install` builds it)
 * or does not have the expected shape. Node's module cache makes repeated
 * calls cheap, so callers need not keep the result anywhere global.
 */
export function loadNativeBinding(): NativeBinding {
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)));
  const require = createRequire(join(root, 'package.json'));
  const loaded: unknown = require(join(root, ADDON_PATH));
  if (!isNativeBinding(loaded)) throw new Error(`${join(root, ADDON_PATH)} is not the vipd_native addon this code expects`);
  return loaded;
}

function packageRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json above ${start}`);
  }
}

function isNativeBinding(value: unknown): value is NativeBinding {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { Socket?: unknown; constants?: unknown };
  if (typeof candidate.Socket !== 'function' || typeof (value as { Timer?: unknown }).Timer !== 'function') return false;
  const constants = candidate.constants;
  if (typeof constants !== 'object' || constants === null) return false;
  return LINUX_CONSTANT_NAMES.every((name) => typeof (constants as Record<string, unknown>)[name] === 'number');
}
