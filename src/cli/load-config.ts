/** Reading keepalived.conf from disk and handing it to the (pure) parser. */
import { readFileSync } from 'node:fs';
import type { ParseOutcome } from '../config/config-types.js';
import { parseKeepalivedConfig } from '../config/parse-config.js';

export type LoadOutcome =
  | { readonly kind: 'parsed'; readonly outcome: ParseOutcome }
  | { readonly kind: 'unreadable'; readonly reason: string };

export function loadConfigFile(path: string): LoadOutcome {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', reason: code === 'ENOENT' ? `Config file missing '${path}'` : `cannot read '${path}': ${String(error)}` };
  }
  return { kind: 'parsed', outcome: parseKeepalivedConfig(text, path) };
}
