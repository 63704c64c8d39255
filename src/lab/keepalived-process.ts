/**
 * The real keepalived (Debian's package) in a lab host, as
 * peers-in-namespaces.md runs it: foreground, console log, its own pid files.
 * keepalived forks a VRRP child even with -n; it runs in its own session
 * (setsid) so that stopping it reaches both.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineWatcher } from './line-watcher.js';
import type { Lab, LabHost } from './namespace-lan.js';
import { stopProcess } from './process-exit.js';

const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class KeepalivedProcess {
  readonly output: LineWatcher;

  private constructor(
    readonly host: LabHost,
    private readonly child: ChildProcess,
    private readonly directory: string,
  ) {
    this.output = new LineWatcher(child.stdout, child.stderr);
  }

  static async start(lab: Lab, host: LabHost, config: string): Promise<KeepalivedProcess> {
    const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-keepalived-h${host.index}-`));
    const configFile = join(directory, 'keepalived.conf');
    writeFileSync(configFile, config);
    const pid = (name: string): string => join(directory, `${name}.pid`);
    const args = ['keepalived', '-n', '-l', '-D', '-P', '-f', configFile, '-p', pid('keepalived'), '-r', pid('vrrp'), '-c', pid('checkers')];
    const child = lab.spawn(host.namespace, 'setsid', args);
    const keepalived = new KeepalivedProcess(host, child, directory);
    await keepalived.output.waitFor(/Startup complete|Entering (BACKUP|MASTER|FAULT) STATE/, STARTUP_TIMEOUT_MS);
    return keepalived;
  }

  waitForState(instance: string, state: 'MASTER' | 'BACKUP' | 'FAULT', timeoutMs: number, fromLine = 0): Promise<string> {
    return this.output.waitFor(new RegExp(`\\(${instance}\\) Entering ${state} STATE`), timeoutMs, fromLine);
  }

  /** SIGTERM to the parent: masters send priority 0 and remove their VIPs. */
  async stop(): Promise<number | null> {
    const code = await stopProcess(this.child, 'SIGTERM', STOP_TIMEOUT_MS);
    rmSync(this.directory, { recursive: true, force: true });
    return code;
  }
}
