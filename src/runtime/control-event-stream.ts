/**
 * Wires the instances' steps to the `vipctl events` subscribers: each step's
 * transitions, priority changes and holds become event lines, stamped with the
 * step's monotonic instant and the matching wall-clock time. Nothing is
 * computed while no one subscribes.
 */
import { controlEventsOf } from '../control/control-events.js';
import { EventBroadcaster } from '../control/event-broadcaster.js';
import type { Instant } from '../primitives/time.js';
import { effectivePriority } from '../protocol/effective-priority.js';
import type { MonotonicClock } from './clock.js';
import type { StepObserver } from './instance-runner.js';

const MICROSECONDS_PER_MILLISECOND = 1000;

export interface ControlEventStream {
  readonly broadcaster: EventBroadcaster;
  readonly observeStep: StepObserver;
}

export function controlEventStream(clock: MonotonicClock, wallClockMs: () => number): ControlEventStream {
  /** The wall-clock time of a monotonic instant (a packet's step may be a little in the past). */
  const wallTime = (at: Instant): string => new Date(wallClockMs() - (clock.now() - at) / MICROSECONDS_PER_MILLISECOND).toISOString();
  const broadcaster = new EventBroadcaster(() => {
    const now = clock.now();
    return { at: wallTime(now), monotonicUs: now };
  });
  const observeStep: StepObserver = (config, result, now) => {
    if (broadcaster.subscribers === 0) return;
    const { state, actions } = result;
    broadcaster.publish(
      controlEventsOf({
        instance: config.name,
        actions,
        priority: effectivePriority(config, state.trackersUp, state.administrativePriority, state.trackerValues),
        monotonic: now,
        at: wallTime(now),
      }),
    );
  };
  return { broadcaster, observeStep };
}
