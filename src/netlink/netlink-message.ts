/**
 * Netlink datagrams and the messages in them (netlink(7)): one datagram holds
 * one or more messages, each an nlmsghdr and its payload, each starting on a
 * 4-byte boundary. A dump (NLM_F_DUMP) answers with many such datagrams, every
 * message flagged NLM_F_MULTI, ended by an NLMSG_DONE message.
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { decodeNetlinkHeader, NLMSG_HEADER_BYTES, netlinkAlign, writeNetlinkHeader, type NetlinkHeader } from './netlink-header.js';

export interface NetlinkMessage {
  readonly header: NetlinkHeader;
  /** The bytes after the header, up to nlmsg_len; a view into the datagram. */
  readonly payload: Uint8Array;
}

export function decodeNetlinkMessages(datagram: Uint8Array): Result<readonly NetlinkMessage[], NetlinkDecodeError> {
  const messages: NetlinkMessage[] = [];
  let offset = 0;
  while (offset < datagram.length) {
    const header = decodeNetlinkHeader(datagram, offset);
    if (!header.ok) return err(header.error);
    messages.push({
      header: header.value,
      payload: datagram.subarray(offset + NLMSG_HEADER_BYTES, offset + header.value.lengthBytes),
    });
    offset += netlinkAlign(header.value.lengthBytes);
  }
  return ok(messages);
}

/** What a request needs besides its payload; nlmsg_len is computed and nlmsg_pid is 0 (the kernel fills it in). */
export interface NetlinkRequestHeader {
  readonly type: number;
  readonly flags: number;
  readonly sequence: number;
}

/** One message: header plus payload, padded to a 4-byte multiple. */
export function encodeNetlinkMessage(header: NetlinkRequestHeader, payload: Uint8Array): Uint8Array {
  const lengthBytes = NLMSG_HEADER_BYTES + payload.length;
  const bytes = new Uint8Array(netlinkAlign(lengthBytes));
  writeNetlinkHeader(bytes, 0, { ...header, lengthBytes, portId: 0 });
  bytes.set(payload, NLMSG_HEADER_BYTES);
  return bytes;
}
