/**
 * What keepalived does for one transition, in its order (keepalived 2.2.7,
 * namespace runs with recording notify scripts and a FIFO reader):
 *
 *  1. the state's own script (notify_master, …) with ONLY its configured
 *     arguments: `notify_master "/run/kxq/m a b 'c d' x"` got [a][b][c d][x],
 *     `notify_backup /run/kxh/notify_backup` got no argument at all;
 *  2. the generic `notify` with its own arguments and then INSTANCE|GROUP,
 *     the name, the state and the priority appended: `notify
 *     "/run/kxh/notify_all x"` got "x INSTANCE VI_1 MASTER 94" (94 being the
 *     effective priority after tracking), a sync group's
 *     "grp GROUP G BACKUP 0" (0 for groups);
 *  3. one line on the notify FIFO: `INSTANCE "VI_1" MASTER 94`,
 *     `GROUP "G" FAULT 0`.
 *
 * Scripts are launched without waiting for each other, so they may finish in
 * any order; the FIFO lines are in transition order.
 */
import type { NotifyCommand, NotifySpec, NotifyState, NotifyTransition } from './notify-spec.js';

export interface NotifyPlan {
  /** Commands to launch, in launch order. */
  readonly commands: readonly NotifyCommand[];
  /** The FIFO line, without its newline. */
  readonly fifoLine: string;
}

export function planNotify(spec: NotifySpec, transition: NotifyTransition): NotifyPlan {
  const commands: NotifyCommand[] = [];
  const own = ownScript(spec, transition.state);
  if (own !== null) commands.push(own);
  const words = notifyWords(transition);
  if (spec.generic !== null) commands.push({ argv: [...spec.generic.argv, ...words], user: spec.generic.user });
  return { commands, fifoLine: `${words[0]} "${words[1]}" ${words[2]} ${words[3]}` };
}

/** INSTANCE|GROUP, name, state, priority (0 for groups). */
function notifyWords(transition: NotifyTransition): [string, string, NotifyState, string] {
  const kind = transition.subject.kind === 'instance' ? 'INSTANCE' : 'GROUP';
  const priority = transition.subject.kind === 'instance' ? transition.priority : 0;
  return [kind, transition.subject.name, transition.state, String(priority)];
}

function ownScript(spec: NotifySpec, state: NotifyState): NotifyCommand | null {
  switch (state) {
    case 'MASTER':
      return spec.master;
    case 'BACKUP':
      return spec.backup;
    case 'FAULT':
      return spec.fault;
    case 'STOP':
      return spec.stop;
    case 'DELETED':
      return spec.deleted;
  }
}
