/**
 * csh-style brace expansion of include patterns (keepalived.conf(5)
 * DESCRIPTION: "can include wildcards, including csh style brace expressions
 * such as "{foo/{,cat,dog},bar}""), as glibc's glob(3) does it with
 * GLOB_BRACE: `a{b,c}d` → `abd`, `acd`, in that order; braces nest; a `{`
 * without its `}` and the empty pair `{}` stay as written; `\{`, `\,` and `\}`
 * are no brace syntax (the backslash stays for the wildcard matcher).
 */

/** The patterns `pattern` stands for, in order; `[pattern]` itself when it has no brace expression. */
export function expandBraces(pattern: string): string[] {
  const open = firstBraceExpression(pattern);
  if (open === null) return [pattern];
  const prefix = pattern.slice(0, open.start);
  const suffix = pattern.slice(open.end + 1);
  return open.alternatives.flatMap((alternative) => expandBraces(prefix + alternative + suffix));
}

interface BraceExpression {
  readonly start: number;
  /** The index of the closing "}". */
  readonly end: number;
  readonly alternatives: readonly string[];
}

function firstBraceExpression(pattern: string): BraceExpression | null {
  for (let start = 0; start < pattern.length; start++) {
    const c = pattern[start];
    if (c === '\\') {
      start++;
      continue;
    }
    if (c !== '{') continue;
    const expression = braceExpressionAt(pattern, start);
    if (expression !== null) return expression;
  }
  return null;
}

/** The expression opened by the "{" at `start`, if it is closed and not "{}". */
function braceExpressionAt(pattern: string, start: number): BraceExpression | null {
  const alternatives: string[] = [];
  let depth = 0;
  let from = start + 1;
  for (let i = start + 1; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else if (c === ',' && depth === 0) {
      alternatives.push(pattern.slice(from, i));
      from = i + 1;
    } else if (c === '}') {
      if (i === start + 1) return null;
      alternatives.push(pattern.slice(from, i));
      return { start, end: i, alternatives };
    }
  }
  return null;
}
