/**
 * rtnetlink requests (rtnetlink(7)) over one AF_NETLINK socket: list links
 * and addresses, add and remove addresses, routes and rules. Never spawns ip(8).
 *
 * Each request gets its own sequence number and waits, with a timeout, for
 * the kernel's answer to that number: an acknowledgement (NLMSG_ERROR with
 * error 0, asked for with NLM_F_ACK) or an error, or for a dump the NLMSG_DONE
 * that ends it. A socket runs one dump at a time (a second one fails with
 * EBUSY), so dumps are queued; other requests go out at once.
 *
 * The socket holds the event loop open only while requests are pending.
 */
import { constants as osConstants } from 'node:os';
import type { InterfaceAddress } from '../netlink/address-message.js';
import type { Link } from '../netlink/link-message.js';
import { NetlinkFlag } from '../netlink/netlink-header.js';
import { decodeNetlinkMessages } from '../netlink/netlink-message.js';
import { decodeRtnetlinkMessage, type RtnetlinkMessage } from '../netlink/rtnetlink-message.js';
import {
  encodeDeleteAddressRequest,
  encodeGetAddressesRequest,
  encodeGetLinkByNameRequest,
  encodeGetLinksRequest,
  encodeNewAddressRequest,
  type AddressToAdd,
  type AddressToRemove,
  type RequestError,
} from '../netlink/rtnetlink-request.js';
import {
  encodeDeleteLinkRequest,
  encodeNewMacvlanRequest,
  encodeSetAddressGenerationNoneRequest,
  encodeSetLinkUpRequest,
  type MacvlanToCreate,
} from '../netlink/link-request.js';
import { encodeDeleteRouteRequest, encodeNewRouteRequest, type Route } from '../netlink/route-message.js';
import { encodeDeleteRuleRequest, encodeNewRuleRequest, type Rule } from '../netlink/rule-message.js';
import { assertNever, ok, type Result } from '../primitives/result.js';
import { isSystemError, type NativeBinding, type SystemError } from './native-binding.js';
import { NetlinkSocket } from './netlink-socket.js';
import { RtnetlinkError, type RtnetlinkFailure } from './rtnetlink-error.js';

/** The timers the request timeouts run on; Node's own unless a test injects others. */
export interface RequestTimers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: RequestTimers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RtnetlinkClientOptions {
  /** How long one request may wait for its answer. Default 2000 ms. */
  readonly requestTimeoutMs?: number;
  /** How often a dump interrupted by concurrent changes (NLM_F_DUMP_INTR) is tried. Default 3. */
  readonly dumpAttempts?: number;
  readonly timers?: RequestTimers;
}

type Completion = 'ack' | 'dump';

interface PendingRequest {
  readonly request: string;
  readonly completion: Completion;
  readonly replies: RtnetlinkMessage[];
  interrupted: boolean;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: RtnetlinkError) => void;
  readonly timer: unknown;
}

interface Answer {
  readonly replies: readonly RtnetlinkMessage[];
  /** NLM_F_DUMP_INTR was set: the dump may be inconsistent. */
  readonly interrupted: boolean;
}

const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_DUMP_ATTEMPTS = 3;
const MAX_SEQUENCE = 0xffffffff;

