/**
 * Advanced vrrpd's fate sharing (-M; reference vrrp-landscape §3): "on link
 * down or Backup, [a daemon] writes a statedown file … forcing all of them to
 * Backup", and "refuses to become Master while any statedown file exists".
 *
 * vipd's reading, fixed here:
 * - a member that loses mastership on its own (a better master, a failed
 *   link or tracker: MASTER → BACKUP or FAULT), or whose link fails while it
 *   is a backup (→ FAULT), marks itself down;
 * - it clears its mark when it becomes master again;
 * - every other member is held in BACKUP while any mark but its own exists,
 *   and released when none is left. A member held this way never marks
 *   itself (its fall is the group's, not its own), so holds cannot feed on
 *   each other.
 * Startup is not a fall: members start unmarked, so the group can elect.
 */
import type { VrrpStateName } from '../../protocol/vrrp-state.js';

export type MarkChange = 'mark' | 'clear' | 'keep';

export function markAfterTransition(from: VrrpStateName, to: VrrpStateName, heldByGroup: boolean): MarkChange {
  if (to === 'master') return 'clear';
  if (heldByGroup) return 'keep';
  if (from === 'master' && (to === 'backup' || to === 'fault')) return 'mark';
  if (from === 'backup' && to === 'fault') return 'mark';
  return 'keep';
}

/** Whether `member` must be held: some other member's mark exists. */
export function mustHold(member: string, marks: ReadonlySet<string>): boolean {
  for (const mark of marks) if (mark !== member) return true;
  return false;
}
