/**
 * The include lines (keepalived.conf(5) DESCRIPTION, and global_defs
 * `include_check`):
 *
 *     include FILENAME     includer|includem|includew|includeb|includea FILENAME
 *     include_check [[+|-]readable] [[+|-]match] [[+|-]wildcard_match] [[+|-]brace_match]
 *
 * An include line is recognised as written in the file, before `@` and `$`
 * are applied ("the detection of the include keywords is done before the
 * processing on conditional configuration and parameter substitution"), and
 * only with exactly one file name (quoted if it holds blanks) after an
 * unquoted keyword (keepalived 2.2.7 calls `"include" x.conf` an unknown keyword).
 *
 * The checks make a missing or unreadable file an error rather than something
 * skipped: `readable` (every match can be read), `match` (something matches,
 * unless the name has a wildcard), `wildcard_match` (something matches, even
 * with a wildcard), `brace_match` (each brace alternative matches something);
 * "match, wildcard_match and brace_match include the readable check". The
 * variants add their check to the current `include_check` setting, which an
 * included file inherits and cannot change for the file that included it.
 * keepalived lists `include_check` in global_defs; vipd reads it as a line of
 * its own wherever it stands, like the include lines it governs.
 */
import type { SourceLocation } from '../config-types.js';
import type { Token } from '../lexer.js';

export type IncludeCheck = 'readable' | 'match' | 'wildcard_match' | 'brace_match';
export type IncludeChecks = ReadonlySet<IncludeCheck>;

const ALL_CHECKS: readonly IncludeCheck[] = ['readable', 'match', 'wildcard_match', 'brace_match'];

/** Each include keyword and the checks it adds. */
export const INCLUDE_VARIANTS = {
  include: [],
  includer: ['readable'],
  includem: ['match'],
  includew: ['wildcard_match'],
  includeb: ['brace_match'],
  includea: ALL_CHECKS,
} as const satisfies Record<string, readonly IncludeCheck[]>;

export type IncludeKeyword = keyof typeof INCLUDE_VARIANTS;

export const INCLUDE_CHECK_KEYWORD = 'include_check';

export type IncludeLine =
  | { readonly kind: 'include'; readonly keyword: IncludeKeyword; readonly pattern: string; readonly location: SourceLocation }
  | { readonly kind: 'includeCheck'; readonly options: readonly string[]; readonly location: SourceLocation };

/** A quick test before lexing: whether `text` (a line without leading blanks) can be an include line. */
export function mayBeIncludeLine(text: string): boolean {
  return text.startsWith('include');
}

/** The include line that `words` (a line lexed as words) is, or null for any other line. */
export function readIncludeLine(words: readonly Token[]): IncludeLine | null {
  const [first, second, ...more] = words;
  if (first?.kind !== 'word' || first.quoted) return null;
  if (first.text === INCLUDE_CHECK_KEYWORD) {
    return { kind: 'includeCheck', options: words.slice(1).flatMap((w) => (w.kind === 'word' ? [w.text] : [])), location: first.location };
  }
  if (!isIncludeKeyword(first.text) || second?.kind !== 'word' || more.length > 0) return null;
  return { kind: 'include', keyword: first.text, pattern: second.text, location: first.location };
}

function isIncludeKeyword(word: string): word is IncludeKeyword {
  return Object.hasOwn(INCLUDE_VARIANTS, word);
}

/** The checks an include line applies: the current setting, its variant's, and `readable` implied by any other. */
export function checksFor(keyword: IncludeKeyword, setting: IncludeChecks): IncludeChecks {
  const checks = new Set<IncludeCheck>([...setting, ...INCLUDE_VARIANTS[keyword]]);
  if (checks.size > 0) checks.add('readable');
  return checks;
}

/**
 * The setting after `include_check OPTIONS`: no option means all checks;
 * options without a sign replace the setting; `+`/`-` add or remove the
 * option they are glued to and, written alone, the options after them.
 */
export function applyIncludeCheck(setting: IncludeChecks, options: readonly string[]): IncludeChecks | { readonly error: string } {
  if (options.length === 0) return new Set(ALL_CHECKS);
  let sign: '+' | '-' | null = null;
  const checks = new Set<IncludeCheck>(options[0]?.startsWith('+') || options[0]?.startsWith('-') ? setting : []);
  for (const option of options) {
    const signed = option.startsWith('+') || option.startsWith('-');
    if (signed) sign = option.startsWith('+') ? '+' : '-';
    const name = signed ? option.slice(1) : option;
    if (name === '') continue;
    if (!isIncludeCheck(name)) {
      return {
        error: `include_check: unknown check "${name}"; use readable, match, wildcard_match or brace_match, each with + or - to add or remove it`,
      };
    }
    if (sign === '-') checks.delete(name);
    else checks.add(name);
  }
  return checks;
}

function isIncludeCheck(name: string): name is IncludeCheck {
  return (ALL_CHECKS as readonly string[]).includes(name);
}
