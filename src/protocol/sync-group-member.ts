/**
 * A sync-group member's side (keepalived vrrp_sync.c): it asks before
 * taking over, and follows what the group decided (sync-group.ts).
 */
import type { StepBuilder } from './step-builder.js';
import type { SyncDirective } from './sync-group.js';
import { becomeBackup, becomeMaster, enterFault, leaveFault } from './transitions.js';

/**
 * Master_Down_Timer fired in a member: it wants MASTER, but waits for the
 * group, re-arming the timer as keepalived does ("make sure we give time for
 * other instances to be ready to become master").
 */
export function wantMaster(step: StepBuilder): void {
  step.log({ kind: 'masterDownTimerExpired' });
  step.update({ wantsMaster: true, masterAddress: null, masterPriority: null });
  step.armAfter('masterDown', step.masterDownInterval);
  step.emit({ kind: 'syncGroupWantsMaster' });
}

export function followSyncGroup(step: StepBuilder, directive: SyncDirective): void {
  const current = step.state.state;
  switch (directive) {
    case 'master':
      // A member held in BACKUP by an operator (vipctl backup) stays there.
      if (current === 'backup' && !step.faulted && !step.state.held) becomeMaster(step, 'syncGroup');
      return;
    case 'backup':
      // Leaving MASTER for BACKUP sends no priority-0 advert (keepalived).
      if (current === 'master') becomeBackup(step, 'syncGroup', null);
      return;
    case 'fault':
      if (step.state.groupFault) return;
      step.update({ groupFault: true });
      if (current === 'master' || current === 'backup') enterFault(step, 'syncGroup');
      return;
    case 'recovered':
      if (!step.state.groupFault) return;
      step.update({ groupFault: false });
      if (current === 'fault' && !step.faulted) leaveFault(step, 'syncGroup');
      return;
  }
}
