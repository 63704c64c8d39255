/**
 * The status of one instance: a pure projection of its config and state,
 * shown by `vipctl status` and written by the golden tests. Field names follow
 * RFC 8347 (ietf-vrrp) where it has one.
 */
import type { HoldSource } from '../protocol/administrative-event.js';
import type { ChecksumForm, VrrpVersion } from '../codec/advert.js';
import type { IpAddress, IpFamily } from '../primitives/ip-address.js';
import type { Instant } from '../primitives/time.js';
import { OWNER_PRIORITY } from '../primitives/vrrp-numbers.js';
import type { Counters } from '../protocol/counters.js';
import { effectivePriority, faultedBy } from '../protocol/effective-priority.js';
import type { InstanceConfig } from '../protocol/instance-config.js';
import type { InstanceState } from '../protocol/instance-state.js';
import { masterDownInterval, skewTime } from '../protocol/timing.js';
import type { TimerName, TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';

export interface InstanceStatus {
  readonly name: string;
  readonly vrid: number;
  readonly version: VrrpVersion;
  readonly family: IpFamily;
  readonly state: VrrpStateName;
  readonly isOwner: boolean;
  /** The configured priority. */
  readonly basePriority: number;
  /** The base priority an operator set (vipctl priority); null = the configured one. */
  readonly administrativePriority: number | null;
  /** Held in BACKUP by an operator (vipctl backup) until vipctl resume. */
  readonly held: boolean;
  /** Who holds it: the operator, the fate group (vrrpd -M), or both. */
  readonly heldBy: readonly HoldSource[];
  /**
   * Advanced vrrpd's -z / -x: the absolute priorities atropos --reduce /
   * --increase set instead of −10/+10. Absent until the vrrpd command form
   * provides them.
   */
  readonly reducePriority?: number;
  readonly increasePriority?: number;
  readonly effectivePriority: number;
  readonly sourceAddress: IpAddress;
  readonly masterAddress: IpAddress | null;
  readonly masterPriority: number | null;
  readonly advertIntervalCs: number;
  readonly masterAdverIntervalCs: number;
  readonly skewTimeCs: number;
  readonly masterDownIntervalCs: number;
  readonly preempt: boolean;
  readonly preemptDelayCs: number;
  readonly acceptMode: boolean;
  readonly checksumForm: ChecksumForm;
  readonly virtualAddresses: readonly IpAddress[];
  /** Each tracker's health; a valued one (track_file) also shows its value. */
  readonly trackers: readonly { name: string; weight: number; reverse: boolean; up: boolean; valued?: boolean; value?: number }[];
  /** The vrrp_sync_group it belongs to, if any. */
  readonly syncGroup: string | null;
  /** A sync-group member whose Master_Down_Timer fired, waiting for the rest of its group. */
  readonly wantsMaster: boolean;
  /** In FAULT because another member of its sync group is. */
  readonly groupFault: boolean;
  /** Milliseconds until each armed timer fires. */
  readonly timersDueInMs: Readonly<Partial<Record<TimerName, number>>>;
  readonly lastTransition: {
    readonly from: VrrpStateName;
    readonly to: VrrpStateName;
    readonly reason: TransitionReason;
    readonly agoMs: number;
  } | null;
  readonly counters: Counters;
  /** auth_type AH only: the replay counter (protocol/ipsec-ah-counter.ts). */
  readonly ipsecAh?: { readonly sequence: number; readonly cycled: boolean };
}

const MICROSECONDS_PER_MILLISECOND = 1000;

export function instanceStatus(config: InstanceConfig, state: InstanceState, now: Instant): InstanceStatus {
  const priority = effectivePriority(config, state.trackersUp, state.administrativePriority, state.trackerValues);
  const timersDueInMs: Partial<Record<TimerName, number>> = {};
  for (const [timer, at] of Object.entries(state.timers) as [TimerName, Instant][]) {
    timersDueInMs[timer] = (at - now) / MICROSECONDS_PER_MILLISECOND;
  }
  return {
    name: config.name,
    vrid: config.vrid,
    version: config.version,
    family: config.family,
    state: state.state,
    isOwner: config.priority === OWNER_PRIORITY,
    basePriority: config.priority,
    administrativePriority: state.administrativePriority,
    held: state.held,
    heldBy: state.heldBy,
    effectivePriority: priority,
    sourceAddress: config.sourceAddress,
    masterAddress: state.masterAddress,
    masterPriority: state.masterPriority,
    advertIntervalCs: config.advertInterval,
    masterAdverIntervalCs: state.masterAdverInterval,
    skewTimeCs: skewTime(config.version, priority, state.masterAdverInterval),
    masterDownIntervalCs: masterDownInterval(config.version, priority, state.masterAdverInterval, config.downTimerAdverts),
    preempt: config.preempt,
    preemptDelayCs: config.preemptDelay,
    acceptMode: config.acceptMode,
    checksumForm: config.checksumForm,
    virtualAddresses: config.virtualAddresses,
    trackers: config.trackers.map((t) =>
      t.valued === true ? { ...t, up: !faultedBy(t, state.trackersUp, state.trackerValues), value: state.trackerValues[t.name] ?? 0 } : { ...t, up: state.trackersUp[t.name] ?? true },
    ),
    syncGroup: config.syncGroup ?? null,
    wantsMaster: state.wantsMaster,
    groupFault: state.groupFault,
    timersDueInMs,
    lastTransition:
      state.lastTransition === null
        ? null
        : {
            from: state.lastTransition.from,
            to: state.lastTransition.to,
            reason: state.lastTransition.reason,
            agoMs: (now - state.lastTransition.at) / MICROSECONDS_PER_MILLISECOND,
          },
    counters: state.counters,
    ...(config.authentication.kind === 'ipsecAh' ? { ipsecAh: state.ipsecAh } : {}),
  };
}
