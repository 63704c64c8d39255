/**
 * Runs one instance: feeds events into the pure core with the clock's
 * reading, carries out the actions in order, and keeps the instance's timers
 * behind a single deadline.
 *
 * Takeover is precomputed. While a backup waits, the only thing that changes
 * its state without an event is its Master_Down_Timer; since `step` is pure,
 * the runner computes "Master_Down_Timer fires at its deadline" right after
 * each event and has the resulting adverts encoded. When the deadline comes
 * and nothing has happened since, that result is carried out at once: the
 * first advert of the new master leaves without a protocol step in between.
 */
import { encodeAdvert } from '../codec/advert-encoder.js';
import { VRRP_TTL } from '../codec/advert.js';
import { assertNever } from '../primitives/result.js';
import { RESIGN_PRIORITY } from '../primitives/vrrp-numbers.js';
import { buildAdvert } from '../protocol/advert-builder.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { Instant } from '../primitives/time.js';
import type { VrrpAction } from '../protocol/actions.js';
import type { VrrpEvent } from '../protocol/events.js';
import type { InstanceConfig } from '../protocol/instance-config.js';
import { initialInstanceState, type InstanceState } from '../protocol/instance-state.js';
import { step, type StepResult } from '../protocol/step.js';
import { isFaulted } from '../protocol/effective-priority.js';
import { TIMER_NAMES, type TimerName } from '../protocol/vrrp-state.js';
import { instanceStatus, type InstanceStatus } from '../control/instance-status.js';
import type { MonotonicClock } from './clock.js';
import type { Deadline, DeadlineSource } from './deadline-source.js';
import type { InstanceEffects } from './instance-effects.js';

/** Told of every step carried out, after its actions (the control event stream listens here). */
export type StepObserver = (config: InstanceConfig, result: StepResult, now: Instant) => void;

interface PreparedExpiry {
  /** The state it was computed from: valid only while the state is still this one. */
  readonly basis: InstanceState;
  readonly at: Instant;
  readonly result: StepResult;
}

export class InstanceRunner {
  private state: InstanceState;
  private readonly timers = new Map<TimerName, Instant>();
  private readonly deadline: Deadline;
  /** The latest instant an event was handled at: time handed to the core never runs backwards. */
  private lastNow: Instant;
  private prepared: PreparedExpiry | null = null;

  private currentConfig: InstanceConfig;

  constructor(
    config: InstanceConfig,
    private readonly clock: MonotonicClock,
    deadlines: DeadlineSource,
    private readonly effects: InstanceEffects,
    trackersUp: Readonly<Record<string, boolean>> = {},
    private readonly observer?: StepObserver,
  ) {
    this.currentConfig = config;
    this.state = initialInstanceState(config, trackersUp);
    this.deadline = deadlines.create(() => this.fireDueTimers());
    this.lastNow = clock.now();
  }

  get config(): InstanceConfig {
    return this.currentConfig;
  }

  get vrrpState(): InstanceState['state'] {
    return this.state.state;
  }

  /** A sync-group member waiting for its group to go master. */
  get wantsMaster(): boolean {
    return this.state.wantsMaster;
  }

  /** In FAULT by its own trackers, whatever its sync group says. */
  get faultedOnItsOwn(): boolean {
    return isFaulted(this.currentConfig, this.state.trackersUp, this.state.trackerValues);
  }

  /**
   * Feed one event. `now` defaults to the clock; a packet passes its arrival
   * time (which may precede events handled since: the later time is used).
   */
  handle(event: VrrpEvent, now: Instant = this.clock.now()): void {
    this.apply(step(this.config, this.state, event, this.advanceTo(now)));
  }

  /**
   * Reload: run on `config` from now on, keeping the state (the core applies
   * the difference; see protocol/reconfiguration.ts). `reinstalledAddresses`:
   * kept addresses whose installation changed.
   */
  reconfigure(config: InstanceConfig, reinstalledAddresses: readonly IpAddress[]): void {
    const previous = this.currentConfig;
    this.currentConfig = config;
    this.prepared = null;
    this.handle({ kind: 'reconfigured', previous, reinstalledAddresses });
  }

  status(now: Instant = this.clock.now()): InstanceStatus {
    return instanceStatus(this.config, this.state, now);
  }

