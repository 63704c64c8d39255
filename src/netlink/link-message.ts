/**
 * Link (network interface) messages, the payload of RTM_NEWLINK, RTM_DELLINK
 * and RTM_GETLINK (rtnetlink(7)): struct ifinfomsg followed by IFLA_*
 * attributes (linux/if_link.h).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ifi_family   |    padding    |     ifi_type (ARPHRD_*)       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   ifi_index (interface index)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 ifi_flags (IFF_*, netdevice(7))               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             ifi_change (which flags a request changes)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IFLA_* attributes                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { macFromBytes, MAC_ADDRESS_BYTES, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import type { NetlinkDecodeError } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { attributeString, attributeUnsigned, decodeAttributes, findAttribute } from './netlink-attribute.js';

export const IFINFOMSG_BYTES = 16;

/** The IFLA_* attributes this codec reads or writes (enum in linux/if_link.h). */
export const LinkAttribute = {
  address: 1,
  broadcast: 2,
  ifname: 3,
  mtu: 4,
  link: 5,
  operState: 16,
  linkMode: 17,
  /** u32 RTEXT_FILTER_* mask for GET requests (linux/rtnetlink.h). */
  /** Nested: IFLA_INFO_KIND, IFLA_INFO_DATA (the kind-specific attributes). */
  linkInfo: 18,
  /** Nested per address family: IFLA_AF_SPEC > AF_INET6 > IFLA_INET6_* (linux/if_link.h). */
  afSpec: 26,
  extMask: 29,
  carrier: 33,
} as const;

/** The IFLA_INFO_* attributes nested in IFLA_LINKINFO. */
export const LinkInfoAttribute = {
  kind: 1,
  data: 2,
} as const;

/** RTEXT_FILTER_SKIP_STATS: leave the (large) statistics out of link dumps. */
export const RTEXT_FILTER_SKIP_STATS = 1 << 3;

/** The IFF_* interface flags (netdevice(7), linux/if.h) that VRRP cares about. */
const IFF_UP = 0x1;
const IFF_BROADCAST = 0x2;
const IFF_LOOPBACK = 0x8;
const IFF_POINTOPOINT = 0x10;
const IFF_RUNNING = 0x40;
const IFF_NOARP = 0x80;
const IFF_MULTICAST = 0x1000;
const IFF_LOWER_UP = 0x10000;
const IFF_DORMANT = 0x20000;

export interface LinkFlags {
  /** IFF_UP: administratively up (`ip link set ... up`). */
  readonly up: boolean;
  /** IFF_RUNNING: operationally up (RFC 2863 operStatus up, operstates.rst). */
  readonly running: boolean;
  /** IFF_LOWER_UP: the driver signals carrier. */
  readonly lowerUp: boolean;
  readonly dormant: boolean;
  readonly loopback: boolean;
  readonly broadcast: boolean;
  readonly pointToPoint: boolean;
  readonly noArp: boolean;
  readonly multicast: boolean;
  /** ifi_flags as received, for the bits not named above. */
  readonly raw: number;
}

/**
 * IFLA_OPERSTATE: RFC 2863 ifOperStatus as Linux reports it (IF_OPER_* in
 * linux/if.h; Documentation/networking/operstates.rst).
 */
export type OperState = 'unknown' | 'notPresent' | 'down' | 'lowerLayerDown' | 'testing' | 'dormant' | 'up';

const OPER_STATES: readonly OperState[] = ['unknown', 'notPresent', 'down', 'lowerLayerDown', 'testing', 'dormant', 'up'];

export interface Link {
  readonly ifindex: number;
  readonly name: string;
  /** ifi_type: an ARPHRD_* hardware type (1 is Ethernet, 772 loopback). */
  readonly hardwareType: number;
  readonly flags: LinkFlags;
  readonly mtuBytes: number | null;
  /** IFLA_ADDRESS when it is 6 bytes long (Ethernet-like links). */
  readonly macAddress: MacAddress | null;
  /** null when the kernel sent no IFLA_OPERSTATE, or a value this codec does not know. */
  readonly operState: OperState | null;
  /** IFLA_CARRIER; null when absent. */
  readonly carrier: boolean | null;
  /** IFLA_LINKINFO > IFLA_INFO_KIND ("macvlan", "veth", "vlan" …); null for a plain device. */
  readonly kind: string | null;
  /**
   * IFLA_LINK: the ifindex of the device this one sits on (a macvlan's or
   * VLAN's parent; a veth's peer, which may be in another namespace); null when absent.
   */
  readonly linkIfindex: number | null;
}