export class RtnetlinkClient {
  readonly #socket: NetlinkSocket;
  readonly #timeoutMs: number;
  readonly #dumpAttempts: number;
  readonly #timers: RequestTimers;
  readonly #pending = new Map<number, PendingRequest>();
  readonly #errnoNames: ReadonlyMap<number, string>;
  #lastSequence = 0;
  #dumpQueue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(binding: NativeBinding, options: RtnetlinkClientOptions) {
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#dumpAttempts = options.dumpAttempts ?? DEFAULT_DUMP_ATTEMPTS;
    this.#timers = options.timers ?? NODE_TIMERS;
    this.#errnoNames = new Map(Object.entries(osConstants.errno).map(([name, errno]) => [errno, name]));
    this.#socket = NetlinkSocket.open(
      binding,
      { groups: 0 },
      { onDatagram: (datagram) => this.#onDatagram(datagram), onError: (error) => this.#onSocketError(error) },
    );
    this.#socket.unref();
  }

  /** Opens the request socket. Throws a SystemError if that fails. */
  static open(binding: NativeBinding, options: RtnetlinkClientOptions = {}): RtnetlinkClient {
    return new RtnetlinkClient(binding, options);
  }

  /** Every link (interface) in the network namespace. */
  async listLinks(): Promise<readonly Link[]> {
    const replies = await this.#dump('RTM_GETLINK', (sequence) => ok(encodeGetLinksRequest(sequence)));
    return replies.flatMap((reply) => (reply.kind === 'link' && reply.operation === 'new' ? [reply.link] : []));
  }

  /** The link called `name`, or null if there is none (the kernel's ENODEV). */
  async linkByName(name: string): Promise<Link | null> {
    try {
      const answer = await this.#request('RTM_GETLINK', 'ack', (sequence) => encodeGetLinkByNameRequest(sequence, name));
      for (const reply of answer.replies) if (reply.kind === 'link') return reply.link;
      return null;
    } catch (error) {
      if (error instanceof RtnetlinkError && error.code === 'ENODEV') return null;
      throw error;
    }
  }

  /** Every IPv4 and IPv6 address, or those of one interface. */
  async listAddresses(ifindex?: number): Promise<readonly InterfaceAddress[]> {
    const replies = await this.#dump('RTM_GETADDR', (sequence) => ok(encodeGetAddressesRequest(sequence)));
    return replies.flatMap((reply) =>
      reply.kind === 'address' && reply.operation === 'new' && (ifindex === undefined || reply.address.ifindex === ifindex)
        ? [reply.address]
        : [],
    );
  }

  /** Adds an address; rejects with code 'EEXIST' if it is already there. */
  async addAddress(address: AddressToAdd): Promise<void> {
    await this.#request('RTM_NEWADDR', 'ack', (sequence) => encodeNewAddressRequest(sequence, address));
  }

  /** Removes an address; rejects with code 'EADDRNOTAVAIL' if it is not there. */
  async removeAddress(address: AddressToRemove): Promise<void> {
    await this.#request('RTM_DELADDR', 'ack', (sequence) => encodeDeleteAddressRequest(sequence, address));
  }

  /** Creates a macvlan (a VMAC); rejects with code 'EEXIST' if the name is taken. */
  async createMacvlan(macvlan: MacvlanToCreate): Promise<void> {
    await this.#request('RTM_NEWLINK', 'ack', (sequence) => encodeNewMacvlanRequest(sequence, macvlan));
  }

  /** Sets IFF_UP on a link. */
  async setLinkUp(ifindex: number): Promise<void> {
    await this.#request('RTM_NEWLINK', 'ack', (sequence) => encodeSetLinkUpRequest(sequence, ifindex));
  }

  /** IPv6 addrgenmode none: the kernel adds no link-local address of its own to the link. */
  async disableAddressGeneration(ifindex: number): Promise<void> {
    await this.#request('RTM_NEWLINK', 'ack', (sequence) => encodeSetAddressGenerationNoneRequest(sequence, ifindex));
  }

  /** Deletes a link; rejects with code 'ENODEV' if it is gone. */
  async deleteLink(ifindex: number): Promise<void> {
    await this.#request('RTM_DELLINK', 'ack', (sequence) => encodeDeleteLinkRequest(sequence, ifindex));
  }

  /** Adds a route (RTM_NEWROUTE); rejects with code 'EEXIST' if the kernel holds one with its key. */
  async addRoute(route: Route): Promise<void> {
    await this.#request('RTM_NEWROUTE', 'ack', (sequence) => encodeNewRouteRequest(sequence, route));
  }

  /** Removes a route (RTM_DELROUTE); rejects with code 'ESRCH' if there is none with its protocol. */
  async removeRoute(route: Route): Promise<void> {
    await this.#request('RTM_DELROUTE', 'ack', (sequence) => encodeDeleteRouteRequest(sequence, route));
  }

  /** Adds a policy routing rule (RTM_NEWRULE); rejects with code 'EEXIST' if it is already there. */
  async addRule(rule: Rule): Promise<void> {
    await this.#request('RTM_NEWRULE', 'ack', (sequence) => encodeNewRuleRequest(sequence, rule));
  }

  /** Removes a rule (RTM_DELRULE); rejects with code 'ENOENT' if it is not there. */
  async removeRule(rule: Rule): Promise<void> {
    await this.#request('RTM_DELRULE', 'ack', (sequence) => encodeDeleteRuleRequest(sequence, rule));
  }

  /** Closes the socket; pending requests reject with ERR_RTNETLINK_CLOSED. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
    for (const [sequence, pending] of this.#pending) this.#settle(sequence, pending, { kind: 'closed' });
  }

  /** Runs a dump after the ones before it, and again if the kernel flags it inconsistent. */
  #dump(request: string, encode: (sequence: number) => Result<Uint8Array, RequestError>): Promise<readonly RtnetlinkMessage[]> {
    const run = this.#dumpQueue.then(async () => {
      for (let attempt = 1; ; attempt++) {
        const answer = await this.#request(request, 'dump', encode);
        if (!answer.interrupted) return answer.replies;
        if (attempt >= this.#dumpAttempts) throw new RtnetlinkError(request, { kind: 'dumpInterrupted', attempts: attempt });
      }
    });
    this.#dumpQueue = run.catch(() => undefined);
    return run;
  }

  #request(request: string, completion: Completion, encode: (sequence: number) => Result<Uint8Array, RequestError>): Promise<Answer> {
    if (this.#closed) return Promise.reject(new RtnetlinkError(request, { kind: 'closed' }));
    const sequence = this.#nextSequence();
    const message = encode(sequence);
    if (!message.ok) return Promise.reject(new RtnetlinkError(request, { kind: 'invalidRequest', error: message.error }));
    return new Promise<Answer>((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        const pending = this.#pending.get(sequence);
        if (pending !== undefined) this.#settle(sequence, pending, { kind: 'timeout', timeoutMs: this.#timeoutMs });
      }, this.#timeoutMs);
      const pending: PendingRequest = { request, completion, replies: [], interrupted: false, resolve, reject, timer };
      if (this.#pending.size === 0) this.#socket.ref();
      this.#pending.set(sequence, pending);
      try {
        this.#socket.send(message.value);
      } catch (error) {
        this.#pending.delete(sequence);
        this.#timers.clearTimeout(timer);
        if (this.#pending.size === 0) this.#socket.unref();
        if (!isSystemError(error)) throw error;
        reject(new RtnetlinkError(request, { kind: 'kernel', errno: error.errno, errnoName: error.code, message: error.message }));
      }
    });
  }

  #onDatagram(datagram: Uint8Array): void {
    const messages = decodeNetlinkMessages(datagram);
    if (!messages.ok) {
      // Nothing tells whose answer this was: every pending request has lost its reply.
      for (const [sequence, pending] of this.#pending) this.#settle(sequence, pending, { kind: 'malformedReply', error: messages.error });
      return;
    }
    for (const message of messages.value) {
      const sequence = message.header.sequence;
      const pending = this.#pending.get(sequence);
      if (pending === undefined) continue; // the answer to a request that timed out
      if ((message.header.flags & NetlinkFlag.dumpInterrupted) !== 0) pending.interrupted = true;
      const decoded = decodeRtnetlinkMessage(message);
      if (!decoded.ok) {
        this.#settle(sequence, pending, { kind: 'malformedReply', error: decoded.error });
        continue;
      }
      this.#consume(sequence, pending, decoded.value);
    }
  }

  #consume(sequence: number, pending: PendingRequest, reply: RtnetlinkMessage): void {
    switch (reply.kind) {
      case 'error':
        // error 0 acknowledges; a dump is only ever answered by NLMSG_ERROR when it failed to start.
        if (reply.error.errno === 0 && pending.completion === 'ack') this.#settle(sequence, pending, null);
        else if (reply.error.errno !== 0) this.#settle(sequence, pending, this.#kernelFailure(reply.error.errno, reply.error.extendedAck.message));
        return;
      case 'done':
        if (reply.errno !== 0) this.#settle(sequence, pending, this.#kernelFailure(reply.errno, reply.extendedAck?.message ?? null));
        else if (pending.completion === 'dump') this.#settle(sequence, pending, null);
        return;
      case 'link':
      case 'address':
      case 'other':
        pending.replies.push(reply);
        return;
      default:
        assertNever(reply);
    }
  }

  /** Ends a pending request: success when failure is null. */
  #settle(sequence: number, pending: PendingRequest, failure: RtnetlinkFailure | null): void {
    this.#pending.delete(sequence);
    this.#timers.clearTimeout(pending.timer);
    if (this.#pending.size === 0 && !this.#closed) this.#socket.unref();
    if (failure === null) pending.resolve({ replies: pending.replies, interrupted: pending.interrupted });
    else pending.reject(new RtnetlinkError(pending.request, failure));
  }

  #kernelFailure(errno: number, message: string | null): RtnetlinkFailure {
    return { kind: 'kernel', errno: -errno, errnoName: this.#errnoNames.get(errno) ?? `errno ${errno}`, message };
  }

  /**
   * recvmsg(2) failed on the request socket. Replies may have been lost, and
   * nothing says whose: the requests waiting fail now rather than at their timeout.
   */
  #onSocketError(error: SystemError): void {
    for (const [sequence, pending] of this.#pending) {
      this.#settle(sequence, pending, { kind: 'kernel', errno: error.errno, errnoName: error.code, message: `recvmsg: ${error.message}` });
    }
  }

  #nextSequence(): number {
    this.#lastSequence = this.#lastSequence >= MAX_SEQUENCE ? 1 : this.#lastSequence + 1;
    return this.#lastSequence;
  }
}
