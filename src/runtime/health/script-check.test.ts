import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ManualTime } from '../../../test/support/manual-time.js';
import { loadNativeBinding } from '../../io/native-binding.js';
import type { LogLine } from '../../log/log-lines.js';
import { systemMonotonicClock } from '../clock.js';
import { timerfdDeadlineSource } from '../timerfd-deadline-source.js';
import type { ProcessExit, ProcessRunner, ScriptUser, StartedProcess } from './process-runner.js';
import { workerProcessRunner } from './worker-process-runner.js';
import { ScriptCheck, type ScriptCheckSpec } from './script-check.js';

/** A runner whose processes end when the test says so. */
class FakeRunner implements ProcessRunner {
  readonly started: { argv: readonly string[]; user: ScriptUser | null; finish: (exit: ProcessExit) => void; killed: boolean }[] = [];
  start(argv: readonly string[], user: ScriptUser | null): StartedProcess {
    let finish: (exit: ProcessExit) => void = () => {};
    const exited = new Promise<ProcessExit>((resolve) => (finish = resolve));
    const entry = { argv, user, finish, killed: false };
    this.started.push(entry);
    return {
      exited,
      killGroup: () => {
        entry.killed = true;
        finish({ kind: 'signalled', signal: 9 });
      },
    };
  }
}

const spec: ScriptCheckSpec = { name: 'chk', command: ['/bin/chk', 'a'], intervalMs: 1000, timeoutMs: 500, rise: 2, fall: 2, initFail: false, user: null };

function harness(overrides: Partial<ScriptCheckSpec> = {}) {
  const time = new ManualTime();
  const runner = new FakeRunner();
  const lines: string[] = [];
  const changes: boolean[] = [];
  const check = new ScriptCheck({ ...spec, ...overrides }, {
    runner,
    clock: time.clock,
    deadlines: time,
    log: (line: LogLine) => lines.push(line.text),
    onChange: (up) => changes.push(up),
  });
  return { time, runner, lines, changes, check };
}

