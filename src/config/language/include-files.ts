/**
 * Which files an include line reads, and what is wrong with it
 * (keepalived.conf(5) DESCRIPTION, include_check):
 *
 * - the pattern's brace alternatives are tried in order, each relative to the
 *   including file's directory unless absolute, and each alternative's matches
 *   come in the sorted order of glob(3);
 * - a pattern that matches nothing, a brace alternative that matches
 *   nothing, and a match that cannot be read are skipped, as keepalived skips
 *   them ("The basic include keyword … does not produce config errors if files
 *   could not be opened"), with a warning so that `vipd -t` shows it; under the
 *   include checks they are errors: `match` (no match for a name without
 *   wildcards), `wildcard_match` (no match, wildcards or not, as `includew`
 *   behaves in keepalived 2.2.7), `brace_match` (an alternative without a
 *   match), `readable` (a match that cannot be read).
 */
import type { ParseOptions } from '../config-types.js';
import { expandBraces } from './brace-expansion.js';
import { resolvePath } from './config-path.js';
import { hasWildcard } from './glob-pattern.js';
import type { IncludeChecks, IncludeKeyword } from './include-directive.js';

/** The file access the caller hands in (the parser itself touches no file). */
export type FileAccess = Required<Pick<ParseOptions, 'readFile' | 'expandGlob'>>;

export interface IncludedFile {
  readonly path: string;
  readonly text: string;
}

export interface IncludeProblem {
  readonly severity: 'error' | 'warning';
  readonly text: string;
}

export interface IncludeResolution {
  readonly files: readonly IncludedFile[];
  readonly problems: readonly IncludeProblem[];
}

export function resolveInclude(
  keyword: IncludeKeyword,
  pattern: string,
  directory: string,
  checks: IncludeChecks,
  access: FileAccess,
): IncludeResolution {
  const problems: IncludeProblem[] = [];
  const line = `${keyword} "${pattern}"`;
  const matches: string[] = [];
  const unmatched: string[] = [];
  const alternatives = expandBraces(pattern);
  for (const alternative of alternatives) {
    const found = access.expandGlob(resolvePath(directory, alternative));
    if (found.length === 0) unmatched.push(alternative);
    matches.push(...found);
  }
  const required = checks.has('wildcard_match') ? 'wildcard_match' : checks.has('match') && !hasWildcard(pattern) ? 'match' : null;
  if (matches.length === 0 && (required !== null || !checks.has('brace_match') || alternatives.length === 1)) {
    problems.push(
      required === null
        ? { severity: 'warning', text: `${line}: no file matches, so nothing is included` }
        : { severity: 'error', text: `${line}: no file matches, and the ${required} include check requires one` },
    );
  } else if (alternatives.length > 1) {
    for (const alternative of unmatched) {
      const text = `${line}: the brace alternative "${alternative}" matches no file`;
      problems.push(
        checks.has('brace_match')
          ? { severity: 'error', text: `${text}, and the brace_match include check requires each to match` }
          : { severity: 'warning', text },
      );
    }
  }
  const files: IncludedFile[] = [];
  for (const path of matches) {
    const text = access.readFile(path);
    if (text !== null) {
      files.push({ path, text });
      continue;
    }
    const unreadable = `"${path}" (matched by ${line}) cannot be read: it is missing, not a regular file, executable or not permitted`;
    problems.push(
      checks.has('readable')
        ? { severity: 'error', text: `${unreadable}, and the readable include check requires every match to be read` }
        : { severity: 'warning', text: `${unreadable}; it is skipped, as keepalived skips it` },
    );
  }
  return { files, problems };
}
