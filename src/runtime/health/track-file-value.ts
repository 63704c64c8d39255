/**
 * What a track_file's content means, as keepalived 2.2.7 read it in our
 * namespace experiment (one instance per file, weight 1 unless stated,
 * effective priorities read from "Changing effective priority" lines):
 *
 *   "010" → 8, "08" → 0, "0X1f" → 31, "1e3" → 1, "3.7" → 3, "\n 5" → 5,
 *   "- 4" → 0, "" → 0, "abc" → 0, a missing or deleted file → 0,
 *   "99999999999" → "Invalid number 99999999999 read from /run/kxt/f6 -
 *   ignoring" (the value is left as it was).
 *
 * That is C's strtol(text, NULL, 0): leading white space, an optional sign,
 * then 0x/0X hex, 0 octal or decimal digits, stopping at the first other
 * character; no digits → 0. The accepted range, probed: -2147483648 and
 * 2147483648 are read, -2147483649, 2147483649, 3000000000 and 4294967295
 * are "Invalid number". (keepalived read 2147483648 as -2147483648 in its
 * start-up read — "(I_1): entering FAULT state (tracked file f1 has status
 * -2147483648)" — but as a large positive value (priority 254) when the
 * file changed; we always take the latter.)
 *
 * Effect on an instance (trackFileEffect): value × weight, negated with
 * `reverse` (weight 2 reverse, value 3 → priority 94); a result below -253 →
 * FAULT ("-253" gave priority 1 after clamping, "-254" and "-300" FAULT);
 * with weight 0 any non-zero value → FAULT ("-1" FAULT, then "abc" left it).
 */
export type TrackFileReading =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'invalid'; readonly text: string };

const LOWEST_VALUE = -2147483648;
const HIGHEST_VALUE = 2147483648;

export function parseTrackFileValue(content: string): TrackFileReading {
  const match = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(content);
  if (match === null) return { kind: 'value', value: 0 };
  const sign = match[1] === '-' ? -1 : 1;
  const digits = match[2] ?? '0';
  const magnitude = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits.startsWith('0') ? parseInt(digits, 8) : parseInt(digits, 10);
  const value = sign * magnitude;
  if (value < LOWEST_VALUE || value > HIGHEST_VALUE) return { kind: 'invalid', text: `${match[1] ?? ''}${digits}` };
  return { kind: 'value', value: value === 0 ? 0 : value };
}

export type TrackFileEffect = { readonly kind: 'priority'; readonly delta: number } | { readonly kind: 'fault' };

/** The lowest sum keepalived accepts before it declares FAULT. */
const LOWEST_DELTA = -253;

export function trackFileEffect(value: number, weight: number, reverse: boolean): TrackFileEffect {
  if (weight === 0) return value === 0 ? { kind: 'priority', delta: 0 } : { kind: 'fault' };
  const delta = value * weight * (reverse ? -1 : 1);
  return delta < LOWEST_DELTA ? { kind: 'fault' } : { kind: 'priority', delta: delta === 0 ? 0 : delta };
}
