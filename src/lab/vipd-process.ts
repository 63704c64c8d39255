/**
 * vipd running in a lab host with a given keepalived.conf, logging to its
 * console (-n -l -D), with its own pid file and control socket; or with
 * Advanced vrrpd's command line (`vipd vrrpd`).
 */
import { writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestControl } from '../control/control-client.js';
import type { InstanceStatus } from '../control/instance-status.js';
import { daemonDirectory, LabDaemon } from './lab-daemon.js';
import type { Lab, LabHost } from './namespace-lan.js';

const VIPD = fileURLToPath(new URL('../bin/vipd.js', import.meta.url));
const STARTUP_TIMEOUT_MS = 10_000;

export class VipdProcess extends LabDaemon {
  private constructor(
    host: LabHost,
    child: ChildProcess,
    directory: string,
    /** The control socket vipctl talks to. */
    readonly controlSocket: string,
    /** The keepalived.conf it runs, which reload() rewrites; null for the vrrpd command form. */
    readonly configFile: string | null,
  ) {
    super(host, child, directory);
  }

  /**
   * Rewrites the configuration, sends SIGHUP and resolves with vipd's verdict
   * line ("Reload finished …" or "Reload failed …").
   */
  async reload(config: string, timeoutMs = 10_000): Promise<string> {
    if (this.configFile === null) throw new Error('the vrrpd command form has no configuration file to rewrite');
    const mark = this.output.lines.length;
    writeFileSync(this.configFile, config);
    this.signal('SIGHUP');
    return this.output.waitFor(/Reload (finished|failed)/, timeoutMs, mark);
  }

  /** Starts vipd and resolves once it logs "Startup complete". */
  static async start(lab: Lab, host: LabHost, config: string, extraArgs: readonly string[] = []): Promise<VipdProcess> {
    const { directory, configFile } = daemonDirectory(lab, host, 'vipd', config);
    const controlSocket = join(directory, 'control', 'vipd.sock');
    const args = ['-n', '-l', '-D', '-f', configFile, '-p', join(directory, 'vipd.pid'), '--control-socket', controlSocket, ...extraArgs];
    const vipd = new VipdProcess(host, lab.spawn(host.namespace, process.execPath, [VIPD, ...args]), directory, controlSocket, configFile);
    await Promise.race([vipd.output.waitFor(/Startup complete/, STARTUP_TIMEOUT_MS), vipd.exitedEarly('vipd')]);
    return vipd;
  }

  /**
   * Starts `vipd vrrpd ARGS` (the Advanced vrrpd command form), logging to its
   * console, with its pid file, control socket and generated configuration in
   * a private directory; resolves once it logs "Startup complete".
   */
  static async startVrrpd(lab: Lab, host: LabHost, vrrpdArgs: readonly string[]): Promise<VipdProcess> {
    const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-vipd-vrrpd-h${host.index}-`));
    const controlSocket = join(directory, 'control', 'vipd.sock');
    const args = ['vrrpd', '--log-console', '--log-detail', '-f', directory, '--control-socket', controlSocket, ...vrrpdArgs];
    const vipd = new VipdProcess(host, lab.spawn(host.namespace, process.execPath, [VIPD, ...args]), directory, controlSocket, null);
    await Promise.race([vipd.output.waitFor(/Startup complete/, STARTUP_TIMEOUT_MS), vipd.exitedEarly('vipd vrrpd')]);
    return vipd;
  }

  async status(): Promise<InstanceStatus[]> {
    const response = await requestControl(this.controlSocket, { command: 'status' });
    if (!response.ok) throw new Error(response.error);
    if (response.command !== 'status') throw new Error(`vipd answered a status request with ${response.command}`);
    return [...response.instances];
  }
}
