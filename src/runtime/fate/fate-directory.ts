/**
 * The shared state of a fate-sharing group (vrrpd -M) across the vipd
 * processes of one router: a directory with one file per down member
 * (`<pid>.<instance>.down`) and one per running process
 * (`<pid>.member`), watched with inotify (fs.watch), so every process learns
 * of a fall as it happens, with no polling and no signals (vrrpd's statedown
 * files and SIGUSR2, replaced).
 *
 * "One router" is one network namespace: the default directory is named
 * after the namespace's inode, so routers simulated in namespaces on one
 * machine do not share fate. Files of processes that died are ignored and
 * removed.
 */
import { mkdirSync, readdirSync, readlinkSync, rmdirSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../process-alive.js';

const DOWN_SUFFIX = '.down';
const MEMBER_SUFFIX = '.member';

/** /run/vipd/fate-<netns inode>: one directory per router. */
export function defaultFateDirectory(): string {
  const namespace = readlinkSync('/proc/self/ns/net'); // "net:[4026531992]"
  const inode = /\[(\d+)\]/.exec(namespace)?.[1] ?? 'default';
  return join('/run/vipd', `fate-${inode}`);
}

export interface FateView {
  /** Down members, as `<pid>.<instance>`. */
  readonly down: ReadonlySet<string>;
  /** Running processes of the group. */
  readonly processes: number;
}

export class FateDirectory {
  private watcher: FSWatcher | null = null;
  private readonly own = new Set<string>();
  private last = '';

  private constructor(
    readonly path: string,
    private readonly pid: number,
    private readonly onChange: (view: FateView) => void,
  ) {}

  /** Joins the group: registers this process and starts watching. */
  static open(path: string, onChange: (view: FateView) => void, pid = process.pid): FateDirectory {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const directory = new FateDirectory(path, pid, onChange);
    writeFileSync(join(path, `${pid}${MEMBER_SUFFIX}`), '');
    directory.watcher = watch(path, () => directory.refresh());
    directory.refresh();
    return directory;
  }

  /** This process's member `instance` is down. */
  markDown(instance: string): void {
    const id = `${this.pid}.${instance}`;
    this.own.add(id);
    writeFileSync(join(this.path, id + DOWN_SUFFIX), '');
    this.refresh();
  }

  clearDown(instance: string): void {
    const id = `${this.pid}.${instance}`;
    this.own.delete(id);
    rmSync(join(this.path, id + DOWN_SUFFIX), { force: true });
    this.refresh();
  }

  /** Who is down now, read from the directory (stale files of dead processes removed). */
  view(): FateView {
    const down = new Set<string>();
    let processes = 0;
    for (const name of readdirSync(this.path)) {
      const pid = Number(name.split('.')[0]);
      if (!Number.isInteger(pid) || pid <= 0) continue;
      if (!isProcessAlive(pid)) {
        rmSync(join(this.path, name), { force: true });
        continue;
      }
      if (name.endsWith(MEMBER_SUFFIX)) processes++;
      else if (name.endsWith(DOWN_SUFFIX)) down.add(name.slice(0, -DOWN_SUFFIX.length));
    }
    return { down, processes };
  }

  /** Leaves the group: this process's files are removed and the watch stops. */
  close(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const id of this.own) rmSync(join(this.path, id + DOWN_SUFFIX), { force: true });
    this.own.clear();
    rmSync(join(this.path, `${this.pid}${MEMBER_SUFFIX}`), { force: true });
    // The last process out removes the directory; while others remain it is not empty.
    try {
      rmdirSync(this.path);
    } catch {
      // still in use
    }
  }

  private refresh(): void {
    if (this.watcher === null) return;
    const view = this.view();
    const key = `${[...view.down].sort().join(',')}|${view.processes}`;
    if (key === this.last) return;
    this.last = key;
    this.onChange(view);
  }
}
