/**
 * What a master holds besides the addresses it advertises: keepalived's
 * virtual_ipaddress_excluded (eVIPs), virtual_routes and virtual_rules. They
 * move with mastership in keepalived's order (vrrp.c vrrp_state_become_master
 * and vrrp_restore_interface; seen with `ip monitor address route rule`
 * against keepalived 2.2.7 in a namespace):
 *
 *     becoming master:  VIPs → eVIPs → routes → rules → announcements
 *     leaving master:   rules → routes → VIPs → eVIPs
 *
 * Routes go in after the addresses because a route may use one of them (its
 * `src`, or the subnet its `via` is on), and out before them for the same
 * reason. Each helper emits nothing for an empty list, so an instance without
 * any of these produces exactly the actions it always did.
 */
import type { IpAddress } from '../primitives/ip-address.js';
import type { InstanceConfig, VirtualRouteKey, VirtualRuleKey } from './instance-config.js';
import type { StepBuilder } from './step-builder.js';

/** Every address a master announces with gratuitous ARP / unsolicited NA: the VIPs, then the eVIPs (keepalived vrrp_send_link_update). */
export function announcedAddresses(config: InstanceConfig): readonly IpAddress[] {
  return config.excludedAddresses.length === 0 ? config.virtualAddresses : [...config.virtualAddresses, ...config.excludedAddresses];
}

/** After the VIPs are added: the eVIPs, then routes and rules. */
export function installAfterVirtualAddresses(
  step: StepBuilder,
  excludedAddresses: readonly IpAddress[],
  routes: readonly VirtualRouteKey[],
  rules: readonly VirtualRuleKey[],
): void {
  if (excludedAddresses.length > 0) step.emit({ kind: 'addExcludedAddresses', addresses: excludedAddresses });
  if (routes.length > 0 || rules.length > 0) step.emit({ kind: 'addRouting', routes, rules });
}

/** Before the VIPs are removed: rules and routes. */
export function removeBeforeVirtualAddresses(step: StepBuilder, routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): void {
  if (routes.length > 0 || rules.length > 0) step.emit({ kind: 'removeRouting', routes, rules });
}

/** After the VIPs are removed: the eVIPs. */
export function removeAfterVirtualAddresses(step: StepBuilder, excludedAddresses: readonly IpAddress[]): void {
  if (excludedAddresses.length > 0) step.emit({ kind: 'removeExcludedAddresses', addresses: excludedAddresses });
}
