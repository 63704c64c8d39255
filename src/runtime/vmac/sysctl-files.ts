/**
 * The /proc/sys files the VMAC code reads and writes, behind an interface so
 * that tests substitute a map (sysctl-keeper.test.ts). Paths are absolute
 * (`/proc/sys/net/ipv4/conf/eth0/arp_ignore`): interface names may contain
 * dots, which sysctl(8) would take for separators, so vipd never goes
 * through sysctl(8) names. /proc/sys/net shows the network namespace of the
 * process that reads it (proc(5)).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface SysctlFiles {
  /** The value without its trailing newline; null if the file does not exist (ENOENT). */
  read(path: string): string | null;
  /** Throws if the file cannot be written. */
  write(path: string, value: string): void;
  /** The entries of a directory, [] if it does not exist. */
  list(directory: string): readonly string[];
}

export const PROC_SYS_FILES: SysctlFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8').trimEnd();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  write(path, value) {
    writeFileSync(path, `${value}\n`);
  },
  list(directory) {
    try {
      return readdirSync(directory);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
};

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENODEV';
}

/** /proc/sys/net/ipv4/conf/NAME/SETTING ("all" and "default" are names too). */
export function ipv4ConfPath(interfaceName: string, setting: string): string {
  return `/proc/sys/net/ipv4/conf/${interfaceName}/${setting}`;
}

/** /proc/sys/net/ipv6/conf/NAME/SETTING. */
export function ipv6ConfPath(interfaceName: string, setting: string): string {
  return `/proc/sys/net/ipv6/conf/${interfaceName}/${setting}`;
}

export const IPV4_CONF_DIRECTORY = '/proc/sys/net/ipv4/conf';
