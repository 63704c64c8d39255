/**
 * Configuration messages: how they are collected while a file is read, and the
 * one line each becomes when `vipd -t` prints it:
 *
 *     FILE:LINE[:COL]: error|warning: (block) text
 *
 * e.g. `keepalived.conf:12:14: error: (vrrp_instance VI_1) priority 300 is out
 * of range: use a value from 1 to 255`. The block part is absent for messages
 * about the top level of the file.
 */
import type { ConfigMessage, ConfigMessageCode, SourceLocation } from './config-types.js';

export function formatConfigMessage(m: ConfigMessage): string {
  const column = m.location.column === undefined ? '' : `:${m.location.column}`;
  const block = m.block === undefined ? '' : `(${m.block}) `;
  return `${m.location.file}:${m.location.line}${column}: ${m.severity}: ${block}${m.text}`;
}

/**
 * How a message refers to another place in the configuration: "line 12" in the
 * same file, "other.conf:12" in another (once include lands).
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
 * Messages in reading order: by file (in the order files were first
 * mentioned), then line, then column; messages at the same place keep the
 * order they were found in. Checks that run after a block has been read (a
 * missing interface, a duplicate VRID) then sit beside the lines they are about.
 */
export function inReadingOrder(messages: readonly ConfigMessage[]): ConfigMessage[] {
  const fileRank = new Map<string, number>();
  for (const m of messages) if (!fileRank.has(m.location.file)) fileRank.set(m.location.file, fileRank.size);
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => {
      const la = a.message.location;
      const lb = b.message.location;
      return (
        (fileRank.get(la.file) ?? 0) - (fileRank.get(lb.file) ?? 0) ||
        la.line - lb.line ||
        (la.column ?? 0) - (lb.column ?? 0) ||
        a.index - b.index
      );
    })
    .map(({ message }) => message);
}
