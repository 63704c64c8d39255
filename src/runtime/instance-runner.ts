/**
 * Runs one instance: feeds events into the pure core with the clock's
 * reading, carries out the actions in order, and keeps the instance's timers
 * behind a single deadline.
 */
import { assertNever } from '../primitives/result.js';
import type { Instant } from '../primitives/time.js';
import type { VrrpAction } from '../protocol/actions.js';
import type { VrrpEvent } from '../protocol/events.js';
import type { InstanceConfig } from '../protocol/instance-config.js';
import { initialInstanceState, type InstanceState } from '../protocol/instance-state.js';
import { step } from '../protocol/step.js';
import { TIMER_NAMES, type TimerName } from '../protocol/vrrp-state.js';
import { instanceStatus, type InstanceStatus } from '../control/instance-status.js';
import type { MonotonicClock } from './clock.js';
import type { Deadline, DeadlineSource } from './deadline-source.js';
import type { InstanceEffects } from './instance-effects.js';

export class InstanceRunner {
  private state: InstanceState;
  private readonly timers = new Map<TimerName, Instant>();
  private readonly deadline: Deadline;

  constructor(
    readonly config: InstanceConfig,
    private readonly clock: MonotonicClock,
    deadlines: DeadlineSource,
    private readonly effects: InstanceEffects,
    trackersUp: Readonly<Record<string, boolean>> = {},
  ) {
    this.state = initialInstanceState(config, trackersUp);
    this.deadline = deadlines.create(() => this.fireDueTimers());
  }

  get vrrpState(): InstanceState['state'] {
    return this.state.state;
  }

  /** Feed one event; `now` defaults to the clock (a packet's arrival may pass its own). */
  handle(event: VrrpEvent, now: Instant = this.clock.now()): void {
    const result = step(this.config, this.state, event, now);
    this.state = result.state;
    for (const action of result.actions) this.perform(action);
    this.rearm();
  }

  status(now: Instant = this.clock.now()): InstanceStatus {
    return instanceStatus(this.config, this.state, now);
  }

  /** Release the deadline (after shutdown has been handled). */
  close(): void {
    this.timers.clear();
    this.deadline.close();
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
        this.effects.sendAdvert(action.advert);
        return;
      case 'addVirtualAddresses':
        this.effects.addVirtualAddresses(action.addresses, action.acceptTraffic);
        return;
      case 'removeVirtualAddresses':
        this.effects.removeVirtualAddresses(action.addresses);
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
      this.handle({ kind: 'timerExpired', timer }, now);
    }
    this.rearm();
  }
}
