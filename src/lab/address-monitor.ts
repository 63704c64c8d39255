/**
 * The addresses of one lab host as rtnetlink announces them (`ip -o monitor
 * address` in its namespace): every addition and deletion in order, with the
 * set they add up to. Tests wait on it instead of polling `ip addr`.
 */
import type { ChildProcess } from 'node:child_process';
import type { Lab, LabHost } from './namespace-lan.js';
import { LineWatcher } from './line-watcher.js';

export interface AddressEvent {
  readonly kind: 'added' | 'deleted';
  /** address/prefix, as ip(8) prints it. */
  readonly address: string;
  readonly interfaceName: string;
}

/** `[Deleted ]IDX: IF    inet[6] ADDR/LEN …` */
const EVENT_LINE = /^(Deleted )?\d+: (\S+)\s+inet6? (\S+)/;

export class AddressMonitor {
  readonly events: AddressEvent[] = [];
  private readonly watcher: LineWatcher;
  /** How many of the watcher's lines have been turned into events. */
  private parsed = 0;

  private constructor(
    private readonly host: LabHost,
    private readonly child: ChildProcess,
  ) {
    this.watcher = new LineWatcher(child.stdout);
    child.stdout?.on('data', () => this.collect());
  }

  /**
   * Starts monitoring and resolves once the monitor is known to be listening:
   * it has reported a probe address added to and deleted from eth0.
   */
  static async start(lab: Lab, host: LabHost, probe: string, timeoutMs = 5000): Promise<AddressMonitor> {
    const monitor = new AddressMonitor(host, lab.spawn(host.namespace, 'ip', ['-o', 'monitor', 'address']));
    const probeLine = new RegExp(`^Deleted \\d+: eth0\\s+inet6? ${probe.replace(/[./]/g, '\\$&')} `);
    // The subscription may not be live yet: add and delete the probe until its deletion is seen.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await lab.ip(host.namespace, 'addr', 'add', probe, 'dev', 'eth0');
      await lab.ip(host.namespace, 'addr', 'del', probe, 'dev', 'eth0');
      try {
        await monitor.watcher.waitFor(probeLine, 200);
        return monitor;
      } catch (error) {
        if (Date.now() > deadline) {
          monitor.stop();
          throw error;
        }
      }
    }
  }

  /** Waits until the addresses on eth0 (`initial` changed by every event seen) satisfy `accept`. */
  async waitUntil(accept: (present: ReadonlySet<string>) => boolean, timeoutMs: number, initial: ReadonlySet<string>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const present = this.presentOn('eth0', initial);
      if (accept(present)) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${this.host.namespace}: addresses ${[...present].join(' ')} never matched`);
      await this.watcher.waitFor(EVENT_LINE, remaining, this.watcher.lines.length).catch(() => undefined);
    }
  }

  /** `initial` changed by every event seen so far on that interface. */
  presentOn(interfaceName: string, initial: ReadonlySet<string>): Set<string> {
    const present = new Set(initial);
    for (const event of this.events) {
      if (event.interfaceName !== interfaceName) continue;
      if (event.kind === 'added') present.add(event.address);
      else present.delete(event.address);
    }
    return present;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }

  private collect(): void {
    for (const line of this.watcher.lines.slice(this.parsed)) {
      const match = EVENT_LINE.exec(line);
      if (match?.[2] !== undefined && match[3] !== undefined) {
        this.events.push({ kind: match[1] === undefined ? 'added' : 'deleted', interfaceName: match[2], address: match[3] });
      }
    }
    this.parsed = this.watcher.lines.length;
  }
}
