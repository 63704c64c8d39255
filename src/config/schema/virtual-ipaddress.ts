/**
 * One line of `virtual_ipaddress { … }` (keepalived.conf(5) "VRRP
 * instance(s)"; reference §1, keepalived vrrp_ipaddress.c):
 *
 *     ADDR[/LEN] [brd A|+|-] [dev IF] [scope global|site|link|host|nowhere] [label L]
 *
 * in any order after the address, with the default prefix /32 or /128. The
 * other options keepalived accepts on the line (`use_vmac`, `peer`, `home`,
 * `-nodad`, `nodad`, `mngtmpaddr`, `noprefixroute`, `autojoin`, `no_track`,
 * `preferred_lft`, `track_group`) are named in a "not supported yet" warning
 * and skipped with their argument.
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { AddressScope, VirtualAddressSpec } from '../config-types.js';
import { isIpv4, parseIpAddress, parseIpv4, type IpAddress, type Ipv4Address } from '../../primitives/ip-address.js';
import { interfaceNameProblem, MAX_INTERFACE_NAME_BYTES } from './interface-name.js';
import type { SchemaContext } from './schema-context.js';

const SCOPES: readonly AddressScope[] = ['global', 'site', 'link', 'host', 'nowhere'];

/** Options vipd does not implement yet, and whether each takes an argument. */
const UNSUPPORTED_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ['use_vmac', false],
  ['peer', true],
  ['home', false],
  ['-nodad', false],
  ['nodad', false],
  ['mngtmpaddr', false],
  ['noprefixroute', false],
  ['autojoin', false],
  ['no_track', false],
  ['preferred_lft', true],
  ['track_group', true],
]);

type Broadcast = VirtualAddressSpec['broadcast'];

interface LineOptions {
  broadcast: Broadcast;
  device: string | null;
  scope: AddressScope;
  label: string | null;
}

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
  return {
    address: head.address,
    prefixLength: head.prefixLength,
    broadcast: options.broadcast,
    device: options.device,
    scope: options.scope,
    label: options.label,
    location: statement.location,
  };
}

function addressAndPrefix(word: Word, context: SchemaContext): { address: IpAddress; prefixLength: number } | null {
  const slash = word.text.indexOf('/');
  const addressText = slash < 0 ? word.text : word.text.slice(0, slash);
  const parsed = parseIpAddress(addressText);
  if (!parsed.ok) {
    context.error(
      word.location,
      `virtual_ipaddress: "${word.text}" is not an IP address (expected ADDRESS[/PREFIX], e.g. 192.168.1.10/24 or 2001:db8::10/64)`,
    );
    return null;
  }
  const address = parsed.value;
  const maxPrefix = isIpv4(address) ? 32 : 128;
  if (slash < 0) return { address, prefixLength: maxPrefix };
  const prefixText = word.text.slice(slash + 1);
  const prefixLength = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefixLength > maxPrefix) {
    context.error(
      word.location,
      `virtual_ipaddress: prefix length "/${prefixText}" of ${addressText} is not valid; ` +
        `use /0 to /${maxPrefix} for an ${isIpv4(address) ? 'IPv4' : 'IPv6'} address`,
    );
    return null;
  }
  return { address, prefixLength };
}

function readOptions(address: IpAddress, words: readonly Word[], context: SchemaContext): LineOptions | null {
  const options: LineOptions = { broadcast: null, device: null, scope: 'global', label: null };
  const given = new Map<string, Word>();
  let valid = true;
  for (let i = 0; i < words.length; i++) {
    const option = words[i];
    if (option === undefined) break;
    const name = option.text;
    const takesValue = name === 'brd' || name === 'dev' || name === 'scope' || name === 'label';
    if (!takesValue) {
      const unsupportedTakesValue = UNSUPPORTED_OPTIONS.get(name);
      if (unsupportedTakesValue === undefined) {
        context.warning(option.location, `virtual_ipaddress: unknown option "${name}" is ignored`);
      } else {
        context.warning(option.location, `virtual_ipaddress option "${name}" is not supported yet; it is ignored`);
        if (unsupportedTakesValue) i++;
      }
      continue;
    }
    const value = words[i + 1];
    i++;
    if (value === undefined) {
      context.error(option.location, `virtual_ipaddress: ${name} is missing its value (expected "${usageOf(name)}")`);
      valid = false;
      continue;
    }
    const earlier = given.get(name);
    if (earlier !== undefined) {
      context.warning(option.location, `virtual_ipaddress: ${name} is given twice on this line; the later one is used`);
    }
    given.set(name, option);
    valid = applyOption(options, name, value, address, context) && valid;
  }
  return valid ? options : null;
}

function applyOption(
  options: LineOptions,
  name: 'brd' | 'dev' | 'scope' | 'label',
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

function usageOf(option: 'brd' | 'dev' | 'scope' | 'label'): string {
  switch (option) {
    case 'brd':
      return 'brd +|-|ADDRESS';
    case 'dev':
      return 'dev INTERFACE';
    case 'scope':
      return `scope ${SCOPES.join('|')}`;
    case 'label':
      return 'label NAME';
  }
}
