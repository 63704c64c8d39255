/**
 * Accumulates one step's new state and actions. Local to a single call of
 * `step`, so its mutation is invisible outside: `step` stays pure.
 */
import { addCentiseconds, type Centiseconds, type Instant } from '../primitives/time.js';
import { RESIGN_PRIORITY, type Priority } from '../primitives/vrrp-numbers.js';
import type { VrrpAction } from './actions.js';
import { buildAdvert } from './advert-builder.js';
import { bump, type CounterName } from './counters.js';
import { effectivePriority, isFaulted } from './effective-priority.js';
import type { InstanceConfig } from './instance-config.js';
import type { InstanceState } from './instance-state.js';
import { counterAfterSending } from './ipsec-ah-counter.js';
import type { LogEvent } from './log-events.js';
import { masterDownInterval, skewTime } from './timing.js';
import type { TimerName, TransitionReason, VrrpStateName } from './vrrp-state.js';

export interface StepResult {
  readonly state: InstanceState;
  readonly actions: readonly VrrpAction[];
}

export class StepBuilder {
  private readonly actions: VrrpAction[] = [];

  constructor(
    readonly config: InstanceConfig,
    private current: InstanceState,
    readonly now: Instant,
  ) {}

  get state(): InstanceState {
    return this.current;
  }

  get priority(): Priority {
    return effectivePriority(this.config, this.current.trackersUp, this.current.administrativePriority, this.current.trackerValues);
  }

  get faulted(): boolean {
    return this.current.groupFault || isFaulted(this.config, this.current.trackersUp, this.current.trackerValues);
  }

  /** Skew_Time at our current priority and Master_Adver_Interval. */
  get skewTime(): Centiseconds {
    return skewTime(this.config.version, this.priority, this.current.masterAdverInterval);
  }

  get masterDownInterval(): Centiseconds {
    return masterDownInterval(
      this.config.version,
      this.priority,
      this.current.masterAdverInterval,
      this.config.downTimerAdverts,
    );
  }

  update(patch: Partial<InstanceState>): void {
    this.current = { ...this.current, ...patch };
  }

  emit(action: VrrpAction): void {
    this.actions.push(action);
  }

  log(event: LogEvent): void {
    this.actions.push({ kind: 'log', event });
  }

  count(...names: readonly CounterName[]): void {
    this.update({ counters: bump(this.current.counters, ...names) });
  }

  arm(timer: TimerName, at: Instant): void {
    this.update({ timers: { ...this.current.timers, [timer]: at } });
    this.actions.push({ kind: 'armTimer', timer, at });
  }

  armAfter(timer: TimerName, delay: Centiseconds): void {
    this.arm(timer, addCentiseconds(this.now, delay));
  }

  /** Cancel a timer if it is armed; an unarmed timer needs no action. */
  cancel(timer: TimerName): void {
    if (this.current.timers[timer] === undefined) return;
    this.forget(timer);
    this.actions.push({ kind: 'cancelTimer', timer });
  }

  /** Drop a timer that has fired (the runtime already knows). */
  forget(timer: TimerName): void {
    const timers = { ...this.current.timers };
    delete timers[timer];
    this.update({ timers });
  }

  sendAdvert(priority: Priority): void {
    const advert = buildAdvert(this.config, priority);
    if (this.config.authentication.kind === 'ipsecAh') {
      // keepalived AH: the counter is incremented before each advert (reference §2).
      const ipsecAh = counterAfterSending(this.current.ipsecAh);
      this.update({ ipsecAh });
      this.actions.push({ kind: 'sendAdvert', advert, ipsecAhSequence: ipsecAh.sequence });
    } else if (this.usesOldUnicastChecksum) {
      this.actions.push({ kind: 'sendAdvert', advert, oldUnicastChecksum: true });
    } else {
      this.actions.push({ kind: 'sendAdvert', advert });
    }
    this.count('advertSent');
    if (priority === RESIGN_PRIORITY) this.count('priorityZeroSent');
  }

  /** keepalived old_unicast_checksum, configured or detected (protocol/unicast-checks.ts); v3/IPv4 unicast only. */
  private get usesOldUnicastChecksum(): boolean {
    const { unicast, version, family } = this.config;
    if (unicast === undefined || version !== 3 || family !== 'ipv4') return false;
    return unicast.oldChecksum === 'old' || (unicast.oldChecksum === 'detect' && this.current.oldUnicastChecksum);
  }

  changeState(to: VrrpStateName, reason: TransitionReason): void {
    const from = this.current.state;
    this.update({ state: to, lastTransition: { at: this.now, from, to, reason } });
    this.actions.push({ kind: 'stateChanged', from, to, reason });
  }

  result(): StepResult {
    return { state: this.current, actions: this.actions };
  }
}
