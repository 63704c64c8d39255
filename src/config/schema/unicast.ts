/**
 * unicast_src_ip ADDR and unicast_peer { ADDR [min_ttl N] [max_ttl N] }
 * (keepalived.conf(5); reference §1 "Unicast"). What they must agree with
 * (family, peers present) is checked in config/unicast-rules.ts.
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { UnicastPeerSpec } from '../config-types.js';
import { parseIpAddress, type IpAddress } from '../../primitives/ip-address.js';
import { requireBlock, singleValue, wholeNumber } from './arguments.js';
import type { SchemaContext } from './schema-context.js';

/** An address keyword's value (unicast_src_ip, mcast_src_ip, mcast_dst_ip). */
export function readAddress(statement: Statement, context: SchemaContext): IpAddress | null {
  const value = singleValue(statement, context, `${statement.keyword.text} ADDRESS`);
  if (value === null) return null;
  const parsed = parseIpAddress(value.text);
  if (!parsed.ok) {
    context.error(value.location, `${statement.keyword.text} "${value.text}" is not an IP address`);
    return null;
  }
  return parsed.value;
}

export function readUnicastPeers(statement: Statement, context: SchemaContext): UnicastPeerSpec[] {
  const block = requireBlock(statement, context, 'unicast_peer { ADDRESS [min_ttl N] [max_ttl N] … }');
  if (block === null) return [];
  const peers: UnicastPeerSpec[] = [];
  for (const line of block.children) {
    if (isAnonymousBlock(line)) continue;
    const address = parseIpAddress(line.keyword.text);
    if (!address.ok) {
      context.error(line.keyword.location, `unicast_peer: "${line.keyword.text}" is not an IP address`);
      continue;
    }
    const ttls = ttlOptions(line.args, context);
    if (ttls !== null) peers.push({ address: address.value, ...ttls, location: line.location });
  }
  return peers;
}

function ttlOptions(words: readonly Word[], context: SchemaContext): { minTtl: number | null; maxTtl: number | null } | null {
  const ttls: { minTtl: number | null; maxTtl: number | null } = { minTtl: null, maxTtl: null };
  for (let i = 0; i < words.length; i += 2) {
    const option = words[i];
    const value = words[i + 1];
    if (option === undefined) break;
    if ((option.text !== 'min_ttl' && option.text !== 'max_ttl') || value === undefined) {
      context.error(option.location, `unicast_peer: expected min_ttl N or max_ttl N, not "${option.text}"`);
      return null;
    }
    const ttl = wholeNumber(value, option.text, 0, 255, context);
    if (ttl === null) return null;
    if (option.text === 'min_ttl') ttls.minTtl = ttl;
    else ttls.maxTtl = ttl;
  }
  if (ttls.minTtl !== null && ttls.maxTtl !== null && ttls.minTtl > ttls.maxTtl) {
    context.error(words[0]?.location ?? { file: '', line: 0 }, `unicast_peer: min_ttl ${ttls.minTtl} is above max_ttl ${ttls.maxTtl}`);
    return null;
  }
  return ttls;
}
