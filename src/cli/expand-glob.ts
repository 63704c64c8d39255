/**
 * Include patterns → the files they name: the directory listing the pure
 * parser cannot do itself. keepalived hands an include's name to glob(3)
 * with GLOB_BRACE and skips the directories among the matches
 * (keepalived.conf(5) DESCRIPTION); likewise here, brace alternatives in the
 * order written, each one's matches sorted, wildcards matched one path
 * segment at a time (src/config/language/glob-pattern.ts).
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { expandBraces } from '../config/language/brace-expansion.js';
import { hasWildcard, segmentMatcher, unescapeSegment } from '../config/language/glob-pattern.js';

/** The files (not directories) `pattern` matches; a relative pattern is taken from the working directory. */
export function expandGlob(pattern: string): string[] {
  return expandBraces(pattern).flatMap(matchesOf);
}

function matchesOf(pattern: string): string[] {
  const segments = pattern.split('/').filter((segment) => segment !== '');
  let paths = [pattern.startsWith('/') ? '/' : ''];
  for (const segment of segments) {
    if (!hasWildcard(segment)) {
      const name = unescapeSegment(segment);
      paths = paths.map((base) => childPath(base, name));
      continue;
    }
    const matches = segmentMatcher(segment);
    paths = paths.flatMap((base) => entriesOf(base).filter(matches).map((name) => childPath(base, name)));
  }
  return paths.filter(isIncludable).sort();
}

function childPath(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
}

function entriesOf(directory: string): string[] {
  try {
    return readdirSync(directory === '' ? '.' : directory);
  } catch {
    return []; // not a directory, or not readable: glob(3) finds nothing there either
  }
}

/** An existing entry that is not a directory; a dangling link counts (glob lists it; reading it fails). */
function isIncludable(path: string): boolean {
  if (path === '' || path === '/') return false;
  try {
    const target = statSync(path, { throwIfNoEntry: false });
    if (target !== undefined) return !target.isDirectory();
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
