/**
 * Advanced vrrpd's -U and -D (vrrpd.c state_goto_master / state_mast
 * be_backup): a script run on becoming master, and one run on ceasing to be
 * master, each exec'd with no arguments.
 *
 * vrrpd forks and waits for the script; vipd never blocks its loop on one:
 * the script starts detached in its own process group, without a shell, with
 * stdio ignored, and vipd does not wait for it. A script that cannot start
 * (ENOENT, EACCES …) is logged in one line naming the file, as vrrpd logs
 * "Upscript: FILE NOT FOUND".
 *
 * -D runs whenever the instance leaves MASTER, to BACKUP, FAULT or on
 * shutdown: vrrpd runs it on the same path (be_backup) for a better master,
 * a link failure and SIGTERM alike. Entering BACKUP at start-up runs nothing,
 * as in vrrpd.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../log/logger.js';
import type { VrrpStateName } from '../protocol/vrrp-state.js';

export interface TransitionScripts {
  /** -U FILE */
  readonly master: string | null;
  /** -D FILE */
  readonly leftMaster: string | null;
}

/** Starts `file` with no arguments; the child reports a failure to start as an 'error' event. */
export type ScriptLauncher = (file: string) => ChildProcess;

export const launchDetached: ScriptLauncher = (file) => spawn(file, [], { detached: true, stdio: 'ignore', shell: false });

/** The script due for a transition of `instance`, if any. */
export function scriptFor(scripts: TransitionScripts, from: VrrpStateName, to: VrrpStateName): { role: 'master' | 'backup'; file: string } | null {
  if (to === 'master' && from !== 'master' && scripts.master !== null) return { role: 'master', file: scripts.master };
  if (from === 'master' && to !== 'master' && scripts.leftMaster !== null) return { role: 'backup', file: scripts.leftMaster };
  return null;
}

/**
 * A state-change subscriber that runs the scripts. Returns the child it
 * started (for tests), or null when the transition runs none.
 */
export function transitionScriptRunner(
  instance: string,
  scripts: TransitionScripts,
  logger: Logger,
  launch: ScriptLauncher = launchDetached,
): (from: VrrpStateName, to: VrrpStateName) => ChildProcess | null {
  return (from, to) => {
    const due = scriptFor(scripts, from, to);
    if (due === null) return null;
    logger.write({ level: 'info', text: `(${instance}) running ${due.role} script ${due.file}` });
    let child: ChildProcess;
    try {
      child = launch(due.file);
    } catch (error) {
      logger.write({ level: 'warning', text: `(${instance}) cannot run ${due.role} script ${due.file}: ${describe(error)}` });
      return null;
    }
    child.once('error', (error) => {
      logger.write({ level: 'warning', text: `(${instance}) cannot run ${due.role} script ${due.file}: ${describe(error)}` });
    });
    child.unref();
    return child;
  };
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : String(error);
}
