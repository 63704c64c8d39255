/** `ADDRESS[/LEN]` as virtual_ipaddress, routes and rules write it; the length defaults to the full address. */
import type { Word } from '../block-parser.js';
import type { IpPrefix } from '../config-types.js';
import { isIpv4, parseIpAddress } from '../../primitives/ip-address.js';
import type { SchemaContext } from './schema-context.js';

/** The prefix `word` writes, or null with `what` named in the error. */
export function readIpPrefix(word: Word, what: string, context: SchemaContext, example = '10.1.0.0/16'): IpPrefix | null {
  const slash = word.text.indexOf('/');
  const addressText = slash < 0 ? word.text : word.text.slice(0, slash);
  const parsed = parseIpAddress(addressText);
  if (!parsed.ok) {
    context.error(word.location, `${what}: "${word.text}" is not an IP address (expected ADDRESS[/PREFIX], e.g. ${example})`);
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
      `${what}: prefix length "/${prefixText}" of ${addressText} is not valid; ` +
        `use /0 to /${maxPrefix} for an ${isIpv4(address) ? 'IPv4' : 'IPv6'} address`,
    );
    return null;
  }
  return { address, prefixLength };
}

export function formatPrefix(prefix: IpPrefix): string {
  return `${prefix.address}/${prefix.prefixLength}`;
}
