/**
 * One vrrp_track_process: how many matching processes run, and whether that
 * meets the quorum (`quorum` ≤ count ≤ `quorum_max`, defaults 1 and no
 * maximum). A change of verdict waits `fork_delay` (towards up) or
 * `terminate_delay` (towards down) — `delay` sets both — and is dropped if
 * the count goes back meanwhile (keepalived.conf(5); see process-match.ts
 * for why this is not checked against keepalived itself).
 *
 * The first count (from the /proc scan when the tracker is added to a
 * ProcessWatch) sets the verdict at once, with no delay: keepalived enters
 * "FAULT STATE (init)" straight away, logging "(V) entering FAULT state
 * (tracked process tp_full quorum not achieved)".
 *
 * The daemon maps a vrrp_track_process block onto TrackProcessSpec and
 * applies each instance's weight (0 → FAULT while down) on onChange.
 */
import { addMicroseconds, microseconds } from '../../primitives/time.js';
import type { MonotonicClock } from '../clock.js';
import type { Deadline, DeadlineSource } from '../deadline-source.js';
import { matchesProcess, type ProcessIdentity, type ProcessPattern } from './process-match.js';

export interface TrackProcessSpec extends ProcessPattern {
  readonly name: string;
  readonly quorum: number;
  /** null: no maximum. */
  readonly quorumMax: number | null;
  readonly forkDelayMs: number;
  readonly terminateDelayMs: number;
}

export interface TrackProcessDependencies {
  readonly clock: MonotonicClock;
  readonly deadlines: DeadlineSource;
  /** A changed verdict, after its delay. */
  readonly onChange: (up: boolean) => void;
}

export class TrackProcess {
  private readonly pids = new Set<number>();
  private verdict: boolean | null = null;
  private readonly pending: Deadline;
  private pendingTowards: boolean | null = null;

  constructor(
    readonly spec: TrackProcessSpec,
    private readonly deps: TrackProcessDependencies,
  ) {
    this.pending = deps.deadlines.create(() => this.settle());
  }

  /** Matching processes now. */
  get count(): number {
    return this.pids.size;
  }

  /** The verdict so far: null before the first scan. */
  get up(): boolean | null {
    return this.verdict;
  }

  hasPid(pid: number): boolean {
    return this.pids.has(pid);
  }

  matches(identity: ProcessIdentity): boolean {
    return matchesProcess(this.spec, identity);
  }

  /** After a full scan: exactly these pids match. */
  replaceAll(pids: Iterable<number>): void {
    this.pids.clear();
    for (const pid of pids) this.pids.add(pid);
    this.evaluate();
  }

  /** One process started matching (true) or stopped (false: exited, or exec'd into something else). */
  set(pid: number, matching: boolean): void {
    const had = this.pids.has(pid);
    if (had === matching) return;
    if (matching) this.pids.add(pid);
    else this.pids.delete(pid);
    this.evaluate();
  }

  close(): void {
    this.pending.close();
  }

  private quorumMet(): boolean {
    const count = this.pids.size;
    return count >= this.spec.quorum && (this.spec.quorumMax === null || count <= this.spec.quorumMax);
  }

  private evaluate(): void {
    const met = this.quorumMet();
    if (this.verdict === null) {
      this.verdict = met;
      return;
    }
    if (met === this.verdict) {
      // Back where we were before the delay ran out: nothing happened.
      this.pending.clear();
      this.pendingTowards = null;
      return;
    }
    if (this.pendingTowards === met) return;
    const delayMs = met ? this.spec.forkDelayMs : this.spec.terminateDelayMs;
    if (delayMs <= 0) {
      this.change(met);
      return;
    }
    this.pendingTowards = met;
    this.pending.set(addMicroseconds(this.deps.clock.now(), microseconds(delayMs * 1000)));
  }

  private settle(): void {
    const towards = this.pendingTowards;
    this.pendingTowards = null;
    if (towards !== null && towards === this.quorumMet() && towards !== this.verdict) this.change(towards);
  }

  private change(up: boolean): void {
    this.pending.clear();
    this.pendingTowards = null;
    this.verdict = up;
    this.deps.onChange(up);
  }
}
