/**
 * The notify FIFO writer (global `notify_fifo` / `vrrp_notify_fifo`), opened
 * as keepalived 2.2.7 opens it: /proc/<pid>/fdinfo showed flags 02504002,
 * i.e. O_RDWR | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC; a missing FIFO was
 * created with mode 0600 and left in place at exit.
 *
 * O_RDWR makes us a reader too, so opening never waits for a reader and a
 * write never fails with EPIPE. The fd is driven by a net.Socket (libuv
 * polls it for writability), so lines are written in order, the daemon
 * never blocks, and lines beyond the pipe's 64 KiB wait in memory for a
 * reader — up to MAX_QUEUED_BYTES, after which lines are dropped (and that
 * is logged once) rather than grow without bound.
 */
import { execFileSync } from 'node:child_process';
import { constants, lstatSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import type { LogLine } from '../../log/log-lines.js';

const MAX_QUEUED_BYTES = 1 << 20;

export class NotifyFifo {
  private dropping = false;

  private constructor(
    private readonly path: string,
    private readonly socket: Socket,
    private readonly log: (line: LogLine) => void,
  ) {}

  /** Opens (creating if missing) the FIFO at `path`. Throws if it cannot. */
  static open(path: string, log: (line: LogLine) => void): NotifyFifo {
    let exists = true;
    try {
      lstatSync(path);
    } catch {
      exists = false;
    }
    // Node has no mkfifo(3); coreutils' mkfifo does the one call, once, at start.
    if (!exists) execFileSync('mkfifo', ['-m', '600', '--', path], { stdio: 'ignore' });
    if (!lstatSync(path).isFIFO()) throw new Error(`notify FIFO ${path} exists and is not a FIFO`);
    const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const socket = new Socket({ fd, readable: false, writable: true });
    // A FIFO write handle must not keep the daemon alive by itself.
    socket.unref();
    const fifo = new NotifyFifo(path, socket, log);
    socket.on('error', (error) => log({ level: 'error', text: `notify FIFO ${path}: ${error.message}` }));
    return fifo;
  }

  /** Queues one line (a newline is added). Lines leave in the order written. */
  write(line: string): void {
    if (this.socket.writableLength > MAX_QUEUED_BYTES) {
      if (!this.dropping) this.log({ level: 'warning', text: `notify FIFO ${this.path}: no reader, dropping lines` });
      this.dropping = true;
      return;
    }
    this.dropping = false;
    this.socket.write(`${line}\n`);
  }

  /** Flushes what the pipe accepts, then closes. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.end(() => resolve());
      // Lines no reader will take must not hold the shutdown.
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 100).unref();
    });
  }
}
