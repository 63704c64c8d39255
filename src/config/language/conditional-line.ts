/**
 * Conditional lines (keepalived.conf(5) "Conditional configuration and
 * configuration id"): "The word immediately following (i.e. without any
 * space) the '@' character is compared against the config-id, and if they
 * don't match, the configuration line is ignored. Alternatively, '@^' is a
 * negative comparison". The config id is `-i ID`, by default the host name up
 * to its first dot.
 *
 * keepalived also ignores a line that has nothing after the id (`@main`
 * alone), whatever the id.
 */
import { isBlank } from './blanks.js';

export type Conditional =
  /** The line does not start with "@". */
  | { readonly kind: 'unconditional' }
  /** The line is for this host: what it says starts at `rest`. */
  | { readonly kind: 'kept'; readonly rest: number }
  | { readonly kind: 'otherHost' }
  /** `@ID` (or `@^ID`) and nothing else. */
  | { readonly kind: 'nothingAfterId'; readonly prefix: string };

export function readConditional(text: string, configId: string): Conditional {
  if (!text.startsWith('@')) return { kind: 'unconditional' };
  const negated = text[1] === '^';
  const idStart = negated ? 2 : 1;
  let idEnd = idStart;
  while (idEnd < text.length && !isBlank(text[idEnd])) idEnd++;
  let rest = idEnd;
  while (isBlank(text[rest])) rest++;
  if (rest >= text.length) return { kind: 'nothingAfterId', prefix: text.slice(0, idEnd) };
  const matches = text.slice(idStart, idEnd) === configId;
  return matches !== negated ? { kind: 'kept', rest } : { kind: 'otherHost' };
}
