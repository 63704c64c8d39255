/**
 * What a subscriber to RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR
 * learns (rtnetlink(7)). The kernel announces every change of a link as an
 * RTM_NEWLINK (there is no separate "changed" message) and a removal as
 * RTM_DELLINK; addresses come and go as RTM_NEWADDR and RTM_DELADDR.
 */
import { assertNever } from '../primitives/result.js';
import type { InterfaceAddress } from './address-message.js';
import type { Link } from './link-message.js';
import type { RtnetlinkMessage } from './rtnetlink-message.js';

export type RtnetlinkEvent =
  | { readonly kind: 'linkChanged'; readonly link: Link }
  | { readonly kind: 'linkRemoved'; readonly link: Link }
  | { readonly kind: 'addressAdded'; readonly address: InterfaceAddress }
  | { readonly kind: 'addressRemoved'; readonly address: InterfaceAddress }
  /**
   * The kernel dropped notifications because the socket's receive queue was
   * full (ENOBUFS, netlink(7)); state must be read again with a dump. Produced
   * by the I/O layer, never decoded from bytes.
   */
  | { readonly kind: 'eventsLost' };

/** The event a notification stands for; null for messages that are not notifications. */
export function eventOfMessage(message: RtnetlinkMessage): RtnetlinkEvent | null {
  switch (message.kind) {
    case 'link':
      return message.operation === 'new' ? { kind: 'linkChanged', link: message.link } : { kind: 'linkRemoved', link: message.link };
    case 'address':
      return message.operation === 'new'
        ? { kind: 'addressAdded', address: message.address }
        : { kind: 'addressRemoved', address: message.address };
    case 'error':
    case 'done':
    case 'other':
      return null;
    default:
      return assertNever(message);
  }
}
