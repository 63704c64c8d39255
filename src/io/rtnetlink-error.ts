/**
 * Why an rtnetlink request failed. The kernel's errno keeps its name as
 * `code` ('EEXIST', 'EADDRNOTAVAIL', 'ENODEV'), as Node's system errors do;
 * failures on this side get ERR_RTNETLINK_* codes.
 */
import { assertNever } from '../primitives/result.js';
import { describeNetlinkDecodeError, type NetlinkDecodeError } from '../netlink/decode-error.js';
import type { RequestError } from '../netlink/rtnetlink-request.js';

export type RtnetlinkFailure =
  /**
   * An errno from the kernel: in an NLMSG_ERROR or NLMSG_DONE (then `message` is its
   * NLMSGERR_ATTR_MSG, if any), or from sendmsg(2) / recvmsg(2) on the socket.
   * Negative, as in Node's system errors.
   */
  | { readonly kind: 'kernel'; readonly errno: number; readonly errnoName: string; readonly message: string | null }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'closed' }
  | { readonly kind: 'malformedReply'; readonly error: NetlinkDecodeError }
  | { readonly kind: 'invalidRequest'; readonly error: RequestError }
  /** NLM_F_DUMP_INTR on every attempt: the table kept changing while it was dumped. */
  | { readonly kind: 'dumpInterrupted'; readonly attempts: number };

export class RtnetlinkError extends Error {
  override readonly name = 'RtnetlinkError';
  readonly code: string;
  /** The request, named by its message type, e.g. 'RTM_NEWADDR'. */
  readonly request: string;
  readonly failure: RtnetlinkFailure;

  constructor(request: string, failure: RtnetlinkFailure) {
    super(`${request}: ${describe(failure)}`);
    this.request = request;
    this.failure = failure;
    this.code = codeOf(failure);
  }
}

function codeOf(failure: RtnetlinkFailure): string {
  switch (failure.kind) {
    case 'kernel':
      return failure.errnoName;
    case 'timeout':
      return 'ERR_RTNETLINK_TIMEOUT';
    case 'closed':
      return 'ERR_RTNETLINK_CLOSED';
    case 'malformedReply':
      return 'ERR_RTNETLINK_MALFORMED_REPLY';
    case 'invalidRequest':
      return 'ERR_RTNETLINK_INVALID_REQUEST';
    case 'dumpInterrupted':
      return 'ERR_RTNETLINK_DUMP_INTERRUPTED';
    default:
      return assertNever(failure);
  }
}

function describe(failure: RtnetlinkFailure): string {
  switch (failure.kind) {
    case 'kernel':
      return `${failure.errnoName} (errno ${failure.errno})${failure.message === null ? '' : `: ${failure.message}`}`;
    case 'timeout':
      return `no answer within ${failure.timeoutMs} ms`;
    case 'closed':
      return 'the rtnetlink client was closed';
    case 'malformedReply':
      return `malformed reply: ${describeNetlinkDecodeError(failure.error)}`;
    case 'invalidRequest':
      return `invalid request: ${JSON.stringify(failure.error)}`;
    case 'dumpInterrupted':
      return `dump interrupted by concurrent changes ${failure.attempts} times`;
    default:
      return assertNever(failure);
  }
}
