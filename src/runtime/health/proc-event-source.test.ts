import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSystemError, loadNativeBinding } from '../../io/native-binding.js';
import { systemMonotonicClock } from '../clock.js';
import { timerfdDeadlineSource } from '../timerfd-deadline-source.js';
import { openProcEventSource, type ProcEventSource } from './proc-event-source.js';
import { procfsReader } from './proc-reader.js';
import { ProcessWatch } from './process-watch.js';
import { TrackProcess } from './track-process.js';

const binding = loadNativeBinding();

/** Whether the proc connector answers here (root, initial network namespace). */
function connectorReason(): string | false {
  if (process.getuid?.() !== 0) return 'the proc connector needs CAP_NET_ADMIN';
  try {
    openProcEventSource(binding, { onEvents: () => {}, onLost: () => {}, onError: () => {} }).close();
    return false;
  } catch (error) {
    return `the proc connector is not available here (${isSystemError(error) ? error.code : String(error)}; it works only in the initial network namespace)`;
  }
}

describe('process tracking through the proc connector', { skip: connectorReason() }, () => {
  it('sees matching processes start and exit, event-driven', { timeout: 20_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'vipd-track-process-'));
    // A private copy of sleep, so that comm is a name nobody else runs.
    const name = `vtp${process.pid}`.slice(0, 15);
    const program = join(dir, name);
    copyFileSync('/bin/sleep', program);
    chmodSync(program, 0o755);
    const children: ReturnType<typeof spawn>[] = [];
    let source: ProcEventSource | undefined;
    t.after(() => {
      source?.close();
      for (const child of children) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });

    const changes: boolean[] = [];
    const waiters: (() => void)[] = [];
    const tracker = new TrackProcess(
      { name: 'tp', process: name, params: ['30'], fullCommand: false, paramMatch: 'exact', quorum: 2, quorumMax: null, forkDelayMs: 0, terminateDelayMs: 0 },
      {
        clock: systemMonotonicClock,
        deadlines: timerfdDeadlineSource(binding),
        onChange: (up) => {
          changes.push(up);
          waiters.shift()?.();
        },
      },
    );
    const watch = new ProcessWatch(procfsReader);
    let lost = 0;
    source = openProcEventSource(binding, {
      onEvents: (events) => watch.handle(events),
      onLost: () => {
        lost += 1;
        watch.rescan();
      },
      onError: (error) => assert.fail(error),
    });
    watch.add(tracker);
    assert.equal(tracker.up, false);
    const nextChange = (what: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change (${what}) within 5 s; count ${tracker.count}`)), 5000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });

    const start = (arg: string) => {
      const child = spawn(program, [arg], { stdio: 'ignore' });
      children.push(child);
      return child;
    };
    start('30');
    start('31'); // wrong parameter: not counted
    let change = nextChange('second match starts');
    const second = start('30');
    await change;
    assert.deepEqual(changes, [true]);
    assert.equal(tracker.count, 2);
    change = nextChange('a match exits');
    second.kill('SIGKILL');
    await change;
    assert.deepEqual(changes, [true, false]);
    assert.equal(tracker.count, 1);
    t.diagnostic(`events lost and rescanned: ${lost}`);
    tracker.close();
  });
});