  /**
   * Run the paths of a failover once on a scratch state (startup, takeover,
   * an advert received and answered, resignation) and encode the adverts it
   * sends, so that the first real failover does not pay for compiling them.
   * Nothing is carried out and the instance's own state is untouched.
   */
  warmUp(): void {
    let scratch = initialInstanceState(this.config);
    const run = (event: VrrpEvent, at: Instant | undefined): void => {
      if (at === undefined) return;
      const result = step(this.config, scratch, event, at);
      scratch = result.state;
      for (const action of result.actions) if (action.kind === 'sendAdvert') this.effects.prepareAdvert(action.advert, action.oldUnicastChecksum === true);
    };
    const peer = this.config.virtualAddresses[0];
    run({ kind: 'startup' }, this.clock.now());
    run({ kind: 'timerExpired', timer: 'masterDown' }, scratch.timers.masterDown);
    if (peer !== undefined) {
      const addressing = { family: this.config.family, source: peer, destination: peer };
      const payload = encodeAdvert(buildAdvert(this.config, RESIGN_PRIORITY), addressing, this.config.checksumForm);
      run({ kind: 'packetReceived', packet: { payload, source: peer, destination: peer, ttl: VRRP_TTL } }, scratch.timers.adver);
    }
    run({ kind: 'timerExpired', timer: 'adver' }, scratch.timers.adver);
    run({ kind: 'shutdown' }, scratch.timers.adver);
  }

  /** Release the deadline (after shutdown has been handled). */
  close(): void {
    this.timers.clear();
    this.prepared = null;
    this.deadline.close();
  }

  private advanceTo(now: Instant): Instant {
    if (now > this.lastNow) this.lastNow = now;
    return this.lastNow;
  }

  private apply(result: StepResult): void {
    this.state = result.state;
    for (const action of result.actions) this.perform(action);
    this.observer?.(this.config, result, this.lastNow);
    this.rearm();
    this.prepareTakeover();
  }

  private prepareTakeover(): void {
    const at = this.timers.get('masterDown');
    if (at === undefined) {
      this.prepared = null;
      return;
    }
    if (this.prepared?.basis === this.state && this.prepared.at === at) return;
    const result = step(this.config, this.state, { kind: 'timerExpired', timer: 'masterDown' }, at);
    this.prepared = { basis: this.state, at, result };
    for (const action of result.actions) if (action.kind === 'sendAdvert') this.effects.prepareAdvert(action.advert, action.oldUnicastChecksum === true);
  }

  private perform(action: VrrpAction): void {
    switch (action.kind) {
      case 'armTimer':
        this.timers.set(action.timer, action.at);
        return;
      case 'cancelTimer':
        this.timers.delete(action.timer);
        return;
      case 'sendAdvert':
        this.effects.sendAdvert(action.advert, action.ipsecAhSequence, action.oldUnicastChecksum === true);
        return;
      case 'addVirtualAddresses':
        this.effects.addVirtualAddresses(action.addresses, action.acceptTraffic);
        return;
      case 'removeVirtualAddresses':
        this.effects.removeVirtualAddresses(action.addresses);
        return;
      case 'addExcludedAddresses':
        this.effects.addExcludedAddresses(action.addresses);
        return;
      case 'removeExcludedAddresses':
        this.effects.removeExcludedAddresses(action.addresses);
        return;
      case 'addRouting':
        this.effects.addRouting(action.routes, action.rules);
        return;
      case 'removeRouting':
        this.effects.removeRouting(action.routes, action.rules);
        return;
      case 'announce':
        this.effects.announce(action.addresses, action.repeat, action.reason);
        return;
      case 'stateChanged':
        this.effects.stateChanged(action.from, action.to, action.reason);
        return;
      case 'log':
        this.effects.log(action.event);
        return;
      case 'syncGroupWantsMaster':
        this.effects.syncGroupWantsMaster?.();
        return;
      default:
        assertNever(action);
    }
  }

  private rearm(): void {
    let earliest: Instant | null = null;
    for (const at of this.timers.values()) if (earliest === null || at < earliest) earliest = at;
    if (earliest === null) this.deadline.clear();
    else this.deadline.set(earliest);
  }

  /** Every timer that is due, in deadline order, each as its own event. */
  private fireDueTimers(): void {
    const now = this.clock.now();
    const due = TIMER_NAMES.flatMap((timer) => {
      const at = this.timers.get(timer);
      return at !== undefined && at <= now ? [{ timer, at }] : [];
    }).sort((a, b) => a.at - b.at);
    for (const { timer, at } of due) {
      // A timer may have been re-armed or cancelled by an earlier expiry in this batch.
      if (this.timers.get(timer) !== at) continue;
      this.timers.delete(timer);
      const prepared = this.prepared;
      if (timer === 'masterDown' && prepared !== null && prepared.basis === this.state && prepared.at === at) {
        // Exactly what step() returns for this expiry at its deadline, computed ahead.
        this.advanceTo(at);
        this.apply(prepared.result);
      } else {
        this.handle({ kind: 'timerExpired', timer }, now);
      }
    }
    this.rearm();
  }
}
