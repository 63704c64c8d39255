/**
 * A line of configuration text and where each of its characters was written,
 * so that tokens and messages can name file:line:column.
 *
 * A line read from a file is *verbatim*: every character has its own column,
 * also after comments are cut off, an `@ID` prefix is removed or a line
 * continued with `\` is joined to the next (its characters keep the lines they
 * were written on). A line produced by parameter substitution, `~SEQ`/`~LST`
 * or a multi-line parameter is *expanded*: its characters were not written
 * anywhere as such, so it only has the file and line where the expansion was
 * used, as keepalived reports it (keepalived.conf(5) ADVANCED CONFIGURATION).
 */
import type { SourceLocation } from '../config-types.js';
import { leadingBlanks, trimBlanks } from './blanks.js';

/** From `start` on (to the next piece), characters were written at `location` and to its right. */
interface Piece {
  readonly start: number;
  readonly location: SourceLocation;
}

export class SourceLine {
  readonly text: string;
  /** Verbatim: at least one piece, the first at 0. Expanded: null. */
  readonly #pieces: readonly Piece[] | null;
  /** Expanded lines: where the expansion was used, without a column. */
  readonly #origin: SourceLocation;
  #columns: readonly number[] | undefined;

  private constructor(text: string, pieces: readonly Piece[] | null, origin: SourceLocation) {
    this.text = text;
    this.#pieces = pieces;
    this.#origin = origin;
  }

  /** Text written at `location` (the place of its first character). */
  static verbatim(text: string, location: SourceLocation): SourceLine {
    return new SourceLine(text, [{ start: 0, location }], location);
  }

  /** Text produced by an expansion used at `usedAt`. */
  static expanded(text: string, usedAt: SourceLocation): SourceLine {
    return new SourceLine(text, null, withoutColumn(usedAt));
  }

  get isVerbatim(): boolean {
    return this.#pieces !== null;
  }

  /** Where the line starts. */
  get location(): SourceLocation {
    return this.locate(0);
  }

  /** Where the character at `index` was written (the end of the line for `index` = length). */
  locate(index: number): SourceLocation {
    const pieces = this.#pieces;
    if (pieces === null) return this.#origin;
    let piece = pieces[0];
    for (const candidate of pieces) {
      if (candidate.start > index) break;
      piece = candidate;
    }
    if (piece === undefined) return this.#origin;
    const columns = this.#columnTable();
    const offset = (columns[Math.min(index, this.text.length)] ?? 0) - (columns[piece.start] ?? 0);
    return { ...piece.location, column: (piece.location.column ?? 1) + offset };
  }

  /** The characters from `start` to `end`, still knowing where they were written. */
  slice(start: number, end = this.text.length): SourceLine {
    const text = this.text.slice(start, end);
    const pieces = this.#pieces;
    if (pieces === null) return new SourceLine(text, null, this.#origin);
    const kept: Piece[] = [{ start: 0, location: this.locate(start) }];
    for (const piece of pieces) {
      if (piece.start > start && piece.start < end) kept.push({ start: piece.start - start, location: piece.location });
    }
    return new SourceLine(text, kept, this.#origin);
  }

  /** Without blanks (space, tab, CR, VT, FF) at either end. */
  trimmed(): SourceLine {
    const start = leadingBlanks(this.text);
    return this.slice(start, start + trimBlanks(this.text).length);
  }

  /** This line, a blank where a continuation `\` stood, then `next` (a line continued on the next one). */
  joinedTo(next: SourceLine): SourceLine {
    const own = this.#pieces;
    const theirs = next.#pieces;
    const text = `${this.text} ${next.text}`;
    if (own === null || theirs === null) return new SourceLine(text, null, this.#origin);
    const shift = this.text.length + 1;
    return new SourceLine(text, [...own, ...theirs.map((p) => ({ start: p.start + shift, location: p.location }))], this.#origin);
  }

  /** Column offsets by UTF-16 index: columns count characters (code points), as the lexer always has. */
  #columnTable(): readonly number[] {
    if (this.#columns !== undefined) return this.#columns;
    const columns = [0];
    let column = 0;
    for (let i = 0; i < this.text.length; i++) {
      const unit = this.text.charCodeAt(i);
      if (unit < 0xdc00 || unit > 0xdfff) column++;
      columns.push(column);
    }
    this.#columns = columns;
    return columns;
  }
}

export function withoutColumn(location: SourceLocation): SourceLocation {
  const { column: _column, ...rest } = location;
  return rest;
}
