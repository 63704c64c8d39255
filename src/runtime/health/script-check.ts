/**
 * One vrrp_script: runs its command every interval and turns exit statuses
 * into up/down with keepalived's rise/fall/init_fail rules (script-state.ts).
 *
 * Behaviour, as keepalived 2.2.7 showed it in our namespace runs:
 *  - The first run starts at once (scripts reported in the second keepalived
 *    said "Startup complete"), then one run per interval, timed from the
 *    start of each tick.
 *  - A run never overlaps itself: a tick that finds the previous run still
 *    going is skipped and logged ("Track script chk_sleep is already
 *    running, expect idle - skipping run"); the next tick tries again.
 *  - A run that outlives `timeout` is killed with its whole process group and
 *    counts as a failure; if that failure takes the script down the line is
 *    "VRRP_Script(chk_sleep) timed_out" (later timeouts while down are
 *    silent, as keepalived's were).
 *  - Exit status 0 is success; any other status, a signal or a timeout is a
 *    failure. "Script `x` now returning N" is logged whenever the exit status
 *    differs from the previous one (starting from 0).
 *
 * The daemon maps keepalived.conf onto ScriptCheckSpec: `script` through
 * splitScriptWords, `interval`/`timeout` (decimal seconds; timeout defaults
 * to interval) in milliseconds, `rise`/`fall` (default 1), `init_fail`,
 * `user` or global `script_user` resolved to uid/gid (null = as vipd runs).
 * Weights stay with the daemon: onChange only says up or down.
 */
import type { LogLine } from '../../log/log-lines.js';
import { addMicroseconds, microseconds } from '../../primitives/time.js';
import type { MonotonicClock } from '../clock.js';
import type { Deadline, DeadlineSource } from '../deadline-source.js';
import { scriptFailedLine, scriptNowReturningLine, scriptStillRunningLine, scriptSucceededLine, type ScriptFailure } from './health-log-lines.js';
import type { ProcessExit, ProcessRunner, ScriptUser, StartedProcess } from './process-runner.js';
import { countScriptResult, initialScriptCounter, type ScriptCounter, type ScriptState } from './script-state.js';

export interface ScriptCheckSpec {
  /** The vrrp_script block's name, as in "VRRP_Script(name)". */
  readonly name: string;
  /** Program and arguments (splitScriptWords of keepalived's `script`). */
  readonly command: readonly string[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly rise: number;
  readonly fall: number;
  readonly initFail: boolean;
  readonly user: ScriptUser | null;
}

export interface ScriptCheckDependencies {
  readonly runner: ProcessRunner;
  readonly clock: MonotonicClock;
  readonly deadlines: DeadlineSource;
  readonly log: (line: LogLine) => void;
  /** Called after each transition into up or down (the first result is one). */
  readonly onChange: (up: boolean) => void;
}

const MICROSECONDS_PER_MILLISECOND = 1000;

export class ScriptCheck {
  private counter: ScriptCounter;
  private lastStatus = 0;
  private running: { process: StartedProcess; timedOut: boolean } | null = null;
  private readonly tick: Deadline;
  private readonly timeout: Deadline;
  private stopped = true;
  private completedRuns = 0;
  private skippedTicks = 0;

  constructor(
    private readonly spec: ScriptCheckSpec,
    private readonly deps: ScriptCheckDependencies,
  ) {
    this.counter = initialScriptCounter(spec.initFail);
    this.tick = deps.deadlines.create(() => this.onTick());
    this.timeout = deps.deadlines.create(() => this.onTimeout());
  }

  get state(): ScriptState {
    return this.counter.state;
  }

  /** Runs that finished (exited, were killed, or failed to start). */
  get runs(): number {
    return this.completedRuns;
  }

  /** Ticks skipped because the previous run was still going. */
  get skipped(): number {
    return this.skippedTicks;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.onTick();
  }

  /** Stops ticking, kills a run in progress and resolves once it is reaped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.tick.clear();
    this.timeout.clear();
    const running = this.running;
    if (running !== null) {
      running.process.killGroup();
      await running.process.exited;
    }
  }

  /** Releases the deadlines; the check cannot be started again. */
  async close(): Promise<void> {
    await this.stop();
    this.tick.close();
    this.timeout.close();
  }

  private onTick(): void {
    if (this.stopped) return;
    this.tick.set(addMicroseconds(this.deps.clock.now(), microseconds(this.spec.intervalMs * MICROSECONDS_PER_MILLISECOND)));
    if (this.running !== null) {
      this.skippedTicks += 1;
      this.deps.log(scriptStillRunningLine(this.spec.name));
      return;
    }
    const running = { process: this.deps.runner.start(this.spec.command, this.spec.user), timedOut: false };
    this.running = running;
    this.timeout.set(addMicroseconds(this.deps.clock.now(), microseconds(this.spec.timeoutMs * MICROSECONDS_PER_MILLISECOND)));
    void running.process.exited.then((exit) => this.onExit(running, exit));
  }

  private onTimeout(): void {
    const running = this.running;
    if (running === null) return;
    running.timedOut = true;
    running.process.killGroup();
  }

  private onExit(running: { process: StartedProcess; timedOut: boolean }, exit: ProcessExit): void {
    if (this.running === running) {
      this.running = null;
      this.timeout.clear();
    }
    this.completedRuns += 1;
    if (this.stopped) return;
    const failure = failureOf(exit, running.timedOut);
    if (exit.kind === 'exited' && !running.timedOut && exit.status !== this.lastStatus) {
      this.lastStatus = exit.status;
      this.deps.log(scriptNowReturningLine(this.spec.name, exit.status));
    }
    const before = this.counter.state;
    this.counter = countScriptResult(this.counter, failure === null, this.spec);
    if (this.counter.state === before) return;
    const up = this.counter.state === 'up';
    this.deps.log(failure === null ? scriptSucceededLine(this.spec.name) : scriptFailedLine(this.spec.name, failure));
    this.deps.onChange(up);
  }
}

function failureOf(exit: ProcessExit, timedOut: boolean): ScriptFailure | null {
  if (timedOut) return { kind: 'timedOut' };
  if (exit.kind === 'exited' && exit.status === 0) return null;
  return exit;
}
