/**
 * A daemon (vipd or keepalived) running in a lab host with a keepalived.conf
 * of its own, logging to its console: waiting on its log lines, and stopping
 * it the way an operator does (SIGTERM), with its files removed afterwards.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineWatcher } from './line-watcher.js';
import type { Lab, LabHost } from './namespace-lan.js';
import { stopProcess } from './process-exit.js';

const STOP_TIMEOUT_MS = 5_000;

/** A private directory for one daemon, holding its keepalived.conf. */
export function daemonDirectory(lab: Lab, host: LabHost, daemon: string, config: string): { directory: string; configFile: string } {
  const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-${daemon}-h${host.index}-`));
  const configFile = join(directory, 'keepalived.conf');
  writeFileSync(configFile, config);
  return { directory, configFile };
}

export class LabDaemon {
  readonly output: LineWatcher;

  protected constructor(
    readonly host: LabHost,
    private readonly child: ChildProcess,
    private readonly directory: string,
  ) {
    this.output = new LineWatcher(child.stdout, child.stderr);
  }

  /** Waits for "(NAME) Entering STATE STATE" in the log, counting only lines from `fromLine` on. */
  waitForState(instance: string, state: 'MASTER' | 'BACKUP' | 'FAULT', timeoutMs: number, fromLine = 0): Promise<string> {
    return this.output.waitFor(new RegExp(`\\(${instance}\\) Entering ${state} STATE`), timeoutMs, fromLine);
  }

  /** Resolves when the daemon exits, rejecting with its output: for racing against a startup wait. */
  protected exitedEarly(name: string): Promise<never> {
    const exited = new Promise<never>((_, reject) =>
      this.child.once('exit', (code) => reject(new Error(`${name} on h${this.host.index} exited with ${code}:\n${this.output.lines.join('\n')}`))),
    );
    exited.catch(() => undefined);
    return exited;
  }

  /** Sends a signal (SIGHUP: reload). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGTERM (masters resign with priority 0, VIPs are removed); resolves with the exit code. */
  async stop(): Promise<number | null> {
    const code = await stopProcess(this.child, 'SIGTERM', STOP_TIMEOUT_MS);
    rmSync(this.directory, { recursive: true, force: true });
    return code;
  }
}
