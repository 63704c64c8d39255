/** vipd's version, from its package.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function packageVersion(): string {
  for (const candidate of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(candidate, import.meta.url)), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vipd' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next place: the sources and dist/ sit at different depths
    }
  }
  return 'unknown';
}
