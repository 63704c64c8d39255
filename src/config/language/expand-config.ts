/**
 * keepalived's configuration language (keepalived.conf(5) DESCRIPTION and
 * ADVANCED CONFIGURATION; reference §1 "Config language") → one stream of
 * tokens from the main file and every file it includes, in reading order.
 *
 * Each line of a file goes through the steps keepalived's reader takes:
 *
 * 1. its comment and the blanks around it are cut off (physical-lines.ts);
 *    a line ending in `\` is continued: a `$NAME=` definition takes the
 *    following lines as its lines ("Multiline definitions"), any other line is
 *    joined to the next with a warning, since keepalived.conf(5) documents
 *    continuation only for definitions;
 * 2. an include line, as written, reads the files it names in its place
 *    (include-directive.ts, include-files.ts), relative to this file's
 *    directory; loops and nesting deeper than MAX_INCLUDE_DEPTH are errors;
 * 3. then, until nothing changes: `@ID`/`@^ID` keep or drop the line
 *    (conditional-line.ts); `$NAME=VALUE` defines a parameter
 *    (definition-line.ts); `~SEQ`/`~LST` read the rest of the line once per
 *    value (repetition.ts); parameters are substituted (substitution.ts), and
 *    a line that then starts with "@" or still holds a "$" is looked at again;
 * 4. what is left is lexed into tokens (lexer.ts).
 *
 * Lines made by `~SEQ`, `~LST` and multi-line parameters are read like lines
 * of the file, in order, each finished (with what it makes in turn) before
 * the next. At most MAX_EXPANDED_LINES such lines are made in one parse.
 *
 * Messages name the line of the file (and, for an included file, the include
 * line that read it). Expanding never throws.
 */
import type { ConfigMessage, ParseOptions, SourceLocation } from '../config-types.js';
import { lexLine, type Token } from '../lexer.js';
import { directoryOf, normalizePath, resolvePath } from './config-path.js';
import { readConditional } from './conditional-line.js';
import { mayStartDefinition, readDefinitionLine, type DefinitionLine } from './definition-line.js';
import {
  applyIncludeCheck,
  checksFor,
  INCLUDE_CHECK_KEYWORD,
  mayBeIncludeLine,
  readIncludeLine,
  type IncludeChecks,
  type IncludeLine,
} from './include-directive.js';
import { resolveInclude, type FileAccess } from './include-files.js';
import { ParameterTable } from './parameters.js';
import { physicalLines, type PhysicalLine } from './physical-lines.js';
import { parseRepetition } from './repetition.js';
import { SourceLine, withoutColumn } from './source-line.js';
import { substituteParameters, type SubstitutionContext, type SubstitutionProblem } from './substitution.js';

/** keepalived sets no limit; past this, an include chain is taken for a loop through paths written differently. */
export const MAX_INCLUDE_DEPTH = 32;
/** Lines made by ~SEQ, ~LST and multi-line parameters in one parse (keepalived's own example makes 65024 instances). */
export const MAX_EXPANDED_LINES = 20_000;
/** Times one line is looked at again after substitution (it settles in two or three). */
const MAX_PASSES = 8;

export interface Expansion {
  readonly tokens: readonly Token[];
  readonly messages: readonly ConfigMessage[];
}

export function expandConfig(text: string, fileName: string, options: ParseOptions = {}): Expansion {
  return new ConfigExpander(options).run(text, fileName);
}

/** Work on one line of the file, kept on a stack so that what a line makes is read before the lines after it. */
type Task =
  | { readonly kind: 'line'; readonly line: SourceLine; readonly asWritten: boolean }
  /** Set the variables of one ~SEQ/~LST repetition. */
  | { readonly kind: 'bind'; readonly names: readonly string[]; readonly values: readonly string[]; readonly location: SourceLocation };

/** What became of a line as written. */
type LineOutcome =
  | { readonly kind: 'read' }
  /** `@` left it out. */
  | { readonly kind: 'dropped' }
  /** It is a definition ending in `\`: the lines after it are its value. */
  | { readonly kind: 'definitionContinues'; readonly name: string; readonly firstLine: string; readonly location: SourceLocation };

class ConfigExpander {
  readonly #options: ParseOptions;
  readonly #access: FileAccess | null;
  readonly #parameters = new ParameterTable();
  readonly #tokens: Token[] = [];
  readonly #messages: ConfigMessage[] = [];
  readonly #reported = new Set<string>();
  /** The files being read, outermost first, as keys that identify them. */
  readonly #openFiles: string[] = [];
  /** The directory of the file being read (${_PWD}). */
  #directory = '.';
  #expandedLines = 0;

