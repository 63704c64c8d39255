/**
 * Interface address messages, the payload of RTM_NEWADDR, RTM_DELADDR and
 * RTM_GETADDR (rtnetlink(7)): struct ifaddrmsg followed by IFA_* attributes
 * (linux/if_addr.h).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ifa_family   | ifa_prefixlen |  ifa_flags    |   ifa_scope   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   ifa_index (interface index)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        IFA_* attributes                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * linux/if_addr.h: "IFA_ADDRESS is prefix address, rather than local
 * interface address. It makes no difference for normally configured
 * broadcast interfaces, but for point-to-point IFA_ADDRESS is DESTINATION
 * address, local address is supplied in IFA_LOCAL attribute."
 */
import {
  addressBytesOf,
  IPV4_ADDRESS_BYTES,
  ipAddressFromBytes,
  ipv4FromBytes,
  type IpAddress,
  type IpFamily,
  type Ipv4Address,
} from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { addressFamilyOf, ipFamilyOfAddressFamily } from './address-family.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { attributeString, attributeUnsigned, decodeAttributes, findAttribute, type NetlinkAttribute } from './netlink-attribute.js';

export const IFADDRMSG_BYTES = 8;

/** enum in linux/if_addr.h. */
export const AddressAttribute = {
  address: 1,
  local: 2,
  label: 3,
  broadcast: 4,
  anycast: 5,
  /** struct ifa_cacheinfo: lifetimes in seconds, timestamps in hundredths of a second. */
  cacheInfo: 6,
  multicast: 7,
  /** u32 that extends the u8 ifa_flags. */
  flags: 8,
} as const;

/** IFA_F_* (linux/if_addr.h). */
export const AddressFlag = {
  secondary: 0x01,
  noDad: 0x02,
  optimistic: 0x04,
  dadFailed: 0x08,
  homeAddress: 0x10,
  deprecated: 0x20,
  tentative: 0x40,
  permanent: 0x80,
  manageTempAddress: 0x100,
  noPrefixRoute: 0x200,
  mcAutoJoin: 0x400,
  stablePrivacy: 0x800,
} as const;

export type AddressFlagName = keyof typeof AddressFlag;

export interface AddressFlags {
  /** IFA_F_SECONDARY for IPv4; the same bit is IFA_F_TEMPORARY (RFC 4941) for IPv6. */
  readonly secondary: boolean;
  /** IFA_F_NODAD: no Duplicate Address Detection (RFC 4862 §5.4) for this IPv6 address. */
  readonly noDad: boolean;
  readonly optimistic: boolean;
  readonly dadFailed: boolean;
  readonly homeAddress: boolean;
  readonly deprecated: boolean;
  /** IFA_F_TENTATIVE: DAD still running; the address cannot be a source yet. */
  readonly tentative: boolean;
  readonly permanent: boolean;
  readonly manageTempAddress: boolean;
  readonly noPrefixRoute: boolean;
  readonly mcAutoJoin: boolean;
  readonly stablePrivacy: boolean;
  /** The 32 flag bits as received (IFA_FLAGS, or ifa_flags when that is absent). */
  readonly raw: number;
}

/** ifa_scope: enum rt_scope_t (linux/rtnetlink.h); other values are site-defined. */
export const AddressScopeValue = { universe: 0, site: 200, link: 253, host: 254, nowhere: 255 } as const;
export type AddressScopeName = keyof typeof AddressScopeValue;
export type AddressScope = AddressScopeName | number;

/** INFINITY_LIFE_TIME in linux/if_addr.h. */
const INFINITE_LIFETIME = 0xffffffff;

export interface AddressLifetimes {
  readonly preferredSeconds: number | 'forever';
  readonly validSeconds: number | 'forever';
}

export interface InterfaceAddress {
  readonly family: IpFamily;
  readonly ifindex: number;
  readonly prefixLength: number;
  /** IFA_LOCAL when present (the interface's own address), else IFA_ADDRESS. */
  readonly address: IpAddress;
  /** IFA_ADDRESS when it differs from IFA_LOCAL: the peer of a point-to-point link. */
  readonly peer: IpAddress | null;
  readonly broadcast: Ipv4Address | null;
  readonly label: string | null;
  readonly scope: AddressScope;
  readonly flags: AddressFlags;
  readonly lifetimes: AddressLifetimes | null;
}

