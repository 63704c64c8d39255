/**
 * One line of `virtual_ipaddress { … }` (keepalived.conf(5) "VRRP
 * instance(s)"; reference §1, keepalived vrrp_ipaddress.c):
 *
 *     ADDR[/LEN] [brd A|+|-] [dev IF] [scope global|site|link|host|nowhere] [label L]
 *
 * in any order after the address, with the default prefix /32 or /128. The
 * other options keepalived accepts on the line (`use_vmac`, `peer A`,
 * `home`, `-nodad`, `nodad`, `mngtmpaddr`, `noprefixroute`, `autojoin`,
 * `no_track`, `preferred_lft N|forever`, `track_group G`) are typed, and each
 * is named in a "not supported yet" warning: vipd adds the address without them.
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { AddressScope, IpPrefix, VirtualAddressSpec } from '../config-types.js';
import { ipFamilyOf, isIpv4, parseIpAddress, parseIpv4, type IpAddress, type Ipv4Address } from '../../primitives/ip-address.js';
import { readIpPrefix } from './ip-prefix.js';
import { interfaceNameProblem, MAX_INTERFACE_NAME_BYTES } from './interface-name.js';
import type { SchemaContext } from './schema-context.js';

const SCOPES: readonly AddressScope[] = ['global', 'site', 'link', 'host', 'nowhere'];

/** Flags vipd types but does not apply yet, and the field each sets. */
const FLAG_OPTIONS = {
  use_vmac: 'useVmac',
  home: 'home',
  '-nodad': 'noDad',
  nodad: 'noDad',
  mngtmpaddr: 'manageTemporaryAddress',
  noprefixroute: 'noPrefixRoute',
  autojoin: 'autoJoin',
  no_track: 'noTrack',
} as const satisfies Record<string, keyof VirtualAddressSpec>;

type Broadcast = VirtualAddressSpec['broadcast'];
type ValuedOption = 'brd' | 'dev' | 'scope' | 'label' | 'peer' | 'preferred_lft' | 'track_group';
const VALUED_OPTIONS: readonly ValuedOption[] = ['brd', 'dev', 'scope', 'label', 'peer', 'preferred_lft', 'track_group'];
/** The valued options that have landed (the others are warned about). */
const LANDED: ReadonlySet<string> = new Set(['brd', 'dev', 'scope', 'label', 'no_track']);

type LineOptions = { -readonly [K in Exclude<keyof VirtualAddressSpec, 'address' | 'prefixLength' | 'location'>]: VirtualAddressSpec[K] };

/** Reads one address line; null when the line gives no usable address (the reason is reported). */
export function readVirtualAddressLine(statement: Statement, context: SchemaContext): VirtualAddressSpec | null {
  if (isAnonymousBlock(statement)) return null; // reported by the block parser
  if (statement.block !== undefined) {
    context.error(statement.block.open, `virtual_ipaddress: an address line cannot open a { … } block; remove it`);
  }
  const head = addressAndPrefix(statement.keyword, context);
  if (head === null) return null;
  const options = readOptions(head.address, statement.args, context);
  if (options === null) return null;
  return { address: head.address, prefixLength: head.prefixLength, ...options, location: statement.location };
}

function addressAndPrefix(word: Word, context: SchemaContext): IpPrefix | null {
  return readIpPrefix(word, 'virtual_ipaddress', context, '192.168.1.10/24 or 2001:db8::10/64');
}

function notLanded(option: Word, context: SchemaContext): void {
  context.warning(
    option.location,
    `virtual_ipaddress option "${option.text}" is not supported yet: vipd adds the address without it`,
    'notSupportedYet',
  );
}

function readOptions(address: IpAddress, words: readonly Word[], context: SchemaContext): LineOptions | null {
  const options: LineOptions = {
    broadcast: null, device: null, scope: 'global', label: null, peer: null, home: false, noDad: false,
    manageTemporaryAddress: false, noPrefixRoute: false, autoJoin: false, noTrack: false, preferredLifetime: null,
    useVmac: false, trackGroup: null,
  };
  const given = new Map<string, Word>();
  let valid = true;
  for (let i = 0; i < words.length; i++) {
    const option = words[i];
    if (option === undefined) break;
    const name = option.text;
    const valued = VALUED_OPTIONS.find((o) => o === name);
    if (valued === undefined) {
      const field = (FLAG_OPTIONS as Record<string, (typeof FLAG_OPTIONS)[keyof typeof FLAG_OPTIONS]>)[name];
      if (field === undefined) {
        context.warning(option.location, `virtual_ipaddress: unknown option "${name}" is ignored`);
      } else {
        if (!LANDED.has(name)) notLanded(option, context);
        options[field] = true;
      }
      continue;
    }
    if (!LANDED.has(valued)) notLanded(option, context);
    const value = words[i + 1];
    i++;
    if (value === undefined) {
      context.error(option.location, `virtual_ipaddress: ${name} is missing its value (expected "${usageOf(valued)}")`);
      valid = false;
      continue;
    }
    const earlier = given.get(name);
    if (earlier !== undefined) {
      context.warning(option.location, `virtual_ipaddress: ${name} is given twice on this line; the later one is used`);
    }
    given.set(name, option);
    valid = applyOption(options, valued, value, address, context) && valid;
  }
  return valid ? options : null;
}

