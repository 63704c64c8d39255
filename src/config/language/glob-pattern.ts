/**
 * The wildcards of an include pattern, one path segment at a time, as
 * glob(3) matches them (fnmatch(3) with FNM_PERIOD): `*` any run of
 * characters, `?` any one character, `[…]` one of a set (`[!…]` or `[^…]`
 * none of it, `a-z` ranges, a `]` first in the set is literal), `\c` the
 * character c itself. A name starting with "." is matched only by a pattern
 * starting with "." (so `*` does not match `.hidden`). `/` is never matched:
 * the caller walks the segments.
 *
 * Pure: the caller lists directories (src/cli/expand-glob.ts).
 */

/** Whether `pattern` holds a wildcard (an unescaped `*`, `?` or `[`). */
export function hasWildcard(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** `segment` without its escapes: the name it matches when it has no wildcard. */
export function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

/** A test for directory entry names against one segment of a pattern. */
export function segmentMatcher(segment: string): (name: string) => boolean {
  const expression = new RegExp(`^${segmentExpression(segment)}$`, 'su');
  const explicitDot = segment.startsWith('.') || segment.startsWith('\\.');
  return (name) => (explicitDot || !name.startsWith('.')) && expression.test(name);
}

function segmentExpression(segment: string): string {
  const chars = [...segment];
  let expression = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '\\' && i + 1 < chars.length) {
      expression += literal(chars[++i] ?? '');
    } else if (c === '*') {
      expression += '.*';
    } else if (c === '?') {
      expression += '.';
    } else if (c === '[') {
      const set = bracketExpression(chars, i);
      if (set === null) {
        expression += literal('[');
      } else {
        expression += set.expression;
        i = set.end;
      }
    } else {
      expression += literal(c);
    }
  }
  return expression;
}

/** The `[…]` starting at `start` as a RegExp class, and where it ends; null when it is not closed. */
function bracketExpression(chars: readonly string[], start: number): { expression: string; end: number } | null {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  let body = '';
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === ']' && !first) return { expression: `[${negated ? '^' : ''}${body}]`, end: i };
    first = false;
    const member = c === '\\' && i + 1 < chars.length ? (chars[++i] ?? '') : c;
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      const last = chars[i + 2] === '\\' && i + 3 < chars.length ? (chars[i + 3] ?? '') : (chars[i + 2] ?? '');
      i += chars[i + 2] === '\\' ? 3 : 2;
      body += `${classMember(member)}-${classMember(last)}`;
    } else {
      body += classMember(member);
    }
  }
  return null;
}

function literal(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function classMember(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}
