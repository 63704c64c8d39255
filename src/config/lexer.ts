/**
 * One line of keepalived.conf, its comment already cut off
 * (language/physical-lines.ts) and its `@`, `$` and `~` already applied
 * (language/expand-config.ts) → tokens with their positions.
 *
 * - Words are runs of non-blank characters; `"…"` and `'…'` quote parts of a
 *   word, which keep their blanks and braces, and may be glued to unquoted
 *   text (`'abcd" efg "h'` is one word, keepalived.conf(5) "Quoted strings").
 *   Inside quotes the C escapes of keepalived.conf(5) apply: `\a \b \E \f \n
 *   \r \t \v`, `\nnn` (octal, up to 3 digits), `\xXX` (hex, up to 2 digits),
 *   `\cC` (control-C) and `\C` = C for any other C. A quote does not run past
 *   the end of its line.
 * - Outside quotes, `\#`, `\!`, `\"` and `\'` are the character itself (so a
 *   `#` or `!` can stand in a word without starting a comment); any other
 *   backslash is left as it is.
 * - In a statement line, `{` and `}` outside quotes are tokens of their own,
 *   wherever they stand (`vrrp_instance VI_1{` opens a block just as
 *   `vrrp_instance VI_1 {` does); the one exception is a parameter reference
 *   `${NAME}`, kept whole in its word because keepalived leaves an undefined
 *   reference as it is. In a words line (an include's file name), braces are
 *   ordinary characters: `include conf.d/{a,b}.conf` names one pattern.
 * - `#` and `!` are ordinary characters here: whatever still holds one was
 *   quoted, escaped or produced by `${_HASH}`/`${_BANG}`.
 *
 * Lexing never fails: problems become messages and the tokens are the best
 * reading of the line. Every token carries its file (and the include chain
 * that led to it), so the tokens of all files form one stream.
 */
import type { ConfigMessage, SourceLocation } from './config-types.js';
import { isBlank } from './language/blanks.js';
import type { SourceLine } from './language/source-line.js';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly quoted: boolean; readonly location: SourceLocation }
  | { readonly kind: 'open'; readonly location: SourceLocation }
  | { readonly kind: 'close'; readonly location: SourceLocation }
  | { readonly kind: 'endOfLine'; readonly location: SourceLocation };

/** `statement`: braces are tokens. `words`: braces belong to the words (an include line). */
export type LexMode = 'statement' | 'words';

export interface LexOutcome {
  readonly tokens: readonly Token[];
  readonly messages: readonly ConfigMessage[];
}

/** Single-letter escapes inside quotes (keepalived.conf(5) "Quoted strings"). */
const LETTER_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** What a backslash outside quotes makes literal. */
const ESCAPABLE_OUTSIDE_QUOTES: ReadonlySet<string> = new Set(['#', '!', '"', "'"]);

/** The tokens of one line, without its end-of-line token. */
export function lexLine(line: SourceLine, mode: LexMode = 'statement'): LexOutcome {
  return new LineLexer(line, mode).run();
}

class LineLexer {
  readonly #line: SourceLine;
  readonly #text: string;
  readonly #mode: LexMode;
  readonly #tokens: Token[] = [];
  readonly #messages: ConfigMessage[] = [];
  #index = 0;

  constructor(line: SourceLine, mode: LexMode) {
    this.#line = line;
    this.#text = line.text;
    this.#mode = mode;
  }

  run(): LexOutcome {
    for (;;) {
      const c = this.#peek();
      if (c === undefined) break;
      if (isBlank(c)) {
        this.#index++;
      } else if (this.#isBrace(c)) {
        this.#tokens.push({ kind: c === '{' ? 'open' : 'close', location: this.#here() });
        this.#index++;
      } else {
        this.#word();
      }
    }
    return { tokens: this.#tokens, messages: this.#messages };
  }

  #isBrace(c: string): boolean {
    return this.#mode === 'statement' && (c === '{' || c === '}');
  }

  #word(): void {
    const location = this.#here();
    let value = '';
    let quoted = false;
    for (;;) {
      const c = this.#peek();
      if (c === undefined || isBlank(c)) break;
      if (this.#isBrace(c)) {
        if (c === '{' && value.endsWith('$') && this.#parameterReferenceEnd() !== null) {
          value += this.#takeParameterReference();
          continue;
        }
        break;
      }
      if (c === '"' || c === "'") {
        value += this.#quoted(c);
        quoted = true;
        continue;
      }
      const next = this.#text[this.#index + 1];
      if (c === '\\' && next !== undefined && ESCAPABLE_OUTSIDE_QUOTES.has(next)) {
        value += next;
        this.#index += 2;
        continue;
      }
      value += c;
      this.#index++;
    }
    this.#tokens.push({ kind: 'word', text: value, quoted, location });
  }

  /** A quoted part of a word, without its quotes, escapes applied. */
  #quoted(quote: '"' | "'"): string {
    const opening = this.#here();
    this.#index++;
    let value = '';
    for (;;) {
      const c = this.#peek();
      if (c === undefined) {
        this.#error(opening, `the ${quote} opened here is not closed before the end of the line; add the closing ${quote}`);
        return value;
      }
      this.#index++;
      if (c === quote) return value;
      if (c === '\\') {
        const escaped = this.#escape();
        if (escaped === null) {
          this.#error(opening, `a quoted string ends in a lone "\\" before the end of the line; write "\\\\" for a backslash`);
          return value;
        }
        value += escaped;
        continue;
      }
      value += c;
    }
  }

  /** The character an escape stands for; the backslash is already consumed. Null at the end of the line. */
  #escape(): string | null {
    const c = this.#peek();
    if (c === undefined) return null;
    this.#index++;
    const letter = LETTER_ESCAPES[c];
    if (letter !== undefined) return letter;
    if (c >= '0' && c <= '7') {
      let code = Number(c);
      for (let digits = 1; digits < 3 && isOctalDigit(this.#peek()); digits++) {
        code = code * 8 + Number(this.#peek());
        this.#index++;
      }
      return String.fromCharCode(code & 0xff);
    }
    if (c === 'x' && isHexDigit(this.#peek())) {
      let hex = '';
      while (hex.length < 2 && isHexDigit(this.#peek())) {
        hex += this.#peek();
        this.#index++;
      }
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (c === 'c') {
      const control = this.#peek();
      if (control !== undefined) {
        this.#index++;
        return String.fromCharCode(control.charCodeAt(0) & 0x1f);
      }
    }
    return c;
  }

  /** Where the `}` closing a `${NAME}` at the cursor is, if on this line. */
  #parameterReferenceEnd(): number | null {
    for (let i = this.#index + 1; i < this.#text.length; i++) {
      const c = this.#text[i];
      if (c === '}') return i;
      if (c === '{' || c === '"' || c === "'") return null;
    }
    return null;
  }

  #takeParameterReference(): string {
    const end = this.#parameterReferenceEnd() ?? this.#index;
    const taken = this.#text.slice(this.#index, end + 1);
    this.#index = end + 1;
    return taken;
  }

  #peek(): string | undefined {
    return this.#text[this.#index];
  }

  #here(): SourceLocation {
    return this.#line.locate(this.#index);
  }

  #error(location: SourceLocation, text: string): void {
    this.#messages.push({ severity: 'error', location, text });
  }
}

function isOctalDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}
