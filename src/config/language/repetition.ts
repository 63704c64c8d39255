/**
 * Sequence and list blocks (keepalived.conf(5) "Sequence blocks", "List
 * blocks"): a line starting `~SEQ(…)`, `~SEQx(…)` or `~LST(…)` stands for the
 * rest of the line, read once per value with the variable(s) set to it.
 *
 * - `~SEQ(VAR, END)`, `~SEQ(VAR, START, END)`, `~SEQ(VAR, START, STEP, END)`:
 *   START defaults to 1 (-1 when END < 0), STEP to 1 or -1 towards END; the
 *   values run from START by STEP until they pass END. Numbers are C integers
 *   (`0x90` is hex, a leading 0 octal). `~SEQx` writes the values in hex (for
 *   IPv6 addresses) and takes no negative numbers.
 * - `~LST(VAR, A, B, …)` sets VAR to A, then B, …; `~LST({V1, V2}, {A1, A2},
 *   {B1, B2}, …)` sets several variables at once.
 *
 * The arguments after the variable(s) may use parameters; the caller
 * substitutes them (`substitute`). The rest of the line may start with another
 * `~SEQ`/`~LST`: blocks nest, the first one outermost.
 */
import { isBlank, trimBlanks } from './blanks.js';
import { isParameterName } from './parameter-reference.js';

export interface Repetition {
  /** The variables set for each repetition. */
  readonly variables: readonly string[];
  /** One row of values (one per variable) per repetition, in order. */
  readonly rows: readonly (readonly string[])[];
  /** Where the repeated rest of the line starts. */
  readonly rest: number;
}

export type RepetitionParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'repetition'; readonly repetition: Repetition }
  | { readonly kind: 'invalid'; readonly text: string }
  /** Substituting the arguments failed; the caller has said why. */
  | { readonly kind: 'unusable' };

/** `substitute(arguments)`: the arguments with their parameters replaced, or null when that fails. */
export type ArgumentSubstitution = (text: string) => string | null;

const SEQ_FORMS = 'write ~SEQ(VAR, END), ~SEQ(VAR, START, END) or ~SEQ(VAR, START, STEP, END) with whole numbers';
const LST_FORMS = 'write ~LST(VAR, VALUE, …) or ~LST({VAR, …}, {VALUE, …}, …)';

/** Reads the `~SEQ`/`~SEQx`/`~LST` that `text` starts with; `maxRows` bounds how many repetitions are accepted. */
export function parseRepetition(text: string, substitute: ArgumentSubstitution, maxRows: number): RepetitionParse {
  const kind = text.startsWith('~SEQx') ? '~SEQx' : text.startsWith('~SEQ') ? '~SEQ' : text.startsWith('~LST') ? '~LST' : null;
  if (kind === null) return { kind: 'none' };
  let open = kind.length;
  while (isBlank(text[open])) open++;
  const close = text.indexOf(')', open);
  const written = close < 0 ? text : text.slice(0, close + 1);
  const forms = kind === '~LST' ? LST_FORMS : SEQ_FORMS;
  const invalid = (why: string): RepetitionParse => ({ kind: 'invalid', text: `"${written}" is not a valid ${kind}${why}; ${forms}` });
  if (text[open] !== '(' || close < 0) return invalid('');

  const inside = text.slice(open + 1, close);
  const head = splitHead(inside);
  if (head === null) return invalid('');
  const variables = head.variables;
  if (variables.length === 0 || !variables.every(isParameterName)) return invalid(': a variable must be a parameter name');
  if (kind !== '~LST' && (head.grouped || variables.length !== 1)) return invalid(': it takes one variable');

  const substituted = substitute(head.arguments);
  if (substituted === null) return { kind: 'unusable' };
  const values = kind === '~LST' ? listValues(substituted, variables.length) : sequenceValues(substituted, kind === '~SEQx');
  if (typeof values === 'string') return { kind: 'invalid', text: `"${written}" ${values}` };
  if (values.count > maxRows) {
    return { kind: 'invalid', text: `"${written}" repeats its line ${values.count} times, more than vipd expands (${maxRows})` };
  }
  let rest = close + 1;
  while (isBlank(text[rest])) rest++;
  return { kind: 'repetition', repetition: { variables, rows: Array.from({ length: values.count }, (_, i) => values.row(i)), rest } };
}

/** How many repetitions, and the values of each, made only once they are known to be few enough. */
interface Values {
  readonly count: number;
  row(index: number): readonly string[];
}

interface Head {
  readonly variables: readonly string[];
  /** The variables were written in braces. */
  readonly grouped: boolean;
  /** The text after the variables and their comma. */
  readonly arguments: string;
}

