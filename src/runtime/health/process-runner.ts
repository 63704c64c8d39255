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
  /** null when the process could not be created. */
  readonly pid: number | null;
  /** Settles (never rejects) once the process is reaped or failed to start. */
  readonly exited: Promise<ProcessExit>;
  /** SIGKILL the whole process group; a no-op once the process has exited. */
  killGroup(): void;
}

export interface ProcessRunner {
  start(argv: readonly string[], user: ScriptUser | null): StartedProcess;
}

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export function spawnProcessRunner(spawn: SpawnFunction = nodeSpawn): ProcessRunner {
  return {
    start(argv, user) {
      const [command, ...args] = argv;
      if (command === undefined) {
        return { pid: null, exited: Promise.resolve({ kind: 'spawnFailed', message: 'empty command' }), killGroup: () => {} };
      }
      const options: SpawnOptions = { stdio: 'ignore', detached: true, ...(user === null ? {} : { uid: user.uid, gid: user.gid }) };
      let child: ChildProcess;
      try {
        child = spawn(command, args, options);
      } catch (error) {
        return { pid: null, exited: Promise.resolve({ kind: 'spawnFailed', message: messageOf(error) }), killGroup: () => {} };
      }
      let done = false;
      const exited = new Promise<ProcessExit>((resolve) => {
        child.once('exit', (code, signal) => {
          done = true;
          resolve(signal === null ? { kind: 'exited', status: code ?? 0 } : { kind: 'signalled', signal: osConstants.signals[signal] });
        });
        child.once('error', (error) => {
          // 'error' without a pid: exec failed (ENOENT, EACCES, EPERM for uid).
          if (child.pid !== undefined) return;
          done = true;
          resolve({ kind: 'spawnFailed', message: messageOf(error) });
        });
      });
      const pid = child.pid ?? null;
      return {
        pid,
        exited,
        killGroup() {
          if (done || pid === null) return;
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // ESRCH: the group is gone already; 'exit' follows.
          }
        },
      };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
