/**
 * The mutable facts of one VRRP instance, as an immutable value: `step`
 * returns a new one. Everything the status projection shows is derived from
 * this and the config.
 */
import type { HoldSource } from './administrative-event.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { Centiseconds, Instant } from '../primitives/time.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import { zeroCounters, type Counters } from './counters.js';
import type { InstanceConfig } from './instance-config.js';
import { INITIAL_IPSEC_AH_COUNTER, type IpsecAhCounter } from './ipsec-ah-counter.js';
import type { TimerName, TransitionReason, VrrpStateName } from './vrrp-state.js';

export interface Transition {
  readonly at: Instant;
  readonly from: VrrpStateName;
  readonly to: VrrpStateName;
  readonly reason: TransitionReason;
}

export interface InstanceState {
  readonly state: VrrpStateName;
  /**
   * Master_Adver_Interval (RFC 5798 §6.1): the interval a backup learned from
   * the master (v3), else our own Advertisement_Interval.
   */
  readonly masterAdverInterval: Centiseconds;
  /** The current master as far as we know: ourselves when master. */
  readonly masterAddress: IpAddress | null;
  readonly masterPriority: Priority | null;
  /** Health of each configured tracker by name. */
  readonly trackersUp: Readonly<Record<string, boolean>>;
  /** Values of valued trackers (track_file) by name; 0 until told. */
  readonly trackerValues: Readonly<Record<string, number>>;
  /** Deadline of every armed timer; absent = not armed. */
  readonly timers: Readonly<Partial<Record<TimerName, Instant>>>;
  /**
   * keepalived preempt_delay: the instant until which lower-priority adverts
   * are still accepted; set by the first one heard, cleared by a higher one.
   */
  readonly preemptDelayUntil: Instant | null;
  readonly lastTransition: Transition | null;
  /**
   * keepalived sync groups: this member's Master_Down_Timer fired but the
   * group has not gone master yet (keepalived's wantstate MASTER). Cleared by
   * an advert it accepts.
   */
  readonly wantsMaster: boolean;
  /** keepalived sync groups: another member is in FAULT, so this one is too. */
  readonly groupFault: boolean;
  readonly counters: Counters;
  /**
   * The base priority an operator set (vipctl priority, atropos); null = the
   * configured one. Tracker weights apply on top (effective-priority.ts).
   */
  readonly administrativePriority: Priority | null;
  /** Held in BACKUP (by an operator or a fate group) until every holder releases it. */
  readonly held: boolean;
  /** Who holds it (administrative-event.ts HoldSource); empty when not held. */
  readonly heldBy: readonly HoldSource[];
  /** auth_type AH: the replay counter (protocol/ipsec-ah-counter.ts); unused otherwise. */
  readonly ipsecAh: IpsecAhCounter;
  /**
   * Unicast v3/IPv4: a peer was heard using keepalived's old unicast checksum
   * (224.0.0.18 in the pseudo-header), so ours use it too from now on
   * (protocol/unicast-checks.ts). Never set for old_unicast_checksum never.
   */
  readonly oldUnicastChecksum: boolean;
  /** keepalived garp_master_refresh: when a master next announces again, checked at its adverts (periodic-announcements.ts); null = not due. */
  readonly refreshAnnounceAt: Instant | null;
  /** keepalived garp_extra_if: when a master next announces on its other interfaces; null = not due. */
  readonly extraInterfaceAnnounceAt: Instant | null;
}

export function initialInstanceState(
  config: InstanceConfig,
  trackersUp: Readonly<Record<string, boolean>> = {},
): InstanceState {
  return {
    state: 'initialize',
    masterAdverInterval: config.advertInterval,
    masterAddress: null,
    masterPriority: null,
    trackersUp: Object.fromEntries(config.trackers.map((t) => [t.name, trackersUp[t.name] ?? true])),
    trackerValues: {},
    timers: {},
    preemptDelayUntil: null,
    lastTransition: null,
    wantsMaster: false,
    groupFault: false,
    counters: zeroCounters(),
    administrativePriority: null,
    held: false,
    heldBy: [],
    ipsecAh: INITIAL_IPSEC_AH_COUNTER,
    oldUnicastChecksum: false,
    refreshAnnounceAt: null,
    extraInterfaceAnnounceAt: null,
  };
}