  constructor(options: ParseOptions) {
    this.#options = options;
    const { readFile, expandGlob } = options;
    this.#access = readFile !== undefined && expandGlob !== undefined ? { readFile, expandGlob } : null;
  }

  run(text: string, fileName: string): Expansion {
    this.#readFile(text, fileName, undefined, new Set());
    return { tokens: this.#tokens, messages: this.#messages };
  }

  #readFile(text: string, file: string, includedFrom: SourceLocation | undefined, inheritedChecks: IncludeChecks): void {
    const outerDirectory = this.#directory;
    this.#openFiles.push(this.#fileKey(file));
    const { workingDirectory } = this.#options;
    this.#directory = workingDirectory === undefined ? directoryOf(file) : resolvePath(workingDirectory, directoryOf(file));
    let includeChecks = inheritedChecks;
    const { lines, messages } = physicalLines(text, file, includedFrom);
    for (const message of messages) this.#report(message);

    let next = 0;
    while (next < lines.length) {
      const physical = lines[next++];
      if (physical === undefined || (physical.content.text === '' && !physical.continued)) continue;
      const startsDefinition = physical.continued && mayStartDefinition(physical.content.text);
      let line = physical.content;
      if (physical.continued && !startsDefinition) {
        const joined = this.#joinContinuedLines(line, lines, next);
        line = joined.line;
        next = joined.next;
      }

      const setting = this.#readIncludeLine(line, file, includeChecks);
      if (setting !== null) {
        includeChecks = setting;
        continue;
      }

      const outcome = this.#readLineAsWritten(line, startsDefinition);
      if (outcome.kind !== 'definitionContinues') continue; // the lines after a definition @ left out are read as lines
      const body = definitionBody(lines, next);
      next = body.next;
      const value = [outcome.firstLine, ...body.lines].filter((l) => l !== '');
      this.#parameters.define(outcome.name, value.join('\n'), value.length > 0, outcome.location);
    }

    this.#openFiles.pop();
    this.#directory = outerDirectory;
  }

