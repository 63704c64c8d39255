/**
 * Operator control of an instance (vipctl; Advanced vrrpd's atropos), as pure
 * steps. vipd's semantics, fixed here:
 *
 * - holdBackup (vipctl backup, atropos --backup, vrrpd SIGUSR2): a master
 *   resigns as on shutdown, with a priority-0 advert so that a backup takes
 *   over after Skew_Time only (RFC 5798 §6.4.3 "If a Shutdown event is
 *   received"), releases its addresses and becomes BACKUP
 *   ('administrativeBackup'). While held, a backup keeps watching (it follows
 *   any master it hears, lower ones too: no preemption) but a
 *   Master_Down_Timer expiry does not make it master. A hold set in FAULT or
 *   INITIALIZE applies when the instance leaves them (the owner too starts or
 *   recovers as a backup then). Repeating it changes nothing.
 * - Holds have a source (HoldSource): the operator's (vipctl) and the fate
 *   group's (vrrpd -M) are kept apart; each releases only its own, and the
 *   instance is free when neither holds it.
 * - releaseHold (vipctl resume): clears the hold; a backup behaves normally
 *   again and arms Master_Down_Timer if none is armed, so it takes over if no
 *   master is heard (and preempts a lower one, Preempt_Mode permitting).
 *   Repeating it changes nothing.
 * - adjustPriority (vipctl priority =N|+N|-N; vrrpd -z/-x and SIGTTIN/SIGTTOU):
 *   sets or moves the administrative base priority; the result is clamped to
 *   1..254 (the range a non-owner may advertise, as vipctl's explicit values
 *   are; atropos's ±10 is clamped to vrrpd's 10..240 by vipctl before it gets
 *   here). The effective priority is that base plus tracker weights
 *   (keepalived semantics, effective-priority.ts). The owner (255) is never
 *   changed: the control layer refuses, the core ignores. On a change
 *   keepalived's "Changing effective priority from A to B" is logged; a master
 *   advertises the new priority at once and restarts its Adver_Timer (so a
 *   higher backup preempts promptly); a backup's running Master_Down_Timer is
 *   left alone and the new Skew_Time applies from its next reset.
 * - announce (vipctl garp): a master sends one burst of garp_master_repeat
 *   gratuitous ARPs / unsolicited NAs ('administrative'); anyone else does
 *   nothing (the control layer refuses it).
 */
import { assertNever } from '../primitives/result.js';
import { clampBackupPriority, OWNER_PRIORITY, RESIGN_PRIORITY, type Priority } from '../primitives/vrrp-numbers.js';
import type { AdministrativeEvent, HoldSource, PriorityChange } from './administrative-event.js';
import { announcedAddresses } from './master-holdings.js';
import type { StepBuilder } from './step-builder.js';
import { becomeBackup } from './transitions.js';

export function applyAdministrative(step: StepBuilder, event: AdministrativeEvent): void {
  switch (event.kind) {
    case 'holdBackup':
      holdBackup(step, event.by ?? 'operator');
      return;
    case 'releaseHold':
      releaseHold(step, event.by ?? 'operator');
      return;
    case 'adjustPriority':
      adjustPriority(step, event.change);
      return;
    case 'announce':
      announceAgain(step);
      return;
    default:
      assertNever(event);
  }
}

/** Master_Down_Timer fired while held: the master is gone, and we stay a backup. */
export function stayHeldInBackup(step: StepBuilder): void {
  step.log({ kind: 'masterDownWhileHeld' });
  step.update({ masterAddress: null, masterPriority: null });
}

function holdBackup(step: StepBuilder, by: HoldSource): void {
  if (step.state.heldBy.includes(by)) return;
  const wasHeld = step.state.held;
  step.update({ held: true, heldBy: [...step.state.heldBy, by] });
  if (wasHeld) return;
  step.log({ kind: 'holdSet' });
  if (step.state.state !== 'master') return;
  // RFC 5798 §6.4.3 Shutdown-like resignation: priority 0 first, so the
  // backup waits Skew_Time only; becomeBackup then releases the addresses.
  step.sendAdvert(RESIGN_PRIORITY);
  becomeBackup(step, 'administrativeBackup', null);
}

function releaseHold(step: StepBuilder, by: HoldSource): void {
  if (!step.state.heldBy.includes(by)) return;
  const heldBy = step.state.heldBy.filter((source) => source !== by);
  step.update({ held: heldBy.length > 0, heldBy });
  if (heldBy.length > 0) return;
  step.log({ kind: 'holdReleased' });
  if (step.state.state === 'backup' && step.state.timers.masterDown === undefined) {
    step.armAfter('masterDown', step.masterDownInterval);
  }
}

/** The base after a change, clamped to 1..254. */
export function changedBasePriority(current: Priority, change: PriorityChange): Priority {
  switch (change.kind) {
    case 'set':
      return clampBackupPriority(change.value);
    case 'add':
      return clampBackupPriority(current + change.value);
    default:
      return assertNever(change);
  }
}

function adjustPriority(step: StepBuilder, change: PriorityChange): void {
  const { config } = step;
  if (config.priority === OWNER_PRIORITY || !Number.isFinite(change.value)) return;
  const base = changedBasePriority(step.state.administrativePriority ?? config.priority, change);
  const before = step.priority;
  step.update({ administrativePriority: base });
  const after = step.priority;
  if (after === before) return;
  step.log({ kind: 'effectivePriorityChanged', from: before, to: after });
  if (step.state.state === 'master') {
    step.update({ masterPriority: after });
    step.sendAdvert(after);
    step.armAfter('adver', config.advertInterval);
  }
}

function announceAgain(step: StepBuilder): void {
  const repeat = step.config.announce.masterRepeat;
  if (step.state.state !== 'master' || repeat <= 0) return;
  step.emit({ kind: 'announce', addresses: announcedAddresses(step.config), repeat, reason: 'administrative' });
}
