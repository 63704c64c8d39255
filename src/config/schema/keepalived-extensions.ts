/**
 * keepalived's line-rewriting grammar (keepalived.conf(5) ADVANCED
 * CONFIGURATION; reference §1): conditional lines `@ID …` / `@^ID …`,
 * parameter definitions `$NAME=VALUE`, and `~SEQ(…)` / `~LST(…)` repetition.
 * vipd does not expand them yet. Reading such a line literally would run a
 * different configuration from the one keepalived runs (another priority,
 * missing addresses), so each is an error rather than an ignored line.
 */
import type { Word } from '../block-parser.js';

/** The error text for a line that starts with `word`, or null for an ordinary line. */
export function unsupportedExtension(word: Word): string | null {
  if (word.quoted) return null;
  const text = word.text;
  if (text.startsWith('@')) {
    return (
      `conditional configuration ("${text} …") is not supported yet: vipd cannot tell whether this line ` +
      'is meant for this host; give each host a file without @ lines'
    );
  }
  if (/^\$[A-Za-z_][A-Za-z0-9_]*=/.test(text)) {
    return `parameter definitions ("$NAME=VALUE") are not supported yet; write the value out where "$NAME" is used`;
  }
  if (/^~(?:SEQx?|LST)(?:\(|$)/.test(text)) {
    return `${/^~LST/.test(text) ? '~LST' : '~SEQ'} lines are not supported yet; write the lines out in full`;
  }
  return null;
}
