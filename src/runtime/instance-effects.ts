/**
 * What carrying out the core's actions means for one instance, apart from
 * timers (which the runner keeps itself). The Linux implementation sends
 * packets and talks netlink; tests substitute a recorder.
 */
import type { Advert } from '../codec/advert.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { AnnounceReason } from '../protocol/actions.js';
import type { VirtualRouteKey, VirtualRuleKey } from '../protocol/instance-config.js';
import type { LogEvent } from '../protocol/log-events.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';

export interface InstanceEffects {
  /**
   * `ipsecAhSequence`: auth_type AH, the AH Sequence Number this advert
   * carries. `oldUnicastChecksum`: unicast v3/IPv4 with 224.0.0.18 as the
   * pseudo-header destination (keepalived old_unicast_checksum).
   */
  sendAdvert(advert: Advert, ipsecAhSequence?: number, oldUnicastChecksum?: boolean): void;
  /** Get ready to send this advert (encode it), so that sending it later is only the system call. */
  prepareAdvert(advert: Advert, oldUnicastChecksum?: boolean): void;
  addVirtualAddresses(addresses: readonly IpAddress[], acceptTraffic: boolean): void;
  removeVirtualAddresses(addresses: readonly IpAddress[]): void;
  /** virtual_ipaddress_excluded, after the virtual addresses (protocol/master-holdings.ts). */
  addExcludedAddresses(addresses: readonly IpAddress[]): void;
  removeExcludedAddresses(addresses: readonly IpAddress[]): void;
  /** virtual_routes then virtual_rules, by the keys of the instance's configuration; removal: rules, then routes. */
  addRouting(routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): void;
  removeRouting(routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): void;
  announce(addresses: readonly IpAddress[], repeat: number, reason: AnnounceReason): void;
  stateChanged(from: VrrpStateName, to: VrrpStateName, reason: TransitionReason): void;
  log(event: LogEvent): void;
  /** A sync-group member would take over: the group decides (protocol/sync-group.ts). */
  syncGroupWantsMaster?(): void;
}
