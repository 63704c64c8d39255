/**
 * Route table names, as ip-route(8) and keepalived take them besides
 * numbers: iproute2's rt_tables files ("NUMBER NAME" lines, `#` comments),
 * /etc/iproute2/rt_tables and the files in /etc/iproute2/rt_tables.d/*.conf,
 * read when a configuration is resolved (startup, reload).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RT_TABLES = '/etc/iproute2/rt_tables';
const RT_TABLES_D = '/etc/iproute2/rt_tables.d';

/** The names the files define; a file that cannot be read defines none. */
export function readRouteTableNames(): ReadonlyMap<string, number> {
  const names = new Map<string, number>();
  const files = [RT_TABLES, ...confFilesIn(RT_TABLES_D)];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const [name, id] of parseRouteTables(text)) names.set(name, id);
  }
  return names;
}

/** "NUMBER NAME" per line; blank lines and `#` comments skipped, malformed lines too (iproute2 ignores them). */
export function parseRouteTables(text: string): Map<string, number> {
  const names = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^\s*(0x[0-9a-fA-F]+|\d+)\s+([^\s#]+)/.exec(line);
    if (match === null) continue;
    const id = Number(match[1]);
    if (id <= 0xffffffff && match[2] !== undefined) names.set(match[2], id);
  }
  return names;
}

function confFilesIn(directory: string): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => name.endsWith('.conf'))
      .sort()
      .map((name) => join(directory, name));
  } catch {
    return [];
  }
}
