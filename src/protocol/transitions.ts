/**
 * Entering each state, with the side effects RFC 5798 §6.4 prescribes and the
 * order keepalived performs them in (advert first so the old master releases,
 * then addresses, then announcements; the state change is reported last, once
 * its effects are in place).
 */
import type { IpAddress } from '../primitives/ip-address.js';
import type { Centiseconds } from '../primitives/time.js';
import { OWNER_PRIORITY, RESIGN_PRIORITY, type Priority } from '../primitives/vrrp-numbers.js';
import { counterOnBecomingMaster } from './ipsec-ah-counter.js';
import {
  announcedAddresses,
  installAfterVirtualAddresses,
  removeAfterVirtualAddresses,
  removeBeforeVirtualAddresses,
} from './master-holdings.js';
import { startPeriodicAnnouncements, stopPeriodicAnnouncements } from './periodic-announcements.js';
import type { StepBuilder } from './step-builder.js';
import type { TimerName, TransitionReason } from './vrrp-state.js';

/**
 * RFC 5798 §6.4.1 (owner at startup) and §6.4.2 (Master_Down_Timer fires):
 * send an ADVERTISEMENT, broadcast gratuitous ARP / unsolicited NA for each
 * address, set the Adver_Timer, transition to Master.
 */
export function becomeMaster(step: StepBuilder, reason: TransitionReason): void {
  const { config } = step;
  step.cancel('masterDown');
  step.update({
    masterAdverInterval: config.advertInterval,
    masterAddress: config.sourceAddress,
    preemptDelayUntil: null,
    wantsMaster: false,
    // keepalived AH: "If becoming MASTER … we reset the anti-replay" once it has cycled.
    ipsecAh: counterOnBecomingMaster(step.state.ipsecAh),
  });
  const priority = step.priority;
  step.update({ masterPriority: priority });
  step.sendAdvert(priority);
  step.emit({
    kind: 'addVirtualAddresses',
    addresses: config.virtualAddresses,
    // RFC 5798 §6.4.3: accept packets for the addresses if owner or Accept_Mode.
    acceptTraffic: config.acceptMode || config.priority === OWNER_PRIORITY,
  });
  installAfterVirtualAddresses(step, config.excludedAddresses, config.virtualRoutes, config.virtualRules);
  step.armAfter('adver', config.advertInterval);
  announce(step, 'becameMaster');
  startPeriodicAnnouncements(step);
  step.count('becameMaster');
  step.changeState('master', reason);
}

/**
 * A burst of gratuitous ARPs / NAs now and, as keepalived does, a second one
 * after a delay (garp_master_repeat/delay, garp_lower_prio_repeat/delay).
 */
export function announce(step: StepBuilder, reason: 'becameMaster' | 'lowerPriorityAdvert'): void {
  const { repeat, delay, timer } = announcePlan(step, reason);
  if (repeat <= 0) return;
  step.emit({ kind: 'announce', addresses: announcedAddresses(step.config), repeat, reason });
  if (delay > 0) step.armAfter(timer, delay);
}

/** The second burst, when its timer fires. */
export function announceAgain(step: StepBuilder, reason: 'becameMaster' | 'lowerPriorityAdvert'): void {
  const { repeat } = announcePlan(step, reason);
  step.emit({
    kind: 'announce',
    addresses: announcedAddresses(step.config),
    repeat,
    reason: reason === 'becameMaster' ? 'becameMasterRepeat' : 'lowerPriorityAdvertRepeat',
  });
}

function announcePlan(
  step: StepBuilder,
  reason: 'becameMaster' | 'lowerPriorityAdvert',
): { repeat: number; delay: Centiseconds; timer: TimerName } {
  const policy = step.config.announce;
  return reason === 'becameMaster'
    ? { repeat: policy.masterRepeat, delay: policy.masterDelay, timer: 'masterAnnounceRepeat' }
    : { repeat: policy.lowerPriorityRepeat, delay: policy.lowerPriorityDelay, timer: 'lowerPriorityAnnounceRepeat' };
}

export interface KnownMaster {
  readonly address: IpAddress;
  readonly priority: Priority;
  /** v3: the master's advertised interval, learned as Master_Adver_Interval. */
  readonly interval: Centiseconds;
}

/**
 * RFC 5798 §6.4.1 (non-owner startup) and §6.4.3 (a master hears a better
 * one): set Master_Adver_Interval (learned from the master in v3), set the
 * Master_Down_Timer to Master_Down_Interval, transition to Backup.
 */
export function becomeBackup(step: StepBuilder, reason: TransitionReason, master: KnownMaster | null): void {
  const { config } = step;
  if (step.state.state === 'master') releaseMastership(step);
  step.update({
    masterAdverInterval: master !== null && config.version === 3 ? master.interval : config.advertInterval,
    masterAddress: master?.address ?? null,
    masterPriority: master?.priority ?? null,
    preemptDelayUntil: null,
    wantsMaster: false,
  });
  step.armAfter('masterDown', step.masterDownInterval);
  step.changeState('backup', reason);
}

/**
 * keepalived FAULT: a weight-0 tracker is down. A master resigns with a
 * priority-0 advert so that a backup takes over after Skew_Time only.
 */
export function enterFault(step: StepBuilder, reason: TransitionReason): void {
  if (step.state.state === 'master') {
    step.sendAdvert(RESIGN_PRIORITY);
    releaseMastership(step);
  }
  step.cancel('masterDown');
  step.update({ masterAddress: null, masterPriority: null, preemptDelayUntil: null, wantsMaster: false });
  step.changeState('fault', reason);
}

/**
 * Leaving FAULT: the owner takes over at once (unless held), anyone else
 * waits as a backup. keepalived with unicast peers first sends one gratuitous
 * ARP / unsolicited NA for its own source address, so that the master, which
 * may have lost its neighbour entry for us, can send us adverts without
 * resolving us first (vrrp_scheduler.c, only when unicast_peer is set).
 */
export function leaveFault(step: StepBuilder, reason: TransitionReason = 'trackerRecovered'): void {
  if (step.config.announce.sourceOnLeavingFault) {
    step.emit({ kind: 'announce', addresses: [step.config.sourceAddress], repeat: 1, reason: 'leftFault' });
  }
  if (step.config.priority === OWNER_PRIORITY && !step.state.held) becomeMaster(step, reason);
  else becomeBackup(step, reason, null);
}

/**
 * RFC 5798 §6.4.2/§6.4.3 Shutdown: a master sends an ADVERTISEMENT with
 * priority 0; every state cancels its timers and goes to Initialize.
 */
export function shutDown(step: StepBuilder): void {
  if (step.state.state === 'master') {
    step.sendAdvert(RESIGN_PRIORITY);
    releaseMastership(step);
  }
  step.cancel('masterDown');
  step.update({ masterAddress: null, masterPriority: null, preemptDelayUntil: null });
  step.changeState('initialize', 'shutdown');
}

function releaseMastership(step: StepBuilder): void {
  const { config } = step;
  step.cancel('adver');
  step.cancel('masterAnnounceRepeat');
  step.cancel('lowerPriorityAnnounceRepeat');
  stopPeriodicAnnouncements(step);
  removeBeforeVirtualAddresses(step, config.virtualRoutes, config.virtualRules);
  step.emit({ kind: 'removeVirtualAddresses', addresses: config.virtualAddresses });
  removeAfterVirtualAddresses(step, config.excludedAddresses);
  step.count('releasedMaster');
}
