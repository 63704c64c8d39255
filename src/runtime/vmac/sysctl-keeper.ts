/**
 * Sets sysctls and remembers what they were, so that every one can be put
 * back: at exit (keepalived restores its VMAC sysctls at exit too, reference
 * §3 "VMAC") and, after a crash, by the next start from the state file
 * (vmac-state.ts). Each change is reported to `onChange` before the file is
 * written, so the record never lags behind the system.
 *
 * A setting is restored only while it still holds the value vipd wrote:
 * one somebody changed since is theirs now, and is left alone.
 */
import type { SysctlFiles } from './sysctl-files.js';

export interface SysctlChange {
  readonly path: string;
  /** What the file held before vipd first wrote it. */
  readonly original: string;
  /** What vipd wrote. */
  readonly applied: string;
}

export type RestoreOutcome =
  | { readonly kind: 'restored'; readonly change: SysctlChange }
  | { readonly kind: 'gone'; readonly change: SysctlChange }
  | { readonly kind: 'changedSince'; readonly change: SysctlChange; readonly current: string }
  | { readonly kind: 'failed'; readonly change: SysctlChange; readonly error: string };

export class SysctlKeeper {
  readonly #changes: SysctlChange[] = [];

  constructor(
    private readonly files: SysctlFiles,
    private readonly onChange: (changes: readonly SysctlChange[]) => void,
  ) {}

  /** Everything changed so far, oldest first. */
  get changes(): readonly SysctlChange[] {
    return [...this.#changes];
  }

  /** The current value; null if there is no such setting. */
  read(path: string): string | null {
    return this.files.read(path);
  }

  /**
   * Writes `value`. The first write that changes a path records its
   * original; later writes keep that original; a write that changes nothing
   * records nothing. Throws if
   * the setting does not exist or cannot be written.
   */
  set(path: string, value: string): void {
    const current = this.files.read(path);
    if (current === null) throw new Error(`${path} does not exist`);
    const index = this.#changes.findIndex((c) => c.path === path);
    if (current === value && index < 0) {
      // Written all the same: the kernel copies a changed conf/default/* to every
      // interface whose own value was never written (devinet.c), and this one must stay.
      this.files.write(path, value);
      return;
    }
    const original = index < 0 ? current : (this.#changes[index]?.original ?? current);
    const change = { path, original, applied: value };
    if (index < 0) this.#changes.push(change);
    else this.#changes[index] = change;
    // Recorded before written: a crash in between leaves a record of a change not made, which restoring skips.
    this.onChange(this.changes);
    this.files.write(path, value);
  }

  /** Puts every setting back, newest first, and forgets them. */
  restoreAll(): RestoreOutcome[] {
    const outcomes = restoreSysctls(this.files, this.#changes);
    this.#changes.length = 0;
    this.onChange([]);
    return outcomes;
  }

  /** Forgets the settings under `prefix` (a deleted interface's directory): nothing to restore there. */
  forget(prefix: string): void {
    const kept = this.#changes.filter((c) => !c.path.startsWith(prefix));
    if (kept.length === this.#changes.length) return;
    this.#changes.splice(0, this.#changes.length, ...kept);
    this.onChange(this.changes);
  }
}

/** Restores `changes` (oldest first, as recorded) newest first. */
export function restoreSysctls(files: SysctlFiles, changes: readonly SysctlChange[]): RestoreOutcome[] {
  const outcomes: RestoreOutcome[] = [];
  for (const change of [...changes].reverse()) {
    try {
      const current = files.read(change.path);
      if (current === null) outcomes.push({ kind: 'gone', change });
      else if (current !== change.applied) outcomes.push({ kind: 'changedSince', change, current });
      else {
        files.write(change.path, change.original);
        outcomes.push({ kind: 'restored', change });
      }
    } catch (error) {
      outcomes.push({ kind: 'failed', change, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}
