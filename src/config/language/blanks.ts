/**
 * What separates words in keepalived.conf: space, tab, and the CR, VT and FF
 * that keepalived's white space also counts (lib/parser.c WHITE_SPACE, as
 * described in keepalived.conf(5) "Quoted strings"). Unlike String.trim, no
 * Unicode spaces: a non-breaking space is part of a word.
 */
const BLANKS: ReadonlySet<string> = new Set([' ', '\t', '\r', '\v', '\f']);

export function isBlank(c: string | undefined): boolean {
  return c !== undefined && BLANKS.has(c);
}

/** How many blanks `text` starts with. */
export function leadingBlanks(text: string): number {
  let n = 0;
  while (isBlank(text[n])) n++;
  return n;
}

/** How long `text` is without the blanks it ends with. */
export function lengthWithoutTrailingBlanks(text: string): number {
  let n = text.length;
  while (n > 0 && isBlank(text[n - 1])) n--;
  return n;
}

/** `text` without blanks at either end. */
export function trimBlanks(text: string): string {
  const start = leadingBlanks(text);
  return text.slice(start, Math.max(start, lengthWithoutTrailingBlanks(text)));
}
