/**
 * POSIX path arithmetic for include (keepalived.conf(5) DESCRIPTION: "any
 * relative paths included from a file are relative to the directory of the
 * including file itself"), without node:path, which src/config may not import.
 * Paths are only computed here; the caller's file access resolves them.
 */

/** The directory holding `path`: "." for a bare file name, "/" for a file at the root. */
export function directoryOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
}

/** `path` taken from `directory` when it is relative, with "." and ".." folded and repeated "/" removed. */
export function resolvePath(directory: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${directory}/${path}`);
}

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
