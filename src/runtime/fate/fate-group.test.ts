import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Logger } from '../../log/logger.js';
import { FateGroup, type FateMembers } from './fate-group.js';

const quiet: Logger = { write: () => undefined } as unknown as Logger;

function members(instances: string[], actions: string[]): FateMembers {
  return {
    instances,
    hold: (instance) => actions.push(`hold ${instance}`),
    release: (instance) => actions.push(`release ${instance}`),
  };
}

/** Resolves when `check` holds, re-testing on every turn of the event loop; bounded. */
async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('FateGroup across processes (vrrpd -M)', () => {
  it("one process's fall holds the other process's members, its recovery releases them", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'vipd-fate-'));
    // Two "processes": distinct pids (ours and our parent's, both alive).
    const a: string[] = [];
    const b: string[] = [];
    const groupA = new FateGroup(members(['VI_eth0'], a), { directory, expectedProcesses: 2, logger: quiet, pid: process.pid });
    const groupB = new FateGroup(members(['VI_eth1'], b), { directory, expectedProcesses: 2, logger: quiet, pid: process.ppid });
    try {
      groupA.onStateChanged('VI_eth0', 'initialize', 'backup');
      groupA.onStateChanged('VI_eth0', 'backup', 'master');
      groupB.onStateChanged('VI_eth1', 'initialize', 'backup');
      groupB.onStateChanged('VI_eth1', 'backup', 'master');
      assert.deepEqual([a, b], [[], []], 'startup and elections hold nobody');

      groupA.onStateChanged('VI_eth0', 'master', 'fault'); // eth0 lost carrier
      await eventually(() => b.length > 0);
      assert.deepEqual(b, ['hold VI_eth1']);
      assert.deepEqual(a, [], 'the fallen member is not held by its own mark');
      groupB.onStateChanged('VI_eth1', 'master', 'backup'); // the hold takes effect: no mark of its own
      assert.deepEqual(readdirSync(directory).filter((n) => n.endsWith('.down')), [`${process.pid}.VI_eth0.down`]);

      groupA.onStateChanged('VI_eth0', 'fault', 'backup');
      groupA.onStateChanged('VI_eth0', 'backup', 'master');
      await eventually(() => b.length > 1);
      assert.deepEqual(b, ['hold VI_eth1', 'release VI_eth1']);
    } finally {
      groupA.close();
      groupB.close();
      assert.equal(existsSync(directory), false, 'the last process out removes the directory');
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('ignores and removes the files of a process that died', () => {
    const directory = mkdtempSync(join(tmpdir(), 'vipd-fate-'));
    const dead = 2 ** 22 + 12345; // above pid_max's default range: never a live process
    const ghost = new FateGroup(members(['VI_x'], []), { directory, expectedProcesses: 1, logger: quiet, pid: dead });
    ghost.onStateChanged('VI_x', 'master', 'backup');
    const actions: string[] = [];
    const live = new FateGroup(members(['VI_y'], actions), { directory, expectedProcesses: 1, logger: quiet });
    try {
      assert.deepEqual(actions, [], "a dead process's mark holds nobody");
      assert.ok(!readdirSync(directory).some((n) => n.startsWith(`${dead}.`)), 'its files were removed');
    } finally {
      live.close();
      ghost.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
