/**
 * What one VRRP instance is configured to be: the settings the pure core
 * needs, already validated and in protocol units. The config layer builds this
 * from keepalived.conf (or the vrrpd command form); the core never sees text.
 */
import type { ChecksumForm, VrrpVersion } from '../codec/advert.js';
import type { IpAddress, IpFamily } from '../primitives/ip-address.js';
import type { Centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';

/**
 * v2 authentication as configured (RFC 3768 §5.3.6, keepalived
 * `authentication { auth_type PASS|AH; auth_pass … }`).
 */
export type InstanceAuthentication =
  | { readonly kind: 'none' }
  /** keepalived PASS: the first 8 bytes of the password, zero padded. */
  | { readonly kind: 'simpleText'; readonly password: Uint8Array }
  /**
   * keepalived AH (reference §2 IPSEC-AH): an IP Authentication Header
   * (RFC 2402) with HMAC-MD5-96 keyed by the password's first 8 bytes, zero
   * padded (always 8 bytes). v2 over IPv4 only.
   */
  | { readonly kind: 'ipsecAh'; readonly key: Uint8Array };

/**
 * A tracked object (interface, script, file …) as keepalived weighs it
 * (keepalived vrrp_track.c): weight > 0 adds while up, weight < 0 subtracts
 * while down, `reverse` swaps up and down, weight 0 means FAULT while down.
 */
export interface TrackerConfig {
  readonly name: string;
  readonly weight: number;
  readonly reverse: boolean;
  /**
   * keepalived track_file: the tracker has a value, not up/down; value ×
   * weight is added (reverse: subtracted); with weight 0 any non-zero value
   * is FAULT, and a total below −253 is FAULT too (keepalived.conf(5)).
   */
  readonly valued?: boolean;
}

/** Gratuitous ARP / unsolicited NA policy (keepalived garp_* keywords). */
export interface AnnouncePolicy {
  /** garp_master_delay: second burst after becoming master; 0 = none. */
  readonly masterDelay: Centiseconds;
  /** garp_master_repeat: announcements per burst on becoming master. */
  readonly masterRepeat: number;
  /** garp_lower_prio_delay: second burst after a lower-priority advert; 0 = none. */
  readonly lowerPriorityDelay: Centiseconds;
  /** garp_lower_prio_repeat: announcements per burst after a lower-priority advert. */
  readonly lowerPriorityRepeat: number;
  /**
   * garp_master_refresh: announce again this long after becoming master, and
   * then every time as long again; 0 = never. keepalived checks it when it
   * sends an advert (vrrp.c vrrp_state_master_tx), so a refresh goes out with
   * the first advert after it is due.
   */
  readonly refreshInterval: Centiseconds;
  /** garp_master_refresh_repeat: announcements per address at each refresh. */
  readonly refreshRepeat: number;
  /**
   * garp_extra_if [all] DELAY: one announcement on each interface other than
   * the instance's that carries an (excluded) virtual address, every DELAY,
   * checked like the refresh at advert time; null = off.
   */
  readonly extraInterfaces: ExtraInterfaceAnnouncements | null;
  /**
   * keepalived with unicast peers: leaving FAULT, announce our own source
   * address so that the master refreshes its ARP/neighbour entry for us and
   * can reach us with adverts at once (keepalived vrrp_scheduler.c, only
   * when unicast_peer is configured).
   */
  readonly sourceOnLeavingFault: boolean;
}

/**
 * One `unicast_peer { ADDR [min_ttl N] [max_ttl N] }` line (reference §1):
 * adverts go to `address`; with a TTL bound, adverts from it must arrive with
 * a TTL / hop limit inside [minTtl, maxTtl] (a missing bound is 0 / 255).
 */
export interface UnicastPeer {
  readonly address: IpAddress;
  readonly minTtl: number | null;
  readonly maxTtl: number | null;
}

/**
 * keepalived `old_unicast_checksum [never]` (reference §2 Checksums): which
 * destination the v3/IPv4 pseudo-header of a unicast advert carries.
 * - detect: the peer's address; switch to 224.0.0.18 for good when a peer's
 *   advert verifies only that way (keepalived ≤ 1.3.6 sends so);
 * - old: 224.0.0.18 from the start (`old_unicast_checksum`);
 * - never: the peer's address, and never switch (`old_unicast_checksum never`).
 */
export type OldUnicastChecksum = 'detect' | 'old' | 'never';

/**
 * keepalived unicast (reference §1 Unicast, §2 Unicast): adverts go to each
 * peer, one packet per peer, instead of to the multicast group.
 */
export interface UnicastDelivery {
  readonly peers: readonly UnicastPeer[];
  /**
   * check_unicast_src (or any peer's min_ttl/max_ttl): an advert must come
   * from one of the peers.
   */
  readonly checkSource: boolean;
  readonly oldChecksum: OldUnicastChecksum;
  /** unicast_fault_no_peer: without peers the instance is in FAULT. */
  readonly faultNoPeer: boolean;
}

/** garp_extra_if: what to announce periodically on the other interfaces. */
export interface ExtraInterfaceAnnouncements {
  readonly interval: Centiseconds;
  /** The first (excluded) virtual address on each such interface: one announcement per interface. */
  readonly addresses: readonly IpAddress[];
}

/**
 * A virtual_routes line as the core knows it: its identity only (the full
 * ip-route(8) line, canonical), so that a reload can tell kept routes from
 * changed ones. The runtime maps it back to what to install.
 */
export type VirtualRouteKey = string;

/** A virtual_rules line, likewise. */
export type VirtualRuleKey = string;

export interface InstanceConfig {
  /** vrrp_instance name, e.g. VI_1; used in logs and status. */
  readonly name: string;
  readonly version: VrrpVersion;
  readonly family: IpFamily;
  readonly vrid: Vrid;
  /** Configured priority, 1..255; 255 makes this router the address owner. */
  readonly priority: Priority;
  /** Advertisement_Interval; for v2 a whole number of seconds × 100. */
  readonly advertInterval: Centiseconds;
  /** Preempt_Mode (RFC 5798 §6.1); keepalived `nopreempt` clears it. */
  readonly preempt: boolean;
  /** keepalived preempt_delay; 0 = preempt at once. */
  readonly preemptDelay: Centiseconds;
  /** Accept_Mode (RFC 5798 §6.1); keepalived accepts by default. */
  readonly acceptMode: boolean;
  /** Our primary address on the interface: advert source and tie-break key (RFC 5798 §6.4.3). */
  readonly sourceAddress: IpAddress;
  /** The addresses this virtual router backs up, as advertised. */
  readonly virtualAddresses: readonly IpAddress[];
  /**
   * keepalived virtual_ipaddress_excluded: held with the virtual addresses
   * while master, announced like them, never advertised; may be the other
   * family.
   */
  readonly excludedAddresses: readonly IpAddress[];
  /** keepalived virtual_routes: installed after the addresses while master (protocol 18). */
  readonly virtualRoutes: readonly VirtualRouteKey[];
  /** keepalived virtual_rules: installed after the routes while master. */
  readonly virtualRules: readonly VirtualRuleKey[];
  readonly authentication: InstanceAuthentication;
  /** Checksum form sent for v3/IPv4 (keepalived v3_checksum_as_v2 = messageOnly). */
  readonly checksumForm: ChecksumForm;
  /** keepalived down_timer_adverts: the "3" of Master_Down_Interval. */
  readonly downTimerAdverts: number;
  /** keepalived lower_prio_no_advert: do not answer a lower-priority advert. */
  readonly lowerPriorityNoAdvert: boolean;
  readonly announce: AnnouncePolicy;
  readonly trackers: readonly TrackerConfig[];
  /**
   * keepalived vrrp_sync_group: the group this instance belongs to. Its
   * members change state together (sync-group.ts); absent = on its own.
   */
  readonly syncGroup?: string;
  /** keepalived unicast_peer: adverts go to the peers; absent = multicast to the group. */
  readonly unicast?: UnicastDelivery;
}
