/**
 * Keeps every TrackProcess's set of matching pids current from process
 * events (proc-event-source.ts), as keepalived does with the proc connector:
 *
 *  - exec and comm changes: the process is read again from /proc and every
 *    tracker re-matches it (an exec can make a process match or stop
 *    matching);
 *  - fork of a new process (not a thread): the child is what its parent
 *    was, so it matches exactly the trackers its parent matches — no /proc
 *    read needed;
 *  - exit of a thread-group leader: gone from every tracker;
 *  - lost events (ENOBUFS) or a new tracker: a full /proc scan.
 *
 * Thread events (pid ≠ tgid) are ignored: trackers count processes.
 */
import type { ProcEvent } from './proc-connector.js';
import type { ProcReader } from './proc-reader.js';
import type { TrackProcess } from './track-process.js';

export class ProcessWatch {
  private readonly trackers = new Set<TrackProcess>();

  constructor(private readonly reader: ProcReader) {}

  /** Starts counting for `tracker`: its first verdict comes from a /proc scan. */
  add(tracker: TrackProcess): void {
    this.trackers.add(tracker);
    tracker.replaceAll(this.scan().filter(([, identity]) => tracker.matches(identity)).map(([pid]) => pid));
  }

  remove(tracker: TrackProcess): void {
    this.trackers.delete(tracker);
  }

  handle(events: readonly ProcEvent[]): void {
    if (this.trackers.size === 0) return;
    for (const event of events) {
      switch (event.kind) {
        case 'exec':
        case 'comm':
          if (event.pid === event.tgid) this.reread(event.pid);
          break;
        case 'fork':
          if (event.childPid === event.childTgid) {
            for (const tracker of this.trackers) if (tracker.hasPid(event.parentTgid)) tracker.set(event.childPid, true);
          }
          break;
        case 'exit':
          if (event.pid === event.tgid) for (const tracker of this.trackers) tracker.set(event.pid, false);
          break;
        case 'ack':
        case 'other':
          break;
      }
    }
  }

  /** After lost events: count everything again. */
  rescan(): void {
    const all = this.scan();
    for (const tracker of this.trackers) tracker.replaceAll(all.filter(([, identity]) => tracker.matches(identity)).map(([pid]) => pid));
  }

  private reread(pid: number): void {
    const identity = this.reader.identity(pid);
    for (const tracker of this.trackers) tracker.set(pid, identity !== null && tracker.matches(identity));
  }

  private scan(): [number, NonNullable<ReturnType<ProcReader['identity']>>][] {
    const found: [number, NonNullable<ReturnType<ProcReader['identity']>>][] = [];
    for (const pid of this.reader.pids()) {
      const identity = this.reader.identity(pid);
      if (identity !== null) found.push([pid, identity]);
    }
    return found;
  }
}
