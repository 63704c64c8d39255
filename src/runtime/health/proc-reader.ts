/**
 * Reading who a process is from /proc (comm and cmdline), for process
 * tracking: at start and after lost events for every process, otherwise
 * once per exec/comm/fork event. Synchronous on purpose: the reads are tiny,
 * come from procfs (no disk), and keep event order trivially.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { ProcessIdentity } from './process-match.js';

export interface ProcReader {
  /** null when the process is gone (or was never there). */
  identity(pid: number): ProcessIdentity | null;
  /** Every process (thread-group leader) now. */
  pids(): number[];
}

export const procfsReader: ProcReader = {
  identity(pid) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').replace(/\n$/, '');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const argv = cmdline === '' ? [] : cmdline.replace(/\0$/, '').split('\0');
      return { comm, argv };
    } catch {
      return null;
    }
  },
  pids() {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  },
};
