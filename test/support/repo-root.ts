/** The repository root (the folder holding package.json), found from a module URL; works from dist/ too. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${moduleUrl}`);
    dir = parent;
  }
}

/** ../shared beside the repository: reference material and captured fixtures. */
export function sharedDir(): string {
  return join(repoRoot(), '..', 'shared');
}

/** The pcap captures of real keepalived and FRR traffic. */
export function pcapFixturesDir(): string {
  return join(sharedDir(), 'fixtures', 'pcap');
}

/** Captures recorded for this repository (test/fixtures, described in its README). */
export function ownFixturesDir(): string {
  return join(repoRoot(), 'test', 'fixtures');
}
