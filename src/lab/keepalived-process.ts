/**
 * The real keepalived (Debian's package) in a lab host, as
 * peers-in-namespaces.md runs it: foreground, console log, its own pid files.
 * keepalived forks a VRRP child even with -n; it runs in its own session
 * (setsid) and stops both on SIGTERM to the parent.
 */
import { join } from 'node:path';
import { daemonDirectory, LabDaemon } from './lab-daemon.js';
import type { Lab, LabHost } from './namespace-lan.js';

const STARTUP_TIMEOUT_MS = 10_000;

export class KeepalivedProcess extends LabDaemon {
  static async start(lab: Lab, host: LabHost, config: string): Promise<KeepalivedProcess> {
    const { directory, configFile } = daemonDirectory(lab, host, 'keepalived', config);
    const pid = (name: string): string => join(directory, `${name}.pid`);
    const args = ['keepalived', '-n', '-l', '-D', '-P', '-f', configFile, '-p', pid('keepalived'), '-r', pid('vrrp'), '-c', pid('checkers')];
    const keepalived = new KeepalivedProcess(host, lab.spawn(host.namespace, 'setsid', args), directory);
    await Promise.race([
      keepalived.output.waitFor(/Startup complete|Entering (BACKUP|MASTER|FAULT) STATE/, STARTUP_TIMEOUT_MS),
      keepalived.exitedEarly('keepalived'),
    ]);
    return keepalived;
  }
}
