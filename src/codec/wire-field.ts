/**
 * Range checks for encoders. A typed value that does not fit its wire field
 * (a 13-bit fragment offset of 9000, a v2 interval that is not whole seconds)
 * can only come from a bug in the caller, so encoders throw rather than
 * silently truncate it into a different, valid-looking packet.
 */

/**
 * `value` if it is an integer from 0 to `max`.
 *
 * @throws RangeError naming the field otherwise.
 */
export function fieldValue(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${value}`);
  }
  return value;
}
