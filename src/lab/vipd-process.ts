/**
 * vipd running in a lab host with a given keepalived.conf, logging to its
 * console (-n -l -D), with its own pid file and control socket.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestControl } from '../control/control-client.js';
import type { InstanceStatus } from '../control/instance-status.js';
import { LineWatcher } from './line-watcher.js';
import type { Lab, LabHost } from './namespace-lan.js';
import { stopProcess } from './process-exit.js';

const VIPD = fileURLToPath(new URL('../bin/vipd.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export class VipdProcess {
  readonly output: LineWatcher;

  private constructor(
    readonly host: LabHost,
    private readonly child: ChildProcess,
    private readonly directory: string,
    readonly controlSocket: string,
  ) {
    this.output = new LineWatcher(child.stdout, child.stderr);
  }

  /** Starts vipd and resolves once it logs "Startup complete". */
  static async start(lab: Lab, host: LabHost, config: string, extraArgs: readonly string[] = []): Promise<VipdProcess> {
    const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-vipd-h${host.index}-`));
    const configFile = join(directory, 'keepalived.conf');
    writeFileSync(configFile, config);
    const controlSocket = join(directory, 'control', 'vipd.sock');
    const args = ['-n', '-l', '-D', '-f', configFile, '-p', join(directory, 'vipd.pid'), '--control-socket', controlSocket, ...extraArgs];
    const child = lab.spawn(host.namespace, process.execPath, [VIPD, ...args]);
    const vipd = new VipdProcess(host, child, directory, controlSocket);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`vipd on h${host.index} exited with ${code}:\n${vipd.output.lines.join('\n')}`))),
    );
    await Promise.race([vipd.output.waitFor(/Startup complete/, STARTUP_TIMEOUT_MS), exited]);
    exited.catch(() => undefined);
    return vipd;
  }

  async status(): Promise<InstanceStatus[]> {
    const response = await requestControl(this.controlSocket, { command: 'status' });
    if (!response.ok) throw new Error(response.error);
    return [...response.instances];
  }

  /** Waits for "(NAME) Entering STATE STATE" in the log, counting only lines from `fromLine` on. */
  waitForState(instance: string, state: 'MASTER' | 'BACKUP' | 'FAULT', timeoutMs: number, fromLine = 0): Promise<string> {
    return this.output.waitFor(new RegExp(`\\(${instance}\\) Entering ${state} STATE`), timeoutMs, fromLine);
  }

  /** SIGTERM (masters resign with priority 0, VIPs are removed); resolves with the exit code. */
  async stop(): Promise<number | null> {
    const code = await stopProcess(this.child, 'SIGTERM', STOP_TIMEOUT_MS);
    rmSync(this.directory, { recursive: true, force: true });
    return code;
  }
}
