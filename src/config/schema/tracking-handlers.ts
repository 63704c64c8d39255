/**
 * What a vrrp_instance and a vrrp_sync_group both say about tracking and
 * notification (keepalived.conf(5): track_interface, track_script, track_file,
 * track_process, track_bfd, notify_*, notify, notify_priority_changes,
 * smtp_alert). Several track_* blocks add up; a notify_* line given twice
 * replaces the earlier one.
 */
import type { CommandSpec, NotifyCommands, TrackingAndNotification, TrackReference } from '../config-types.js';
import { readCommand } from './command-line.js';
import { flag } from './setting-handlers.js';
import { replaceSetting, type Setting } from './schema-context.js';
import type { StatementHandler } from './statement-dispatch.js';
import { readTrackBlock, type TrackKind } from './track-references.js';
import { noValue } from './arguments.js';

export type NotifyKind = Exclude<keyof NotifyCommands, 'deleted'>;

export interface TrackingDraft {
  readonly tracked: Record<TrackKind, TrackReference[]>;
  readonly notify: { [K in NotifyKind]?: Setting<CommandSpec> } & { deleted?: Setting<CommandSpec | 'reportDeletedState'> };
  notifyPriorityChanges?: Setting<boolean>;
  smtpAlert?: Setting<boolean>;
}

export function emptyTrackingDraft(): Pick<TrackingDraft, 'tracked' | 'notify'> {
  return {
    tracked: { track_interface: [], track_script: [], track_file: [], track_process: [], track_bfd: [] },
    notify: {},
  };
}

function track<D extends TrackingDraft>(kind: TrackKind): StatementHandler<D> {
  return (statement, draft, context) => {
    draft.tracked[kind].push(...readTrackBlock(statement, kind, context));
  };
}

function notify<D extends TrackingDraft>(kind: NotifyKind): StatementHandler<D> {
  return (statement, draft, context) => {
    const command = readCommand(statement, context);
    if (command === null) return;
    draft.notify[kind] = replaceSetting(draft.notify[kind], { value: command, location: statement.location }, statement.keyword.text, context);
  };
}

/** Handlers for what instances and sync groups share. */
export function trackingHandlers<D extends TrackingDraft>() {
  return {
    track_interface: track<D>('track_interface'),
    track_script: track<D>('track_script'),
    track_file: track<D>('track_file'),
    track_process: track<D>('track_process'),
    track_bfd: track<D>('track_bfd'),
    notify_master: notify<D>('master'),
    notify_backup: notify<D>('backup'),
    notify_fault: notify<D>('fault'),
    notify_stop: notify<D>('stop'),
    notify: notify<D>('any'),
    notify_priority_changes: ((statement, draft, context) => {
      const value = flag(statement, context);
      if (value === null) return;
      draft.notifyPriorityChanges = replaceSetting(draft.notifyPriorityChanges, { value, location: statement.location }, 'notify_priority_changes', context);
    }) satisfies StatementHandler<D>,
    smtp_alert: ((statement, draft, context) => {
      const value = flag(statement, context);
      if (value === null) return;
      draft.smtpAlert = replaceSetting(draft.smtpAlert, { value, location: statement.location }, 'smtp_alert', context);
    }) satisfies StatementHandler<D>,
  } satisfies Record<string, StatementHandler<D>>;
}

/** Instances only: notify_master_rx_lower_pri CMD and notify_deleted [CMD]. */
export function instanceNotifyHandlers<D extends TrackingDraft>() {
  return {
    notify_master_rx_lower_pri: notify<D>('masterRxLowerPriority'),
    notify_deleted: ((statement, draft, context) => {
      if (statement.args.length === 0) {
        noValue(statement, context);
        draft.notify.deleted = { value: 'reportDeletedState', location: statement.location };
        return;
      }
      const command = readCommand(statement, context);
      if (command !== null) draft.notify.deleted = { value: command, location: statement.location };
    }) satisfies StatementHandler<D>,
  };
}

/** What the draft tracks and notifies, as typed configuration. */
export function resolveTracking(draft: TrackingDraft, notifyPriorityChangesDefault: boolean): TrackingAndNotification {
  return {
    trackInterfaces: draft.tracked.track_interface,
    trackScripts: draft.tracked.track_script,
    trackFiles: draft.tracked.track_file,
    trackProcesses: draft.tracked.track_process,
    trackBfd: draft.tracked.track_bfd,
    notify: resolveNotify(draft.notify),
    notifyPriorityChanges: draft.notifyPriorityChanges?.value ?? notifyPriorityChangesDefault,
    smtpAlert: draft.smtpAlert?.value ?? null,
  };
}

/** The notify commands as typed configuration. */
function resolveNotify(draft: TrackingDraft['notify']): NotifyCommands {
  return {
    master: draft.master?.value ?? null,
    backup: draft.backup?.value ?? null,
    fault: draft.fault?.value ?? null,
    stop: draft.stop?.value ?? null,
    deleted: draft.deleted?.value ?? null,
    masterRxLowerPriority: draft.masterRxLowerPriority?.value ?? null,
    any: draft.any?.value ?? null,
  };
}
