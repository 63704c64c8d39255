/**
 * The NETLINK_ROUTE requests vipd sends (rtnetlink(7)), as bytes ready for
 * sendmsg(2) to the kernel (port ID 0). Requests that change something ask
 * for an acknowledgement (NLM_F_ACK) so that success is confirmed, not
 * assumed; GET requests for one object get their answer and then the ACK.
 */
import { ipAddressBytes, ipFamilyOf, type IpAddress, type Ipv4Address } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import {
  AddressAttribute,
  AddressFlag,
  encodeIfaddrmsg,
  lifetimeValueOf,
  scopeValueOf,
  type AddressLifetimes,
  type AddressScope,
} from './address-message.js';
import { encodeIfinfomsg, LinkAttribute, RTEXT_FILTER_SKIP_STATS } from './link-message.js';
import { encodedAttributesLength, stringValue, u32Value, writeAttributes, type AttributeSpec } from './netlink-attribute.js';
import { NetlinkFlag } from './netlink-header.js';
import { encodeNetlinkMessage } from './netlink-message.js';
import { RtnetlinkMessageType } from './rtnetlink-message.js';

/** IFNAMSIZ (linux/if.h), including the terminating NUL: names and IPv4 labels are at most 15 bytes. */
export const IFNAMSIZ = 16;

export type RequestError =
  | { readonly kind: 'invalidPrefixLength'; readonly prefixLength: number; readonly maximum: number }
  | { readonly kind: 'invalidIfindex'; readonly ifindex: number }
  | { readonly kind: 'nameTooLong'; readonly field: 'name' | 'label'; readonly lengthBytes: number }
  | { readonly kind: 'broadcastOnIpv6' }
  | { readonly kind: 'labelOnIpv6' }
  | { readonly kind: 'invalidScope'; readonly scope: number }
  | { readonly kind: 'invalidLifetimes'; readonly lifetimes: AddressLifetimes }
  /** A route or rule request out of range (route-message.ts, rule-message.ts): which field, and its value. */
  | { readonly kind: 'invalidRoutingField'; readonly field: string; readonly value: number | string };

/** RTM_GETLINK with NLM_F_DUMP: every link in the namespace, statistics left out. */
export function encodeGetLinksRequest(sequence: number): Uint8Array {
  return request(RtnetlinkMessageType.getLink, NetlinkFlag.request | NetlinkFlag.dump, sequence, encodeIfinfomsg(0), [
    { type: LinkAttribute.extMask, value: u32Value(RTEXT_FILTER_SKIP_STATS) },
  ]);
}

/** RTM_GETLINK for one link by IFLA_IFNAME; the kernel answers ENODEV if there is none. */
export function encodeGetLinkByNameRequest(sequence: number, name: string): Result<Uint8Array, RequestError> {
  const value = stringValue(name);
  if (value.length > IFNAMSIZ) return err({ kind: 'nameTooLong', field: 'name', lengthBytes: value.length - 1 });
  return ok(
    request(RtnetlinkMessageType.getLink, NetlinkFlag.request | NetlinkFlag.ack, sequence, encodeIfinfomsg(0), [
      { type: LinkAttribute.extMask, value: u32Value(RTEXT_FILTER_SKIP_STATS) },
      { type: LinkAttribute.ifname, value },
    ]),
  );
}

/** RTM_GETADDR with NLM_F_DUMP, IPv4 and IPv6 alike (AF_UNSPEC). */
export function encodeGetAddressesRequest(sequence: number): Uint8Array {
  const header = encodeIfaddrmsg({ family: null, prefixLength: 0, flags: 0, scope: 0, ifindex: 0 });
  return request(RtnetlinkMessageType.getAddress, NetlinkFlag.request | NetlinkFlag.dump, sequence, header, []);
}

export interface AddressToAdd {
  readonly ifindex: number;
  readonly address: IpAddress;
  readonly prefixLength: number;
  /** IPv4 only: IFA_BROADCAST. */
  readonly broadcast?: Ipv4Address;
  /** IPv4 only: IFA_LABEL, e.g. "eth0:vip" (at most 15 bytes). */
  readonly label?: string;
  /** Defaults to 'universe' (RT_SCOPE_UNIVERSE), as `ip addr add` does. */
  readonly scope?: AddressScope;
  /** IFA_F_NODAD: skip IPv6 Duplicate Address Detection so the address is usable at once (RFC 4862 §5.4). */
  readonly noDad?: boolean;
  /** IFA_CACHEINFO; without it the address is permanent. */
  readonly lifetimes?: AddressLifetimes;
}

export interface AddressToRemove {
  readonly ifindex: number;
  readonly address: IpAddress;
  readonly prefixLength: number;
}

/**
 * RTM_NEWADDR with NLM_F_CREATE | NLM_F_EXCL: adding an address that exists
 * fails with EEXIST rather than silently succeeding (the 4.4BSD "ADD" of
 * linux/netlink.h). IFA_LOCAL and IFA_ADDRESS both carry the address, as for
 * any interface that is not point-to-point.
 */
