/**
 * Starting script processes the way keepalived does: the command is exec'd
 * directly (argv from splitScriptWords, no shell), stdin/stdout/stderr on
 * /dev/null, in its own process group (keepalived's child calls setsid; we
 * spawn detached, which does the same) so that a timeout can kill the script
 * and everything it forked with one kill(-pgid, SIGKILL), and as the
 * configured uid/gid (libuv drops supplementary groups when it sets them).
 *
 * libuv reaps every child it spawned (SIGCHLD → waitpid), so a finished
 * script never lingers as a zombie, whether or not anybody awaits `exited`.
 *
 * spawnProcessRunner forks on the calling thread, and libuv's uv_spawn waits
 * there until the child has exec'd: about 1 ms per spawn on an idle machine,
 * tens of ms on a loaded one. Fine for the odd notify script; frequent
 * vrrp_scripts should use workerProcessRunner, which forks on a worker thread.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants as osConstants } from 'node:os';

/** uid/gid a script runs as (keepalived's `user` / `script_user`). */
export interface ScriptUser {
  readonly uid: number;
  readonly gid: number;
}

/** How a process ended, once reaped. */
export type ProcessExit =
  | { readonly kind: 'exited'; readonly status: number }
  | { readonly kind: 'signalled'; readonly signal: number }
  | { readonly kind: 'spawnFailed'; readonly message: string };

export interface StartedProcess {
  /** Settles (never rejects) once the process is reaped or failed to start. */
  readonly exited: Promise<ProcessExit>;
  /** SIGKILL the whole process group; a no-op once the process has exited. */
  killGroup(): void;
}

export interface ProcessRunner {
  start(argv: readonly string[], user: ScriptUser | null): StartedProcess;
}

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** A child in its own process group: its pid (null if it could not be created) and its end. */
export interface SpawnedChild {
  readonly pid: number | null;
  readonly exited: Promise<ProcessExit>;
}

export function spawnChild(argv: readonly string[], user: ScriptUser | null, spawn: SpawnFunction = nodeSpawn): SpawnedChild {
  const [command, ...args] = argv;
  if (command === undefined) return { pid: null, exited: Promise.resolve({ kind: 'spawnFailed', message: 'empty command' }) };
  const options: SpawnOptions = { stdio: 'ignore', detached: true, ...(user === null ? {} : { uid: user.uid, gid: user.gid }) };
  let child: ChildProcess;
  try {
    child = spawn(command, args, options);
  } catch (error) {
    return { pid: null, exited: Promise.resolve({ kind: 'spawnFailed', message: messageOf(error) }) };
  }
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(signal === null ? { kind: 'exited', status: code ?? 0 } : { kind: 'signalled', signal: osConstants.signals[signal] });
    });
    child.once('error', (error) => {
      // 'error' without a pid: the exec failed (ENOENT, EACCES, EPERM for uid).
      if (child.pid === undefined) resolve({ kind: 'spawnFailed', message: messageOf(error) });
    });
  });
  return { pid: child.pid ?? null, exited };
}

/** kill(-pgid, SIGKILL); the group may be gone already (ESRCH). */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left to kill; the exit is reported anyway.
  }
}

export function spawnProcessRunner(spawn: SpawnFunction = nodeSpawn): ProcessRunner {
  return {
    start(argv, user) {
      const child = spawnChild(argv, user, spawn);
      let done = false;
      void child.exited.then(() => (done = true));
      return {
        exited: child.exited,
        killGroup() {
          if (!done && child.pid !== null) killProcessGroup(child.pid);
        },
      };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
