/**
 * Reading a statement's arguments: how many it takes, whether it takes a
 * block, and the value types keepalived.conf(5) uses (whole numbers, <TIMER>
 * decimal seconds, <BOOL>). Each reader reports its own problems and returns
 * null when there is no usable value.
 */
import type { Statement, StatementBlock, Word } from '../block-parser.js';
import { formatSeconds, parseDecimalSeconds } from '../decimal-seconds.js';
import type { Microseconds } from '../../primitives/time.js';
import type { SchemaContext } from './schema-context.js';

/**
 * The one value of `keyword VALUE`. `usage` shows the expected form, e.g.
 * `priority 1..255`. Extra words are ignored with a warning (keepalived
 * ignores them silently); a block is an error.
 */
export function singleValue(statement: Statement, context: SchemaContext, usage: string): Word | null {
  rejectBlock(statement, context);
  const [value, ...extra] = statement.args;
  if (value === undefined) {
    context.error(statement.location, `${statement.keyword.text} is missing its value (expected "${usage}")`);
    return null;
  }
  warnExtra(statement, extra, context);
  return value;
}

/** A keyword that stands alone, e.g. `nopreempt`. */
export function noValue(statement: Statement, context: SchemaContext): void {
  rejectBlock(statement, context);
  warnExtra(statement, statement.args, context);
}

/** `keyword { … }`. */
export function requireBlock(statement: Statement, context: SchemaContext, usage: string): StatementBlock | null {
  warnExtra(statement, statement.args, context);
  if (statement.block === undefined) {
    context.error(statement.location, `${statement.keyword.text} needs a block (expected "${usage}")`);
    return null;
  }
  return statement.block;
}

/**
 * keepalived's `[<BOOL>]`: absent means on; on|off|true|false|yes|no
 * (keepalived.conf(5) PARAMETER SYNTAX). Null when the value is not one of those.
 */
export function optionalBoolean(statement: Statement, context: SchemaContext): boolean | null {
  rejectBlock(statement, context);
  const [value, ...extra] = statement.args;
  warnExtra(statement, extra, context);
  if (value === undefined) return true;
  switch (value.text) {
    case 'on':
    case 'true':
    case 'yes':
      return true;
    case 'off':
    case 'false':
    case 'no':
      return false;
    default:
      context.error(
        value.location,
        `${statement.keyword.text} takes on, off, true, false, yes or no (or nothing, meaning on), not "${value.text}"`,
      );
      return null;
  }
}

/** A whole number from `min` to `max`, as keepalived's read_unsigned accepts it (decimal digits only). */
export function wholeNumber(word: Word, name: string, min: number, max: number, context: SchemaContext): number | null {
  const range = `use a value from ${min} to ${max}`;
  if (!/^\d+$/.test(word.text)) {
    context.error(word.location, `${name} "${word.text}" is not a whole number; ${range}`);
    return null;
  }
  const value = Number(word.text);
  if (value < min || value > max) {
    context.error(word.location, `${name} ${word.text} is out of range; ${range}`);
    return null;
  }
  return value;
}

/** keepalived's <TIMER>: decimal seconds with 1 µs resolution, from `min` to `max`. */
export function decimalSeconds(
  word: Word,
  name: string,
  min: Microseconds,
  max: Microseconds,
  context: SchemaContext,
): Microseconds | null {
  const parsed = parseDecimalSeconds(word.text);
  if (!parsed.ok) {
    switch (parsed.error) {
      case 'notANumber':
        context.error(word.location, `${name} "${word.text}" is not a number of seconds (write e.g. 1 or 0.5)`);
        return null;
      case 'tooPrecise':
        context.error(word.location, `${name} ${word.text} has more than 6 decimal places; keepalived's timers count microseconds`);
        return null;
    }
  }
  if (parsed.value < min || parsed.value > max) {
    context.error(
      word.location,
      `${name} ${word.text} is out of range; use ${formatSeconds(min)} to ${formatSeconds(max)} seconds`,
    );
    return null;
  }
  return parsed.value;
}

function rejectBlock(statement: Statement, context: SchemaContext): void {
  if (statement.block !== undefined) {
    context.error(
      statement.block.open,
      `${statement.keyword.text} does not take a { … } block; remove the block (its contents are ignored)`,
    );
  }
}

function warnExtra(statement: Statement, extra: readonly Word[], context: SchemaContext): void {
  const first = extra[0];
  if (first === undefined) return;
  const ignored = extra.map((w) => w.text).join(' ');
  context.warning(first.location, `unexpected "${ignored}" after ${statement.keyword.text} is ignored`);
}
