/**
 * Parameter definition lines (keepalived.conf(5) "Parameter substitution"):
 * `$NAME=VALUE`, "where there must be no space before the '=' and only
 * whitespace may preceed to '$'. Empty values are allowed." Blanks after the
 * "=" are not part of the value.
 */
import { leadingBlanks } from './blanks.js';

export type DefinitionLine =
  | { readonly kind: 'definition'; readonly name: string; readonly value: string }
  /** `$NAME =…`: keepalived.conf(5) allows no blank before "=". */
  | { readonly kind: 'blankBeforeEquals'; readonly name: string };

const DEFINITION = /^\$([A-Za-z_][A-Za-z0-9_]*)=/;
const BLANK_BEFORE_EQUALS = /^\$([A-Za-z_][A-Za-z0-9_]*)[ \t]+=/;
/** A definition, possibly behind an `@ID` of any id. */
const POSSIBLY_CONDITIONAL_DEFINITION = /^(?:@\^?[^ \t]*[ \t]+)?\$[A-Za-z_][A-Za-z0-9_]*=/;

/** The definition `text` (a line without leading blanks) is, or null. */
export function readDefinitionLine(text: string): DefinitionLine | null {
  const definition = DEFINITION.exec(text);
  if (definition !== null) {
    const rest = text.slice(definition[0].length);
    return { kind: 'definition', name: definition[1] ?? '', value: rest.slice(leadingBlanks(rest)) };
  }
  const blank = BLANK_BEFORE_EQUALS.exec(text);
  return blank === null ? null : { kind: 'blankBeforeEquals', name: blank[1] ?? '' };
}

/** Whether `text` defines a parameter (behind an `@ID` of any id): a `\` ending it then starts a multi-line definition. */
export function mayStartDefinition(text: string): boolean {
  return POSSIBLY_CONDITIONAL_DEFINITION.test(text);
}
