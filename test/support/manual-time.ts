/**
 * A monotonic clock and deadline source that move only when a test says so.
 */
import { addMicroseconds, instantAt, microseconds, type Instant } from '../../src/primitives/time.js';
import type { MonotonicClock } from '../../src/runtime/clock.js';
import type { Deadline, DeadlineSource } from '../../src/runtime/deadline-source.js';

export class ManualTime implements DeadlineSource {
  current = instantAt(0);
  private readonly deadlines: { at: Instant | null; fire: () => void }[] = [];
  readonly clock: MonotonicClock = { now: (): Instant => this.current };

  create(onExpiry: () => void): Deadline {
    const entry: { at: Instant | null; fire: () => void } = { at: null, fire: onExpiry };
    this.deadlines.push(entry);
    return { set: (at) => (entry.at = at), clear: () => (entry.at = null), close: () => (entry.at = null) };
  }

  /** Advance by `milliseconds`, firing each deadline at its own time, in order. */
  advanceMs(milliseconds: number): void {
    this.advance(addMicroseconds(this.current, microseconds(milliseconds * 1000)));
  }

  /** Advance to `until`, firing each deadline at its own time, in order. */
  advance(until: Instant): void {
    for (;;) {
      const due = this.deadlines.filter((d) => d.at !== null && d.at <= until).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0];
      if (due === undefined || due.at === null) break;
      this.current = due.at;
      due.at = null;
      due.fire();
    }
    this.current = until;
  }
}