export function decodeAddressMessage(payload: Uint8Array): Result<InterfaceAddress, NetlinkDecodeError> {
  if (payload.length < IFADDRMSG_BYTES) {
    return err({ kind: 'truncated', structure: 'ifaddrmsg', offset: 0, neededBytes: IFADDRMSG_BYTES, availableBytes: payload.length });
  }
  const view = viewOf(payload);
  const addressFamily = view.getUint8(0);
  const family = ipFamilyOfAddressFamily(addressFamily);
  if (family === null) return err({ kind: 'unsupportedFamily', structure: 'ifaddrmsg', family: addressFamily });
  const prefixLength = view.getUint8(1);
  const shortFlags = view.getUint8(2);
  const scopeValue = view.getUint8(3);
  const ifindex = view.getUint32(4, HOST_IS_LITTLE_ENDIAN);
  const attributes = decodeAttributes(payload.subarray(IFADDRMSG_BYTES), 'ifaddrmsg');
  if (!attributes.ok) return err(attributes.error);
  const find = (type: number): NetlinkAttribute | undefined => findAttribute(attributes.value, type);

  const local = decodeAddressAttribute(find(AddressAttribute.local), family, 'IFA_LOCAL');
  if (!local.ok) return err(local.error);
  const prefixAddress = decodeAddressAttribute(find(AddressAttribute.address), family, 'IFA_ADDRESS');
  if (!prefixAddress.ok) return err(prefixAddress.error);
  const address = local.value ?? prefixAddress.value;
  if (address === null) return err({ kind: 'missingAttribute', structure: 'ifaddrmsg', attribute: 'IFA_LOCAL or IFA_ADDRESS' });

  const broadcastAttribute = find(AddressAttribute.broadcast);
  let broadcast: Ipv4Address | null = null;
  if (broadcastAttribute !== undefined && family === 'ipv4') {
    if (broadcastAttribute.value.length !== IPV4_ADDRESS_BYTES) {
      return err({ kind: 'badAttribute', structure: 'ifaddrmsg', attribute: 'IFA_BROADCAST', lengthBytes: broadcastAttribute.value.length });
    }
    broadcast = ipv4FromBytes(broadcastAttribute.value);
  }

  let rawFlags = shortFlags;
  const flagsAttribute = find(AddressAttribute.flags);
  if (flagsAttribute !== undefined) {
    const value = attributeUnsigned(flagsAttribute, 4, 'ifaddrmsg', 'IFA_FLAGS');
    if (!value.ok) return err(value.error);
    rawFlags = value.value;
  }

  let lifetimes: AddressLifetimes | null = null;
  const cacheInfo = find(AddressAttribute.cacheInfo);
  if (cacheInfo !== undefined) {
    if (cacheInfo.value.length < 8) {
      return err({ kind: 'badAttribute', structure: 'ifaddrmsg', attribute: 'IFA_CACHEINFO', lengthBytes: cacheInfo.value.length });
    }
    const info = viewOf(cacheInfo.value);
    lifetimes = {
      preferredSeconds: lifetimeFrom(info.getUint32(0, HOST_IS_LITTLE_ENDIAN)),
      validSeconds: lifetimeFrom(info.getUint32(4, HOST_IS_LITTLE_ENDIAN)),
    };
  }

  const label = find(AddressAttribute.label);
  const peer = local.value !== null && prefixAddress.value !== null && prefixAddress.value !== local.value ? prefixAddress.value : null;
  return ok({
    family,
    ifindex,
    prefixLength,
    address,
    peer,
    broadcast,
    label: label === undefined ? null : attributeString(label),
    scope: scopeFromValue(scopeValue),
    flags: decodeAddressFlags(rawFlags),
    lifetimes,
  });
}

export function decodeAddressFlags(raw: number): AddressFlags {
  const has = (bit: number): boolean => (raw & bit) !== 0;
  return {
    secondary: has(AddressFlag.secondary),
    noDad: has(AddressFlag.noDad),
    optimistic: has(AddressFlag.optimistic),
    dadFailed: has(AddressFlag.dadFailed),
    homeAddress: has(AddressFlag.homeAddress),
    deprecated: has(AddressFlag.deprecated),
    tentative: has(AddressFlag.tentative),
    permanent: has(AddressFlag.permanent),
    manageTempAddress: has(AddressFlag.manageTempAddress),
    noPrefixRoute: has(AddressFlag.noPrefixRoute),
    mcAutoJoin: has(AddressFlag.mcAutoJoin),
    stablePrivacy: has(AddressFlag.stablePrivacy),
    raw: raw >>> 0,
  };
}

export function scopeFromValue(value: number): AddressScope {
  for (const name of Object.keys(AddressScopeValue) as AddressScopeName[]) {
    if (AddressScopeValue[name] === value) return name;
  }
  return value;
}

export function scopeValueOf(scope: AddressScope): number {
  return typeof scope === 'number' ? scope : AddressScopeValue[scope];
}

export function lifetimeValueOf(lifetime: number | 'forever'): number {
  return lifetime === 'forever' ? INFINITE_LIFETIME : lifetime;
}

function lifetimeFrom(value: number): number | 'forever' {
  return value === INFINITE_LIFETIME ? 'forever' : value;
}

function decodeAddressAttribute(
  attribute: NetlinkAttribute | undefined,
  family: IpFamily,
  name: string,
): Result<IpAddress | null, NetlinkDecodeError> {
  if (attribute === undefined) return ok(null);
  if (attribute.value.length !== addressBytesOf(family)) {
    return err({ kind: 'badAttribute', structure: 'ifaddrmsg', attribute: name, lengthBytes: attribute.value.length });
  }
  return ok(ipAddressFromBytes(family, attribute.value));
}

/** An ifaddrmsg for requests. ifa_flags carries only the low 8 bits; IFA_FLAGS carries all of them. */
export function encodeIfaddrmsg(fields: {
  readonly family: IpFamily | null;
  readonly prefixLength: number;
  readonly flags: number;
  readonly scope: number;
  readonly ifindex: number;
}): Uint8Array {
  const bytes = new Uint8Array(IFADDRMSG_BYTES);
  const view = viewOf(bytes);
  view.setUint8(0, fields.family === null ? 0 : addressFamilyOf(fields.family));
  view.setUint8(1, fields.prefixLength);
  view.setUint8(2, fields.flags & 0xff);
  view.setUint8(3, fields.scope);
  view.setUint32(4, fields.ifindex, HOST_IS_LITTLE_ENDIAN);
  return bytes;
}
