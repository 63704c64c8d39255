/**
 * One process's side of a fate-sharing group (vrrpd -M): marks its own
 * members down or up as they fall and recover (fate-marker-policy.ts), and
 * holds in BACKUP, or releases, each of its members as the group's marks
 * come and go (fate-directory.ts tells it, event-driven).
 */
import type { Logger } from '../../log/logger.js';
import type { VrrpStateName } from '../../protocol/vrrp-state.js';
import { FateDirectory, type FateView } from './fate-directory.js';
import { markAfterTransition, mustHold } from './fate-marker-policy.js';

/** What the group needs from the daemon: the administrative hold of one instance. */
export interface FateMembers {
  readonly instances: readonly string[];
  hold(instance: string): void;
  release(instance: string): void;
}

export interface FateGroupOptions {
  readonly directory: string;
  /** vrrpd -M N: how many processes the group should have. */
  readonly expectedProcesses: number;
  readonly logger: Logger;
  readonly pid?: number;
}

export class FateGroup {
  private readonly held = new Set<string>();
  private readonly directory: FateDirectory;
  private readonly pid: number;
  private lastProcesses = -1;

  constructor(
    private readonly members: FateMembers,
    private readonly options: FateGroupOptions,
  ) {
    this.pid = options.pid ?? process.pid;
    this.directory = FateDirectory.open(options.directory, (view) => this.apply(view), this.pid);
  }

  /** Tell the group of every transition of this process's members. */
  onStateChanged(instance: string, from: VrrpStateName, to: VrrpStateName): void {
    if (!this.members.instances.includes(instance)) return;
    switch (markAfterTransition(from, to, this.held.has(instance))) {
      case 'mark':
        this.options.logger.write({ level: 'info', text: `(${instance}) fate group: down, holding the group in BACKUP` });
        this.directory.markDown(instance);
        return;
      case 'clear':
        this.directory.clearDown(instance);
        return;
      case 'keep':
        return;
    }
  }

  close(): void {
    this.directory.close();
  }

  private apply(view: FateView): void {
    if (view.processes !== this.lastProcesses) {
      this.lastProcesses = view.processes;
      if (view.processes < this.options.expectedProcesses) {
        this.options.logger.write({
          level: 'warning',
          text: `fate group: ${view.processes} of the ${this.options.expectedProcesses} processes of -M ${this.options.expectedProcesses} are running`,
        });
      }
    }
    for (const instance of this.members.instances) {
      const hold = mustHold(`${this.pid}.${instance}`, view.down);
      if (hold && !this.held.has(instance)) {
        this.held.add(instance);
        this.options.logger.write({ level: 'info', text: `(${instance}) fate group: held in BACKUP (down: ${[...view.down].join(' ')})` });
        this.members.hold(instance);
      } else if (!hold && this.held.has(instance)) {
        this.held.delete(instance);
        this.options.logger.write({ level: 'info', text: `(${instance}) fate group: released` });
        this.members.release(instance);
      }
    }
  }
}
