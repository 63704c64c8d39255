/**
 * NLMSG_ERROR messages: the kernel's error reply or, with error 0, its
 * acknowledgement (NLM_F_ACK). struct nlmsgerr (netlink(7), linux/netlink.h):
 *
 * +---------------------------------------------------------------+
 * | int error: 0 or a negative errno                              |
 * +---------------------------------------------------------------+
 * | struct nlmsghdr of the request (16 bytes)                     |
 * +---------------------------------------------------------------+
 * | the request's payload, absent when NLM_F_CAPPED is set        |
 * | (NETLINK_CAP_ACK asked for that)                              |
 * +---------------------------------------------------------------+
 * | extended-ACK attributes, present when NLM_F_ACK_TLVS is set   |
 * | (NETLINK_EXT_ACK asked for them): NLMSGERR_ATTR_MSG, _OFFS    |
 * +---------------------------------------------------------------+
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { attributeString, attributeUnsigned, decodeAttributes, findAttribute } from './netlink-attribute.js';
import { NetlinkFlag, NLMSG_HEADER_BYTES, netlinkAlign, readNetlinkHeaderFields, type NetlinkHeader } from './netlink-header.js';
import type { NetlinkMessage } from './netlink-message.js';

const ERRNO_BYTES = 4;

/** enum nlmsgerr_attrs (linux/netlink.h). */
const NLMSGERR_ATTR_MSG = 1;
const NLMSGERR_ATTR_OFFS = 2;

export interface ExtendedAck {
  /** NLMSGERR_ATTR_MSG: the kernel's explanation, e.g. "ipv4: Invalid prefix length". */
  readonly message: string | null;
  /** NLMSGERR_ATTR_OFFS: byte offset of the offending attribute in the request. */
  readonly invalidAttributeOffset: number | null;
}

export interface NetlinkErrorMessage {
  /** A positive errno (EEXIST is 17 on Linux), or 0 for an acknowledgement. */
  readonly errno: number;
  /** The header of the request this answers: its sequence number pairs them. */
  readonly request: NetlinkHeader;
  readonly extendedAck: ExtendedAck;
}

const NO_EXTENDED_ACK: ExtendedAck = { message: null, invalidAttributeOffset: null };

export function decodeNetlinkErrorMessage(message: NetlinkMessage): Result<NetlinkErrorMessage, NetlinkDecodeError> {
  const payload = message.payload;
  const fixedBytes = ERRNO_BYTES + NLMSG_HEADER_BYTES;
  if (payload.length < fixedBytes) {
    return err({ kind: 'truncated', structure: 'nlmsgerr', offset: 0, neededBytes: fixedBytes, availableBytes: payload.length });
  }
  const error = viewOf(payload).getInt32(0, HOST_IS_LITTLE_ENDIAN);
  const request = readNetlinkHeaderFields(payload, ERRNO_BYTES);
  const capped = (message.header.flags & NetlinkFlag.capped) !== 0;
  const echoedBytes = capped ? NLMSG_HEADER_BYTES : Math.max(NLMSG_HEADER_BYTES, netlinkAlign(request.lengthBytes));
  const extendedAck =
    (message.header.flags & NetlinkFlag.ackTlvs) === 0
      ? ok(NO_EXTENDED_ACK)
      : decodeExtendedAck(payload.subarray(Math.min(payload.length, ERRNO_BYTES + echoedBytes)));
  if (!extendedAck.ok) return err(extendedAck.error);
  return ok({ errno: error === 0 ? 0 : -error, request, extendedAck: extendedAck.value });
}

/** The extended-ACK attributes after a nlmsgerr (also found after an NLMSG_DONE's error). */
export function decodeExtendedAck(bytes: Uint8Array): Result<ExtendedAck, NetlinkDecodeError> {
  const attributes = decodeAttributes(bytes, 'nlmsgerr');
  if (!attributes.ok) return err(attributes.error);
  const messageAttribute = findAttribute(attributes.value, NLMSGERR_ATTR_MSG);
  const offsetAttribute = findAttribute(attributes.value, NLMSGERR_ATTR_OFFS);
  let invalidAttributeOffset: number | null = null;
  if (offsetAttribute !== undefined) {
    const offset = attributeUnsigned(offsetAttribute, 4, 'nlmsgerr', 'NLMSGERR_ATTR_OFFS');
    if (!offset.ok) return err(offset.error);
    invalidAttributeOffset = offset.value;
  }
  return ok({
    message: messageAttribute === undefined ? null : attributeString(messageAttribute),
    invalidAttributeOffset,
  });
}
