/**
 * The lines vipd logs about vrrp_script / track_file / script security, in
 * keepalived 2.2.7's wording as read from its log in our namespace
 * experiments (keepalived -n -l, with and without -D: these lines appear
 * without -D, so they are 'info'). Kept apart from src/log/log-lines.ts only
 * while the health components are not wired into the daemon.
 */
import type { LogLine } from '../../log/log-lines.js';
import type { ProcessExit } from './process-runner.js';

/** Why a script result counted as a failure (an 'exited' failure has a non-zero status). */
export type ScriptFailure = ProcessExit | { readonly kind: 'timedOut' };

const info = (text: string): LogLine => ({ level: 'info', text });

/** "VRRP_Script(chk_ok) succeeded" */
export function scriptSucceededLine(name: string): LogLine {
  return info(`VRRP_Script(${name}) succeeded`);
}

/**
 * "VRRP_Script(chk_fail) failed (exited with status 3)",
 * "VRRP_Script(chk_sig) failed (due to signal 9)",
 * "VRRP_Script(chk_sleep) timed_out" (the timeout line replaces "failed").
 * The exec-failure wording is vipd's: keepalived refuses such scripts at
 * load time ("Script /x cannot be accessed - No such file or directory").
 */
export function scriptFailedLine(name: string, failure: ScriptFailure): LogLine {
  switch (failure.kind) {
    case 'exited':
      return info(`VRRP_Script(${name}) failed (exited with status ${failure.status})`);
    case 'signalled':
      return info(`VRRP_Script(${name}) failed (due to signal ${failure.signal})`);
    case 'timedOut':
      return info(`VRRP_Script(${name}) timed_out`);
    case 'spawnFailed':
      return info(`VRRP_Script(${name}) failed (could not run: ${failure.message})`);
  }
}

/** Logged whenever the exit status differs from the previous one (which starts at 0): "Script `chk_fail` now returning 3". */
export function scriptNowReturningLine(name: string, status: number): LogLine {
  return info(`Script \`${name}\` now returning ${status}`);
}

/** A tick found the previous run still going: keepalived skips the run. */
export function scriptStillRunningLine(name: string): LogLine {
  return info(`Track script ${name} is already running, expect idle - skipping run`);
}

/** "Invalid number 99999999999 read from /run/kxt/f6 - ignoring" */
export function trackFileInvalidLine(path: string, text: string): LogLine {
  return { level: 'warning', text: `Invalid number ${text} read from ${path} - ignoring` };
}

/** "(VI_s1): tracked file tf_fault now FAULT state" (note keepalived's colon). */
export function trackedFileFaultLine(instance: string, file: string): LogLine {
  return info(`(${instance}): tracked file ${file} now FAULT state`);
}

/** At start-up: "(I_1): entering FAULT state (tracked file f1 has status -2147483648)" */
export function trackedFileInitFaultLine(instance: string, file: string, value: number): LogLine {
  return info(`(${instance}): entering FAULT state (tracked file ${file} has status ${value})`);
}

/** "(VI_s1): tracked file tf_fault leaving FAULT state" */
export function trackedFileLeavingFaultLine(instance: string, file: string): LogLine {
  return info(`(${instance}): tracked file ${file} leaving FAULT state`);
}

/**
 * keepalived 2.2.7 at startup with a weight-0 vrrp_track_process below its
 * quorum: "(V) entering FAULT state (tracked process tp_full quorum not
 * achieved)" (the only track_process line we could observe: process events
 * do not reach a keepalived in a network namespace).
 */
export function trackedProcessFaultLine(instance: string, trackProcess: string): LogLine {
  return info(`(${instance}) entering FAULT state (tracked process ${trackProcess} quorum not achieved)`);
}
