/**
 * Parameter substitution in one line (keepalived.conf(5) "Parameter
 * substitution"):
 *
 * - every reference to a defined parameter is replaced by its value, and the
 *   value is read again at once, so references in it are replaced too
 *   ("Replacement is recursive"); a reference to an undefined name "will not
 *   be replaced at all" (and is warned about);
 * - a multi-line parameter is only replaced where its reference ends the line:
 *   the reference becomes the first line of the value, and the other lines
 *   follow as lines of their own ("Multiline definitions");
 * - once a value that starts with "~" is in, the rest of the line is left for
 *   the `~SEQ`/`~LST` it starts, which substitutes its own arguments.
 *
 * A definition that refers to itself would never end: after MAX_REPLACEMENTS
 * replacements in one line the substitution stops, and the line is reported.
 */
import { lengthWithoutTrailingBlanks, leadingBlanks } from './blanks.js';
import { referenceAt } from './parameter-reference.js';
import { predefinedValue, type ParameterTable, type PredefinedValues } from './parameters.js';

export const MAX_REPLACEMENTS = 1000;
export const MAX_LINE_LENGTH = 65536;

export interface SubstitutionProblem {
  readonly severity: 'error' | 'warning';
  readonly text: string;
  /** Where in the line as written the reference stands; null when it came from a replacement. */
  readonly index: number | null;
}

export type Substitution =
  | {
      readonly kind: 'done';
      readonly text: string;
      readonly changed: boolean;
      /** The other lines of multi-line parameters the line ends with, to be read after it, in order. */
      readonly following: readonly string[];
      readonly problems: readonly SubstitutionProblem[];
    }
  /** The substitution did not end (or grew the line past MAX_LINE_LENGTH): the line cannot be used. */
  | { readonly kind: 'runaway'; readonly problems: readonly SubstitutionProblem[] };

export interface SubstitutionContext {
  readonly parameters: ParameterTable;
  readonly predefined: PredefinedValues;
}

export function substituteParameters(line: string, context: SubstitutionContext): Substitution {
  let text = line;
  let following: string[] = [];
  const problems: SubstitutionProblem[] = [];
  let replacements = 0;
  let position = 0;
  /** From `tailStart` on, `text` is still `line` from `tailOrigin` on. */
  let tailStart = 0;
  let tailOrigin = 0;

  for (;;) {
    const dollar = text.indexOf('$', position);
    if (dollar < 0 || dollar === text.length - 1) break;
    position = dollar + 1;
    const index = dollar >= tailStart ? tailOrigin + (dollar - tailStart) : null;
    const warn = (message: string): void => {
      problems.push({ severity: 'warning', text: message, index });
    };
    const found = referenceAt(text, dollar);
    if (found.kind === 'none') continue;
    if (found.kind === 'glued') {
      if (context.parameters.lookup(found.name) !== undefined) {
        const next = text[dollar + 1 + found.name.length] ?? '';
        warn(`"$${found.name}" is followed by "${next}", so it is not replaced; write "\${${found.name}}" to use the parameter here`);
      }
      continue;
    }
    const written = text.slice(dollar, found.end);
    const parameter = context.parameters.lookup(found.name);
    let value: string;
    if (parameter === undefined) {
      warn(`${written} is not defined, so it is left as written (define it with "$${found.name}=…" on a line before this one)`);
      continue;
    } else if (parameter.kind === 'predefined') {
      const outcome = predefinedValue(parameter.name, found.argument, context.predefined);
      if (outcome.kind === 'error') {
        problems.push({ severity: 'error', text: outcome.text, index });
        continue;
      }
      if (outcome.kind === 'notReplaced') {
        warn(outcome.text);
        continue;
      }
      if (outcome.warning !== undefined) warn(outcome.warning);
      value = outcome.value;
    } else if (found.argument !== null) {
      warn(`$${found.name} takes no argument, so "${written}" is left as written`);
      continue;
    } else if (parameter.multiline) {
      if (found.end < lengthWithoutTrailingBlanks(text)) {
        warn(
          `${written} is a multi-line parameter, which is replaced only where it ends the line (keepalived.conf(5)), ` +
            'so it is left as written here',
        );
        continue;
      }
      const [first = '', ...rest] = parameter.value.split('\n');
      value = first;
      following = [...rest, ...following];
    } else {
      value = parameter.value;
    }

    text = text.slice(0, dollar) + value + text.slice(found.end);
    if (found.end >= tailStart) {
      tailOrigin += found.end - tailStart;
      tailStart = dollar + value.length;
    } else {
      tailStart += value.length - (found.end - dollar);
    }
    replacements++;
    if (replacements > MAX_REPLACEMENTS || text.length > MAX_LINE_LENGTH) {
      problems.push({
        severity: 'error',
        text:
          `parameter substitution does not end (${written} still expands after ${MAX_REPLACEMENTS} replacements or past ` +
          `${MAX_LINE_LENGTH} characters); a definition probably refers to itself. The line is ignored`,
        index: null,
      });
      return { kind: 'runaway', problems };
    }
    position = dollar; // read the value again: its own references are replaced too
    if (value[leadingBlanks(value)] === '~') break;
  }
  return { kind: 'done', text, changed: replacements > 0, following, problems };
}
