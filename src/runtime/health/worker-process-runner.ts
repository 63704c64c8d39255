/**
 * A ProcessRunner that forks on a worker thread (spawn-worker.ts).
 *
 * Why: libuv's uv_spawn forks and then waits on the calling thread until the
 * child has exec'd. On the main thread that stalls the event loop by ~1 ms
 * per run on an idle 2-core machine and by tens of ms on a loaded one (our
 * measurement: 3,000 /bin/true runs, lag p99 80 ms spawning on the main
 * thread, 3 ms from a worker). The VRRP timers must not wait for scripts.
 *
 * Kills are sent from this thread straight to the process group (the worker
 * reports each pid as soon as spawn returns). The worker is ref'd only while
 * runs are outstanding, so an idle runner never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import { killProcessGroup, type ProcessExit, type ProcessRunner } from './process-runner.js';
import type { SpawnReport, SpawnRequest } from './spawn-worker-protocol.js';

export interface ClosableProcessRunner extends ProcessRunner {
  /**
   * Kills the process groups of runs still outstanding, waits until they are
   * reaped (by the worker's loop, which must outlive them), then stops the
   * worker.
   */
  close(): Promise<void>;
}

interface Pending {
  pid: number | null;
  killWanted: boolean;
  ended: boolean;
  resolve: (exit: ProcessExit) => void;
}

export function workerProcessRunner(): ClosableProcessRunner {
  // The thread starts with the first run: a daemon without vrrp_scripts never has one.
  let started: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: string | null = null;

  const settle = (id: number, exit: ProcessExit): void => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    pending.delete(id);
    entry.ended = true;
    if (pending.size === 0) started?.unref();
    entry.resolve(exit);
  };
  const failAll = (message: string): void => {
    dead = message;
    for (const id of [...pending.keys()]) settle(id, { kind: 'spawnFailed', message });
  };

  const worker = (): Worker => {
    if (started !== null) return started;
    const thread = new Worker(new URL('./spawn-worker.js', import.meta.url));
    thread.unref();
    thread.on('message', (report: SpawnReport) => {
      const entry = pending.get(report.id);
      if (entry === undefined) return;
      if (report.kind === 'started') {
        entry.pid = report.pid;
        if (entry.killWanted) killProcessGroup(report.pid);
      } else {
        settle(report.id, report.exit);
      }
    });
    thread.on('error', (error) => failAll(`spawn worker failed: ${error.message}`));
    thread.on('exit', () => failAll('spawn worker stopped'));
    started = thread;
    return thread;
  };

  return {
    start(argv, user) {
      if (dead !== null) return { exited: Promise.resolve({ kind: 'spawnFailed', message: dead }), killGroup: () => {} };
      const id = nextId++;
      let resolve: (exit: ProcessExit) => void = () => {};
      const exited = new Promise<ProcessExit>((r) => (resolve = r));
      const entry: Pending = { pid: null, killWanted: false, ended: false, resolve };
      pending.set(id, entry);
      const thread = worker();
      thread.ref();
      thread.postMessage({ id, argv, user } satisfies SpawnRequest);
      return {
        exited,
        killGroup() {
          if (entry.ended) return;
          entry.killWanted = true;
          if (entry.pid !== null) killProcessGroup(entry.pid);
        },
      };
    },
    async close() {
      const outstanding: Promise<unknown>[] = [];
      for (const entry of pending.values()) {
        entry.killWanted = true;
        if (entry.pid !== null) killProcessGroup(entry.pid);
        outstanding.push(new Promise<void>((resolve) => {
          const original = entry.resolve;
          entry.resolve = (exit) => {
            original(exit);
            resolve();
          };
        }));
      }
      await Promise.all(outstanding);
      await started?.terminate();
      failAll('spawn worker stopped');
    },
  };
}
