/**
 * Runs keepalived's vrrp_sync_groups over the daemon's instances: after each
 * member transition, and when a member's Master_Down_Timer fires, it asks
 * the pure decision (protocol/sync-group.ts) and delivers the directives as
 * `syncGroup` events. Delivery waits for the current step to finish
 * (a microtask): a runner is never re-entered while it carries out actions.
 */
import type { Logger } from '../log/logger.js';
import { afterMemberTransition, afterMemberWantsMaster, type SyncDecision, type SyncMember } from '../protocol/sync-group.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';
import type { InstanceRunner } from './instance-runner.js';

export interface SyncGroupMembers {
  /** The runner of an instance, by name (null if it does not run). */
  runner(instance: string): InstanceRunner | null;
}

export class SyncGroupCoordinator {
  /** Instance → its group. */
  private readonly groupOf = new Map<string, string>();

  constructor(
    /** Group name → member instance names, as vrrp_sync_group { group { … } } lists them. */
    private readonly groups: ReadonlyMap<string, readonly string[]>,
    private readonly members: SyncGroupMembers,
    private readonly logger: Logger,
    /** Told when a group syncs its members to a state (for the group's notify scripts). */
    private readonly onGroupState: (group: string, state: 'MASTER' | 'BACKUP' | 'FAULT') => void = () => undefined,
  ) {
    for (const [group, names] of groups) for (const name of names) this.groupOf.set(name, group);
  }

  onStateChanged(instance: string, from: VrrpStateName, to: VrrpStateName, reason: TransitionReason): void {
    const group = this.groupOf.get(instance);
    if (group === undefined) return;
    this.deliver(group, afterMemberTransition(this.view(group), instance, from, to, reason));
  }

  onWantsMaster(instance: string): void {
    const group = this.groupOf.get(instance);
    if (group === undefined) return;
    this.deliver(group, afterMemberWantsMaster(this.view(group)));
  }

  private view(group: string): SyncMember[] {
    return (this.groups.get(group) ?? []).flatMap((name) => {
      const runner = this.members.runner(name);
      if (runner === null) return [];
      return [{ name, state: runner.vrrpState, wantsMaster: runner.wantsMaster, faultedOnItsOwn: runner.faultedOnItsOwn }];
    });
  }

  private deliver(group: string, decision: SyncDecision): void {
    if (decision.syncingTo === null) return;
    this.logger.write({ level: 'info', text: `VRRP_Group(${group}) Syncing instances to ${decision.syncingTo} state` });
    this.onGroupState(group, decision.syncingTo);
    queueMicrotask(() => {
      for (const { instance, directive } of decision.directives) {
        this.members.runner(instance)?.handle({ kind: 'syncGroup', directive });
      }
    });
  }
}
