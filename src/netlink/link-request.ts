/**
 * The RTM_NEWLINK / RTM_DELLINK requests that make, bring up and delete a
 * VMAC (keepalived's virtual-MAC macvlan, reference §3 "VMAC"), byte for byte
 * as iproute2 6.1 sends them for the equivalent `ip link` commands (checked
 * with strace in link-request.test.ts):
 *
 *   ip link add link PARENT name NAME address MAC type macvlan mode private
 *   ip link set NAME up
 *   ip link set NAME addrgenmode none
 *   ip link del NAME
 *
 * A new macvlan request:
 *
 *   nlmsghdr RTM_NEWLINK, NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
 *   ifinfomsg (ifindex 0)
 *   IFLA_ADDRESS   MAC (6 bytes)
 *   IFLA_LINK      u32 parent ifindex
 *   IFLA_IFNAME    "NAME\0"
 *   IFLA_LINKINFO
 *     IFLA_INFO_KIND  "macvlan" (no NUL, as iproute2)
 *     IFLA_INFO_DATA
 *       IFLA_MACVLAN_MODE  u32 MACVLAN_MODE_PRIVATE
 */
import { macAddressBytes, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { encodeIfinfomsg, LINK_FLAG_UP, LinkAttribute, LinkInfoAttribute } from './link-message.js';
import { stringValue, u32Value, u8Value, unterminatedStringValue } from './netlink-attribute.js';
import { NetlinkFlag } from './netlink-header.js';
import { RtnetlinkMessageType } from './rtnetlink-message.js';
import { IFNAMSIZ, request, type RequestError } from './rtnetlink-request.js';

/** IFLA_MACVLAN_MODE inside IFLA_INFO_DATA (linux/if_link.h). */
const IFLA_MACVLAN_MODE = 1;

/**
 * enum macvlan_mode (linux/if_link.h). keepalived makes its VMACs private,
 * ip-link(8): "Do not allow communication between macvlan instances on the
 * same physical interface, even if the external switch supports hairpin mode".
 */
export const MacvlanMode = {
  private: 1,
  vepa: 2,
  bridge: 4,
  passthru: 8,
  source: 16,
} as const;
export type MacvlanModeName = keyof typeof MacvlanMode;

/** AF_INET6 in IFLA_AF_SPEC, and its IFLA_INET6_ADDR_GEN_MODE (linux/if_link.h). */
const AF_INET6 = 10;
const IFLA_INET6_ADDR_GEN_MODE = 8;
/** enum in6_addr_gen_mode: IN6_ADDR_GEN_MODE_NONE, no automatic link-local address. */
const IN6_ADDR_GEN_MODE_NONE = 1;

export interface MacvlanToCreate {
  readonly name: string;
  readonly parentIfindex: number;
  readonly mac: MacAddress;
  readonly mode: MacvlanModeName;
}

/** RTM_NEWLINK creating a macvlan; EEXIST if the name is taken (NLM_F_EXCL). */
export function encodeNewMacvlanRequest(sequence: number, macvlan: MacvlanToCreate): Result<Uint8Array, RequestError> {
  const name = stringValue(macvlan.name);
  if (name.length > IFNAMSIZ) return err({ kind: 'nameTooLong', field: 'name', lengthBytes: name.length - 1 });
  const parent = checkIfindex(macvlan.parentIfindex);
  if (!parent.ok) return parent;
  const flags = NetlinkFlag.request | NetlinkFlag.ack | NetlinkFlag.exclusive | NetlinkFlag.create;
  return ok(
    request(RtnetlinkMessageType.newLink, flags, sequence, encodeIfinfomsg(0), [
      { type: LinkAttribute.address, value: macAddressBytes(macvlan.mac) },
      { type: LinkAttribute.link, value: u32Value(macvlan.parentIfindex) },
      { type: LinkAttribute.ifname, value: name },
      {
        type: LinkAttribute.linkInfo,
        nestedFlag: false,
        children: [
          { type: LinkInfoAttribute.kind, value: unterminatedStringValue('macvlan') },
          {
            type: LinkInfoAttribute.data,
            nestedFlag: false,
            children: [{ type: IFLA_MACVLAN_MODE, value: u32Value(MacvlanMode[macvlan.mode]) }],
          },
        ],
      },
    ]),
  );
}

/** RTM_NEWLINK setting IFF_UP (ifi_change masks the one flag). */
export function encodeSetLinkUpRequest(sequence: number, ifindex: number): Result<Uint8Array, RequestError> {
  const checked = checkIfindex(ifindex);
  if (!checked.ok) return checked;
  return ok(
    request(RtnetlinkMessageType.newLink, NetlinkFlag.request | NetlinkFlag.ack, sequence, encodeIfinfomsg(ifindex, LINK_FLAG_UP, LINK_FLAG_UP), []),
  );
}

/**
 * RTM_NEWLINK with IFLA_AF_SPEC > AF_INET6 > IFLA_INET6_ADDR_GEN_MODE none:
 * the kernel gives the link no IPv6 link-local address of its own (an IPv6
 * VMAC gets the one derived from its parent's MAC instead, reference §3).
 */
export function encodeSetAddressGenerationNoneRequest(sequence: number, ifindex: number): Result<Uint8Array, RequestError> {
  const checked = checkIfindex(ifindex);
  if (!checked.ok) return checked;
  return ok(
    request(RtnetlinkMessageType.newLink, NetlinkFlag.request | NetlinkFlag.ack, sequence, encodeIfinfomsg(ifindex), [
      {
        type: LinkAttribute.afSpec,
        nestedFlag: false,
        children: [{ type: AF_INET6, nestedFlag: false, children: [{ type: IFLA_INET6_ADDR_GEN_MODE, value: u8Value(IN6_ADDR_GEN_MODE_NONE) }] }],
      },
    ]),
  );
}

/** RTM_DELLINK by ifindex; ENODEV if it is gone. */
export function encodeDeleteLinkRequest(sequence: number, ifindex: number): Result<Uint8Array, RequestError> {
  const checked = checkIfindex(ifindex);
  if (!checked.ok) return checked;
  return ok(request(RtnetlinkMessageType.deleteLink, NetlinkFlag.request | NetlinkFlag.ack, sequence, encodeIfinfomsg(ifindex), []));
}

function checkIfindex(ifindex: number): Result<true, RequestError> {
  if (!Number.isInteger(ifindex) || ifindex <= 0 || ifindex > 0x7fffffff) return err({ kind: 'invalidIfindex', ifindex });
  return ok(true);
}
