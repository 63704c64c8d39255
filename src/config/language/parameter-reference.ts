/**
 * What a `$` in a line starts (keepalived.conf(5) "Parameter substitution"):
 * "any occurrence of $PARAMETER followed by whitespace, or any occurrence of
 * ${PARAMETER} (which need not be followed by whitespace)". keepalived's
 * parser also ends `$PARAMETER` at "," and ")" (so that ~SEQ arguments can be
 * parameters) and at the end of the line. `${NAME ARGUMENT}` passes an
 * argument to a predefined parameter: `${_ENV HOME}`, `${_RANDOM 1 10}`.
 *
 * Names are letters, digits and "_", not starting with a digit.
 */
import { isBlank, trimBlanks } from './blanks.js';

export type ReferenceAt =
  /** Not a reference: no name follows the `$`, or a `${` is not closed as a reference. */
  | { readonly kind: 'none' }
  /** `$NAME` followed by a character that ends no reference (e.g. `$NAME.x`): never replaced. */
  | { readonly kind: 'glued'; readonly name: string }
  | {
      readonly kind: 'reference';
      readonly name: string;
      /** `${NAME ARGUMENT}`: the argument, without the blanks around it; null when there is none. */
      readonly argument: string | null;
      /** Where the reference ends (the index after it). */
      readonly end: number;
    };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const ENDS_PLAIN_REFERENCE: ReadonlySet<string> = new Set([',', ')']);

export function isParameterName(text: string): boolean {
  return NAME.exec(text)?.[0] === text;
}

/** What the `$` at `dollar` in `text` starts. */
export function referenceAt(text: string, dollar: number): ReferenceAt {
  if (text[dollar + 1] === '{') return bracedReference(text, dollar);
  const name = NAME.exec(text.slice(dollar + 1))?.[0];
  if (name === undefined) return { kind: 'none' };
  const end = dollar + 1 + name.length;
  const after = text[end];
  if (after === undefined || isBlank(after) || ENDS_PLAIN_REFERENCE.has(after)) {
    return { kind: 'reference', name, argument: null, end };
  }
  return { kind: 'glued', name };
}

function bracedReference(text: string, dollar: number): ReferenceAt {
  const start = dollar + 2;
  const name = NAME.exec(text.slice(start))?.[0];
  if (name === undefined) return { kind: 'none' };
  const afterName = start + name.length;
  if (text[afterName] === '}') return { kind: 'reference', name, argument: null, end: afterName + 1 };
  if (!isBlank(text[afterName])) return { kind: 'none' };
  const close = text.indexOf('}', afterName);
  if (close < 0) return { kind: 'none' };
  const argument = trimBlanks(text.slice(afterName, close));
  if (argument === '' || argument.includes('{')) return { kind: 'none' };
  return { kind: 'reference', name, argument, end: close + 1 };
}
