/**
 * Time with its unit in the type.
 *
 * VRRP's own arithmetic is in centiseconds (RFC 5798 §5.2.7 and §6.1): the
 * advertisement interval field counts centiseconds, and Skew_Time is
 * ((256 - Priority) * Master_Adver_Interval) / 256, which is fractional. Every
 * division in that formula is by 256, a power of two, so a float64 holds the
 * fractional centiseconds exactly; nothing is rounded.
 *
 * Instants are readings of the runtime's monotonic clock in microseconds since
 * an arbitrary origin. The pure core never reads a clock: it is handed `now`.
 */
declare const unit: unique symbol;

export type Centiseconds = number & { readonly [unit]: 'centiseconds' };
export type Microseconds = number & { readonly [unit]: 'microseconds' };
export type Instant = number & { readonly [unit]: 'instant-microseconds' };

export const MICROSECONDS_PER_CENTISECOND = 10_000;

export function centiseconds(value: number): Centiseconds {
  return value as Centiseconds;
}

export function microseconds(value: number): Microseconds {
  return value as Microseconds;
}

export function instantAt(microsecondsSinceOrigin: number): Instant {
  return microsecondsSinceOrigin as Instant;
}

export function centisecondsToMicroseconds(value: Centiseconds): Microseconds {
  return (value * MICROSECONDS_PER_CENTISECOND) as Microseconds;
}

export function addCentiseconds(at: Instant, duration: Centiseconds): Instant {
  return (at + duration * MICROSECONDS_PER_CENTISECOND) as Instant;
}

export function addMicroseconds(at: Instant, duration: Microseconds): Instant {
  return (at + duration) as Instant;
}

export function microsecondsBetween(from: Instant, to: Instant): Microseconds {
  return (to - from) as Microseconds;
}