export function decodeLinkMessage(payload: Uint8Array): Result<Link, NetlinkDecodeError> {
  if (payload.length < IFINFOMSG_BYTES) {
    return err({ kind: 'truncated', structure: 'ifinfomsg', offset: 0, neededBytes: IFINFOMSG_BYTES, availableBytes: payload.length });
  }
  const view = viewOf(payload);
  const hardwareType = view.getUint16(2, HOST_IS_LITTLE_ENDIAN);
  const ifindex = view.getInt32(4, HOST_IS_LITTLE_ENDIAN);
  const rawFlags = view.getUint32(8, HOST_IS_LITTLE_ENDIAN);
  const attributes = decodeAttributes(payload.subarray(IFINFOMSG_BYTES), 'ifinfomsg');
  if (!attributes.ok) return err(attributes.error);

  const nameAttribute = findAttribute(attributes.value, LinkAttribute.ifname);
  if (nameAttribute === undefined) return err({ kind: 'missingAttribute', structure: 'ifinfomsg', attribute: 'IFLA_IFNAME' });

  const unsigned = (type: number, sizeBytes: 1 | 4, name: string): Result<number | null, NetlinkDecodeError> => {
    const attribute = findAttribute(attributes.value, type);
    return attribute === undefined ? ok(null) : attributeUnsigned(attribute, sizeBytes, 'ifinfomsg', name);
  };
  const mtuBytes = unsigned(LinkAttribute.mtu, 4, 'IFLA_MTU');
  if (!mtuBytes.ok) return err(mtuBytes.error);
  const operStateValue = unsigned(LinkAttribute.operState, 1, 'IFLA_OPERSTATE');
  if (!operStateValue.ok) return err(operStateValue.error);
  const operState: OperState | null = operStateValue.value === null ? null : (OPER_STATES[operStateValue.value] ?? null);
  const carrierValue = unsigned(LinkAttribute.carrier, 1, 'IFLA_CARRIER');
  if (!carrierValue.ok) return err(carrierValue.error);
  const carrier = carrierValue.value === null ? null : carrierValue.value !== 0;
  const linkIfindex = unsigned(LinkAttribute.link, 4, 'IFLA_LINK');
  if (!linkIfindex.ok) return err(linkIfindex.error);

  const addressAttribute = findAttribute(attributes.value, LinkAttribute.address);
  const macAddress =
    addressAttribute !== undefined && addressAttribute.value.length === MAC_ADDRESS_BYTES ? macFromBytes(addressAttribute.value) : null;

  let kind: string | null = null;
  const linkInfoAttribute = findAttribute(attributes.value, LinkAttribute.linkInfo);
  if (linkInfoAttribute !== undefined) {
    const info = decodeAttributes(linkInfoAttribute.value, 'ifinfomsg');
    if (!info.ok) return err(info.error);
    const kindAttribute = findAttribute(info.value, LinkInfoAttribute.kind);
    kind = kindAttribute === undefined ? null : attributeString(kindAttribute);
  }

  return ok({
    ifindex,
    name: attributeString(nameAttribute),
    hardwareType,
    flags: decodeLinkFlags(rawFlags),
    mtuBytes: mtuBytes.value,
    macAddress,
    operState,
    carrier,
    kind,
    linkIfindex: linkIfindex.value,
  });
}

export function decodeLinkFlags(raw: number): LinkFlags {
  const has = (bit: number): boolean => (raw & bit) !== 0;
  return {
    up: has(IFF_UP),
    running: has(IFF_RUNNING),
    lowerUp: has(IFF_LOWER_UP),
    dormant: has(IFF_DORMANT),
    loopback: has(IFF_LOOPBACK),
    broadcast: has(IFF_BROADCAST),
    pointToPoint: has(IFF_POINTOPOINT),
    noArp: has(IFF_NOARP),
    multicast: has(IFF_MULTICAST),
    raw: raw >>> 0,
  };
}

/**
 * An ifinfomsg for requests: family AF_UNSPEC; `flags` are set where
 * `changeMask` has a bit (rtnetlink(7): ifi_change, "reserved for future
 * use and should be always set to 0xFFFFFFFF" in the man page, a mask in fact).
 */
export function encodeIfinfomsg(ifindex: number, flags = 0, changeMask = 0): Uint8Array {
  const bytes = new Uint8Array(IFINFOMSG_BYTES);
  const view = viewOf(bytes);
  view.setInt32(4, ifindex, HOST_IS_LITTLE_ENDIAN);
  view.setUint32(8, flags >>> 0, HOST_IS_LITTLE_ENDIAN);
  view.setUint32(12, changeMask >>> 0, HOST_IS_LITTLE_ENDIAN);
  return bytes;
}

/** IFF_UP, for requests that bring a link up. */
export const LINK_FLAG_UP = IFF_UP;
