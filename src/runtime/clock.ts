/**
 * The one clock of the daemon. Only the runtime reads it; the pure core is
 * handed its readings.
 */
import { instantAt, type Instant } from '../primitives/time.js';

export interface MonotonicClock {
  now(): Instant;
}

/** CLOCK_MONOTONIC through process.hrtime, in microseconds (fractional). */
export const systemMonotonicClock: MonotonicClock = {
  now: () => instantAt(Number(process.hrtime.bigint()) / 1000),
};
