/**
 * Checks across instances: names are unique, and no two virtual routers share
 * a VRID on the same interface and address family (keepalived.conf(5)
 * virtual_router_id: "used to differentiate multiple instances of vrrpd
 * running on the same network interface and address family"), unless their
 * adverts cannot be confused: a unicast and a multicast one, or unicast ones
 * with disjoint peers (unicast-mode.ts). Each message is placed at the later
 * instance and names the earlier one and its line.
 */
import { referTo, type Diagnostics } from './config-message.js';
import type { ResolvedInstance } from './instance-rules.js';
import type { InstanceDraft } from './schema/vrrp-instance.js';
import { distinguishable } from './unicast-mode.js';

/** The drafts whose names are not taken by an earlier instance; the others are reported. */
export function withUniqueNames(drafts: readonly InstanceDraft[], diagnostics: Diagnostics): InstanceDraft[] {
  const first = new Map<string, InstanceDraft>();
  const unique: InstanceDraft[] = [];
  for (const draft of drafts) {
    if (draft.name === null) continue;
    const earlier = first.get(draft.name);
    if (earlier !== undefined) {
      diagnostics.error(
        draft.location,
        `vrrp_instance ${draft.name} is already defined at ${referTo(earlier.location, draft.location)}; ` +
          'instance names must be unique, so rename one of them',
        draft.title,
      );
      continue;
    }
    first.set(draft.name, draft);
    unique.push(draft);
  }
  return unique;
}

export function checkVridClashes(instances: readonly ResolvedInstance[], diagnostics: Diagnostics): void {
  const owners = new Map<string, ResolvedInstance[]>();
  for (const instance of instances) {
    const { interface: iface, family, vrid, name } = instance.definition;
    const key = JSON.stringify([iface, family, vrid]);
    const earlier = owners.get(key) ?? [];
    const owner = earlier.find((other) => !distinguishable(other.definition, instance.definition));
    if (owner === undefined) {
      owners.set(key, [...earlier, instance]);
      continue;
    }
    diagnostics.error(
      instance.vridLocation,
      `virtual_router_id ${vrid} on ${iface} (${family === 'ipv4' ? 'IPv4' : 'IPv6'}) is already used by ` +
        `vrrp_instance ${owner.definition.name} at ${referTo(owner.vridLocation, instance.vridLocation)}; ` +
        'give each virtual router on an interface its own virtual_router_id' +
        (owner.definition.unicastPeers.length > 0 && instance.definition.unicastPeers.length > 0
          ? ' (unicast instances may share one when no peer is in both: keepalived "duplicate VRID conflict")'
          : ''),
      `vrrp_instance ${name}`,
    );
  }
}