/** Lets promise callbacks (the exit handlers) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function finishRun(h: ReturnType<typeof harness>, exit: ProcessExit): Promise<void> {
  const last = h.runner.started.at(-1);
  assert.ok(last !== undefined, 'a run was started');
  last.finish(exit);
  await settle();
}

describe('ScriptCheck (fake runner, manual time)', () => {
  it('runs at start and then once per interval, with the configured argv and user', async () => {
    const h = harness({ user: { uid: 65534, gid: 65534 } });
    h.check.start();
    assert.equal(h.runner.started.length, 1);
    assert.deepEqual(h.runner.started[0]?.argv, ['/bin/chk', 'a']);
    assert.deepEqual(h.runner.started[0]?.user, { uid: 65534, gid: 65534 });
    await finishRun(h, { kind: 'exited', status: 0 });
    h.time.advanceMs(999);
    assert.equal(h.runner.started.length, 1);
    h.time.advanceMs(1);
    assert.equal(h.runner.started.length, 2);
    await h.check.stop();
  });

  it('logs and reports transitions in keepalived wording, only on transitions', async () => {
    const h = harness();
    h.check.start();
    for (const status of [3, 3, 0, 0, 0, 1, 1]) {
      await finishRun(h, { kind: 'exited', status });
      h.time.advanceMs(1000);
    }
    assert.deepEqual(h.lines, [
      'Script `chk` now returning 3',
      'VRRP_Script(chk) failed (exited with status 3)',
      'Script `chk` now returning 0',
      'VRRP_Script(chk) succeeded',
      'Script `chk` now returning 1',
      'VRRP_Script(chk) failed (exited with status 1)',
    ]);
    assert.deepEqual(h.changes, [false, true, false]);
    assert.equal(h.check.state, 'down');
    assert.equal(h.check.runs, 7);
    await h.check.stop();
  });

  it('reports a death by signal with its number', async () => {
    const h = harness({ fall: 1 });
    h.check.start();
    await finishRun(h, { kind: 'signalled', signal: 15 });
    assert.deepEqual(h.lines, ['VRRP_Script(chk) failed (due to signal 15)']);
  });

  it('skips a tick while the previous run is still going, never overlapping', async () => {
    const h = harness({ timeoutMs: 5000 });
    h.check.start();
    h.time.advanceMs(1000);
    h.time.advanceMs(1000);
    assert.equal(h.runner.started.length, 1);
    assert.equal(h.check.skipped, 2);
    assert.deepEqual(h.lines, [
      'Track script chk is already running, expect idle - skipping run',
      'Track script chk is already running, expect idle - skipping run',
    ]);
    await finishRun(h, { kind: 'exited', status: 0 });
    h.time.advanceMs(1000);
    assert.equal(h.runner.started.length, 2);
    await h.check.stop();
  });

  it('kills the process group on timeout and counts it as a failure (timed_out)', async () => {
    const h = harness({ fall: 1 });
    h.check.start();
    h.time.advanceMs(499);
    assert.equal(h.runner.started[0]?.killed, false);
    h.time.advanceMs(1);
    assert.equal(h.runner.started[0]?.killed, true);
    await settle();
    assert.deepEqual(h.lines, ['VRRP_Script(chk) timed_out']);
    assert.deepEqual(h.changes, [false]);
  });

  it('starts init_fail scripts as failed and brings them up on the first success', async () => {
    const h = harness({ initFail: true, rise: 3 });
    assert.equal(h.check.state, 'initFailed');
    h.check.start();
    await finishRun(h, { kind: 'exited', status: 0 });
    assert.equal(h.check.state, 'up');
    assert.deepEqual(h.changes, [true]);
    await h.check.stop();
  });

  it('stop kills a run in progress and reports nothing more', async () => {
    const h = harness();
    h.check.start();
    await h.check.stop();
    assert.equal(h.runner.started[0]?.killed, true);
    h.time.advanceMs(5000);
    assert.equal(h.runner.started.length, 1);
    assert.deepEqual(h.changes, []);
  });
});

describe('ScriptCheck (real processes, worker runner)', () => {
  const deadlines = timerfdDeadlineSource(loadNativeBinding());
  const runner = workerProcessRunner();
  after(() => runner.close());

  function realCheck(overrides: Partial<ScriptCheckSpec>, onChange: (up: boolean) => void, lines: string[] = []): ScriptCheck {
    return new ScriptCheck({ ...spec, ...overrides }, {
      runner,
      clock: systemMonotonicClock,
      deadlines,
      log: (line) => lines.push(line.text),
      onChange,
    });
  }

  it('kills the whole process group on timeout, background children included', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'vipd-script-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const pidFile = join(dir, 'pid');
    const lines: string[] = [];
    let check: ScriptCheck | undefined;
    const down = new Promise<boolean>((resolve) => {
      check = realCheck({ command: ['/bin/sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], intervalMs: 10_000, timeoutMs: 200, fall: 1 }, resolve, lines);
    });
    check?.start();
    const started = Date.now();
    assert.equal(await down, false);
    assert.ok(Date.now() - started < 5000);
    await check?.close();
    assert.deepEqual(lines, ['VRRP_Script(chk) timed_out']);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    // The background sleep was in the script's process group: it is gone (or a
    // zombie waiting for its new parent, init), not sleeping.
    let state = 'gone';
    try {
      state = readFileSync(`/proc/${grandchild}/stat`, 'utf8').replace(/^.*\) /, '').slice(0, 1);
    } catch {
      // no such process
    }
    assert.ok(state === 'gone' || state === 'Z' || state === 'X', `background child ${grandchild} is in state ${state}`);
  });

  it('runs the script as the configured uid/gid', { skip: process.getuid?.() !== 0 ? 'needs root to switch user' : false }, async () => {
    let check: ScriptCheck | undefined;
    const up = new Promise<boolean>((resolve) => {
      check = realCheck({ command: ['/bin/sh', '-c', 'test "$(id -u):$(id -g):$(id -G)" = 65534:65534:65534'], user: { uid: 65534, gid: 65534 }, intervalMs: 10_000, timeoutMs: 5000 }, resolve);
    });
    check?.start();
    assert.equal(await up, true);
    await check?.close();
  });

  it('fails a script that cannot be executed', async () => {
    const lines: string[] = [];
    let check: ScriptCheck | undefined;
    const up = new Promise<boolean>((resolve) => {
      check = realCheck({ command: ['/nonexistent/chk'], intervalMs: 10_000, timeoutMs: 5000, fall: 1 }, resolve, lines);
    });
    check?.start();
    assert.equal(await up, false);
    await check?.close();
    assert.match(lines[0] ?? '', /^VRRP_Script\(chk\) failed \(could not run: .*ENOENT/);
  });
});
