/**
 * Route requests, RTM_NEWROUTE and RTM_DELROUTE (rtnetlink(7)): struct rtmsg
 * followed by RTA_* attributes (linux/rtnetlink.h), as `ip route add|del`
 * sends them. vipd installs keepalived's virtual_routes with it; they carry
 * protocol 18, RTPROT_KEEPALIVED (linux/rtnetlink.h), as keepalived tags them
 * (`ip route show proto keepalived`), and a delete names that protocol too, so
 * the kernel removes only a route vipd (or keepalived) installed, never an
 * operator's identical static one.
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  rtm_family   |  rtm_dst_len  |  rtm_src_len  |    rtm_tos    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   rtm_table   | rtm_protocol  |   rtm_scope   |   rtm_type    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    rtm_flags (RTNH_F_*, RTM_F_*)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        RTA_* attributes                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { ipAddressBytes, ipFamilyOf, type IpAddress, type IpFamily } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { addressFamilyOf } from './address-family.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { u32Value, type AttributeSpec } from './netlink-attribute.js';
import { NetlinkFlag } from './netlink-header.js';
import { RtnetlinkMessageType } from './rtnetlink-message.js';
import { request, type RequestError } from './rtnetlink-request.js';

export const RTMSG_BYTES = 12;

/** RTPROT_KEEPALIVED (linux/rtnetlink.h): "Keepalived daemon". */
export const RTPROT_KEEPALIVED = 18;

/** enum rtattr_type_t (linux/rtnetlink.h), the ones vipd sends. */
export const RouteAttribute = {
  destination: 1,
  outputInterface: 4,
  gateway: 5,
  /** The route's metric (`ip route … metric N`). */
  priority: 6,
  preferredSource: 7,
  /** Nested RTAX_* values (`mtu`, `advmss` …). */
  metrics: 8,
  /** u32 table id, for tables above 255 (rtm_table holds only 8 bits). */
  table: 15,
} as const;

/** RTN_* route types (linux/rtnetlink.h). */
export const RouteTypeValue = {
  unicast: 1,
  blackhole: 6,
  unreachable: 7,
  prohibit: 8,
  throw: 9,
} as const;

export type RouteTypeName = keyof typeof RouteTypeValue;

/** RT_SCOPE_* (linux/rtnetlink.h). */
export const RouteScopeValue = {
  universe: 0,
  site: 200,
  link: 253,
  host: 254,
  nowhere: 255,
} as const;

/** RT_TABLE_* (linux/rtnetlink.h). */
export const RouteTable = { unspecified: 0, default: 253, main: 254, local: 255 } as const;

/** RTNH_F_ONLINK: the gateway is on the link even if no prefix says so (`onlink`). */
const RTNH_F_ONLINK = 4;

/** RTAX_* (linux/rtnetlink.h): the per-route metrics of `ip route … mtu N` etc. */
export const RouteMetric = {
  mtu: 2,
  window: 3,
  rtt: 4,
  rttvar: 5,
  ssthresh: 6,
  cwnd: 7,
  advmss: 8,
  reordering: 9,
  hoplimit: 10,
  initcwnd: 11,
  features: 12,
  rto_min: 13,
  initrwnd: 14,
  quickack: 15,
} as const;

export type RouteMetricName = keyof typeof RouteMetric;

export interface RoutePrefix {
  readonly address: IpAddress;
  readonly prefixLength: number;
}

/** One route as the kernel is to hold it: ip-route(8) words already resolved to numbers. */
export interface Route {
  readonly family: IpFamily;
  readonly type: RouteTypeName;
  /** null = default (0.0.0.0/0, ::/0). */
  readonly destination: RoutePrefix | null;
  readonly gateway: IpAddress | null;
  readonly preferredSource: IpAddress | null;
  readonly outputIfindex: number | null;
  /** A table id, 1..2^32-1 (RT_TABLE_MAIN = 254). */
  readonly table: number;
  readonly metric: number | null;
  /** An RT_SCOPE_* value; null = as ip-route(8) picks it (link without a gateway, universe otherwise). */
  readonly scope: number | null;
  /** RTPROT_*: RTPROT_KEEPALIVED unless the line says otherwise. */
  readonly protocol: number;
  readonly onLink: boolean;
  readonly metrics: readonly { readonly metric: RouteMetricName; readonly value: number }[];
}

/** RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL: an existing route with the same key fails with EEXIST. */
export function encodeNewRouteRequest(sequence: number, route: Route): Result<Uint8Array, RequestError> {
  const flags = NetlinkFlag.request | NetlinkFlag.ack | NetlinkFlag.create | NetlinkFlag.exclusive;
  return encodeRoute(RtnetlinkMessageType.newRoute, flags, sequence, route, routeScope(route), RouteTypeValue[route.type]);
}

