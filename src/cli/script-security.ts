/**
 * `vipd -t`'s script check, as keepalived 2.2.7's `-t` makes it
 * (keepalived.conf(5) global_defs `script_user`, `enable_script_security`;
 * reference §1 "Scripts"), checked by experiment with `keepalived -t`:
 *
 * - scripts configured without enable_script_security: "SECURITY VIOLATION -
 *   scripts are being executed but script_security not enabled." (with " There
 *   are insecure scripts." when one is), exit 6;
 * - with enable_script_security, a script runs as its own `user`, else
 *   script_user, else `keepalived_script`; when that user does not exist:
 *   "Unable to set default user keepalived_script for script", exit 5; a named
 *   user that does not exist: "Error setting global script uid/gid", exit 5;
 * - a script run as root whose file, or a directory on its path, a non-root
 *   user could change (owned by a non-root user, writable by others — a sticky
 *   directory excepted — or by a non-root group) is refused: keepalived says
 *   "Disabling track script chk due to insecure", exit 5; a script that is not
 *   found: "… since not found/accessible", exit 5.
 *
 * Only scripts that exist count towards the violation (keepalived 2.2.7 -t
 * exits 0 for notify commands naming missing files). keepalived 2.2.7 -t checks
 * only vrrp_script paths; vipd checks the notify commands the same way, a
 * missing one being a warning (it would never run) and an insecure one an
 * error, where keepalived -t says nothing.
 *
 * The file system is handed in (`ScriptFileSystem`), so the rules are tested
 * without touching real files.
 */
import type { CommandSpec, RunAs, SourceLocation, VipdConfig } from '../config/config-types.js';

export interface FileOwnership {
  readonly uid: number;
  readonly gid: number;
  /** st_mode: permission and sticky bits. */
  readonly mode: number;
}

export interface ScriptFileSystem {
  /** realpath(3); null when the path does not resolve. */
  realPath(path: string): string | null;
  /** stat(2) of a resolved path; null when it cannot be read. */
  stat(path: string): FileOwnership | null;
  /** getpwnam(3): the user's uid, null when there is no such user. */
  userId(name: string): number | null;
  /** The directories a command without a `/` is looked up in ($PATH). */
  readonly searchPath: readonly string[];
}

/** One line for `vipd -t`, placed like a configuration message. */
export interface ScriptSecurityMessage {
  readonly severity: 'error' | 'warning';
  readonly location: SourceLocation;
  readonly block?: string;
  readonly text: string;
}

export interface ScriptSecurityReport {
  readonly messages: readonly ScriptSecurityMessage[];
  /** keepalived's exit 6: scripts would run as root without enable_script_security. */
  readonly securityViolation: boolean;
}

const DEFAULT_SCRIPT_USER = 'keepalived_script';
const ROOT = 0;

/** A configured command, where it is written, and how keepalived names it. */
interface ConfiguredScript {
  readonly command: CommandSpec;
  readonly block: string | undefined;
  /** keepalived's name for it in messages, e.g. `track script chk`. */
  readonly what: string;
  /** vrrp_script `user`, which notify commands write after the command. */
  readonly runAs: RunAs | null;
  /** A vrrp_script (which keepalived -t checks) rather than a notify command. */
  readonly isTrackScript: boolean;
}

export function checkScriptSecurity(config: VipdConfig, fs: ScriptFileSystem): ScriptSecurityReport {
  const scripts = configuredScripts(config);
  const first = scripts[0];
  if (first === undefined) return { messages: [], securityViolation: false };
  const messages: ScriptSecurityMessage[] = [];
  const { enableScriptSecurity, scriptUser } = config.globalDefs;

  // A user named but not there is an error with or without enable_script_security (keepalived: exit 5, no violation).
  const unknownUsers = scripts.flatMap((script) => {
    const user = script.runAs ?? scriptUser;
    if (user === null || fs.userId(user.user) !== null) return [];
    return [{ severity: 'error' as const, ...placeOf(script), text: `Error setting script uid/gid: there is no user ${user.user}; name an existing user` }];
  });
  if (unknownUsers.length > 0) return { messages: unknownUsers, securityViolation: false };

  if (!enableScriptSecurity) {
    // Scripts run as another user are no violation (not checkable with keepalived 2.2.7 -t, which hangs on them).
    const asRoot = scripts.filter((s) => runsAsRoot(s, scriptUser, fs) && pathProblem(s.command, fs)?.kind !== 'notFound');
    const shown = asRoot[0];
    if (shown === undefined) return { messages, securityViolation: false };
    const insecure = asRoot.filter((s) => pathProblem(s.command, fs) !== null);
    messages.push({
      severity: 'warning',
      location: shown.command.location,
      ...(shown.block === undefined ? {} : { block: shown.block }),
      text:
        'SECURITY VIOLATION - scripts are being executed but script_security not enabled.' +
        (insecure.length > 0 ? ' There are insecure scripts.' : '') +
        ' Add enable_script_security (and a script_user) to global_defs, as keepalived -t (exit 6) asks',
    });
    return { messages, securityViolation: true };
  }

  for (const script of scripts) {
    const place = placeOf(script);
    const user = script.runAs ?? scriptUser;
    const uid = fs.userId(user?.user ?? DEFAULT_SCRIPT_USER);
    if (uid === null) {
      messages.push({
        severity: 'error',
        ...place,
        text:
          user === null
            ? `Unable to set default user ${DEFAULT_SCRIPT_USER} for script (there is no such user); ` +
              `add "script_user USER" to global_defs or create the ${DEFAULT_SCRIPT_USER} user`
            : `Error setting script uid/gid: there is no user ${user.user}; name an existing user`,
      });
      continue;
    }
    if (uid !== ROOT) continue;
    const problem = pathProblem(script.command, fs);
    if (problem === null) continue;
    messages.push({
      severity: problem.kind === 'notFound' && !script.isTrackScript ? 'warning' : 'error',
      ...place,
      text:
        problem.kind === 'notFound'
          ? `Disabling ${script.what} since not found/accessible: ${problem.path} cannot be found; give the script's full path`
          : `Disabling ${script.what} due to insecure permissions: ${problem.detail}, and the script runs as root; ` +
            'make the script and every directory above it owned by root and writable by root only',
    });
  }
  return { messages, securityViolation: false };
}

