/**
 * virtual_routes / virtual_rules lines (ip-route(8) / ip-rule(8) words, as
 * src/config read them) resolved against the system into what rtnetlink
 * installs: interface names to indexes, table, scope, protocol and option
 * names to numbers. A route is tagged protocol 18 (RTPROT_KEEPALIVED) unless
 * its line says `protocol P`, a rule likewise: keepalived tags both so (seen
 * with `ip route show proto 18` and `ip rule` against keepalived 2.2.7).
 *
 * What cannot be resolved (an unknown interface or table) is an error the
 * daemon refuses to start with; an option vipd does not carry over yet is a
 * warning, and the route or rule is installed without it.
 */
import type { RouteSpec, RuleSpec } from '../config/config-types.js';
import { ipFamilyOf, type IpAddress, type IpFamily } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { RouteMetric, RouteScopeValue, RouteTable, RTPROT_KEEPALIVED, type Route, type RouteMetricName } from '../netlink/route-message.js';
import type { NumberRange, Rule } from '../netlink/rule-message.js';

export interface Resolved<T> {
  readonly value: T;
  /** Options left out, worded for the log. */
  readonly warnings: readonly string[];
}

/** The interface index of a name, or null if there is no such interface. */
export type IfindexOf = (name: string) => number | null;

/** rt_protos (iproute2): the names `protocol` may take besides a number. */
const PROTOCOLS: Readonly<Record<string, number>> = {
  redirect: 1, kernel: 2, boot: 3, static: 4, gated: 8, ra: 9, mrt: 10, zebra: 11, bird: 12, dnrouted: 13,
  xorp: 14, ntk: 15, dhcp: 16, keepalived: RTPROT_KEEPALIVED, babel: 42, bgp: 186, isis: 187, ospf: 188, rip: 189, eigrp: 192,
};

const SCOPES: Readonly<Record<string, number>> = {
  global: RouteScopeValue.universe,
  universe: RouteScopeValue.universe,
  site: RouteScopeValue.site,
  link: RouteScopeValue.link,
  host: RouteScopeValue.host,
  nowhere: RouteScopeValue.nowhere,
};

const TABLES: Readonly<Record<string, number>> = { default: RouteTable.default, main: RouteTable.main, local: RouteTable.local };

/** ip-rule(8) `ipproto` names vipd knows besides numbers (IANA protocol numbers). */
const IP_PROTOCOLS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, 'ipv6-icmp': 58, icmpv6: 58, sctp: 132 };

/** Table names beyond main, local and default (rt_tables), by name. */
export type TableNames = ReadonlyMap<string, number>;

export function routeOf(spec: RouteSpec, instanceFamily: IpFamily, ifindexOf: IfindexOf, tableNames: TableNames = new Map()): Result<Resolved<Route>, string> {
  const family = familyOf([spec.destination?.address, spec.source ?? undefined, spec.via ?? undefined], instanceFamily);
  let outputIfindex: number | null = null;
  if (spec.device !== null) {
    outputIfindex = ifindexOf(spec.device);
    if (outputIfindex === null) return err(`interface ${spec.device} doesn't exist`);
  }
  const table = tableOf(spec.table ?? 'main', tableNames);
  if (table === null) return err(`unknown route table ${spec.table ?? ''} (write a number, or a name from rt_tables)`);
  let scope: number | null = null;
  if (spec.scope !== null) {
    scope = numberOrName(spec.scope, SCOPES, 0xff);
    if (scope === null) return err(`unknown route scope ${spec.scope}`);
  }
  const protocol = spec.protocol === null ? RTPROT_KEEPALIVED : numberOrName(spec.protocol, PROTOCOLS, 0xff);
  if (protocol === null) return err(`unknown route protocol ${spec.protocol ?? ''}`);
  const warnings: string[] = [];
  const metrics: { metric: RouteMetricName; value: number }[] = [];
  let onLink = false;
  for (let i = 0; i < spec.moreOptions.length; i++) {
    const option = spec.moreOptions[i] ?? '';
    if (option === 'onlink') {
      onLink = true;
      continue;
    }
    if (option === 'pervasive') {
      warnings.push(`route option ${option} is not supported yet: left out`);
      continue;
    }
    const value = spec.moreOptions[++i] ?? '';
    const metric = metricName(option);
    const number = metric === null ? null : numberOrName(value, {}, 0xffffffff);
    if (metric === null || number === null) {
      warnings.push(`route option ${option} ${value} is not supported yet: left out`);
      continue;
    }
    metrics.push({ metric, value: number });
  }
  return ok({
    value: {
      family,
      type: spec.type,
      destination: spec.destination,
      gateway: spec.via,
      preferredSource: spec.source,
      outputIfindex,
      table,
      metric: spec.metric,
      scope,
      protocol,
      onLink,
      metrics,
    },
    warnings,
  });
}

