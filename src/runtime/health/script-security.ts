/**
 * keepalived's script security (global `enable_script_security`), as
 * keepalived 2.2.7 showed it in our namespace runs (scripts and directories
 * with various owners and modes, script_user root / nobody / nobody:root):
 *
 *  - Only the program (the first word of `script`) is checked, after
 *    symlinks are resolved; the message names the resolved path. A symlink
 *    in a world-writable directory pointing to a safe file was accepted.
 *  - The check applies when the script runs with uid 0 or gid 0 (as
 *    `nobody root` all unsafe scripts were flagged; as `nobody` none was).
 *  - The file and every directory above it must be owned by root and not be
 *    writable by others, nor by a group other than root's (775 root:root was
 *    accepted; 775 root:1000, 757, a 770 root:1000 directory, a 777
 *    directory and a 755 directory owned by uid 1000 were all refused). A
 *    directory with the sticky bit may be writable (1777 and /tmp were
 *    accepted); the file in it is still checked.
 *  - With enable_script_security the script is disabled: "Unsafe permissions
 *    found for script '/run/kxs/ow' - disabling." then "Disabling track
 *    script c3 due to insecure". Without it the script still runs and the
 *    line ends in "." instead, followed once by "SECURITY VIOLATION - scripts
 *    are being executed but script_security not enabled. There are insecure
 *    scripts." (without the last sentence when all are safe; `keepalived -t`
 *    then exits with 6).
 *  - A script the user may not execute: "WARNING - script '/run/kxs/noexec'
 *    is not executable for uid:gid 0:0 - disabling."; one that cannot be
 *    reached: "Script /nonexistent/x cannot be accessed - No such file or
 *    directory" (or "- Permission denied"), then "Disabling track script
 *    chk_missing since not found/accessible".
 *  - A bare name is looked up in PATH: "WARNING - script `true` resolved by
 *    path search to `/usr/bin/true`. Please specify full path."
 *
 * checkScriptSecurity is the pure decision over stat results; the fs side
 * (PATH search, realpath, stat) is inspectScript below.
 */
import { realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { LogLine } from '../../log/log-lines.js';
import type { ScriptUser } from './process-runner.js';

/** What the decision needs from stat(2). */
export interface FileStat {
  readonly uid: number;
  readonly gid: number;
  /** st_mode including the type bits. */
  readonly mode: number;
}

/** stat(2) of an absolute path, null when it does not exist. Throws nothing. */
export type StatLookup = (path: string) => FileStat | null;

export type UnsafeReason = 'notOwnedByRoot' | 'writableByOthers' | 'writableByNonRootGroup';

export type ScriptSecurityVerdict =
  | { readonly kind: 'safe'; readonly path: string }
  | { readonly kind: 'unsafe'; readonly path: string; readonly component: string; readonly reason: UnsafeReason }
  | { readonly kind: 'inaccessible'; readonly path: string; readonly error: 'No such file or directory' | 'Permission denied' }
  | { readonly kind: 'notExecutable'; readonly path: string; readonly user: ScriptUser };

const ROOT: ScriptUser = { uid: 0, gid: 0 };
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_ISVTX = 0o1000;
const S_IWGRP = 0o020;
const S_IWOTH = 0o002;

/**
 * keepalived's verdict on the program `path` (absolute, symlinks already
 * resolved) run as `user` (default root).
 */
export function checkScriptSecurity(path: string, stat: StatLookup, user: ScriptUser = ROOT): ScriptSecurityVerdict {
  const directories = ancestors(path);
  for (const directory of directories) {
    const s = stat(directory);
    if (s === null) return { kind: 'inaccessible', path, error: 'No such file or directory' };
    if (!permits(s, user, 0o1)) return { kind: 'inaccessible', path, error: 'Permission denied' };
  }
  const file = stat(path);
  if (file === null) return { kind: 'inaccessible', path, error: 'No such file or directory' };
  if (!permits(file, user, 0o1)) return { kind: 'notExecutable', path, user };
  if (user.uid !== 0 && user.gid !== 0) return { kind: 'safe', path };
  for (const component of [path, ...directories]) {
    const s = component === path ? file : stat(component);
    if (s === null) return { kind: 'inaccessible', path, error: 'No such file or directory' };
    const reason = unsafeReason(s);
    if (reason !== null) return { kind: 'unsafe', path, component, reason };
  }
  return { kind: 'safe', path };
}

function unsafeReason(s: FileStat): UnsafeReason | null {
  if (s.uid !== 0) return 'notOwnedByRoot';
  // Sticky directories (/tmp): nobody but the owner can replace root's file.
  if ((s.mode & S_IFMT) === S_IFDIR && (s.mode & S_ISVTX) !== 0) return null;
  if ((s.mode & S_IWOTH) !== 0) return 'writableByOthers';
  if ((s.mode & S_IWGRP) !== 0 && s.gid !== 0) return 'writableByNonRootGroup';
  return null;
}

/** Permission `bit` (1 = x) for the user; root needs x for anybody on files, nothing on directories. */
function permits(s: FileStat, user: ScriptUser, bit: number): boolean {
  const isDirectory = (s.mode & S_IFMT) === S_IFDIR;
  if (user.uid === 0) return isDirectory || (s.mode & 0o111) !== 0;
  if (s.uid === user.uid) return (s.mode & (bit << 6)) !== 0;
  if (s.gid === user.gid) return (s.mode & (bit << 3)) !== 0;
  return (s.mode & bit) !== 0;
}

/** "/a/b/c" → ["/a/b", "/a", "/"]. */
function ancestors(path: string): string[] {
  const found: string[] = [];
  let current = dirname(path);
  for (;;) {
    found.push(current);
    const parent = dirname(current);
    if (parent === current) return found;
    current = parent;
  }
}

// ===== log lines (keepalived 2.2.7 wording) =====

/** The per-script lines; `securityEnabled` is global_defs enable_script_security. */
export function scriptSecurityLines(verdict: ScriptSecurityVerdict, securityEnabled: boolean): LogLine[] {
  switch (verdict.kind) {
    case 'safe':
      return [];
    case 'unsafe':
      return [{ level: 'warning', text: `Unsafe permissions found for script '${verdict.path}'${securityEnabled ? ' - disabling.' : '.'}` }];
    case 'inaccessible':
      return [{ level: 'error', text: `Script ${verdict.path} cannot be accessed - ${verdict.error}` }];
    case 'notExecutable':
      return [{ level: 'warning', text: `WARNING - script '${verdict.path}' is not executable for uid:gid ${verdict.user.uid}:${verdict.user.gid} - disabling.` }];
  }
}

/** Whether keepalived would run the script. */
export function scriptAllowed(verdict: ScriptSecurityVerdict, securityEnabled: boolean): boolean {
  return verdict.kind === 'safe' || (verdict.kind === 'unsafe' && !securityEnabled);
}

/** The line for the vrrp_script `name` that will not run, or null if it runs. */
export function trackScriptDisabledLine(name: string, verdict: ScriptSecurityVerdict, securityEnabled: boolean): LogLine | null {
  if (scriptAllowed(verdict, securityEnabled)) return null;
  if (verdict.kind === 'unsafe') return { level: 'warning', text: `Disabling track script ${name} due to insecure` };
  if (verdict.kind === 'inaccessible') return { level: 'warning', text: `Disabling track script ${name} since not found/accessible` };
  return null; // not executable: keepalived's WARNING line already says "disabling"
}

/** Logged once after all scripts were checked, when security is not enabled and any script exists. */
export function securityViolationLine(anyInsecure: boolean): LogLine {
  return {
    level: 'warning',
    text: `SECURITY VIOLATION - scripts are being executed but script_security not enabled.${anyInsecure ? ' There are insecure scripts.' : ''}`,
  };
}

export function pathSearchLine(command: string, resolved: string): LogLine {
  return { level: 'warning', text: `WARNING - script \`${command}\` resolved by path search to \`${resolved}\`. Please specify full path.` };
}

// ===== the fs side =====

export interface ScriptInspection {
  readonly verdict: ScriptSecurityVerdict;
  /** Set when the program was a bare name found through PATH. */
  readonly resolvedByPathSearch: string | null;
}

export function fsStat(path: string): FileStat | null {
  try {
    const s = statSync(path);
    return { uid: s.uid, gid: s.gid, mode: s.mode };
  } catch {
    return null;
  }
}

/**
 * Resolves `program` as keepalived does (PATH search for a bare name,
 * symlinks resolved) and checks it for `user`.
 */
export function inspectScript(program: string, user: ScriptUser = ROOT, stat: StatLookup = fsStat, searchPath: string = process.env['PATH'] ?? '/usr/bin:/bin'): ScriptInspection {
  let path = program;
  let resolvedByPathSearch: string | null = null;
  if (!program.includes('/')) {
    const found = searchPath
      .split(delimiter)
      .filter((directory) => isAbsolute(directory))
      .map((directory) => join(directory, program))
      .find((candidate) => stat(candidate) !== null);
    if (found === undefined) return { verdict: { kind: 'inaccessible', path: program, error: 'No such file or directory' }, resolvedByPathSearch: null };
    path = found;
    resolvedByPathSearch = found;
  }
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // missing: checkScriptSecurity reports it
  }
  return { verdict: checkScriptSecurity(real, stat, user), resolvedByPathSearch };
}
