/**
 * One line of virtual_routes / static_routes, in ip-route(8) syntax plus
 * keepalived's `no_track` (keepalived.conf(5) "Static routes", e.g.
 * `src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 dev eth1`):
 *
 *     [TYPE] [to] PREFIX|default [src A] [via A] [dev IF] [table T] [metric N]
 *     [scope S] [protocol P] [no_track] [OPTION VALUE | onlink …]
 *
 * keepalived 2.2.7 knows `protocol`, not ip-route(8)'s `proto` ("unknown route
 * keyword proto"). A virtual route without `dev` cannot be tracked: keepalived
 * says so ("cannot track route … with no interface specified, not tracking",
 * counted as a configuration error) and does not track it; so does vipd.
 *
 * A line that does not parse is an error, as in keepalived ("invalid route via
 * address bogus").
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { IpPrefix, RouteSpec } from '../config-types.js';
import type { RouteType } from '../virtual-route-types.js';
import { ipFamilyOf, parseIpAddress, type IpAddress } from '../../primitives/ip-address.js';
import { interfaceNameProblem } from './interface-name.js';
import { readIpPrefix } from './ip-prefix.js';
import type { SchemaContext } from './schema-context.js';

const TYPES: readonly RouteType[] = ['unicast', 'blackhole', 'unreachable', 'prohibit', 'throw'];
/** ip-route(8) options vipd keeps as words: those taking a value, and flags. */
const VALUED_OPTIONS: ReadonlySet<string> = new Set([
  'mtu', 'advmss', 'realm', 'realms', 'rtt', 'rttvar', 'reordering', 'window', 'cwnd', 'ssthresh', 'initcwnd',
  'initrwnd', 'features', 'quickack', 'congctl', 'rto_min', 'hoplimit', 'pref', 'tos', 'dsfield', 'expires', 'fastopen_no_cookie',
]);
const FLAG_OPTIONS: ReadonlySet<string> = new Set(['onlink', 'pervasive']);

interface RouteFields {
  type: RouteType;
  destination: IpPrefix | null | undefined;
  source: IpAddress | null;
  via: IpAddress | null;
  device: string | null;
  table: string | null;
  metric: number | null;
  scope: string | null;
  protocol: string | null;
  noTrack: boolean;
  moreOptions: string[];
}

/** Reads `BLOCK { line … }` of routes. */
export function readRouteBlock(block: readonly Statement[], what: string, context: SchemaContext): RouteSpec[] {
  const routes: RouteSpec[] = [];
  for (const line of block) {
    if (isAnonymousBlock(line)) continue;
    const route = readRouteLine(line, what, context);
    if (route !== null) routes.push(route);
  }
  return routes;
}

export function readRouteLine(line: Statement, what: string, context: SchemaContext): RouteSpec | null {
  if (line.block !== undefined) {
    context.error(line.block.open, `${what}: a route cannot open a { … } block; remove it`);
    return null;
  }
  const words = [line.keyword, ...line.args];
  const fields: RouteFields = {
    type: 'unicast', destination: undefined, source: null, via: null, device: null, table: null,
    metric: null, scope: null, protocol: null, noTrack: false, moreOptions: [],
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) break;
    const option = word.text;
    if (option === 'no_track') { fields.noTrack = true; continue; }
    if (FLAG_OPTIONS.has(option)) { fields.moreOptions.push(option); continue; }
    const typeWord = TYPES.find((t) => t === option);
    if (typeWord !== undefined && i === 0) { fields.type = typeWord; continue; }
    if (option === 'default' || option === 'to' || (fields.destination === undefined && !isOptionName(option))) {
      const target = option === 'to' ? words[++i] : word;
      if (target === undefined) return missing(word, what, context);
      if (fields.destination !== undefined) {
        context.error(target.location, `${what}: the destination is given twice; keep one`);
        return null;
      }
      if (target.text === 'default') { fields.destination = null; continue; }
      const prefix = readIpPrefix(target, `${what} destination`, context);
      if (prefix === null) return null;
      fields.destination = prefix;
      continue;
    }
    const value = words[++i];
    if (value === undefined || !isOptionName(option)) {
      if (value === undefined && isOptionName(option)) return missing(word, what, context);
      const hint = option === 'proto' ? 'write protocol, the name keepalived knows' : 'use ip-route(8) syntax, e.g. 10.1.0.0/16 via 10.0.0.1 dev eth0';
      context.error(word.location, `${what}: unknown route option "${option}"; ${hint}`);
      return null;
    }
    if (!applyOption(fields, option, value, what, context)) return null;
  }
  if (fields.destination === undefined) {
    context.error(line.location, `${what}: the route has no destination; start it with PREFIX or default`);
    return null;
  }
  if (!familiesAgree(fields, line, what, context)) return null;
  if (what === 'virtual_routes' && fields.device === null && !fields.noTrack) {
    context.warning(
      line.location,
      `${what}: a route without dev cannot be tracked, so it is not (keepalived -t counts this as a configuration error); ` +
        'add dev IF, or no_track to say so',
      'keepalivedConfigError',
    );
    fields.noTrack = true;
  }
  return { ...fields, destination: fields.destination, location: line.location };
}

function isOptionName(word: string): boolean {
  return ['src', 'via', 'dev', 'oif', 'table', 'metric', 'preference', 'priority', 'scope', 'protocol'].includes(word) || VALUED_OPTIONS.has(word);
}

function missing(word: Word, what: string, context: SchemaContext): null {
  context.error(word.location, `${what}: ${word.text} is missing its value`);
  return null;
}

function applyOption(fields: RouteFields, option: string, value: Word, what: string, context: SchemaContext): boolean {
  switch (option) {
    case 'src':
    case 'via': {
      const address = parseIpAddress(value.text);
      if (!address.ok) {
        context.error(value.location, `${what}: invalid route ${option} address ${value.text} (as keepalived reports); write an IP address`);
        return false;
      }
      if (option === 'src') fields.source = address.value;
      else fields.via = address.value;
      return true;
    }
    case 'dev':
    case 'oif': {
      const problem = interfaceNameProblem(value.text);
      if (problem !== null) {
        context.error(value.location, `${what} dev: ${problem}`);
        return false;
      }
      fields.device = value.text;
      return true;
    }
    case 'table':
      fields.table = value.text;
      return true;
    case 'metric':
    case 'preference':
    case 'priority': {
      if (!/^\d+$/.test(value.text) || Number(value.text) > 4_294_967_295) {
        context.error(value.location, `${what}: metric "${value.text}" is not a whole number from 0 to 4294967295`);
        return false;
      }
      fields.metric = Number(value.text);
      return true;
    }
    case 'scope':
      fields.scope = value.text;
      return true;
    case 'protocol':
      fields.protocol = value.text;
      return true;
    default:
      fields.moreOptions.push(option, value.text);
      return true;
  }
}

function familiesAgree(fields: RouteFields, line: Statement, what: string, context: SchemaContext): boolean {
  const families = [fields.destination, fields.source, fields.via]
    .map((a) => (a === null || a === undefined ? null : typeof a === 'string' ? ipFamilyOf(a) : ipFamilyOf(a.address)))
    .filter((f) => f !== null);
  if (new Set(families).size <= 1) return true;
  context.error(line.location, `${what}: the route mixes IPv4 and IPv6 addresses; destination, src and via must be one family`);
  return false;
}
