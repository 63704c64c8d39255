/**
 * keepalived.conf text → tokens with their positions.
 *
 * The language is line-oriented (keepalived.conf(5) DESCRIPTION; reference
 * §1 "Config language"): a keyword and its arguments are one line, so line
 * ends are tokens. Otherwise:
 *
 * - `{` and `}` outside quotes are tokens of their own, wherever they stand
 *   (`vrrp_instance VI_1{` opens a block just as `vrrp_instance VI_1 {` does);
 *   the one exception is a parameter reference `${NAME}`, kept whole in its
 *   word because keepalived leaves undefined references as they are.
 * - `#` and `!` outside quotes start a comment that runs to the end of the
 *   line, even in the middle of a word (keepalived.conf(5): comments "can
 *   start anywhere in a line"). Since `auth_pass secret!1` then reads as
 *   `secret`, a comment starting inside a word is warned about.
 * - Words are runs of non-blank characters; `"…"` and `'…'` quote parts of a
 *   word, which keep their blanks, `#`, `!` and braces, and may be glued to
 *   unquoted text (`'abcd" efg "h'` is one word, keepalived.conf(5) "Quoted
 *   strings"). Inside quotes the C escapes of keepalived.conf(5) apply:
 *   `\a \b \E \f \n \r \t \v`, `\nnn` (octal, up to 3 digits), `\xXX` (hex, up
 *   to 2 digits), `\cC` (control-C) and `\C` = C for any other C. A quote
 *   does not run past the end of its line.
 *
 * Lexing never fails: problems become messages and the tokens are the best
 * reading of the text. Every token carries its file, so tokens of an included
 * file can later be spliced in where its `include` line stood.
 */
import type { ConfigMessage, SourceLocation } from './config-types.js';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly quoted: boolean; readonly location: SourceLocation }
  | { readonly kind: 'open'; readonly location: SourceLocation }
  | { readonly kind: 'close'; readonly location: SourceLocation }
  | { readonly kind: 'endOfLine'; readonly location: SourceLocation };

export interface LexOutcome {
  readonly tokens: readonly Token[];
  readonly messages: readonly ConfigMessage[];
}

const BLANKS = new Set([' ', '\t', '\r', '\v', '\f']);
const COMMENT_STARTS = new Set(['#', '!']);

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

export function lex(text: string, file: string): LexOutcome {
  return new Lexer(text, file).run();
}

class Lexer {
  readonly #text: string;
  readonly #file: string;
  readonly #tokens: Token[] = [];
  readonly #messages: ConfigMessage[] = [];
  #index = 0;
  #line = 1;
  #column = 1;

  constructor(text: string, file: string) {
    this.#text = text;
    this.#file = file;
  }

  run(): LexOutcome {
    for (;;) {
      const c = this.#peek();
      if (c === undefined) break;
      if (c === '\n') {
        this.#tokens.push({ kind: 'endOfLine', location: this.#here() });
        this.#advance();
      } else if (BLANKS.has(c)) {
        this.#advance();
      } else if (COMMENT_STARTS.has(c)) {
        this.#skipComment();
      } else if (c === '{' || c === '}') {
        this.#tokens.push({ kind: c === '{' ? 'open' : 'close', location: this.#here() });
        this.#advance();
      } else {
        this.#word();
      }
    }
    return { tokens: this.#tokens, messages: this.#messages };
  }

  #word(): void {
    const location = this.#here();
    let value = '';
    let quoted = false;
    for (;;) {
      const c = this.#peek();
      if (c === undefined || c === '\n' || BLANKS.has(c)) break;
      if (c === '{' || c === '}') {
        if (c === '{' && value.endsWith('$') && this.#parameterReferenceEnd() !== null) {
          value += this.#takeParameterReference();
          continue;
        }
        break;
      }
      if (COMMENT_STARTS.has(c)) {
        this.#warning(
          this.#here(),
          `"${c}" starts a comment in the middle of a word, so only "${value}" is read here; ` +
            `quote the word if "${c}" is part of it`,
        );
        break;
      }
      if (c === '"' || c === "'") {
        value += this.#quoted(c);
        quoted = true;
        continue;
      }
      value += c;
      this.#advance();
    }
    this.#tokens.push({ kind: 'word', text: value, quoted, location });
  }

  /** A quoted part of a word, without its quotes, escapes applied. */
  #quoted(quote: '"' | "'"): string {
    const opening = this.#here();
    this.#advance();
    let value = '';
    for (;;) {
      const c = this.#peek();
      if (c === undefined || c === '\n') {
        this.#error(opening, `the ${quote} opened here is not closed before the end of the line; add the closing ${quote}`);
        return value;
      }
      this.#advance();
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

  /** The character an escape stands for; the backslash is already consumed. Null at the end of a line. */
  #escape(): string | null {
    const c = this.#peek();
    if (c === undefined || c === '\n') return null;
    this.#advance();
    const letter = LETTER_ESCAPES[c];
    if (letter !== undefined) return letter;
    if (c >= '0' && c <= '7') {
      let code = Number(c);
      for (let digits = 1; digits < 3 && isOctalDigit(this.#peek()); digits++) {
        code = code * 8 + Number(this.#peek());
        this.#advance();
      }
      return String.fromCharCode(code & 0xff);
    }
    if (c === 'x' && isHexDigit(this.#peek())) {
      let hex = '';
      while (hex.length < 2 && isHexDigit(this.#peek())) {
        hex += this.#peek();
        this.#advance();
      }
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (c === 'c') {
      const control = this.#peek();
      if (control !== undefined && control !== '\n') {
        this.#advance();
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
      if (c === '\n' || c === '{' || c === '"' || c === "'") return null;
    }
    return null;
  }

  #takeParameterReference(): string {
    const end = this.#parameterReferenceEnd() ?? this.#index;
    let taken = '';
    while (this.#index <= end) {
      taken += this.#peek() ?? '';
      this.#advance();
    }
    return taken;
  }

  #skipComment(): void {
    while (this.#peek() !== undefined && this.#peek() !== '\n') this.#advance();
  }

  #peek(): string | undefined {
    return this.#text[this.#index];
  }

  /** Columns count characters (code points), so a non-ASCII name does not shift them. */
  #advance(): void {
    const c = this.#text.charCodeAt(this.#index);
    this.#index++;
    if (c === 0x0a) {
      this.#line++;
      this.#column = 1;
    } else if (c < 0xdc00 || c > 0xdfff) {
      this.#column++;
    }
  }

  #here(): SourceLocation {
    return { file: this.#file, line: this.#line, column: this.#column };
  }

  #error(location: SourceLocation, text: string): void {
    this.#messages.push({ severity: 'error', location, text });
  }

  #warning(location: SourceLocation, text: string): void {
    this.#messages.push({ severity: 'warning', location, text });
  }
}

function isOctalDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}
