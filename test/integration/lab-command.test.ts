/**
 * The README's first command: `vipd lab` builds the three-router LAN, moves
 * the VIP by pulling the master's cable, brings it back, and leaves nothing
 * behind.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { labAvailability } from '../../src/lab/namespace-lan.js';
import { LineWatcher } from '../../src/lab/line-watcher.js';
import { stopProcess } from '../../src/lab/process-exit.js';

const availability = await labAvailability();
const VIPD = fileURLToPath(new URL('../../src/bin/vipd.js', import.meta.url));

/** `vipd lab` as a child; resolves once it has named its namespace prefix. */
async function startLab(): Promise<{ child: ChildProcess; output: LineWatcher; exited: Promise<number | null>; prefix: string }> {
  const child = spawn(process.execPath, [VIPD, 'lab'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new LineWatcher(child.stdout, child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const namespaces = await output.waitFor(/^Namespaces (\S+)sw and /, 30_000);
  return { child, output, exited, prefix: /^Namespaces (\S+)sw and /.exec(namespaces)?.[1] ?? '' };
}

describe('vipd lab', { skip: availability.available ? false : availability.reason }, () => {
  it('shows the VIP moving with its failover time against the RFC limit, and removes everything', async () => {
    const { child, output, exited, prefix } = await startLab();
    try {
      const moved = await output.waitFor(/moved r1 → r2 in [\d.]+ ms .*Master_Down_Interval for r2 is 360\.938 ms/, 30_000);
      const measuredMs = Number(/in ([\d.]+) ms/.exec(moved)?.[1]);
      assert.ok(measuredMs >= 359.9 && measuredMs < 500, `failover of ${measuredMs} ms`);
      await output.waitFor(/r1 preempted r2/, 30_000);
      assert.equal(await exited, 0, output.lines.join('\n'));
      assert.match(output.lines.join('\n'), /Done: nothing of the lab is left\./);
      const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
      assert.ok(prefix !== '' && !left.includes(prefix), `namespaces left behind: ${left}`);
    } finally {
      await stopProcess(child, 'SIGINT', 10_000);
    }
  });

  it('removes everything when interrupted with Ctrl-C halfway', async () => {
    const { child, output, exited, prefix } = await startLab();
    try {
      await output.waitFor(/Pulling r1's cable/, 30_000);
      child.kill('SIGINT');
      assert.equal(await exited, 130);
      const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
      assert.ok(prefix !== '' && !left.includes(prefix), `namespaces left behind: ${left}`);
      const daemons = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(prefix));
      assert.deepEqual(daemons, [], 'no vipd of this lab is left running');
    } finally {
      await stopProcess(child, 'SIGKILL', 10_000);
    }
  });
});