  /** An ordinary line ending in `\\` with the lines it continues on, joined; and the index of the line after them. */
  #joinContinuedLines(first: SourceLine, lines: readonly PhysicalLine[], start: number): { line: SourceLine; next: number } {
    this.#warning(
      first.location,
      'this line ends in "\\", so vipd continues it on the next line; keepalived continues only $NAME= definitions ' +
        '(keepalived.conf(5)) and reads this "\\" as part of the line',
    );
    let line = first;
    let next = start;
    for (let continued = true; continued && next < lines.length; next++) {
      const following = lines[next];
      if (following === undefined) break;
      line = line.joinedTo(following.content);
      continued = following.continued;
    }
    return { line: line.trimmed(), next };
  }

  /**
   * Reads `line` if it is an include line (as written): an include reads its
   * files, an include_check changes the setting. Returns the include_check
   * setting from here on, or null when `line` is no include line.
   */
  #readIncludeLine(line: SourceLine, file: string, includeChecks: IncludeChecks): IncludeChecks | null {
    if (!mayBeIncludeLine(line.text)) return null;
    const words = lexLine(line, 'words');
    const includeLine = readIncludeLine(words.tokens);
    if (includeLine === null) return null;
    for (const message of words.messages) this.#report(message);
    switch (includeLine.kind) {
      case 'include':
        this.#include(includeLine, file, includeChecks);
        return includeChecks;
      case 'includeCheck': {
        const setting = applyIncludeCheck(includeChecks, includeLine.options);
        if (!('error' in setting)) return setting;
        this.#error(includeLine.location, setting.error);
        return includeChecks;
      }
    }
  }

  #include(includeLine: Extract<IncludeLine, { kind: 'include' }>, file: string, includeChecks: IncludeChecks): void {
    const { keyword, pattern, location } = includeLine;
    if (this.#access === null) {
      this.#warning(location, `${keyword} "${pattern}" is not read: the parser was given no file access, so nothing it defines is configured`);
      return;
    }
    const checks = checksFor(keyword, includeChecks);
    const resolution = resolveInclude(keyword, pattern, directoryOf(file), checks, this.#access);
    for (const problem of resolution.problems) this.#report({ severity: problem.severity, location, text: problem.text });
    for (const included of resolution.files) {
      if (this.#openFiles.includes(this.#fileKey(included.path))) {
        this.#error(location, `include loop: "${included.path}" is already being read (it includes this file), so it is not read again`);
      } else if (this.#openFiles.length >= MAX_INCLUDE_DEPTH) {
        this.#error(
          location,
          `includes nest more than ${MAX_INCLUDE_DEPTH} files deep here, so "${included.path}" is not read; ` +
            'is there an include loop through paths written differently?',
        );
      } else {
        this.#readFile(included.text, included.path, location, includeChecks);
      }
    }
  }

  /** Reads a line of the file after include: `@`, `$`, `~` and substitution, then its tokens. */
  #readLineAsWritten(line: SourceLine, startsDefinition: boolean): LineOutcome {
    const stack: Task[] = [{ kind: 'line', line, asWritten: true }];
    let outcome: LineOutcome = { kind: 'read' };
    for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
      if (task.kind === 'bind') {
        task.names.forEach((name, i) => this.#parameters.define(name, task.values[i] ?? '', false, task.location));
        continue;
      }
      if (!task.asWritten && !this.#mayExpandAnotherLine(task.line.location)) break;
      const result = this.#readLine(task.line, task.asWritten, task.asWritten && startsDefinition, stack);
      if (task.asWritten) outcome = result;
    }
    return outcome;
  }

  /**
   * One line: `@`, a definition, `~SEQ`/`~LST` (which push their repetitions
   * on `stack`), substitution (which pushes the other lines of a multi-line
   * parameter), until the line settles; then its tokens.
   */
  #readLine(line: SourceLine, asWritten: boolean, continuesDefinition: boolean, stack: Task[]): LineOutcome {
    const original = line.trimmed();
    let current = original;
    const following: string[] = [];
    const reported = new Set<string>();
    /** The lines of multi-line parameters go on the stack, the first on top, to be read after this one. */
    const finish = (outcome: LineOutcome): LineOutcome => {
      for (let i = following.length - 1; i >= 0; i--) {
        stack.push({ kind: 'line', line: SourceLine.expanded(following[i] ?? '', line.location), asWritten: false });
      }
      return outcome;
    };

    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const kept = this.#keptByConditional(current);
      if (kept === null) return finish({ kind: 'dropped' });
      current = kept;

      const definition = readDefinitionLine(current.text);
      if (definition !== null) return finish(this.#define(definition, current, continuesDefinition && pass === 0));

      if (current.text.startsWith('~SEQ') || current.text.startsWith('~LST')) {
        const outcome = finish({ kind: 'read' });
        this.#repeat(current, stack, reported); // above the lines that follow this one: read first
        return outcome;
      }

      if (current.text.startsWith('~')) break;
      const substitution = substituteParameters(current.text, this.#substitutionContext());
      this.#reportSubstitution(current, substitution.problems, reported);
      if (substitution.kind === 'runaway') return finish({ kind: 'dropped' });
      if (!substitution.changed) break;
      following.unshift(...substitution.following);
      current = SourceLine.expanded(substitution.text, current.location).trimmed();
      if (!current.text.startsWith('@') && !current.text.includes('$')) break;
    }
    if ((!asWritten || current.text !== original.text) && this.#isIncludeLine(current)) return finish({ kind: 'dropped' });
    this.#emit(current);
    return finish({ kind: 'read' });
  }

  /**
   * Whether a line that `@`, `$`, `~SEQ` or `~LST` made is an include line,
   * which is then reported. keepalived.conf(5): "the detection of the include
   * keywords is done before the processing on conditional configuration and
   * parameter substitution", so such a line is not read as an include; yet
   * keepalived 2.2.7 does read `@ID include FILE` as one. vipd does not guess.
   */
  #isIncludeLine(line: SourceLine): boolean {
    if (!mayBeIncludeLine(line.text)) return false;
    const includeLine = readIncludeLine(lexLine(line, 'words').tokens);
    if (includeLine === null) return false;
    const keyword = includeLine.kind === 'include' ? includeLine.keyword : INCLUDE_CHECK_KEYWORD;
    this.#error(
      line.location,
      `this ${keyword} line is made by @, $, ~SEQ or ~LST; keepalived.conf(5) says such a line is not read as an include, ` +
        'but keepalived 2.2 reads it, so vipd does not guess and ignores it: write the include line itself',
    );
    return true;
  }

  /** `line` without its `@ID` when it is for this host; null when `@` leaves it out. */
  #keptByConditional(line: SourceLine): SourceLine | null {
    if (!line.text.startsWith('@')) return line;
    const configId = this.#options.configId;
    if (configId === undefined) {
      const prefix = line.text.split(/[ \t]/)[0] ?? line.text;
      this.#error(line.location, `conditional configuration ("${prefix} …") cannot be decided: no config id was given`);
      return null;
    }
    const conditional = readConditional(line.text, configId);
    switch (conditional.kind) {
      case 'unconditional':
        return line;
      case 'kept':
        return line.slice(conditional.rest);
      case 'otherHost':
        return null;
      case 'nothingAfterId':
        this.#warning(line.location, `"${conditional.prefix}" has nothing after the config id, so the line is ignored`);
        return null;
    }
  }

  /** A definition line; one ending in `\\` as written (`continues`) takes the lines after it, which the caller reads. */
  #define(definition: DefinitionLine, line: SourceLine, continues: boolean): LineOutcome {
    switch (definition.kind) {
      case 'blankBeforeEquals':
        this.#error(
          line.location,
          `"$${definition.name} =…" is not a parameter definition: keepalived.conf(5) allows no blank before "="; write "$${definition.name}=…"`,
        );
        return { kind: 'dropped' };
      case 'definition':
        if (continues) return { kind: 'definitionContinues', name: definition.name, firstLine: definition.value, location: line.location };
        this.#parameters.define(definition.name, definition.value, false, line.location);
        return { kind: 'read' };
    }
  }

  /** A `~SEQ`/`~LST` line: its repetitions go on the stack, first on top. */
  #repeat(line: SourceLine, stack: Task[], reported: Set<string>): void {
    const parsed = parseRepetition(
      line.text,
      (text) => {
        const substitution = substituteParameters(text, this.#substitutionContext());
        this.#reportSubstitution(line, substitution.problems.map((p) => ({ ...p, index: null })), reported);
        if (substitution.kind === 'runaway') return null;
        if (substitution.following.length > 0) {
          this.#error(line.location, 'a multi-line parameter cannot be an argument of ~SEQ or ~LST; the line is ignored');
          return null;
        }
        return substitution.text;
      },
      MAX_EXPANDED_LINES,
    );
    switch (parsed.kind) {
      case 'none':
      case 'unusable':
        return;
      case 'invalid':
        this.#error(line.location, `${parsed.text}; the line is ignored`);
        return;
      case 'repetition': {
        const { variables, rows, rest } = parsed.repetition;
        const repeated = line.slice(rest);
        for (const values of [...rows].reverse()) {
          stack.push({ kind: 'line', line: repeated, asWritten: false });
          stack.push({ kind: 'bind', names: variables, values, location: line.location });
        }
        return;
      }
    }
  }

  #emit(line: SourceLine): void {
    if (line.text === '') return;
    const lexed = lexLine(line);
    this.#tokens.push(...lexed.tokens, { kind: 'endOfLine', location: line.locate(line.text.length) });
    for (const message of lexed.messages) this.#report(message);
  }

  #mayExpandAnotherLine(location: SourceLocation): boolean {
    this.#expandedLines++;
    if (this.#expandedLines === MAX_EXPANDED_LINES + 1) {
      this.#error(
        location,
        `~SEQ, ~LST and multi-line parameters have made ${MAX_EXPANDED_LINES} lines, as many as vipd expands; ` +
          'the expansion stops here (does a multi-line parameter use itself?)',
      );
    }
    return this.#expandedLines <= MAX_EXPANDED_LINES;
  }

  #substitutionContext(): SubstitutionContext {
    return {
      parameters: this.#parameters,
      predefined: { directory: this.#directory, configId: this.#options.configId, environment: this.#options.environment },
    };
  }

  /** Problems of one line, each once however often the line is looked at again. */
  #reportSubstitution(line: SourceLine, problems: readonly SubstitutionProblem[], reported: Set<string>): void {
    for (const problem of problems) {
      if (reported.has(problem.text)) continue;
      reported.add(problem.text);
      const location = problem.index === null ? withoutColumn(line.location) : line.locate(problem.index);
      this.#report({ severity: problem.severity, location, text: problem.text });
    }
  }

  #fileKey(path: string): string {
    const directory = this.#options.workingDirectory;
    return directory === undefined ? normalizePath(path) : resolvePath(directory, path);
  }

  #error(location: SourceLocation, text: string): void {
    this.#report({ severity: 'error', location, text });
  }

  #warning(location: SourceLocation, text: string): void {
    this.#report({ severity: 'warning', location, text });
  }

  /** A message once: a line repeated by ~SEQ or ~LST has the same problem each time. */
  #report(message: ConfigMessage): void {
    const key = JSON.stringify([message.severity, message.location, message.text]);
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.#messages.push(message);
  }
}

/**
 * The lines of a multi-line definition after its first (keepalived.conf(5)
 * "ending each line except the last with a '\' character"), from `start`: up
 * to the first line without `\`, or up to a blank line, which ends it too.
 */
function definitionBody(lines: readonly PhysicalLine[], start: number): { lines: string[]; next: number } {
  const body: string[] = [];
  let next = start;
  while (next < lines.length) {
    const line = lines[next];
    if (line === undefined || (line.content.text === '' && !line.continued)) break;
    next++;
    body.push(line.content.text);
    if (!line.continued) break;
  }
  return { lines: body, next };
}
