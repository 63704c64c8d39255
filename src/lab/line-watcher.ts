/**
 * Watches a child process's output line by line, so that tests and the lab
 * wait for what a daemon says (an event) instead of sleeping.
 */
import type { Readable } from 'node:stream';

interface Waiter {
  readonly pattern: RegExp;
  readonly resolve: (line: string) => void;
}

export class LineWatcher {
  readonly lines: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private partial = '';

  constructor(...streams: (Readable | null)[]) {
    for (const stream of streams) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.push(chunk));
    }
  }

  /** Resolves with the first line (seen since `fromLine`) that matches; rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number, fromLine = 0): Promise<string> {
    const seen = this.lines.slice(fromLine).find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${this.lines.slice(-15).join('\n')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private push(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      for (const waiter of [...this.waiters]) if (waiter.pattern.test(line)) waiter.resolve(line);
    }
  }
}