function applyOption(
  options: LineOptions,
  name: ValuedOption,
  value: Word,
  address: IpAddress,
  context: SchemaContext,
): boolean {
  switch (name) {
    case 'brd': {
      const broadcast = broadcastOf(value, address, context);
      if (broadcast === undefined) return false;
      options.broadcast = broadcast;
      return true;
    }
    case 'dev': {
      const problem = interfaceNameProblem(value.text);
      if (problem !== null) {
        context.error(value.location, `virtual_ipaddress dev: ${problem}`);
        return false;
      }
      options.device = value.text;
      return true;
    }
    case 'scope': {
      const scope = SCOPES.find((s) => s === value.text);
      if (scope === undefined) {
        context.error(value.location, `virtual_ipaddress: scope "${value.text}" is not one of ${SCOPES.join(', ')}`);
        return false;
      }
      if (!isIpv4(address)) {
        // keepalived: "Cannot specify scope for IPv6 addresses (…) - ignoring scope", counted as a configuration error.
        context.warning(
          value.location,
          `virtual_ipaddress: scope cannot be given for IPv6 addresses, so it is ignored for ${address} (as keepalived does; ` +
            'its -t counts this as a configuration error); remove it',
          'keepalivedConfigError',
        );
        return true;
      }
      options.scope = scope;
      return true;
    }
    case 'label': {
      const bytes = new TextEncoder().encode(value.text).length;
      if (bytes === 0 || bytes > MAX_INTERFACE_NAME_BYTES) {
        context.error(
          value.location,
          `virtual_ipaddress: label "${value.text}" must be 1 to ${MAX_INTERFACE_NAME_BYTES} bytes long (an interface alias such as eth0:1)`,
        );
        return false;
      }
      options.label = value.text;
      return true;
    }
    case 'peer': {
      // An address without a prefix: keepalived reports "Invalid peer address" for ADDR/LEN.
      const peer = parseIpAddress(value.text);
      if (!peer.ok) {
        context.error(value.location, `virtual_ipaddress: peer "${value.text}" is not an IP address (write the address without a /prefix)`);
        return false;
      }
      if (ipFamilyOf(peer.value) !== ipFamilyOf(address)) {
        context.error(value.location, `virtual_ipaddress: peer ${peer.value} is not of the family of ${address}`);
        return false;
      }
      options.peer = peer.value;
      return true;
    }
    case 'preferred_lft': {
      if (value.text === 'forever') {
        options.preferredLifetime = 'forever';
        return true;
      }
      if (!/^\d+$/.test(value.text) || Number(value.text) > 4_294_967_295) {
        context.error(value.location, `virtual_ipaddress: preferred_lft "${value.text}" is not a number of seconds or forever`);
        return false;
      }
      options.preferredLifetime = Number(value.text);
      return true;
    }
    case 'track_group':
      options.trackGroup = value.text;
      return true;
  }
}

/** `brd A|+|-` (ip-address(8)): IPv4 only. Undefined when invalid (reported). */
function broadcastOf(value: Word, address: IpAddress, context: SchemaContext): Broadcast | undefined {
  if (!isIpv4(address)) {
    context.error(value.location, `virtual_ipaddress: brd applies only to IPv4 addresses; remove it from ${address}`);
    return undefined;
  }
  if (value.text === '+' || value.text === '-') return value.text;
  const broadcast = parseIpv4(value.text);
  if (!broadcast.ok) {
    context.error(value.location, `virtual_ipaddress: brd "${value.text}" is not +, - or an IPv4 address`);
    return undefined;
  }
  const result: Ipv4Address = broadcast.value;
  return result;
}

function usageOf(option: ValuedOption): string {
  switch (option) {
    case 'brd':
      return 'brd +|-|ADDRESS';
    case 'dev':
      return 'dev INTERFACE';
    case 'scope':
      return `scope ${SCOPES.join('|')}`;
    case 'label':
      return 'label NAME';
    case 'peer':
      return 'peer ADDRESS';
    case 'preferred_lft':
      return 'preferred_lft SECONDS|forever';
    case 'track_group':
      return 'track_group NAME';
  }
}
