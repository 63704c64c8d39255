/**
 * What keepalived requires of an instance's unicast keywords (reference §1
 * Unicast; each rule seen with `keepalived -t` 2.2.7, which exits 5 on it):
 *
 * - every unicast_peer is of the instance's family ("VRRP instance[VI_1] and
 *   unicast peer address[…] MUST be of the same family"), and so is
 *   unicast_src_ip;
 * - unicast_src_ip, check_unicast_src, old_unicast_checksum or an empty
 *   unicast_peer block need peers ("A unicast keyword has been specified
 *   without any unicast peers. Defaulting to multicast."), unless
 *   unicast_fault_no_peer asks for unicast without peers (then FAULT);
 * - unicast_ttl needs peers, even with unicast_fault_no_peer ("Cannot use
 *   unicast_ttl without unicast peers").
 *
 * mcast_src_ip, the same setting under its multicast name, needs no peers.
 */
import { ipFamilyOf, type IpFamily } from '../primitives/ip-address.js';
import type { InstanceDraft } from './schema/vrrp-instance.js';
import type { SchemaContext } from './schema/schema-context.js';

/** The keywords that ask for unicast and mean nothing without a peer. */
const NEEDS_PEERS = ['unicast_src_ip', 'check_unicast_src', 'old_unicast_checksum', 'unicast_peer'] as const;

export function checkUnicastKeywords(draft: InstanceDraft, family: IpFamily, context: SchemaContext): void {
  for (const peer of draft.unicastPeers) {
    if (ipFamilyOf(peer.address) === family) continue;
    context.error(
      peer.location,
      `unicast_peer ${peer.address} is ${familyName(ipFamilyOf(peer.address))} but the instance is ${familyName(family)} ` +
        '(the family of its virtual addresses); keepalived: "MUST be of the same family"',
      'keepalivedConfigError',
    );
  }
  const source = draft.unicastSource;
  if (source !== undefined && ipFamilyOf(source.value) !== family) {
    context.error(
      source.location,
      `the source address ${source.value} is ${familyName(ipFamilyOf(source.value))} but the instance is ${familyName(family)} ` +
        '(the family of its virtual addresses); give an address of the same family',
      'keepalivedConfigError',
    );
  }
  if (draft.unicastPeers.length > 0) return;
  if (draft.unicastTtl !== undefined) {
    context.error(
      draft.unicastTtl.location,
      'unicast_ttl without unicast peers: add a unicast_peer { … } block or remove unicast_ttl (keepalived: "Cannot use unicast_ttl without unicast peers")',
      'keepalivedConfigError',
    );
  }
  if (draft.unicastFaultNoPeer?.value === true) return;
  const asked = NEEDS_PEERS.filter((keyword) => draft.seen.has(keyword));
  if (asked.length === 0) return;
  context.error(
    locationOf(draft, asked[0]),
    `${asked.join(' and ')} given but no unicast peer: keepalived refuses this ("A unicast keyword has been specified without any ` +
      'unicast peers. Defaulting to multicast."); add the peers in unicast_peer { … }, or unicast_fault_no_peer to run in FAULT until there are some',
    'keepalivedConfigError',
  );
}

function locationOf(draft: InstanceDraft, keyword: (typeof NEEDS_PEERS)[number] | undefined): InstanceDraft['location'] {
  switch (keyword) {
    case 'unicast_src_ip':
      return draft.unicastSource?.location ?? draft.location;
    case 'check_unicast_src':
      return draft.checkUnicastSource?.location ?? draft.location;
    case 'old_unicast_checksum':
      return draft.oldUnicastChecksum?.location ?? draft.location;
    case 'unicast_peer':
    case undefined:
      return draft.location;
  }
}

function familyName(family: IpFamily): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}