/**
 * RTM_DELROUTE for the route installed as `route`; the kernel answers ESRCH if
 * there is none (with this protocol). Scope RT_SCOPE_NOWHERE and type
 * RTN_UNSPEC match any, as `ip route del` sends them (seen with strace).
 */
export function encodeDeleteRouteRequest(sequence: number, route: Route): Result<Uint8Array, RequestError> {
  return encodeRoute(RtnetlinkMessageType.deleteRoute, NetlinkFlag.request | NetlinkFlag.ack, sequence, route, RouteScopeValue.nowhere, RTN_UNSPEC);
}

/** RTN_UNSPEC: any route type, in a delete. */
const RTN_UNSPEC = 0;

/** ip-route(8): a unicast route without a gateway is scope link; everything else universe. */
function routeScope(route: Route): number {
  if (route.scope !== null) return route.scope;
  return route.type === 'unicast' && route.gateway === null ? RouteScopeValue.link : RouteScopeValue.universe;
}

function encodeRoute(
  type: number,
  flags: number,
  sequence: number,
  route: Route,
  scope: number,
  routeType: number,
): Result<Uint8Array, RequestError> {
  const checked = checkRoute(route);
  if (!checked.ok) return err(checked.error);
  const header = new Uint8Array(RTMSG_BYTES);
  header[0] = addressFamilyOf(route.family);
  header[1] = route.destination?.prefixLength ?? 0;
  header[4] = route.table < 256 ? route.table : RouteTable.unspecified;
  header[5] = route.protocol;
  header[6] = scope;
  header[7] = routeType;
  viewOf(header).setUint32(8, route.onLink ? RTNH_F_ONLINK : 0, HOST_IS_LITTLE_ENDIAN);
  const attributes: AttributeSpec[] = [{ type: RouteAttribute.table, value: u32Value(route.table) }];
  if (route.destination !== null) {
    attributes.push({ type: RouteAttribute.destination, value: ipAddressBytes(route.destination.address) });
  }
  if (route.preferredSource !== null) attributes.push({ type: RouteAttribute.preferredSource, value: ipAddressBytes(route.preferredSource) });
  if (route.gateway !== null) attributes.push({ type: RouteAttribute.gateway, value: ipAddressBytes(route.gateway) });
  if (route.outputIfindex !== null) attributes.push({ type: RouteAttribute.outputInterface, value: u32Value(route.outputIfindex) });
  if (route.metric !== null) attributes.push({ type: RouteAttribute.priority, value: u32Value(route.metric) });
  if (route.metrics.length > 0) {
    // RTA_METRICS nests plain (not NLA_F_NESTED) rtattrs, as iproute2 sends them.
    const nested = new Uint8Array(route.metrics.length * 8);
    const view = viewOf(nested);
    route.metrics.forEach(({ metric, value }, i) => {
      view.setUint16(i * 8, 8, HOST_IS_LITTLE_ENDIAN);
      view.setUint16(i * 8 + 2, RouteMetric[metric], HOST_IS_LITTLE_ENDIAN);
      view.setUint32(i * 8 + 4, value >>> 0, HOST_IS_LITTLE_ENDIAN);
    });
    attributes.push({ type: RouteAttribute.metrics, value: nested });
  }
  return ok(request(type, flags, sequence, header, attributes));
}

function checkRoute(route: Route): Result<true, RequestError> {
  const maximum = route.family === 'ipv4' ? 32 : 128;
  const field = (name: string, value: number | string): Result<true, RequestError> => err({ kind: 'invalidRoutingField', field: name, value });
  const destination = route.destination;
  if (destination !== null) {
    if (!Number.isInteger(destination.prefixLength) || destination.prefixLength < 0 || destination.prefixLength > maximum) {
      return field('prefixLength', destination.prefixLength);
    }
    if (ipFamilyOf(destination.address) !== route.family) return field('destination', destination.address);
  }
  for (const [name, address] of [['gateway', route.gateway], ['preferredSource', route.preferredSource]] as const) {
    if (address !== null && ipFamilyOf(address) !== route.family) return field(name, address);
  }
  if (!isU32(route.table) || route.table === 0) return field('table', route.table);
  if (route.metric !== null && !isU32(route.metric)) return field('metric', route.metric);
  if (route.outputIfindex !== null && (!Number.isInteger(route.outputIfindex) || route.outputIfindex <= 0 || route.outputIfindex > 0x7fffffff)) {
    return field('outputIfindex', route.outputIfindex);
  }
  if (!isU8(route.protocol)) return field('protocol', route.protocol);
  if (route.scope !== null && !isU8(route.scope)) return field('scope', route.scope);
  for (const { metric, value } of route.metrics) if (!isU32(value)) return field(metric, value);
  return ok(true);
}

function isU8(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xff;
}

function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}
