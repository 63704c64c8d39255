/**
 * keepalived's <TIMER> values: "a time value in seconds, including fractional
 * seconds, e.g. 2.71828 or 3; resolution of timer is micro-seconds"
 * (keepalived.conf(5) PARAMETER SYNTAX). Parsed exactly, digit by digit, so
 * that 0.1 is 100000 µs and not a binary fraction of it.
 */
import { err, ok, type Result } from '../primitives/result.js';
import { microseconds, type Microseconds } from '../primitives/time.js';

export const MICROSECONDS_PER_SECOND = 1_000_000;
const FRACTION_DIGITS = 6;

export type DecimalSecondsProblem =
  /** Not digits with at most one decimal point (a sign, an exponent, a unit …). */
  | 'notANumber'
  /** More than 6 decimal places: finer than keepalived's 1 µs resolution. */
  | 'tooPrecise';

export function parseDecimalSeconds(text: string): Result<Microseconds, DecimalSecondsProblem> {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (match === null || whole.length + fraction.length === 0) return err('notANumber');
  if (fraction.length > FRACTION_DIGITS) return err('tooPrecise');
  const wholeSeconds = whole === '' ? 0 : Number(whole);
  const fractionMicroseconds = fraction === '' ? 0 : Number(fraction.padEnd(FRACTION_DIGITS, '0'));
  return ok(microseconds(wholeSeconds * MICROSECONDS_PER_SECOND + fractionMicroseconds));
}

/** Seconds as a message shows them: 1500000 µs → "1.5", 3000000 µs → "3". */
export function formatSeconds(value: Microseconds): string {
  const whole = Math.floor(value / MICROSECONDS_PER_SECOND);
  const fraction = String(value % MICROSECONDS_PER_SECOND).padStart(FRACTION_DIGITS, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
