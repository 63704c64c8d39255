/**
 * Commands keepalived runs: `notify_* <STRING>|<QUOTED-STRING> [USER [GROUP]]`,
 * vrrp_script `script …`, `*_fifo_script …` (keepalived.conf(5)). The string
 * is split into words at blanks, quotes inside it grouping words, as keepalived
 * does before exec; the first word is the script.
 */
import type { Statement, Word } from '../block-parser.js';
import type { CommandSpec, RunAs } from '../config-types.js';
import type { SchemaContext } from './schema-context.js';

/** The command of `KEYWORD CMD [USER [GROUP]]`; null when there is none (reported). */
export function readCommand(statement: Statement, context: SchemaContext, allowRunAs = true): CommandSpec | null {
  const keyword = statement.keyword.text;
  if (statement.block !== undefined) {
    context.error(statement.block.open, `${keyword} does not take a { … } block; remove the block`);
  }
  const [commandWord, ...rest] = statement.args;
  if (commandWord === undefined) {
    context.error(statement.location, `${keyword} is missing its command (expected ${keyword} "/path/to/script ARGS")`);
    return null;
  }
  const argv = splitCommand(commandWord.text);
  if (argv.length === 0) {
    // keepalived 2.2.7 -t accepts an empty command without a word; vipd says it does nothing.
    context.warning(
      commandWord.location,
      `${keyword} has an empty command, so it is ignored; give the script to run, e.g. ${keyword} "/etc/keepalived/notify.sh"`,
    );
    return null;
  }
  const runAs = allowRunAs ? runAsOf(rest, keyword, context) : null;
  if (!allowRunAs) warnExtraWords(rest, keyword, context);
  return { argv, runAs, location: statement.location };
}

/** `USER [GROUP]` (script_user, vrrp_script user, the tail of notify_*); null when no user is given. */
export function runAsOf(words: readonly Word[], keyword: string, context: SchemaContext): RunAs | null {
  const [user, group, ...extra] = words;
  if (user === undefined) return null;
  warnExtraWords(extra, keyword, context);
  return { user: user.text, group: group?.text ?? null };
}

function warnExtraWords(words: readonly Word[], keyword: string, context: SchemaContext): void {
  const first = words[0];
  if (first === undefined) return;
  context.warning(
    first.location,
    `unexpected "${words.map((w) => w.text).join(' ')}" after ${keyword} is ignored (quote the whole command if these are its arguments)`,
  );
}

/** Blank-separated words; '…' and "…" group words and are removed. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  for (const c of command) {
    if (quote !== null) {
      if (c === quote) quote = null;
      else current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** The command string that splits back into `argv`: words with blanks or quotes are quoted. */
export function joinCommand(argv: readonly string[]): string {
  return argv
    .map((w) => (w !== '' && !/[\s'"]/.test(w) ? w : w.includes("'") ? `"${w}"` : `'${w}'`))
    .join(' ');
}
