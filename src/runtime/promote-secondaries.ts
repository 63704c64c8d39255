/**
 * keepalived `promote_secondaries` (keepalived.conf(5)): "Set the
 * promote_secondaries flag on the interface to stop other addresses in the
 * same CIDR being removed when 1 of them is removed". keepalived sets the
 * IPv4 sysctl net.ipv4.conf.IF.promote_secondaries when it starts, leaves an
 * interface alone where it is already set, and sets it back to 0 when it
 * stops (vrrp_if_config.c; seen in a namespace with keepalived 2.2.7: 0
 * before, 1 while running, 0 after SIGTERM). vipd does the same.
 */
import { readFile, writeFile } from 'node:fs/promises';

/** The sysctl file of one interface, inside the network namespace the daemon runs in. */
export type SysctlFiles = {
  read(path: string): Promise<string>;
  write(path: string, value: string): Promise<void>;
};

const PROC_FILES: SysctlFiles = {
  read: (path) => readFile(path, 'utf8'),
  write: (path, value) => writeFile(path, value),
};

export class PromoteSecondaries {
  /** Interfaces vipd set the flag on, to be reset at exit. */
  private readonly setByUs = new Set<string>();

  constructor(
    private readonly warn: (text: string) => void,
    private readonly files: SysctlFiles = PROC_FILES,
  ) {}

  /** Set the flag on `interfaceName` unless it is set already. */
  async enable(interfaceName: string): Promise<void> {
    if (this.setByUs.has(interfaceName)) return;
    const path = sysctlPath(interfaceName);
    try {
      if ((await this.files.read(path)).trim() === '1') return;
      await this.files.write(path, '1');
      this.setByUs.add(interfaceName);
    } catch (error) {
      this.warn(`cannot set promote_secondaries on ${interfaceName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** At exit: back to 0 where vipd set it. An interface that is gone needs nothing. */
  async resetAll(): Promise<void> {
    for (const interfaceName of this.setByUs) {
      try {
        await this.files.write(sysctlPath(interfaceName), '0');
      } catch {
        // The interface went away with its setting.
      }
    }
    this.setByUs.clear();
  }
}

function sysctlPath(interfaceName: string): string {
  // sysctl(8): a dot in an interface name is a slash in the path's components and vice versa; /proc takes the name as it is.
  return `/proc/sys/net/ipv4/conf/${interfaceName}/promote_secondaries`;
}
