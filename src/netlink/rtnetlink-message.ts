/**
 * One NETLINK_ROUTE message, decoded by its nlmsg_type (rtnetlink(7)). Only
 * the link and address messages are decoded; anything else is reported as
 * `other` so that a subscriber can skip it.
 */
import { err, ok, type Result } from '../primitives/result.js';
import { decodeAddressMessage, type InterfaceAddress } from './address-message.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { decodeLinkMessage, type Link } from './link-message.js';
import { decodeExtendedAck, decodeNetlinkErrorMessage, type ExtendedAck, type NetlinkErrorMessage } from './netlink-error-message.js';
import { NetlinkControlType, NetlinkFlag, type NetlinkHeader } from './netlink-header.js';
import { decodeNetlinkMessages, type NetlinkMessage } from './netlink-message.js';

/** The RTM_* message types used here (linux/rtnetlink.h). */
export const RtnetlinkMessageType = {
  newLink: 16,
  deleteLink: 17,
  getLink: 18,
  newAddress: 20,
  deleteAddress: 21,
  getAddress: 22,
  newRoute: 24,
  deleteRoute: 25,
  newRule: 32,
  deleteRule: 33,
} as const;

export type RtnetlinkMessage =
  | { readonly kind: 'link'; readonly operation: 'new' | 'delete'; readonly header: NetlinkHeader; readonly link: Link }
  | {
      readonly kind: 'address';
      readonly operation: 'new' | 'delete';
      readonly header: NetlinkHeader;
      readonly address: InterfaceAddress;
    }
  /** NLMSG_ERROR: errno 0 is an acknowledgement. */
  | { readonly kind: 'error'; readonly header: NetlinkHeader; readonly error: NetlinkErrorMessage }
  /** NLMSG_DONE ends a dump; a non-zero errno means the dump failed part-way. */
  | { readonly kind: 'done'; readonly header: NetlinkHeader; readonly errno: number; readonly extendedAck: ExtendedAck | null }
  | { readonly kind: 'other'; readonly header: NetlinkHeader };

export function decodeRtnetlinkMessage(message: NetlinkMessage): Result<RtnetlinkMessage, NetlinkDecodeError> {
  const header = message.header;
  switch (header.type) {
    case RtnetlinkMessageType.newLink:
    case RtnetlinkMessageType.deleteLink: {
      const link = decodeLinkMessage(message.payload);
      if (!link.ok) return err(link.error);
      return ok({ kind: 'link', operation: header.type === RtnetlinkMessageType.newLink ? 'new' : 'delete', header, link: link.value });
    }
    case RtnetlinkMessageType.newAddress:
    case RtnetlinkMessageType.deleteAddress: {
      const address = decodeAddressMessage(message.payload);
      if (!address.ok) return err(address.error);
      return ok({
        kind: 'address',
        operation: header.type === RtnetlinkMessageType.newAddress ? 'new' : 'delete',
        header,
        address: address.value,
      });
    }
    case NetlinkControlType.error: {
      const error = decodeNetlinkErrorMessage(message);
      if (!error.ok) return err(error.error);
      return ok({ kind: 'error', header, error: error.value });
    }
    case NetlinkControlType.done:
      return decodeDone(message);
    default:
      return ok({ kind: 'other', header });
  }
}

/** Every message of a datagram; fails as a whole if one message is malformed. */
export function decodeRtnetlinkDatagram(datagram: Uint8Array): Result<readonly RtnetlinkMessage[], NetlinkDecodeError> {
  const messages = decodeNetlinkMessages(datagram);
  if (!messages.ok) return err(messages.error);
  const decoded: RtnetlinkMessage[] = [];
  for (const message of messages.value) {
    const one = decodeRtnetlinkMessage(message);
    if (!one.ok) return err(one.error);
    decoded.push(one.value);
  }
  return ok(decoded);
}

/**
 * NLMSG_DONE carries an int: 0, or the negative errno that ended the dump
 * (netlink_dump() in net/netlink/af_netlink.c), then extended-ACK attributes
 * when NLM_F_ACK_TLVS is set. An empty payload is read as success.
 */
function decodeDone(message: NetlinkMessage): Result<RtnetlinkMessage, NetlinkDecodeError> {
  const payload = message.payload;
  if (payload.length === 0) return ok({ kind: 'done', header: message.header, errno: 0, extendedAck: null });
  if (payload.length < 4) {
    return err({ kind: 'truncated', structure: 'done', offset: 0, neededBytes: 4, availableBytes: payload.length });
  }
  const error = viewOf(payload).getInt32(0, HOST_IS_LITTLE_ENDIAN);
  const errno = error === 0 ? 0 : -error;
  if ((message.header.flags & NetlinkFlag.ackTlvs) === 0) {
    return ok({ kind: 'done', header: message.header, errno, extendedAck: null });
  }
  const extendedAck = decodeExtendedAck(payload.subarray(4));
  if (!extendedAck.ok) return err(extendedAck.error);
  return ok({ kind: 'done', header: message.header, errno, extendedAck: extendedAck.value });
}
