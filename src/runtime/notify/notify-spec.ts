/**
 * What vipd needs to notify about a transition, independent of how
 * keepalived.conf spells it. The daemon maps each vrrp_instance's and
 * vrrp_sync_group's `notify_master|backup|fault|stop|deleted CMD [u [:][g]]`
 * and `notify CMD` onto a NotifySpec (argv = splitScriptWords(CMD), user =
 * the u/g given, else global script_user resolved to uid/gid, null = as vipd
 * runs), and global `notify_fifo`/`vrrp_notify_fifo` onto a NotifyFifo.
 */
import type { ScriptUser } from '../health/process-runner.js';

export interface NotifyCommand {
  readonly argv: readonly string[];
  readonly user: ScriptUser | null;
}

export interface NotifySpec {
  readonly master: NotifyCommand | null;
  readonly backup: NotifyCommand | null;
  readonly fault: NotifyCommand | null;
  readonly stop: NotifyCommand | null;
  /** notify_deleted: an instance removed by a reload. */
  readonly deleted: NotifyCommand | null;
  /** `notify`: called for every state with the state appended. */
  readonly generic: NotifyCommand | null;
}

export const NO_NOTIFY: NotifySpec = { master: null, backup: null, fault: null, stop: null, deleted: null, generic: null };

/** keepalived's words for the states it notifies. */
export type NotifyState = 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP' | 'DELETED';

export type NotifySubject = { readonly kind: 'instance'; readonly name: string } | { readonly kind: 'group'; readonly name: string };

export interface NotifyTransition {
  readonly subject: NotifySubject;
  readonly state: NotifyState;
  /** The instance's effective priority at the transition; ignored for groups (keepalived says 0). */
  readonly priority: number;
}
