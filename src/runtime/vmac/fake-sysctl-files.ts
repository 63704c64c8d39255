/** An in-memory /proc/sys for tests: paths to values; list() derives directory entries from the paths. */
import type { SysctlFiles } from './sysctl-files.js';

export class FakeSysctlFiles implements SysctlFiles {
  readonly values: Map<string, string>;
  readonly writes: Array<readonly [string, string]> = [];

  constructor(values: Record<string, string>) {
    this.values = new Map(Object.entries(values));
  }

  read(path: string): string | null {
    return this.values.get(path) ?? null;
  }

  write(path: string, value: string): void {
    if (!this.values.has(path)) throw new Error(`ENOENT: ${path}`);
    this.values.set(path, value);
    this.writes.push([path, value]);
  }

  list(directory: string): readonly string[] {
    const prefix = `${directory}/`;
    const names = [...this.values.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('/')[0] ?? '');
    return [...new Set(names)];
  }
}
