/**
 * A file's text → its lines, each without its comment and the blanks around
 * it, and whether it ends in a continuation `\`. This is the first thing
 * keepalived does to every line it reads (lib/parser.c "decomment"), before
 * include, `@`, `$` and `~` (keepalived.conf(5) DESCRIPTION, ADVANCED
 * CONFIGURATION):
 *
 * - `#` and `!` outside quotes start a comment that runs to the end of the
 *   line, even in the middle of a word ("comments … can start anywhere in a
 *   line"). Since `auth_pass secret!1` then reads as `secret`, a comment that
 *   starts inside a word is warned about.
 * - `"…"` and `'…'` hide `#` and `!`; inside them `\` escapes the next
 *   character, so `\"` does not close the quote.
 * - Outside quotes, `\` also escapes the next character: `\#` and `\!` are a
 *   literal `#` and `!` (the lexer drops the backslash).
 * - A line whose text ends in a `\` that escapes nothing is continued on the
 *   next line: keepalived.conf(5) defines this for `$NAME=` definitions
 *   ("ending each line except the last with a '\' character"); vipd applies
 *   it to ordinary lines too (see expand-config.ts).
 */
import type { ConfigMessage, SourceLocation } from '../config-types.js';
import { isBlank, lengthWithoutTrailingBlanks } from './blanks.js';
import { SourceLine } from './source-line.js';

export interface PhysicalLine {
  /** The text before any comment, without blanks at either end and without a continuation `\`. */
  readonly content: SourceLine;
  /** The line ended in a continuation `\`. */
  readonly continued: boolean;
}

export interface PhysicalLines {
  readonly lines: readonly PhysicalLine[];
  readonly messages: readonly ConfigMessage[];
}

/** The lines of `text`, read from `file` (which `includedFrom`, if any, included). */
export function physicalLines(text: string, file: string, includedFrom?: SourceLocation): PhysicalLines {
  const lines: PhysicalLine[] = [];
  const messages: ConfigMessage[] = [];
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop(); // the newline that ends the last line starts no line
  raw.forEach((lineText, index) => {
    const location: SourceLocation = { file, line: index + 1, column: 1, ...(includedFrom === undefined ? {} : { includedFrom }) };
    const line = SourceLine.verbatim(lineText, location);
    const scan = scanLine(lineText);
    if (scan.commentAt !== null && scan.commentAt > scan.wordStart) {
      const c = lineText[scan.commentAt] ?? '#';
      messages.push({
        severity: 'warning',
        location: line.locate(scan.commentAt),
        text:
          `"${c}" starts a comment in the middle of a word, so only "${lineText.slice(scan.wordStart, scan.commentAt)}" is read here; ` +
          `quote the word if "${c}" is part of it`,
      });
    }
    const contentEnd = lengthWithoutTrailingBlanks(lineText.slice(0, scan.commentAt ?? lineText.length));
    const continued = scan.openQuote === null && scan.lastEscape === contentEnd - 1;
    const content = line.slice(0, continued ? lengthWithoutTrailingBlanks(lineText.slice(0, contentEnd - 1)) : contentEnd).trimmed();
    lines.push({ content, continued });
  });
  return { lines, messages };
}

interface LineScan {
  /** Where the comment starts; null when the line has none. */
  readonly commentAt: number | null;
  /** Where the word the comment character stands in (or after) starts. */
  readonly wordStart: number;
  /** Where the last `\` outside quotes stands (it escapes the character after it, if there is one). */
  readonly lastEscape: number | null;
  /** The quote still open where the scan stopped. */
  readonly openQuote: string | null;
}

function scanLine(text: string): LineScan {
  let quote: string | null = null;
  let wordStart = 0;
  let lastEscape: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '\\') {
      lastEscape = i;
      i++;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' || c === '!') {
      return { commentAt: i, wordStart, lastEscape, openQuote: null };
    } else if (isBlank(c)) {
      wordStart = i + 1;
    }
  }
  return { commentAt: null, wordStart, lastEscape, openQuote: quote };
}