export function encodeNewAddressRequest(sequence: number, address: AddressToAdd): Result<Uint8Array, RequestError> {
  const family = ipFamilyOf(address.address);
  const checked = checkAddressTarget(address);
  if (!checked.ok) return err(checked.error);
  if (family === 'ipv6' && address.broadcast !== undefined) return err({ kind: 'broadcastOnIpv6' });
  if (family === 'ipv6' && address.label !== undefined) return err({ kind: 'labelOnIpv6' });
  const scope = scopeValueOf(address.scope ?? 'universe');
  if (!Number.isInteger(scope) || scope < 0 || scope > 255) return err({ kind: 'invalidScope', scope });
  const flags = address.noDad === true ? AddressFlag.noDad : 0;
  const bytes = ipAddressBytes(address.address);
  const attributes: AttributeSpec[] = [
    { type: AddressAttribute.local, value: bytes },
    { type: AddressAttribute.address, value: bytes },
    { type: AddressAttribute.flags, value: u32Value(flags) },
  ];
  if (address.broadcast !== undefined) attributes.push({ type: AddressAttribute.broadcast, value: ipAddressBytes(address.broadcast) });
  if (address.label !== undefined) {
    const label = stringValue(address.label);
    if (label.length > IFNAMSIZ) return err({ kind: 'nameTooLong', field: 'label', lengthBytes: label.length - 1 });
    attributes.push({ type: AddressAttribute.label, value: label });
  }
  if (address.lifetimes !== undefined) {
    const cacheInfo = encodeCacheInfo(address.lifetimes);
    if (!cacheInfo.ok) return err(cacheInfo.error);
    attributes.push({ type: AddressAttribute.cacheInfo, value: cacheInfo.value });
  }
  const header = encodeIfaddrmsg({ family, prefixLength: address.prefixLength, flags, scope, ifindex: address.ifindex });
  const requestFlags = NetlinkFlag.request | NetlinkFlag.ack | NetlinkFlag.create | NetlinkFlag.exclusive;
  return ok(request(RtnetlinkMessageType.newAddress, requestFlags, sequence, header, attributes));
}

/** RTM_DELADDR for one address; the kernel answers EADDRNOTAVAIL if it is not there. */
export function encodeDeleteAddressRequest(sequence: number, address: AddressToRemove): Result<Uint8Array, RequestError> {
  const checked = checkAddressTarget(address);
  if (!checked.ok) return err(checked.error);
  const bytes = ipAddressBytes(address.address);
  const header = encodeIfaddrmsg({
    family: ipFamilyOf(address.address),
    prefixLength: address.prefixLength,
    flags: 0,
    scope: 0,
    ifindex: address.ifindex,
  });
  return ok(
    request(RtnetlinkMessageType.deleteAddress, NetlinkFlag.request | NetlinkFlag.ack, sequence, header, [
      { type: AddressAttribute.local, value: bytes },
      { type: AddressAttribute.address, value: bytes },
    ]),
  );
}

function checkAddressTarget(address: AddressToRemove): Result<true, RequestError> {
  const maximum = ipFamilyOf(address.address) === 'ipv4' ? 32 : 128;
  if (!Number.isInteger(address.prefixLength) || address.prefixLength < 0 || address.prefixLength > maximum) {
    return err({ kind: 'invalidPrefixLength', prefixLength: address.prefixLength, maximum });
  }
  if (!Number.isInteger(address.ifindex) || address.ifindex <= 0 || address.ifindex > 0x7fffffff) {
    return err({ kind: 'invalidIfindex', ifindex: address.ifindex });
  }
  return ok(true);
}

/** struct ifa_cacheinfo { u32 ifa_prefered; u32 ifa_valid; u32 cstamp; u32 tstamp; } (timestamps are the kernel's). */
function encodeCacheInfo(lifetimes: AddressLifetimes): Result<Uint8Array, RequestError> {
  const preferred = lifetimeValueOf(lifetimes.preferredSeconds);
  const valid = lifetimeValueOf(lifetimes.validSeconds);
  const inRange = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
  // The kernel rejects a preferred lifetime longer than the valid one (inet_rtm_newaddr, EINVAL).
  if (!inRange(preferred) || !inRange(valid) || valid === 0 || preferred > valid) return err({ kind: 'invalidLifetimes', lifetimes });
  const bytes = new Uint8Array(16);
  bytes.set(u32Value(preferred), 0);
  bytes.set(u32Value(valid), 4);
  return ok(bytes);
}

/** One request: netlink header, family header (ifinfomsg, ifaddrmsg …), attributes. */
export function request(type: number, flags: number, sequence: number, familyHeader: Uint8Array, attributes: readonly AttributeSpec[]): Uint8Array {
  const payload = new Uint8Array(familyHeader.length + encodedAttributesLength(attributes));
  payload.set(familyHeader);
  writeAttributes(payload, familyHeader.length, attributes);
  return encodeNetlinkMessage({ type, flags, sequence }, payload);
}
