/**
 * keepalived's defaults for the settings the core uses
 * (keepalived.conf(5); keepalived vrrp_data.c, global_data.c), so that a file
 * that omits a keyword means what it means to keepalived.
 */
import { centiseconds } from '../primitives/time.js';
import type { AnnouncePolicy } from '../protocol/instance-config.js';

export const KEEPALIVED_DEFAULTS = {
  /** vrrp_version: keepalived speaks VRRPv2 unless told otherwise (IPv6 is always v3). */
  version: 2,
  /** priority 100. */
  priority: 100,
  /** advert_int 1 s. */
  advertInterval: centiseconds(100),
  /** preempt on; `nopreempt` turns it off. */
  preempt: true,
  preemptDelay: centiseconds(0),
  /** accept mode is on unless vrrp_strict (and not owner) or no_accept. */
  acceptMode: true,
  /** v3/IPv4 checksum with the IPv4 pseudo-header unless v3_checksum_as_v2. */
  checksumForm: 'pseudoHeader',
  downTimerAdverts: 3,
  lowerPriorityNoAdvert: false,
  /** vrrp_garp_master_delay 5 s, vrrp_garp_master_repeat 5; lower_prio_* default to them. */
  announce: {
    masterDelay: centiseconds(500),
    masterRepeat: 5,
    lowerPriorityDelay: centiseconds(500),
    lowerPriorityRepeat: 5,
    /** vrrp_garp_master_refresh 0 (off), vrrp_garp_master_refresh_repeat 1. */
    refreshInterval: centiseconds(0),
    refreshRepeat: 1,
    /** vrrp_garp_extra_if: off. */
    extraInterfaces: null,
    /** Only with unicast peers. */
    sourceOnLeavingFault: false,
  } satisfies AnnouncePolicy,
  /** vrrp_mcast_group4 / vrrp_mcast_group6. */
  multicastGroup4: '224.0.0.18',
  multicastGroup6: 'ff02::12',
  /** default_interface (eth0), vmac_prefix (vrrp): keepalived.conf(5) global_defs. */
  defaultInterface: 'eth0',
  vmacPrefix: 'vrrp',
  /** The IPv4 TTL of unicast adverts without unicast_ttl (reference §2 IPv4 header). */
  unicastTtl: 255,
  /** vrrp_script: interval 1 s, rise 1, fall 1, weight 0 (reference §1 "vrrp_script"). */
  scriptIntervalSeconds: 1,
  /** track_file weight 1; vrrp_track_process weight 0, quorum 1 (keepalived.conf(5)). */
  trackFileWeight: 1,
} as const;
