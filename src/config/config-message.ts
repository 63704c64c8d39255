/**
 * Configuration messages: how they are collected while a file is read, and the
 * one line each becomes when `vipd -t` prints it:
 *
 *     FILE:LINE[:COL]: error|warning: (block) text[ (included from FILE:LINE[, included from …])]
 *
 * e.g. `keepalived.conf:12:14: error: (vrrp_instance VI_1) priority 300 is out
 * of range: use a value from 1 to 255`. The block part is absent for messages
 * about the top level of the file; the include part for the main file.
 */
import type { ConfigMessage, ConfigMessageCode, SourceLocation } from './config-types.js';

export function formatConfigMessage(m: ConfigMessage): string {
  const block = m.block === undefined ? '' : `(${m.block}) `;
  const includes: string[] = [];
  for (let at = m.location.includedFrom; at !== undefined; at = at.includedFrom) includes.push(`included from ${place(at)}`);
  const chain = includes.length === 0 ? '' : ` (${includes.join(', ')})`;
  return `${place(m.location)}: ${m.severity}: ${block}${m.text}${chain}`;
}

function place(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
}

/**
 * How a message refers to another place in the configuration: "line 12" in the
 * same file, "other.conf:12" in another.
 */
export function referTo(target: SourceLocation, from: SourceLocation): string {
  return target.file === from.file ? `line ${target.line}` : `${target.file}:${target.line}`;
}

/** The messages of one parse, in the order they were found. */
export class Diagnostics {
  readonly #messages: ConfigMessage[] = [];
  #errorCount = 0;

  error(location: SourceLocation, text: string, block?: string, code?: ConfigMessageCode): void {
    this.#add('error', location, text, block, code);
  }

  warning(location: SourceLocation, text: string, block?: string, code?: ConfigMessageCode): void {
    this.#add('warning', location, text, block, code);
  }

  /** Adds messages produced elsewhere (the lexer, the block parser). */
  addAll(messages: readonly ConfigMessage[]): void {
    for (const m of messages) {
      this.#messages.push(m);
      if (m.severity === 'error') this.#errorCount++;
    }
  }

  get hasErrors(): boolean {
    return this.#errorCount > 0;
  }

  get errorCount(): number {
    return this.#errorCount;
  }

  get messages(): readonly ConfigMessage[] {
    return this.#messages;
  }

  #add(
    severity: ConfigMessage['severity'],
    location: SourceLocation,
    text: string,
    block: string | undefined,
    code: ConfigMessageCode | undefined,
  ): void {
    this.#messages.push({
      severity,
      ...(code === undefined ? {} : { code }),
      location,
      ...(block === undefined ? {} : { block }),
      text,
    });
    if (severity === 'error') this.#errorCount++;
  }
}

/**
 * Messages in reading order: by place in the main file, where the lines of an
 * included file stand at the include line that read them (after any message
 * about that line itself); then by line and column; messages at the same place
 * keep the order they were found in. Checks that run after a block has been
 * read (a missing interface, a duplicate VRID) then sit beside the lines they
 * are about.
 */
export function inReadingOrder(messages: readonly ConfigMessage[]): ConfigMessage[] {
  const fileRank = new Map<string, number>();
  const paths = messages.map((m) => readingPath(m.location));
  for (const path of paths) for (const at of path) if (!fileRank.has(at.file)) fileRank.set(at.file, fileRank.size);
  const compare = (a: readonly SourceLocation[], b: readonly SourceLocation[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i];
      const y = b[i];
      if (x === undefined || y === undefined) break;
      const order =
        (fileRank.get(x.file) ?? 0) - (fileRank.get(y.file) ?? 0) || x.line - y.line || (x.column ?? 0) - (y.column ?? 0);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  };
  return messages
    .map((message, index) => ({ message, index, path: paths[index] ?? [] }))
    .sort((a, b) => compare(a.path, b.path) || a.index - b.index)
    .map(({ message }) => message);
}

/** The include lines that led to `location`, outermost first, then `location` itself. */
function readingPath(location: SourceLocation): SourceLocation[] {
  const path: SourceLocation[] = [];
  for (let at: SourceLocation | undefined = location; at !== undefined; at = at.includedFrom) path.unshift(at);
  return path;
}
