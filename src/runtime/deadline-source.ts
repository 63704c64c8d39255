/**
 * One deadline per instance (as keepalived's `sands`): the runtime keeps the
 * earliest of an instance's armed timers in a Deadline and is called back
 * when the clock reaches it. The source is replaceable: this one rides on
 * libuv's millisecond timers; a timerfd-backed one gives sub-millisecond
 * precision.
 */
import type { Instant } from '../primitives/time.js';
import type { MonotonicClock } from './clock.js';

export interface Deadline {
  /** (Re)arm for `at`; a deadline in the past fires as soon as possible. */
  set(at: Instant): void;
  clear(): void;
  /** Release what the deadline holds (a timer fd); it is not used again. */
  close(): void;
}

export interface DeadlineSource {
  create(onExpiry: () => void): Deadline;
}

const MICROSECONDS_PER_MILLISECOND = 1000;

/**
 * libuv timers: whole milliseconds against a loop time that is itself
 * truncated to milliseconds, so a timer can wake up to 1 ms early. Early
 * wake-ups re-arm for the remainder; the callback never runs before `at`,
 * and never from inside `set` (a deadline already due fires on the next turn).
 */
export function timeoutDeadlineSource(clock: MonotonicClock): DeadlineSource {
  return {
    create(onExpiry) {
      let timeout: NodeJS.Timeout | null = null;
      let immediate: NodeJS.Immediate | null = null;
      let target: Instant | null = null;
      const stop = (): void => {
        if (timeout !== null) clearTimeout(timeout);
        if (immediate !== null) clearImmediate(immediate);
        timeout = null;
        immediate = null;
      };
      const check = (): void => {
        timeout = null;
        immediate = null;
        if (target === null) return;
        const remainingMs = (target - clock.now()) / MICROSECONDS_PER_MILLISECOND;
        if (remainingMs > 0) {
          timeout = setTimeout(check, Math.ceil(remainingMs));
          return;
        }
        target = null;
        onExpiry();
      };
      return {
        set(at) {
          stop();
          target = at;
          const remainingMs = (at - clock.now()) / MICROSECONDS_PER_MILLISECOND;
          if (remainingMs > 0) timeout = setTimeout(check, Math.ceil(remainingMs));
          else immediate = setImmediate(check);
        },
        clear() {
          stop();
          target = null;
        },
        close() {
          stop();
          target = null;
        },
      };
    },
  };
}
