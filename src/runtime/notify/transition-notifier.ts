/**
 * keepalived's notifications on every transition (keepalived.conf(5)
 * notify_master|backup|fault|stop, notify, notify_fifo; reference §4
 * "Notify scripts"): the instance's or sync group's own script, then the
 * generic `notify` with TYPE NAME STATE PRIORITY appended, then the FIFO line,
 * in transition order (notify-executor.ts carries that out).
 *
 * INIT → BACKUP notifies BACKUP as keepalived does at startup; reaching
 * INIT again (shutdown, or removal by a reload) notifies STOP, or DELETED for
 * a removed instance whose notify_deleted asks for it.
 */
import type { CommandSpec, NotifyCommands, RunAs, VipdConfig } from '../../config/config-types.js';
import type { Logger } from '../../log/logger.js';
import type { VrrpStateName } from '../../protocol/vrrp-state.js';
import type { ProcessRunner } from '../health/process-runner.js';
import { resolveRunAs, type AccountDatabase } from '../tracking/run-as.js';
import { NotifyExecutor } from './notify-executor.js';
import { NotifyFifo } from './notify-fifo.js';
import { NO_NOTIFY, type NotifyCommand, type NotifySpec, type NotifyState } from './notify-spec.js';

/** keepalived gives notify_stop scripts about a second at shutdown. */
const STOP_GRACE_MS = 1000;

const STATE_WORD: Readonly<Record<Exclude<VrrpStateName, 'initialize'>, NotifyState>> = {
  master: 'MASTER',
  backup: 'BACKUP',
  fault: 'FAULT',
};

export class TransitionNotifier {
  private instances = new Map<string, { spec: NotifySpec; reportDeleted: boolean }>();
  private groups = new Map<string, NotifySpec>();
  private fifo: NotifyFifo | null = null;
  private fifoPath: string | null = null;
  private executor: NotifyExecutor;
  private readonly outstanding = new Set<Promise<void>>();

  constructor(
    private readonly runner: ProcessRunner,
    private readonly accounts: AccountDatabase,
    private readonly logger: Logger,
  ) {
    this.executor = new NotifyExecutor(runner, null);
  }

  /** Take the notify settings of `config` (at start and on reload). */
  configure(config: VipdConfig): void {
    const scriptUser = config.globalDefs.scriptUser;
    const specOf = (owner: string, commands: NotifyCommands): NotifySpec => ({
      master: this.command(owner, commands.master, scriptUser),
      backup: this.command(owner, commands.backup, scriptUser),
      fault: this.command(owner, commands.fault, scriptUser),
      stop: this.command(owner, commands.stop, scriptUser),
      deleted: commands.deleted === 'reportDeletedState' ? null : this.command(owner, commands.deleted, scriptUser),
      generic: this.command(owner, commands.any, scriptUser),
    });
    this.instances = new Map(
      config.instances.map((i) => [i.name, { spec: specOf(`(${i.name})`, i.notify), reportDeleted: i.notify.deleted !== null }]),
    );
    this.groups = new Map(config.syncGroups.map((g) => [g.name, specOf(`VRRP_Group(${g.name})`, g.notify)]));
    const path = config.globalDefs.notifyFifo?.path ?? null;
    if (path !== this.fifoPath) {
      void this.fifo?.close();
      this.fifo = path === null ? null : NotifyFifo.open(path, (line) => this.logger.write(line));
      this.fifoPath = path;
      this.executor = new NotifyExecutor(this.runner, this.fifo);
    }
  }

  instanceChanged(name: string, from: VrrpStateName, to: VrrpStateName, priority: number, removed = false): void {
    if (from === to) return;
    const entry = this.instances.get(name);
    const spec = entry?.spec ?? NO_NOTIFY;
    const state: NotifyState | null = to === 'initialize' ? (removed && entry?.reportDeleted === true ? 'DELETED' : 'STOP') : STATE_WORD[to];
    this.track(this.executor.notify(spec, { subject: { kind: 'instance', name }, state, priority }));
  }

  groupChanged(name: string, state: 'MASTER' | 'BACKUP' | 'FAULT' | 'STOP'): void {
    this.track(this.executor.notify(this.groups.get(name) ?? NO_NOTIFY, { subject: { kind: 'group', name }, state, priority: 0 }));
  }

  /** Waits (at most about a second, as keepalived) for the scripts still running, then closes the FIFO. */
  async stop(): Promise<void> {
    await Promise.race([Promise.all(this.outstanding), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    await this.fifo?.close();
    this.fifo = null;
  }

  private track(exits: Promise<void>): void {
    this.outstanding.add(exits);
    void exits.finally(() => this.outstanding.delete(exits));
  }

  private command(owner: string, spec: CommandSpec | null, scriptUser: RunAs | null): NotifyCommand | null {
    if (spec === null || spec.argv.length === 0) return null;
    const user = resolveRunAs(spec.runAs, scriptUser, this.accounts);
    if (!user.ok) {
      this.logger.write({ level: 'error', text: `${owner} notify script ${spec.argv[0] ?? ''} will not run: ${user.reason}` });
      return null;
    }
    return { argv: spec.argv, user: user.user };
  }
}
