/**
 * How `vipd -d` writes words and blocks so that the configuration language
 * reads them back as they were (keepalived.conf(5) "Quoted strings",
 * "Parameter substitution", "Sequence blocks").
 */
import { formatSeconds } from './decimal-seconds.js';
import { centisecondsToMicroseconds, type Centiseconds } from '../primitives/time.js';

const INDENT = '    ';

/** `HEAD {`, the body one level deeper (nested blocks included), `}`. */
export function block(head: string, body: readonly string[]): string[] {
  return [`${head} {`, ...body.map((line) => `${INDENT}${line}`), '}'];
}

/** A block only when it has lines. */
export function blockIfAny(head: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : block(head, body);
}

export function seconds(value: Centiseconds): string {
  return formatSeconds(centisecondsToMicroseconds(value));
}

export function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

/** `KEYWORD` when on, nothing when off: for keywords that are off by default. */
export function flagLine(keyword: string, value: boolean): string[] {
  return value ? [keyword] : [];
}

/** A word that reads back as itself: plain when it can be, else quoted with escapes. */
export function word(text: string): string {
  return PLAIN_WORD.test(text) ? text : `"${[...text].map(quotedCharacter).join('')}"`;
}

/**
 * Characters that stand for themselves outside quotes: no blank, brace, quote,
 * backslash, comment character (`#`, `!`), parameter (`$`), `@` or `~`.
 */
const PLAIN_WORD = /^[A-Za-z0-9_.:/+,=%-]+$/;

/**
 * Inside quotes: printable ASCII other than quotes, `\`, `$`, `~`, `#`, `!` and
 * `@` as itself, other ASCII as a two-digit `\xHH` escape, anything else as its
 * UTF-8 text, which the parser reads back unchanged.
 */
function quotedCharacter(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x80) return c;
  if (code >= 0x20 && code < 0x7f && !'"\\$~#!@\''.includes(c)) return c;
  return `\\x${code.toString(16).padStart(2, '0')}`;
}
