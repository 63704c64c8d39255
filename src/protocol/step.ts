/**
 * The VRRP instance as a pure function:
 *
 *     step(config, state, event, now) → { state, actions }
 *
 * No I/O, no clock reads, no randomness: time is the `now` argument and timers
 * are data (armTimer / cancelTimer actions; a timerExpired event comes back).
 */
import { assertNever } from '../primitives/result.js';
import { addCentiseconds, type Instant } from '../primitives/time.js';
import { OWNER_PRIORITY } from '../primitives/vrrp-numbers.js';
import { applyAdministrative, stayHeldInBackup } from './administrative-control.js';
import { receivePacket } from './advert-reception.js';
import type { VrrpEvent } from './events.js';
import type { InstanceConfig } from './instance-config.js';
import type { InstanceState } from './instance-state.js';
import { StepBuilder, type StepResult } from './step-builder.js';
import { followFault, logFaultCause, shiftMasterDownTimer } from './health-follow-up.js';
import { reconfigure } from './reconfiguration.js';
import { announceIfDue } from './periodic-announcements.js';
import { followSyncGroup, wantMaster } from './sync-group-member.js';
import { announceAgain, becomeBackup, becomeMaster, shutDown } from './transitions.js';
import type { TimerName } from './vrrp-state.js';

export type { StepResult } from './step-builder.js';

export function step(config: InstanceConfig, state: InstanceState, event: VrrpEvent, now: Instant): StepResult {
  const builder = new StepBuilder(config, state, now);
  switch (event.kind) {
    case 'startup':
      start(builder);
      break;
    case 'shutdown':
      if (state.state !== 'initialize') shutDown(builder);
      break;
    case 'packetReceived':
      receivePacket(builder, event.packet);
      break;
    case 'timerExpired':
      expire(builder, event.timer);
      break;
    case 'trackerChanged':
      changeTracker(builder, event.tracker, event.up);
      break;
    case 'trackerValueChanged':
      changeTrackerValue(builder, event.tracker, event.value);
      break;
    case 'syncGroup':
      followSyncGroup(builder, event.directive);
      break;
    case 'reconfigured':
      reconfigure(builder, event.previous, event.reinstalledAddresses);
      break;
    case 'holdBackup':
    case 'releaseHold':
    case 'adjustPriority':
    case 'announce':
      applyAdministrative(builder, event);
      break;
    default:
      assertNever(event);
  }
  return builder.result();
}

/** RFC 5798 §6.4.1 "If a Startup event is received". */
function start(step: StepBuilder): void {
  if (step.state.state !== 'initialize') return;
  // keepalived: a tracker already down at startup → "Entering FAULT STATE (init)".
  if (step.faulted) {
    logFaultCause(step);
    step.changeState('fault', 'startup');
  }
  // "If the Priority = 255 …": the owner takes over at once.
  // An owner held in BACKUP by an operator starts as a backup like anyone else.
  else if (step.config.priority === OWNER_PRIORITY && !step.state.held) becomeMaster(step, 'startup');
  // Everyone else, whatever `state` keepalived.conf asks for, starts as a
  // backup and waits a full Master_Down_Interval.
  else becomeBackup(step, 'startup', null);
}

function expire(step: StepBuilder, timer: TimerName): void {
  const deadline = step.state.timers[timer];
  // A stale expiry (cancelled or re-armed since) is ignored.
  if (deadline === undefined || step.now < deadline) return;
  step.forget(timer);
  const current = step.state.state;
  switch (timer) {
    case 'adver':
      // RFC 5798 §6.4.3 "If the Adver_Timer fires": send an ADVERTISEMENT and
      // reset the timer. Re-armed from its own deadline so a late wake-up does
      // not shift every later advert.
      if (current !== 'master') return;
      announceIfDue(step);
      step.sendAdvert(step.priority);
      step.arm('adver', nextAdvertDeadline(deadline, step));
      return;
    case 'masterDown':
      // RFC 5798 §6.4.2 "If the Master_Down_Timer fires".
      if (current !== 'backup') return;
      if (step.state.held) {
        stayHeldInBackup(step);
        return;
      }
      if (step.config.syncGroup !== undefined) {
        wantMaster(step);
        return;
      }
      step.log({ kind: 'masterDownTimerExpired' });
      becomeMaster(step, 'masterDownTimer');
      return;
    case 'masterAnnounceRepeat':
      if (current === 'master') announceAgain(step, 'becameMaster');
      return;
    case 'lowerPriorityAnnounceRepeat':
      if (current === 'master') announceAgain(step, 'lowerPriorityAdvert');
      return;
    default:
      assertNever(timer);
  }
}

function nextAdvertDeadline(previous: Instant, step: StepBuilder): Instant {
  const next = addCentiseconds(previous, step.config.advertInterval);
  return next > step.now ? next : addCentiseconds(step.now, step.config.advertInterval);
}

/**
 * A tracker changed: effective priority and FAULT follow (keepalived
 * vrrp_track.c). A running Master_Down_Timer moves by the change in
 * Skew_Time, the only part of Master_Down_Interval that depends on priority.
 */
function changeTracker(step: StepBuilder, tracker: string, up: boolean): void {
  const configured = step.config.trackers.find((t) => t.name === tracker);
  if (configured === undefined || configured.valued === true) return;
  if ((step.state.trackersUp[tracker] ?? true) === up) return;
  followHealth(step, () => step.update({ trackersUp: { ...step.state.trackersUp, [tracker]: up } }));
}

function changeTrackerValue(step: StepBuilder, tracker: string, value: number): void {
  const configured = step.config.trackers.find((t) => t.name === tracker);
  if (configured?.valued !== true || (step.state.trackerValues[tracker] ?? 0) === value) return;
  followHealth(step, () => step.update({ trackerValues: { ...step.state.trackerValues, [tracker]: value } }));
}

/** Apply a tracker change; effective priority and FAULT follow. */
function followHealth(step: StepBuilder, change: () => void): void {
  const priorityBefore = step.priority;
  const skewBefore = step.skewTime;
  const faultedBefore = step.faulted;
  change();
  const priorityAfter = step.priority;
  if (priorityAfter !== priorityBefore) {
    step.log({ kind: 'effectivePriorityChanged', from: priorityBefore, to: priorityAfter });
    shiftMasterDownTimer(step, skewBefore);
  }
  followFault(step, faultedBefore, 'trackerFault');
}
