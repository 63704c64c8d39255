/**
 * Reading keepalived.conf from disk and handing it to the (pure) parser,
 * with what the parser needs from this process: file access for include,
 * the config id for `@ID` lines and `${_INSTANCE}`, the environment for
 * `${_ENV NAME}`, and the working directory relative names start from.
 */
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ParseOptions, ParseOutcome } from '../config/config-types.js';
import { parseKeepalivedConfig } from '../config/parse-config.js';
import { expandGlob } from './expand-glob.js';

export type LoadOutcome =
  | { readonly kind: 'parsed'; readonly outcome: ParseOutcome }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** `configId`: -i ID, or null for keepalived's default (see defaultConfigId). */
export function loadConfigFile(path: string, configId: string | null = null): LoadOutcome {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreadable', reason: code === 'ENOENT' ? `Config file missing '${path}'` : `cannot read '${path}': ${String(error)}` };
  }
  return { kind: 'parsed', outcome: parseKeepalivedConfig(text, path, parseOptions(configId ?? defaultConfigId(hostname()))) };
}

/** keepalived's default config id: "the first part of the node name as returned by uname" (keepalived.conf(5)). */
export function defaultConfigId(nodeName: string): string {
  return nodeName.split('.')[0] ?? nodeName;
}

function parseOptions(configId: string): ParseOptions {
  return { readFile: readIncludedFile, expandGlob, configId, environment: process.env, workingDirectory: process.cwd() };
}

/**
 * An included file's text; null for what keepalived skips: a file it cannot
 * open, or one that "is not a regular non-executable file" (lib/parser.c).
 */
function readIncludedFile(path: string): string | null {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || (stats.mode & 0o111) !== 0) return null;
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