/** `VAR, …` or `{V1, V2}, …`: the variables, and what follows their comma. */
function splitHead(inside: string): Head | null {
  const start = trimBlanks(inside);
  if (start.startsWith('{')) {
    const end = start.indexOf('}');
    if (end < 0) return null;
    const afterGroup = trimBlanks(start.slice(end + 1));
    if (!afterGroup.startsWith(',')) return null;
    return { variables: start.slice(1, end).split(',').map(trimBlanks), grouped: true, arguments: afterGroup.slice(1) };
  }
  const comma = start.indexOf(',');
  if (comma < 0) return null;
  return { variables: [trimBlanks(start.slice(0, comma))], grouped: false, arguments: start.slice(comma + 1) };
}

/** The values of a ~LST: one row per value or `{…}` group, each as wide as the variables. */
function listValues(text: string, width: number): Values | string {
  const rows: string[][] = [];
  let rest = trimBlanks(text);
  while (rest !== '') {
    let item: string;
    let row: string[];
    if (rest.startsWith('{')) {
      const end = rest.indexOf('}');
      if (end < 0) return `has a "{" that is not closed; ${LST_FORMS}`;
      item = rest.slice(0, end + 1);
      row = rest.slice(1, end).split(',').map(trimBlanks);
      rest = trimBlanks(rest.slice(end + 1));
    } else {
      const comma = rest.indexOf(',');
      item = trimBlanks(comma < 0 ? rest : rest.slice(0, comma));
      if (item.includes('}')) return `has a "}" that closes nothing; ${LST_FORMS}`;
      row = [item];
      rest = comma < 0 ? '' : rest.slice(comma);
    }
    if (row.length !== width) {
      const values = `${row.length} value${row.length === 1 ? '' : 's'}`;
      return `gives ${values} (${item}) for ${width} variable${width === 1 ? '' : 's'}; give one value per variable`;
    }
    rows.push(row);
    if (rest === '') break;
    if (!rest.startsWith(',')) return `has "${rest}" where a "," should be; ${LST_FORMS}`;
    rest = trimBlanks(rest.slice(1));
    if (rest === '') return `ends in ","; ${LST_FORMS}`;
  }
  if (rows.length === 0) return `has no value; ${LST_FORMS}`;
  return { count: rows.length, row: (index) => rows[index] ?? [] };
}

/** The values of a ~SEQ or ~SEQx, as text. */
function sequenceValues(text: string, hex: boolean): Values | string {
  const numbers = text.split(',').map(cInteger);
  if (numbers.length > 3 || numbers.some((n) => n === null)) return `is not a valid ~SEQ; ${SEQ_FORMS}`;
  const bounds = sequenceBounds(numbers.map((n) => n ?? 0));
  if (typeof bounds === 'string') return bounds;
  const { start, step, end } = bounds;
  if (hex && (start < 0 || end < 0)) return 'counts below 0, but ~SEQx is only for numbers from 0 up; use ~SEQ';
  return {
    count: Math.floor((end - start) / step) + 1,
    row: (index) => {
      const value = start + index * step;
      return [hex ? value.toString(16) : String(value)];
    },
  };
}

/** START, STEP and END from the one to three numbers given, defaults applied. */
function sequenceBounds([a = 0, b, c]: readonly number[]): { start: number; step: number; end: number } | string {
  if (b === undefined) return { start: a < 0 ? -1 : 1, step: a < 1 ? -1 : 1, end: a };
  if (c === undefined) return { start: a, step: a <= b ? 1 : -1, end: b };
  if (b === 0 || (a < c && b < 0) || (a > c && b > 0)) {
    return 'never reaches its end: STEP must not be 0 and must go from START towards END';
  }
  return { start: a, step: b, end: c };
}

/**
 * A C integer as keepalived reads it with strtol(…, 0): optional sign, then hex
 * (0x…), octal (0…) or decimal, with blanks around; nothing at all is 0 (so
 * `~SEQ(i,,3)` counts from 0, as in keepalived 2.2.7). Null otherwise.
 */
function cInteger(text: string): number | null {
  const trimmed = trimBlanks(text);
  if (trimmed === '') return 0;
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(trimmed);
  if (match === null) return null;
  const [, sign = '', digits = ''] = match;
  const hex = digits.startsWith('0x') || digits.startsWith('0X');
  const magnitude = hex ? parseInt(digits.slice(2), 16) : parseInt(digits, digits.startsWith('0') ? 8 : 10);
  if (!Number.isSafeInteger(magnitude)) return null;
  return sign === '-' ? -magnitude : magnitude;
}
