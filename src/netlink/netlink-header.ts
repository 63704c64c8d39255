/**
 * The netlink message header, struct nlmsghdr (netlink(7), linux/netlink.h).
 * All fields are in host byte order.
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 nlmsg_len (header + payload)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          nlmsg_type           |          nlmsg_flags          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      nlmsg_seq (sequence)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   nlmsg_pid (sender port ID)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';

export const NLMSG_HEADER_BYTES = 16;

/** NLMSG_ALIGN: messages and attributes start on 4-byte boundaries. */
export function netlinkAlign(lengthBytes: number): number {
  return (lengthBytes + 3) & ~3;
}

/** Control message types below NLMSG_MIN_TYPE (0x10), netlink(7). */
export const NetlinkControlType = {
  noop: 0x1,
  /** An error or, with error 0, an acknowledgement (struct nlmsgerr). */
  error: 0x2,
  /** The end of a multipart (dump) reply. */
  done: 0x3,
  overrun: 0x4,
} as const;

/** nlmsg_flags (netlink(7)). Several bits mean different things for GET, NEW, DELETE and ACK messages. */
export const NetlinkFlag = {
  request: 0x01,
  multi: 0x02,
  ack: 0x04,
  echo: 0x08,
  /** The dump was interrupted by a change and is inconsistent: dump again. */
  dumpInterrupted: 0x10,
  dumpFiltered: 0x20,
  // GET requests
  root: 0x100,
  match: 0x200,
  atomic: 0x400,
  dump: 0x300,
  // NEW requests
  replace: 0x100,
  exclusive: 0x200,
  create: 0x400,
  append: 0x800,
  // ACK / error messages
  capped: 0x100,
  ackTlvs: 0x200,
} as const;

export interface NetlinkHeader {
  /** nlmsg_len: the header and the payload, without trailing alignment padding. */
  readonly lengthBytes: number;
  readonly type: number;
  readonly flags: number;
  readonly sequence: number;
  /** nlmsg_pid: 0 for messages from the kernel. */
  readonly portId: number;
}

export function decodeNetlinkHeader(bytes: Uint8Array, offset: number): Result<NetlinkHeader, NetlinkDecodeError> {
  const available = bytes.length - offset;
  if (available < NLMSG_HEADER_BYTES) {
    return err({ kind: 'truncated', structure: 'nlmsghdr', offset, neededBytes: NLMSG_HEADER_BYTES, availableBytes: available });
  }
  const header = readNetlinkHeaderFields(bytes, offset);
  if (header.lengthBytes < NLMSG_HEADER_BYTES || header.lengthBytes > available) {
    return err({ kind: 'badLength', structure: 'nlmsghdr', offset, lengthBytes: header.lengthBytes });
  }
  return ok(header);
}

/**
 * The five fields as they are, without checking nlmsg_len against the bytes
 * that follow (a header echoed inside an NLMSG_ERROR keeps its original
 * length even when its payload was left out). The caller checks that 16 bytes
 * are there.
 */
export function readNetlinkHeaderFields(bytes: Uint8Array, offset: number): NetlinkHeader {
  const view = viewOf(bytes);
  const le = HOST_IS_LITTLE_ENDIAN;
  return {
    lengthBytes: view.getUint32(offset, le),
    type: view.getUint16(offset + 4, le),
    flags: view.getUint16(offset + 6, le),
    sequence: view.getUint32(offset + 8, le),
    portId: view.getUint32(offset + 12, le),
  };
}

/** Writes a header at `offset` of `target` (which must have room for it). */
export function writeNetlinkHeader(target: Uint8Array, offset: number, header: NetlinkHeader): void {
  const view = viewOf(target);
  const le = HOST_IS_LITTLE_ENDIAN;
  view.setUint32(offset, header.lengthBytes, le);
  view.setUint16(offset + 4, header.type, le);
  view.setUint16(offset + 6, header.flags, le);
  view.setUint32(offset + 8, header.sequence, le);
  view.setUint32(offset + 12, header.portId, le);
}
