/**
 * What follows a change of effective priority or of FAULT, whatever caused it
 * (a tracker, a reload): keepalived vrrp_track.c adjusts a running backup
 * timer and moves between FAULT and BACKUP/MASTER.
 */
import { addCentiseconds, centiseconds, type Centiseconds } from '../primitives/time.js';
import { faultedBy } from './effective-priority.js';
import type { StepBuilder } from './step-builder.js';
import { enterFault, leaveFault } from './transitions.js';
import type { TransitionReason } from './vrrp-state.js';

/**
 * A running Master_Down_Timer moves by the change in Skew_Time, the only part
 * of Master_Down_Interval (RFC 5798 §6.1) that depends on priority.
 */
export function shiftMasterDownTimer(step: StepBuilder, skewBefore: Centiseconds): void {
  const masterDownAt = step.state.timers.masterDown;
  const skewChange = step.skewTime - skewBefore;
  if (step.state.state !== 'backup' || masterDownAt === undefined || skewChange === 0) return;
  const shifted = addCentiseconds(masterDownAt, centiseconds(skewChange));
  step.arm('masterDown', shifted > step.now ? shifted : step.now);
}

/** keepalived FAULT: entered when a weight-0 tracker fails, left to BACKUP (or MASTER for the owner) when all are well. */
export function followFault(step: StepBuilder, faultedBefore: boolean, reason: TransitionReason): void {
  const current = step.state.state;
  if (!faultedBefore && step.faulted && (current === 'master' || current === 'backup')) {
    logFaultCause(step);
    enterFault(step, reason);
  } else if (faultedBefore && !step.faulted && current === 'fault') {
    leaveFault(step);
  }
}

/** keepalived names the tracker that faults the instance: "(VI_1): entering FAULT state (interface eth0 down)". */
export function logFaultCause(step: StepBuilder): void {
  const failed = step.config.trackers.find((t) => faultedBy(t, step.state.trackersUp, step.state.trackerValues));
  if (failed === undefined) return;
  if (failed.valued === true) step.log({ kind: 'trackerFault', tracker: failed.name, value: step.state.trackerValues[failed.name] ?? 0 });
  else step.log({ kind: 'trackerFault', tracker: failed.name });
}
