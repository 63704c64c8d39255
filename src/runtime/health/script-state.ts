/**
 * The rise/fall state of one vrrp_script, as keepalived 2.2.7 behaves
 * (namespace experiment: scripts fed fixed sequences of exit codes, interval
 * 2 s, read against keepalived's "VRRP_Script(x) succeeded/failed" lines and
 * its effective-priority changes):
 *
 *  - Before the first result a script is `init` and adds nothing to the
 *    priority (neither +weight nor -weight: a failing weight +1 script did not
 *    move priority 100, a failing weight -3 one moved it to 97).
 *  - With `init_fail` it is `initFailed`: it counts as down from the start.
 *  - Either way the FIRST result decides at once, whatever rise and fall are:
 *    rise 3 fall 3 scripts logged "succeeded" / "failed" on their first run,
 *    with or without init_fail ("one success brings the instance up").
 *  - After that, `fall` consecutive failures take an up script down and
 *    `rise` consecutive successes bring a down script up; a result of the
 *    other kind restarts the count (rise 2 fall 3, sequence
 *    0 1 0 1 1 0 1 1 1 → succeeded at run 1, failed at run 9).
 */
export type ScriptState = 'init' | 'initFailed' | 'up' | 'down';

export interface ScriptCounter {
  readonly state: ScriptState;
  /** Consecutive results against the current state (failures while up, successes while down). */
  readonly against: number;
}

export interface RiseFall {
  readonly rise: number;
  readonly fall: number;
}

export function initialScriptCounter(initFail: boolean): ScriptCounter {
  return { state: initFail ? 'initFailed' : 'init', against: 0 };
}

/** The counter after one result; `state` differs from before exactly on a transition. */
export function countScriptResult(counter: ScriptCounter, success: boolean, limits: RiseFall): ScriptCounter {
  switch (counter.state) {
    case 'init':
    case 'initFailed':
      return { state: success ? 'up' : 'down', against: 0 };
    case 'up':
      if (success) return { state: 'up', against: 0 };
      return counter.against + 1 >= limits.fall ? { state: 'down', against: 0 } : { state: 'up', against: counter.against + 1 };
    case 'down':
      if (!success) return { state: 'down', against: 0 };
      return counter.against + 1 >= limits.rise ? { state: 'up', against: 0 } : { state: 'down', against: counter.against + 1 };
  }
}

/**
 * Whether the script counts as up for tracking: true (+weight), false
 * (-weight, or FAULT with weight 0), null (not yet counted: `init`).
 */
export function scriptCountsAsUp(state: ScriptState): boolean | null {
  switch (state) {
    case 'init':
      return null;
    case 'initFailed':
    case 'down':
      return false;
    case 'up':
      return true;
  }
}
