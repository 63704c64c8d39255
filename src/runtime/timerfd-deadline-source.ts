/**
 * Deadlines on timerfd(2): the kernel wakes the event loop at the absolute
 * CLOCK_MONOTONIC instant (the clock the runtime reads through
 * process.hrtime), typically within tens of microseconds, where libuv's
 * millisecond timers are up to a millisecond late. A failover is as late as
 * the backup's Master_Down_Timer, so this is the daemon's default. Instants
 * are the runtime clock's microseconds (systemMonotonicClock), which are
 * CLOCK_MONOTONIC as well.
 */
import type { NativeBinding } from '../io/native-binding.js';
import type { Deadline, DeadlineSource } from './deadline-source.js';

const NANOSECONDS_PER_MICROSECOND = 1000;
const NANOSECONDS_PER_SECOND = 1_000_000_000;

export function timerfdDeadlineSource(binding: NativeBinding): DeadlineSource {
  return {
    create(onExpiry): Deadline {
      const timer = new binding.Timer();
      let armed = false;
      timer.start(
        () => {
          if (!armed) return;
          armed = false;
          onExpiry();
        },
        (error) => {
          throw error;
        },
      );
      timer.unref();
      return {
        set(at) {
          // An instant already past expires at once, on the next loop turn: never inside set().
          const nanoseconds = Math.max(1, Math.round(at * NANOSECONDS_PER_MICROSECOND));
          armed = true;
          timer.settime(Math.floor(nanoseconds / NANOSECONDS_PER_SECOND), nanoseconds % NANOSECONDS_PER_SECOND);
        },
        clear() {
          armed = false;
          timer.settime(0, 0);
        },
        close() {
          armed = false;
          timer.close();
        },
      };
    },
  };
}
