/**
 * The lines of `vipctl events`: what the core reported in one step, as the
 * operator's stream of facts, in the order the core emitted them. A pure
 * projection of the step's actions; the runtime supplies the times.
 *
 *   stateChanged     a transition (keepalived "Entering X STATE"), with the
 *                    effective priority after the step
 *   priorityChanged  keepalived "Changing effective priority from A to B"
 *                    (trackers or vipctl priority)
 *   held / released  vipctl backup / resume took effect
 *   subscribed       the first line: every event from here on follows
 *   closed           the last line a subscriber gets: it was too slow, or vipd stops
 */
import type { Instant } from '../primitives/time.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import type { VrrpAction } from '../protocol/actions.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';

/** When an event happened: wall-clock ISO 8601 and the daemon's monotonic clock in µs. */
export interface EventTime {
  readonly at: string;
  readonly monotonicUs: number;
}

export type InstanceEvent =
  | ({
      readonly event: 'stateChanged';
      readonly instance: string;
      readonly from: VrrpStateName;
      readonly to: VrrpStateName;
      readonly reason: TransitionReason;
      readonly priority: number;
    } & EventTime)
  | ({ readonly event: 'priorityChanged'; readonly instance: string; readonly from: number; readonly to: number } & EventTime)
  | ({ readonly event: 'held' | 'released'; readonly instance: string } & EventTime);

export type ControlEvent =
  | InstanceEvent
  | ({ readonly event: 'subscribed' } & EventTime)
  | ({ readonly event: 'closed'; readonly reason: string } & EventTime);

export interface StepFacts {
  readonly instance: string;
  readonly actions: readonly VrrpAction[];
  /** Effective priority after the step. */
  readonly priority: Priority;
  readonly monotonic: Instant;
  /** Wall-clock time of the step, ISO 8601. */
  readonly at: string;
}

export function controlEventsOf(step: StepFacts): InstanceEvent[] {
  const { instance, at } = step;
  const time = { at, monotonicUs: step.monotonic };
  const events: InstanceEvent[] = [];
  for (const action of step.actions) {
    if (action.kind === 'stateChanged') {
      events.push({ event: 'stateChanged', instance, from: action.from, to: action.to, reason: action.reason, priority: step.priority, ...time });
    } else if (action.kind === 'log') {
      const logged = action.event;
      if (logged.kind === 'effectivePriorityChanged') {
        events.push({ event: 'priorityChanged', instance, from: logged.from, to: logged.to, ...time });
      } else if (logged.kind === 'holdSet') {
        events.push({ event: 'held', instance, ...time });
      } else if (logged.kind === 'holdReleased') {
        events.push({ event: 'released', instance, ...time });
      }
    }
  }
  return events;
}

const STATE_WORD: Readonly<Record<VrrpStateName, string>> = { initialize: 'INIT', backup: 'BACKUP', master: 'MASTER', fault: 'FAULT' };

/** `vipctl events` without --json: one readable line per event. */
export function formatControlEvent(event: ControlEvent): string {
  switch (event.event) {
    case 'stateChanged':
      return `${event.at} ${event.instance} ${STATE_WORD[event.from]} -> ${STATE_WORD[event.to]} (${event.reason}) priority ${event.priority}`;
    case 'priorityChanged':
      return `${event.at} ${event.instance} priority ${event.from} -> ${event.to}`;
    case 'held':
      return `${event.at} ${event.instance} held in BACKUP`;
    case 'released':
      return `${event.at} ${event.instance} hold released`;
    case 'subscribed':
      return `${event.at} subscribed`;
    case 'closed':
      return `${event.at} stream closed: ${event.reason}`;
  }
}
