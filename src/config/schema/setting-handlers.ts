/**
 * Handlers for the many keywords that set one value: `KEYWORD [VALUE]` read
 * by a value reader and stored in a draft field, a later line replacing an
 * earlier one with a warning (as in keepalived). A handler table then reads
 * `vrrp_strict: setting('strict', flag)`.
 */
import type { Statement } from '../block-parser.js';
import { centiseconds, microseconds, type Centiseconds, type Microseconds } from '../../primitives/time.js';
import { MICROSECONDS_PER_SECOND } from '../decimal-seconds.js';
import { interfaceNameProblem } from './interface-name.js';
import { decimalSeconds, optionalBoolean, singleValue, wholeNumber } from './arguments.js';
import { replaceSetting, type SchemaContext, type Setting } from './schema-context.js';
import type { StatementHandler } from './statement-dispatch.js';

/** Reads a statement's value; null when there is none usable (reported). */
export type ValueReader<T> = (statement: Statement, context: SchemaContext) => T | null;

type SettingKey<D> = { [K in keyof D]-?: NonNullable<D[K]> extends Setting<unknown> ? K : never }[keyof D];
type SettingValue<D, K extends keyof D> = NonNullable<D[K]> extends Setting<infer T> ? T : never;

/** The handler that stores what `read` gives in `draft[key]`. */
export function setting<D, K extends SettingKey<D>>(key: K, read: ValueReader<SettingValue<D, K>>): StatementHandler<D> {
  return (statement, draft, context) => {
    const value = read(statement, context);
    if (value === null) return;
    const fields = draft as Record<K, Setting<SettingValue<D, K>> | undefined>;
    fields[key] = replaceSetting(fields[key], { value, location: statement.location }, statement.keyword.text, context);
  };
}

/** `KEYWORD [<BOOL>]`: absent means on (keepalived.conf(5) PARAMETER SYNTAX). */
export const flag: ValueReader<boolean> = (statement, context) => optionalBoolean(statement, context);

/** A whole number from `min` to `max`. */
export function whole(min: number, max: number): ValueReader<number> {
  return (statement, context) => {
    const value = singleValue(statement, context, `${statement.keyword.text} ${min}..${max}`);
    return value === null ? null : wholeNumber(value, statement.keyword.text, min, max, context);
  };
}

/** keepalived's <TIMER>: decimal seconds. */
export function seconds(min: Microseconds, max: Microseconds): ValueReader<Microseconds> {
  return (statement, context) => {
    const value = singleValue(statement, context, `${statement.keyword.text} SECONDS`);
    return value === null ? null : decimalSeconds(value, statement.keyword.text, min, max, context);
  };
}

/** Whole seconds as keepalived reads the GARP delays (unsigned int, at most 4294 s), in centiseconds. */
export function wholeSeconds(max: number): ValueReader<Centiseconds> {
  const read = whole(0, max);
  return (statement, context) => {
    const value = read(statement, context);
    return value === null ? null : centiseconds(value * 100);
  };
}

/** Any one word, e.g. a path or a name. */
export const text: ValueReader<string> = (statement, context) =>
  singleValue(statement, context, `${statement.keyword.text} VALUE`)?.text ?? null;

/** An interface name. */
export const interfaceName: ValueReader<string> = (statement, context) => {
  const value = singleValue(statement, context, `${statement.keyword.text} INTERFACE`);
  if (value === null) return null;
  const problem = interfaceNameProblem(value.text);
  if (problem !== null) {
    context.error(value.location, `${statement.keyword.text}: ${problem}`);
    return null;
  }
  return value.text;
};

/** The largest <TIMER> keepalived keeps in its 32-bit microsecond counters (4294 s). */
export const MAX_TIMER = microseconds(4294 * MICROSECONDS_PER_SECOND);
