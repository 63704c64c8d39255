/**
 * Outputs of the pure core: what the runtime must do, in order. Nothing here
 * is performed by the core itself.
 */
import type { Advert } from '../codec/advert.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { Instant } from '../primitives/time.js';
import type { VirtualRouteKey, VirtualRuleKey } from './instance-config.js';
import type { LogEvent } from './log-events.js';
import type { TimerName, TransitionReason, VrrpStateName } from './vrrp-state.js';

/** Why addresses are announced with gratuitous ARP / unsolicited NA. */
export type AnnounceReason =
  /** RFC 5798 §6.4.1/§6.4.2: on becoming master. */
  | 'becameMaster'
  /** keepalived garp_master_delay: the second burst after becoming master. */
  | 'becameMasterRepeat'
  /** RFC 9568 §6.4.3 and keepalived: a master hears a lower priority and reasserts itself. */
  | 'lowerPriorityAdvert'
  /** keepalived garp_lower_prio_delay: the second burst after reasserting. */
  | 'lowerPriorityAdvertRepeat'
  /** keepalived reload: a kept master announces the addresses the new configuration added. */
  | 'addressesAdded'
  /** An operator asked a master to announce again (vipctl garp). */
  | 'administrative'
  /** keepalived garp_master_refresh: periodic announcements while master. */
  | 'refresh'
  /** keepalived garp_extra_if: periodic announcements on the other interfaces. */
  | 'extraInterfaces'
  /** keepalived with unicast peers: our own source address, on leaving FAULT. */
  | 'leftFault';

export type VrrpAction =
  /**
   * Encode and send this advert: to the group, or one packet per unicast peer
   * (source, checksum form from the instance config). With auth_type AH,
   * `ipsecAhSequence` is the AH Sequence Number it goes out with (reference
   * §2: the instance's counter, incremented first). `oldUnicastChecksum`:
   * unicast v3/IPv4 with keepalived's old checksum, 224.0.0.18 as the
   * pseudo-header destination instead of each peer's address.
   */
  | { readonly kind: 'sendAdvert'; readonly advert: Advert; readonly ipsecAhSequence?: number; readonly oldUnicastChecksum?: true }
  | { readonly kind: 'armTimer'; readonly timer: TimerName; readonly at: Instant }
  | { readonly kind: 'cancelTimer'; readonly timer: TimerName }
  /**
   * Install the virtual addresses. `acceptTraffic` is RFC 5798 Accept_Mode (or
   * ownership): when false the runtime must drop packets addressed to them.
   */
  | {
      readonly kind: 'addVirtualAddresses';
      readonly addresses: readonly IpAddress[];
      readonly acceptTraffic: boolean;
    }
  | { readonly kind: 'removeVirtualAddresses'; readonly addresses: readonly IpAddress[] }
  /**
   * keepalived virtual_ipaddress_excluded: install these after the virtual
   * addresses (keepalived vrrp.c vrrp_state_become_master), remove them after.
   */
  | { readonly kind: 'addExcludedAddresses'; readonly addresses: readonly IpAddress[] }
  | { readonly kind: 'removeExcludedAddresses'; readonly addresses: readonly IpAddress[] }
  /**
   * keepalived virtual_routes and virtual_rules: install the routes, then the
   * rules, after every address; removal goes the other way round (rules,
   * routes) and comes before the addresses are removed.
   */
  | { readonly kind: 'addRouting'; readonly routes: readonly VirtualRouteKey[]; readonly rules: readonly VirtualRuleKey[] }
  | { readonly kind: 'removeRouting'; readonly routes: readonly VirtualRouteKey[]; readonly rules: readonly VirtualRuleKey[] }
  /** A burst of `repeat` gratuitous ARPs (IPv4) or unsolicited NAs (IPv6) for each address. */
  | {
      readonly kind: 'announce';
      readonly addresses: readonly IpAddress[];
      readonly repeat: number;
      readonly reason: AnnounceReason;
    }
  | {
      readonly kind: 'stateChanged';
      readonly from: VrrpStateName;
      readonly to: VrrpStateName;
      readonly reason: TransitionReason;
    }
  | { readonly kind: 'log'; readonly event: LogEvent }
  /**
   * keepalived sync groups: this member's Master_Down_Timer fired and it
   * would become master; the group decides (sync-group.ts) whether all go.
   */
  | { readonly kind: 'syncGroupWantsMaster' };
