/**
 * How keepalived turns a `script "…"` / `notify_* "…"` string into an argv.
 *
 * keepalived does not hand the string to a shell: it splits it into words
 * itself and execs the first word directly. Verified with keepalived 2.2.7
 * (notify scripts that print each "$@" argument in brackets), after the
 * config lexer has removed the outer quotes and C escapes:
 *
 *   /run/kxq/m a b 'c d' x               -> [a] [b] [c d] [x]
 *   /run/kxq/s   multiple   spaces<TAB>tab  -> [multiple] [spaces] [tab]
 *   /run/kxq/g g'h'i "j k" 'l"m' \\ y"z"w -> [ghi] [j k] [l"m] [\] [yzw]
 *
 * So: blanks (space, tab) separate words and runs of them count as one;
 * '…' and "…" group and may be glued to neighbouring text inside one word;
 * a backslash outside quotes takes the next character literally. Not
 * verified (kept shell-like): a backslash inside "…" escapes only " and \;
 * an unterminated quote runs to the end of the string.
 */
export function splitScriptWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end;
      word += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        const next = text[i + 1];
        if (text[i] === '\\' && (next === '"' || next === '\\')) {
          word += next;
          i += 2;
        } else {
          word += text[i];
          i += 1;
        }
      }
      i += 1;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[i + 1];
      i += 2;
    } else {
      word += c;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}
