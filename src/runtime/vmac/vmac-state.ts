/**
 * What vipd changed for its VMACs, kept in a file while it runs, so that a
 * start after a crash (SIGKILL, power of the process, not of the machine:
 * /run is a tmpfs) can undo it before it begins: the macvlans it made and
 * the sysctls it set (keepalived has no such record; it recreates its VMACs
 * and finds its sysctls already set).
 *
 * One file per network namespace (/proc/sys and the links are per namespace,
 * /run is not): /run/vipd/vmac-state.<netns inode>.json. Namespace inodes are
 * reused once a namespace is gone, so the record names the interfaces the
 * VMACs sat on, with ifindex and MAC: a record whose parents are not there
 * as recorded belongs to a namespace that no longer exists, and is dropped.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SysctlChange } from './sysctl-keeper.js';

export interface RecordedMacvlan {
  readonly name: string;
  readonly ifindex: number;
  readonly mac: string;
}

export interface RecordedParent {
  readonly name: string;
  readonly ifindex: number;
  readonly mac: string;
}

export interface VmacState {
  readonly version: 1;
  /** The process that wrote it, for the log. */
  readonly pid: number;
  readonly macvlans: readonly RecordedMacvlan[];
  readonly parents: readonly RecordedParent[];
  readonly sysctls: readonly SysctlChange[];
}

export const EMPTY_VMAC_STATE: VmacState = { version: 1, pid: 0, macvlans: [], parents: [], sysctls: [] };

/** Where the record lives; a map in tests. */
export interface VmacStateStore {
  readonly location: string;
  load(): VmacState | null;
  save(state: VmacState): void;
  remove(): void;
}

export const DEFAULT_VMAC_STATE_DIRECTORY = '/run/vipd';

/** The state file of the network namespace this process is in. */
export function vmacStateFileFor(directory = DEFAULT_VMAC_STATE_DIRECTORY): string {
  return `${directory}/vmac-state.${statSync('/proc/self/ns/net').ino}.json`;
}

export function fileStateStore(path: string): VmacStateStore {
  return {
    location: path,
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return parseVmacState(text);
    },
    save(state) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o755 });
      // Written aside and renamed: a crash mid-write leaves the old record whole.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(state, null, 1)}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}

/** The record, or null when it is not one (a damaged file is treated as absent). */
export function parseVmacState(text: string): VmacState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value['version'] !== 1) return null;
  const { pid, macvlans, parents, sysctls } = value;
  if (typeof pid !== 'number' || !Array.isArray(macvlans) || !Array.isArray(parents) || !Array.isArray(sysctls)) return null;
  if (!macvlans.every(isInterfaceRecord) || !parents.every(isInterfaceRecord) || !sysctls.every(isSysctlChange)) return null;
  return { version: 1, pid, macvlans, parents, sysctls };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInterfaceRecord(value: unknown): value is RecordedMacvlan {
  return isRecord(value) && typeof value['name'] === 'string' && typeof value['ifindex'] === 'number' && typeof value['mac'] === 'string';
}

function isSysctlChange(value: unknown): value is SysctlChange {
  return isRecord(value) && typeof value['path'] === 'string' && typeof value['original'] === 'string' && typeof value['applied'] === 'string';
}
