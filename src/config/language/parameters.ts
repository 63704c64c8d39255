/**
 * The parameters a configuration has defined so far, and keepalived's
 * predefined ones (keepalived.conf(5) "Parameter substitution",
 * "Pre-defined definitions").
 *
 * A definition `$NAME=VALUE` is kept as written and expanded where it is
 * used ("the substitution is done at replacement time and not at definition
 * time"); a later definition of the same name replaces it, predefined names
 * included. Definitions are global: they hold across include files, from the
 * line that makes them on.
 *
 * The predefined ones:
 * - `${_PWD}`: the directory of the file being read;
 * - `${_INSTANCE}`: the config id (`-i`, default the host name up to its
 *   first dot: keepalived's get_instance returns the config id, not
 *   global_defs' `instance`);
 * - `${_ENV NAME}`: the environment variable NAME (empty when it is not set);
 * - `${_HASH}`, `${_BANG}`: "#" and "!", which would otherwise start a comment;
 * - `${_RANDOM [MIN [MAX]]}`: a random number. vipd's configuration layer draws
 *   no random numbers (the same file must always mean the same configuration),
 *   so it is refused.
 */
import type { SourceLocation } from '../config-types.js';

export type PredefinedName = '_PWD' | '_INSTANCE' | '_ENV' | '_HASH' | '_BANG' | '_RANDOM';

export type Parameter =
  | {
      readonly kind: 'defined';
      /** The value as written; the lines of a multi-line definition are separated by "\n". */
      readonly value: string;
      /** Written with `\` continuations: usable only at the end of a line, where each line becomes a line. */
      readonly multiline: boolean;
      readonly location: SourceLocation;
    }
  | { readonly kind: 'predefined'; readonly name: PredefinedName };

const PREDEFINED: readonly PredefinedName[] = ['_PWD', '_INSTANCE', '_ENV', '_HASH', '_BANG', '_RANDOM'];

export class ParameterTable {
  readonly #parameters = new Map<string, Parameter>(PREDEFINED.map((name) => [name, { kind: 'predefined', name }]));

  define(name: string, value: string, multiline: boolean, location: SourceLocation): void {
    this.#parameters.set(name, { kind: 'defined', value, multiline, location });
  }

  lookup(name: string): Parameter | undefined {
    return this.#parameters.get(name);
  }
}

/** What the predefined parameters stand for while a line is read. */
export interface PredefinedValues {
  /** The directory of the file being read. */
  readonly directory: string;
  readonly configId: string | undefined;
  readonly environment: Readonly<Record<string, string | undefined>> | undefined;
}

export type PredefinedOutcome =
  | { readonly kind: 'value'; readonly value: string; readonly warning?: string }
  /** The reference is left as written, and the line is wrong. */
  | { readonly kind: 'error'; readonly text: string }
  /** The reference is left as written. */
  | { readonly kind: 'notReplaced'; readonly text: string };

export function predefinedValue(name: PredefinedName, argument: string | null, values: PredefinedValues): PredefinedOutcome {
  const noArgument = (value: string): PredefinedOutcome =>
    argument === null
      ? { kind: 'value', value }
      : { kind: 'notReplaced', text: `\${${name}} takes no argument, so "\${${name} ${argument}}" is left as written` };
  switch (name) {
    case '_PWD':
      return noArgument(values.directory);
    case '_HASH':
      return noArgument('#');
    case '_BANG':
      return noArgument('!');
    case '_INSTANCE':
      if (values.configId === undefined) return { kind: 'error', text: '${_INSTANCE} is the config id, and none was given' };
      return noArgument(values.configId);
    case '_ENV':
      return environmentValue(argument, values.environment);
    case '_RANDOM':
      return {
        kind: 'error',
        text:
          "${_RANDOM} is not supported: vipd reads its configuration without drawing random numbers, so that a file always " +
          'means the same configuration; write the number',
      };
  }
}

function environmentValue(variable: string | null, environment: PredefinedValues['environment']): PredefinedOutcome {
  if (variable === null) return { kind: 'error', text: '${_ENV} needs the name of an environment variable, e.g. ${_ENV HOME}' };
  if (environment === undefined) return { kind: 'error', text: `\${_ENV ${variable}} cannot be expanded: no environment was given` };
  const value = environment[variable];
  if (value === undefined) {
    return { kind: 'value', value: '', warning: `environment variable ${variable} is not set, so \${_ENV ${variable}} is empty` };
  }
  return { kind: 'value', value };
}
