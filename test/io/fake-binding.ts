/**
 * A stand-in for the vipd_native addon: sockets that record what is sent and
 * let a test deliver datagrams and errors, so that the I/O classes can be
 * tested without a kernel. Sockaddrs it returns are built with the same
 * SockaddrCodec the real classes use.
 */
import {
  LINUX_CONSTANT_NAMES,
  type LinuxConstantName,
  type LinuxConstants,
  type NativeBinding,
  type NativeDatagram,
  type NativeSocket,
  type SystemError,
} from '../../src/io/native-binding.js';
import { SockaddrCodec } from '../../src/io/sockaddr.js';

export interface FakeSocket extends NativeSocket {
  readonly domain: number;
  readonly sent: Uint8Array[];
  readonly options: ReadonlyArray<readonly [number, number, number | Uint8Array]>;
  /** Whether the socket would hold the event loop open: ref() sets it, unref() clears it; a new handle is referenced. */
  readonly referenced: boolean;
  /** The sockaddr given to bind(), if any. */
  readonly bound: Uint8Array | null;
  readonly closed: boolean;
  deliver(datagram: Uint8Array): void;
  fail(code: string): void;
}

export interface FakeBinding extends NativeBinding {
  readonly sockets: FakeSocket[];
}

/** Distinct numbers for every constant: the code under test only passes them through. */
function fakeConstants(): LinuxConstants {
  const entries = LINUX_CONSTANT_NAMES.map((name, index): [LinuxConstantName, number] => [name, index + 1]);
  return Object.fromEntries(entries) as Record<LinuxConstantName, number>;
}

export function fakeBinding(portId = 4242): FakeBinding {
  const constants = fakeConstants();
  const sockaddrs = new SockaddrCodec(constants);
  const sockets: FakeSocket[] = [];

  class Socket implements FakeSocket {
    readonly domain: number;
    readonly sent: Uint8Array[] = [];
    readonly options: Array<readonly [number, number, number | Uint8Array]> = [];
    referenced = true;
    closed = false;
    bound: Uint8Array | null = null;
    #onDatagram: ((datagram: NativeDatagram) => void) | null = null;
    #onError: ((error: SystemError) => void) | null = null;

    constructor(domain: number) {
      this.domain = domain;
      sockets.push(this);
    }

    setsockopt(level: number, name: number, value: number | Uint8Array): void {
      this.options.push([level, name, value]);
    }

    bind(sockaddr: Uint8Array): void {
      this.bound = Uint8Array.from(sockaddr);
    }

    getsockname(): Buffer {
      return sockaddrs.netlink(portId, 0);
    }

    send(data: Uint8Array): number {
      if (this.closed) throw systemError('EBADF', 'sendmsg');
      this.sent.push(Uint8Array.from(data));
      return data.length;
    }

    start(onDatagram: (datagram: NativeDatagram) => void, onError: (error: SystemError) => void): void {
      this.#onDatagram = onDatagram;
      this.#onError = onError;
    }

    stop(): void {
      this.#onDatagram = null;
      this.#onError = null;
    }

    close(): void {
      this.closed = true;
      this.stop();
    }

    ref(): void {
      this.referenced = true;
    }

    unref(): void {
      this.referenced = false;
    }

    deliver(datagram: Uint8Array): void {
      this.#onDatagram?.({ data: Buffer.from(datagram), source: sockaddrs.netlink(0, 0), truncated: false, receivedAt: 0 });
    }

    fail(code: string): void {
      this.#onError?.(systemError(code, 'recvmsg'));
    }
  }

  /** The rtnetlink tests never arm a timer; one that is used fails loudly. */
  class Timer {
    constructor() {
      throw new Error('the fake binding has no timers');
    }
  }

  return { Socket, Timer: Timer as unknown as NativeBinding['Timer'], constants, sockets };
}

function systemError(code: string, syscall: string): SystemError {
  return Object.assign(new Error(`${syscall} ${code}`), { code, errno: -1, syscall });
}