export function ruleOf(spec: RuleSpec, instanceFamily: IpFamily, tableNames: TableNames = new Map()): Result<Resolved<Rule>, string> {
  const family = familyOf([spec.from?.address, spec.to?.address], instanceFamily);
  let table: number | null = null;
  if (spec.action === 'table') {
    table = tableOf(spec.table ?? 'main', tableNames);
    if (table === null) return err(`unknown rule table ${spec.table ?? ''} (write a number, or a name from rt_tables)`);
  }
  let firewallMark: Rule['firewallMark'] = null;
  if (spec.firewallMark !== null) {
    const [value, mask] = spec.firewallMark.split('/');
    const markValue = numberOrName(value ?? '', {}, 0xffffffff);
    const maskValue = mask === undefined ? null : numberOrName(mask, {}, 0xffffffff);
    if (markValue === null || (mask !== undefined && maskValue === null)) return err(`invalid fwmark ${spec.firewallMark}`);
    firewallMark = { value: markValue, mask: maskValue };
  }
  const extras: Mutable<Pick<Rule, 'tos' | 'suppressPrefixLength' | 'suppressInterfaceGroup' | 'uidRange' | 'ipProtocol' | 'sourcePorts' | 'destinationPorts'>> = {
    tos: null, suppressPrefixLength: null, suppressInterfaceGroup: null, uidRange: null, ipProtocol: null, sourcePorts: null, destinationPorts: null,
  };
  let protocol = RTPROT_KEEPALIVED;
  const warnings: string[] = [];
  for (let i = 0; i + 1 < spec.moreOptions.length; i += 2) {
    const option = spec.moreOptions[i] ?? '';
    const value = spec.moreOptions[i + 1] ?? '';
    const applied = applyRuleOption(extras, option, value);
    if (option === 'protocol') {
      const number = numberOrName(value, PROTOCOLS, 0xff);
      if (number === null) return err(`unknown rule protocol ${value}`);
      protocol = number;
    } else if (!applied) {
      warnings.push(`rule option ${option} ${value} is not supported yet: left out`);
    }
  }
  return ok({
    value: {
      family,
      invert: spec.not,
      source: spec.from,
      destination: spec.to,
      inputInterface: spec.inputInterface,
      outputInterface: spec.outputInterface,
      firewallMark,
      // The config layer gives a rule without a priority keepalived's 16384.
      priority: spec.priority ?? 16384,
      action: spec.action,
      table,
      gotoPriority: spec.gotoPriority,
      protocol,
      ...extras,
    },
    warnings,
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function applyRuleOption(extras: Mutable<Pick<Rule, 'tos' | 'suppressPrefixLength' | 'suppressInterfaceGroup' | 'uidRange' | 'ipProtocol' | 'sourcePorts' | 'destinationPorts'>>, option: string, value: string): boolean {
  switch (option) {
    case 'tos':
    case 'dsfield':
      extras.tos = numberOrName(value, {}, 0xff);
      return extras.tos !== null;
    case 'suppress_prefixlength':
      extras.suppressPrefixLength = numberOrName(value, {}, 0xffffffff);
      return extras.suppressPrefixLength !== null;
    case 'suppress_ifgroup':
      extras.suppressInterfaceGroup = numberOrName(value, { default: 0 }, 0xffffffff);
      return extras.suppressInterfaceGroup !== null;
    case 'uidrange':
      extras.uidRange = rangeOf(value, 0xffffffff);
      return extras.uidRange !== null;
    case 'ipproto':
      extras.ipProtocol = numberOrName(value, IP_PROTOCOLS, 0xff);
      return extras.ipProtocol !== null;
    case 'sport':
      extras.sourcePorts = rangeOf(value, 0xffff);
      return extras.sourcePorts !== null;
    case 'dport':
      extras.destinationPorts = rangeOf(value, 0xffff);
      return extras.destinationPorts !== null;
    default:
      return false;
  }
}

/** The family of the first address given, else the instance's. */
function familyOf(addresses: readonly (IpAddress | undefined)[], instanceFamily: IpFamily): IpFamily {
  const first = addresses.find((a) => a !== undefined);
  return first === undefined ? instanceFamily : ipFamilyOf(first);
}

function tableOf(text: string, tableNames: TableNames): number | null {
  const table = numberOrName(text, { ...Object.fromEntries(tableNames), ...TABLES }, 0xffffffff);
  return table === 0 ? null : table;
}

function metricName(option: string): RouteMetricName | null {
  return option in RouteMetric ? (option as RouteMetricName) : null;
}

/** A decimal or 0x number up to `maximum`, or one of `names`. */
function numberOrName(text: string, names: Readonly<Record<string, number>>, maximum: number): number | null {
  const named = names[text];
  if (named !== undefined) return named;
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) return null;
  const value = Number(text);
  return value <= maximum ? value : null;
}

/** `N` or `N-M` (ip-rule(8) uidrange, sport, dport). */
function rangeOf(text: string, maximum: number): NumberRange | null {
  const [first, second] = text.split('-');
  const start = numberOrName(first ?? '', {}, maximum);
  const end = second === undefined ? start : numberOrName(second, {}, maximum);
  return start === null || end === null || start > end ? null : { start, end };
}

