/**
 * keepalived's vrrp_sync_group (keepalived vrrp_sync.c; reference §3 "Sync
 * groups"; keepalived.conf(5) VRRP synchronization group), decided purely
 * from the members' states. The runtime asks after each member transition,
 * and when a member's Master_Down_Timer fires, and delivers the directives as
 * `syncGroup` events.
 *
 * - The group goes MASTER only when every member wants it: each is master
 *   already, or its Master_Down_Timer fired (keepalived's "only sync to
 *   master if everyone wants to, prefer backup state to avoid thrashing").
 *   A member whose master is still heard keeps the whole group in BACKUP.
 * - A member that goes MASTER on its own (the owner, a reload) takes the
 *   others' backups with it.
 * - A member that leaves MASTER for BACKUP on its own takes the other
 *   masters to BACKUP; one that enters FAULT takes every member to FAULT.
 * - The group leaves FAULT when no member is faulted on its own any more.
 * Transitions the group itself caused (reason 'syncGroup') are not news.
 */
import type { VrrpStateName, TransitionReason } from './vrrp-state.js';

/** What a member is told to do: follow the group. */
export type SyncDirective = 'master' | 'backup' | 'fault' | 'recovered';

export interface SyncMember {
  readonly name: string;
  readonly state: VrrpStateName;
  /** Its Master_Down_Timer fired while it waited for the group. */
  readonly wantsMaster: boolean;
  /** Faulted by its own trackers (not only because the group is). */
  readonly faultedOnItsOwn: boolean;
}

export interface SyncDecision {
  readonly directives: readonly { readonly instance: string; readonly directive: SyncDirective }[];
  /** keepalived: "VRRP_Group(G) Syncing instances to MASTER state". */
  readonly syncingTo: 'MASTER' | 'BACKUP' | 'FAULT' | null;
}

const NOTHING: SyncDecision = { directives: [], syncingTo: null };

/** A member changed state. */
export function afterMemberTransition(
  members: readonly SyncMember[],
  who: string,
  from: VrrpStateName,
  to: VrrpStateName,
  reason: TransitionReason,
): SyncDecision {
  if (reason === 'syncGroup') return NOTHING;
  const others = members.filter((m) => m.name !== who);
  if (to === 'master') return tell(others, 'backup', 'master', 'MASTER');
  if (to === 'fault') return tell(others.filter((m) => m.state !== 'fault'), null, 'fault', 'FAULT');
  if (from === 'fault') {
    if (members.some((m) => m.faultedOnItsOwn)) return NOTHING;
    return tell(others, 'fault', 'recovered', 'BACKUP');
  }
  if (from === 'master' && to === 'backup') return tell(others, 'master', 'backup', 'BACKUP');
  return NOTHING;
}

/** A member's Master_Down_Timer fired: the group goes master if every member wants to. */
export function afterMemberWantsMaster(members: readonly SyncMember[]): SyncDecision {
  const everyoneWants = members.every((m) => m.state === 'master' || (m.state === 'backup' && m.wantsMaster));
  if (!everyoneWants) return NOTHING;
  return tell(members, 'backup', 'master', 'MASTER');
}

function tell(
  members: readonly SyncMember[],
  inState: VrrpStateName | null,
  directive: SyncDirective,
  syncingTo: SyncDecision['syncingTo'],
): SyncDecision {
  const directives = members
    .filter((m) => inState === null || m.state === inState)
    .map((m) => ({ instance: m.name, directive }));
  return directives.length === 0 ? NOTHING : { directives, syncingTo };
}
