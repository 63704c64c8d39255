/**
 * keepalived's vrrp_track_process (weight 0: FAULT while the quorum is not
 * met) in a network namespace. The kernel's process events are not sent
 * into a network namespace (keepalived 2.2.7 fails there too), so vipd falls
 * back to reading /proc every second; the verdicts are the same.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';

const availability = await labAvailability();
const directory = mkdtempSync(join(tmpdir(), 'vipd-track-process-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** A process whose name (comm) is unique to this run: a copy of sleep. */
const CANARY = `vipdcanary${process.pid % 10000}`;
const canaryPath = join(directory, CANARY);
copyFileSync('/bin/sleep', canaryPath);

function startCanary(): ChildProcess {
  return spawn(canaryPath, ['600'], { stdio: 'ignore' });
}

function stopCanary(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('vrrp_track_process weight 0', { skip: availability.available ? false : availability.reason }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 1 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('the tracked process exits → FAULT naming it; it runs again → back to MASTER', async () => {
    let canary = startCanary();
    const vipd = await VipdProcess.start(
      lab,
      lab.host(1),
      `vrrp_track_process canary {\n    process ${CANARY}\n    weight 0\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 81\n    priority 150\n    advert_int 0.1\n    version 3\n    virtual_ipaddress {\n        ${lab.ipv4(100)}/24\n    }\n    track_process {\n        canary\n    }\n}\n`,
    );
    try {
      await vipd.waitForState('VI_1', 'MASTER', 5000);
      const mark = vipd.output.lines.length;
      await stopCanary(canary);
      await vipd.output.waitFor(/\(VI_1\) entering FAULT state \(tracked process canary quorum not achieved\)/, 5000, mark);
      await vipd.waitForState('VI_1', 'FAULT', 5000, mark);
      const back = vipd.output.lines.length;
      canary = startCanary();
      await vipd.waitForState('VI_1', 'MASTER', 8000, back);
      const [status] = await vipd.status();
      assert.deepEqual(status?.trackers.find((t) => t.name === 'process canary'), { name: 'process canary', weight: 0, reverse: false, up: true });
    } finally {
      await stopCanary(canary);
      await vipd.stop();
    }
  });
});
