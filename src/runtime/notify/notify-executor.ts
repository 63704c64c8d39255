/**
 * Runs the notifications of transitions: launches the planned scripts
 * (notify-plan.ts) in keepalived's order without waiting for them — each in
 * its own process group, stdio on /dev/null, reaped by libuv — then writes
 * the FIFO line. FIFO lines are therefore in the order notify() is called.
 *
 * notify() returns a promise for "all scripts of this transition have
 * exited", which the daemon may await (bounded) at shutdown: keepalived
 * gives notify_stop scripts about 1 s.
 */
import type { ProcessRunner } from '../health/process-runner.js';
import { planNotify } from './notify-plan.js';
import type { NotifySpec, NotifyTransition } from './notify-spec.js';

/** Where FIFO lines go: a NotifyFifo, or a recorder in tests. */
export interface NotifyLineSink {
  write(line: string): void;
}

export class NotifyExecutor {
  constructor(
    private readonly runner: ProcessRunner,
    private readonly fifo: NotifyLineSink | null,
  ) {}

  notify(spec: NotifySpec, transition: NotifyTransition): Promise<void> {
    const plan = planNotify(spec, transition);
    const exits = plan.commands.map((command) => this.runner.start(command.argv, command.user).exited);
    this.fifo?.write(plan.fifoLine);
    return Promise.all(exits).then(() => undefined);
  }
}