function placeOf(script: ConfiguredScript): Pick<ScriptSecurityMessage, 'location' | 'block'> {
  return { location: script.command.location, ...(script.block === undefined ? {} : { block: script.block }) };
}

function runsAsRoot(script: ConfiguredScript, scriptUser: RunAs | null, fs: ScriptFileSystem): boolean {
  const user = script.runAs ?? scriptUser;
  // Without enable_script_security keepalived falls back to root when keepalived_script does not exist.
  return (fs.userId(user?.user ?? DEFAULT_SCRIPT_USER) ?? ROOT) === ROOT;
}

function configuredScripts(config: VipdConfig): ConfiguredScript[] {
  const scripts: ConfiguredScript[] = [];
  const add = (
    command: CommandSpec | null | 'reportDeletedState',
    block: string | undefined,
    what: string,
    runAs: RunAs | null,
    isTrackScript = false,
  ): void => {
    if (command === null || command === 'reportDeletedState') return;
    scripts.push({ command, block, what, runAs: runAs ?? command.runAs, isTrackScript });
  };
  add(config.globalDefs.notifyFifoScript, 'global_defs', 'notify_fifo_script', null);
  add(config.globalDefs.vrrpNotifyFifoScript, 'global_defs', 'vrrp_notify_fifo_script', null);
  for (const script of config.scripts) {
    add(script.command, `vrrp_script ${script.name}`, `track script ${script.name}`, script.runAs, true);
  }
  const notifiers = [
    ...config.instances.map((i) => ({ block: `vrrp_instance ${i.name}`, notify: i.notify })),
    ...config.syncGroups.map((g) => ({ block: `vrrp_sync_group ${g.name}`, notify: g.notify })),
  ];
  for (const { block, notify } of notifiers) {
    for (const [kind, command] of Object.entries(notify)) add(command, block, `notify script (${kind})`, null);
  }
  return scripts;
}

type PathProblem = { readonly kind: 'notFound'; readonly path: string } | { readonly kind: 'insecure'; readonly detail: string };

/** Why a non-root user could change what runs, or that it cannot be found; null when it is safe. */
function pathProblem(command: CommandSpec, fs: ScriptFileSystem): PathProblem | null {
  const [program] = command.argv;
  if (program === undefined) return null;
  const resolved = resolveProgram(program, fs);
  if (resolved === null) return { kind: 'notFound', path: program };
  const components = resolved.split('/').filter((c) => c !== '');
  const paths = ['/', ...components.map((_, i) => `/${components.slice(0, i + 1).join('/')}`)];
  for (const path of paths) {
    const stat = fs.stat(path);
    if (stat === null) return { kind: 'notFound', path: program };
    const isFile = path === resolved;
    const problem = ownershipProblem(stat, isFile);
    if (problem !== null) return { kind: 'insecure', detail: `${path === resolved ? 'the script' : 'the directory'} ${path} ${problem}` };
  }
  return null;
}

function resolveProgram(program: string, fs: ScriptFileSystem): string | null {
  if (program.includes('/')) return fs.realPath(program);
  for (const directory of fs.searchPath) {
    const found = fs.realPath(`${directory}/${program}`);
    if (found !== null) return found;
  }
  return null;
}

const GROUP_WRITE = 0o020;
const OTHER_WRITE = 0o002;
const STICKY = 0o1000;

function ownershipProblem(stat: FileOwnership, isFile: boolean): string | null {
  if (stat.uid !== ROOT) return `is owned by uid ${stat.uid}, not root`;
  if ((stat.mode & OTHER_WRITE) !== 0 && (isFile || (stat.mode & STICKY) === 0)) return 'is writable by every user';
  if ((stat.mode & GROUP_WRITE) !== 0 && stat.gid !== ROOT) return `is writable by group ${stat.gid}`;
  return null;
}
