/**
 * One deadline per instance (as keepalived's `sands`): the runtime keeps the
 * earliest of an instance's armed timers in a Deadline and is called back
 * when the clock reaches it. The source is an interface so that tests drive
 * time by hand; the daemon uses timerfd (timerfd-deadline-source.ts).
 */
import type { Instant } from '../primitives/time.js';

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
