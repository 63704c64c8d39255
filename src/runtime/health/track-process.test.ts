import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTime } from '../../../test/support/manual-time.js';
import type { ProcEvent } from './proc-connector.js';
import type { ProcReader } from './proc-reader.js';
import type { ProcessIdentity } from './process-match.js';
import { ProcessWatch } from './process-watch.js';
import { TrackProcess, type TrackProcessSpec } from './track-process.js';

const spec: TrackProcessSpec = {
  name: 'tp',
  process: 'worker',
  params: null,
  fullCommand: false,
  paramMatch: 'exact',
  quorum: 2,
  quorumMax: 3,
  forkDelayMs: 0,
  terminateDelayMs: 0,
};

function harness(overrides: Partial<TrackProcessSpec> = {}, initial: Record<number, ProcessIdentity> = {}) {
  const time = new ManualTime();
  const table = new Map<number, ProcessIdentity>(Object.entries(initial).map(([pid, identity]) => [Number(pid), identity]));
  const reader: ProcReader = { identity: (pid) => table.get(pid) ?? null, pids: () => [...table.keys()] };
  const changes: boolean[] = [];
  const tracker = new TrackProcess({ ...spec, ...overrides }, { clock: time.clock, deadlines: time, onChange: (up) => changes.push(up) });
  const watch = new ProcessWatch(reader);
  watch.add(tracker);
  const exec = (pid: number, comm: string): void => {
    table.set(pid, { comm, argv: [`/bin/${comm}`] });
    watch.handle([{ kind: 'exec', pid, tgid: pid }]);
  };
  const fork = (parent: number, child: number): void => {
    const identity = table.get(parent);
    if (identity !== undefined) table.set(child, identity);
    watch.handle([{ kind: 'fork', parentTgid: parent, childPid: child, childTgid: child }]);
  };
  const exit = (pid: number): void => {
    table.delete(pid);
    watch.handle([{ kind: 'exit', pid, tgid: pid }]);
  };
  return { time, table, tracker, watch, changes, exec, fork, exit };
}

const worker = { comm: 'worker', argv: ['/bin/worker'] };
const other = { comm: 'other', argv: ['/bin/other'] };

describe('TrackProcess + ProcessWatch', () => {
  it('takes its first verdict from the /proc scan, without a change event', () => {
    const h = harness({}, { 10: worker, 11: worker, 12: other });
    assert.equal(h.tracker.count, 2);
    assert.equal(h.tracker.up, true);
    assert.deepEqual(h.changes, []);
    assert.equal(harness({}, { 10: worker }).tracker.up, false);
  });

  it('counts exec, fork and exit of processes and reports quorum changes', () => {
    const h = harness({}, { 10: worker });
    h.exec(20, 'worker');
    assert.deepEqual(h.changes, [true]);
    h.fork(20, 21);
    h.fork(21, 22);
    assert.equal(h.tracker.count, 4);
    assert.deepEqual(h.changes, [true, false], 'above quorum_max 3');
    h.exit(22);
    assert.deepEqual(h.changes, [true, false, true]);
    h.exec(21, 'other'); // exec'd into something else
    h.exit(20);
    assert.equal(h.tracker.count, 1);
    assert.deepEqual(h.changes, [true, false, true, false]);
  });

  it('ignores threads and forks of processes it does not count', () => {
    const h = harness({}, { 10: worker, 30: other });
    const events: ProcEvent[] = [
      { kind: 'fork', parentTgid: 10, childPid: 11, childTgid: 10 },
      { kind: 'fork', parentTgid: 30, childPid: 31, childTgid: 31 },
      { kind: 'exit', pid: 11, tgid: 10 },
    ];
    h.watch.handle(events);
    assert.equal(h.tracker.count, 1);
    assert.deepEqual(h.changes, []);
  });

  it('waits terminate_delay before going down, and forgets a loss repaired meanwhile', () => {
    const h = harness({ terminateDelayMs: 1000, forkDelayMs: 500 }, { 10: worker, 11: worker });
    h.exit(11);
    h.time.advanceMs(999);
    assert.deepEqual(h.changes, []);
    h.exec(12, 'worker');
    h.time.advanceMs(5000);
    assert.deepEqual(h.changes, [], 'the count recovered within the delay');
    h.exit(12);
    h.time.advanceMs(1000);
    assert.deepEqual(h.changes, [false]);
    h.exec(13, 'worker');
    h.time.advanceMs(499);
    assert.deepEqual(h.changes, [false]);
    h.time.advanceMs(1);
    assert.deepEqual(h.changes, [false, true]);
  });

  it('rescans after lost events', () => {
    const h = harness({}, { 10: worker });
    h.table.set(40, worker);
    h.table.set(41, worker);
    h.watch.rescan();
    assert.equal(h.tracker.count, 3);
    assert.deepEqual(h.changes, [true]);
  });
});
