/**
 * Failover driven by the application's health (keepalived vrrp_script +
 * track_script) and the notifications that go with it (notify, notify_fifo),
 * against real keepalived in both roles:
 * - the master (150) runs a check script with weight −60; when the check
 *   fails its priority is 90, the backup (100) preempts; when the check
 *   passes again the master preempts back;
 * - vipd's generic `notify` script records `INSTANCE VI_1 BACKUP 150`,
 *   `… MASTER 150`, `… BACKUP 90`, `… MASTER 150`, `… STOP 150`, and its
 *   FIFO gets the same transitions, in order, in keepalived's line format;
 * - with enable_script_security a check script others may write is refused
 *   with keepalived's words and never run.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import type { LabDaemon } from '../../src/lab/lab-daemon.js';
import { LineWatcher } from '../../src/lab/line-watcher.js';
import { Lab, type LabHost } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { eventually, keepalivedComplaints, keepalivedSkipReason } from './interop-support.js';

const skip = await keepalivedSkipReason();
const STATE_TIMEOUT_MS = 10_000;

const directory = mkdtempSync(join(tmpdir(), 'vipd-script-tracking-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** A check that passes while `flag` exists. */
function checkScript(name: string, flag: string): string {
  const file = join(directory, name);
  writeFileSync(file, `#!/bin/sh\ntest -e '${flag}'\n`);
  chmodSync(file, 0o755);
  return file;
}

/** `notify` target: appends its arguments as one line. */
function recordingScript(name: string, out: string): string {
  const file = join(directory, name);
  writeFileSync(file, `#!/bin/sh\necho "$@" >> '${out}'\n`);
  chmodSync(file, 0o755);
  return file;
}

function config(lab: Lab, priority: number, check: string | null, extra = ''): string {
  const script = check === null ? '' : `vrrp_script chk_app {\n    script "${check}"\n    interval 1\n    fall 1\n    rise 1\n}\n`;
  return `${script}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 71
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
${check === null ? '' : '    track_script {\n        chk_app weight -60\n    }\n'}${extra}}
`;
}

function start(kind: 'vipd' | 'keepalived', lab: Lab, host: LabHost, text: string): Promise<LabDaemon> {
  return kind === 'vipd' ? VipdProcess.start(lab, host, text) : KeepalivedProcess.start(lab, host, text);
}

for (const [masterKind, backupKind] of [['vipd', 'vipd'], ['vipd', 'keepalived'], ['keepalived', 'vipd']] as const) {
  describe(`track_script weight −60: checked master ${masterKind}, backup ${backupKind}`, { skip }, () => {
    let lab: Lab;
    before(async () => {
      lab = await Lab.create({ hosts: 2 });
    });
    after(async () => {
      await lab.destroy();
    });

    it('the check fails → 150 − 60 = 90 → the backup takes over; it passes again → the master preempts back; vipd notifies each transition', async () => {
      const [h1, h2] = [lab.host(1), lab.host(2)];
      const run = `${masterKind}-${backupKind}`;
      const flag = join(directory, `${run}-healthy`);
      writeFileSync(flag, '');
      const check = checkScript(`${run}-check.sh`, flag);
      const notified = join(directory, `${run}-notified`);
      const fifo = join(directory, `${run}.fifo`);
      const notify = recordingScript(`${run}-notify.sh`, notified);
      // The watched vipd (the master when it is vipd) reports its transitions through notify and the FIFO.
      const watchMaster = masterKind === 'vipd';
      const vipdExtra = `    notify "${notify}"\n`;
      const vipdGlobal = `global_defs {\n    notify_fifo ${fifo}\n}\n`;
      const masterText = (watchMaster ? vipdGlobal : '') + config(lab, 150, check, watchMaster ? vipdExtra : '');
      const backupText = (watchMaster ? '' : vipdGlobal) + config(lab, 100, null, watchMaster ? '' : vipdExtra);
      const master = await start(masterKind, lab, h1, masterText);
      const backup = await start(backupKind, lab, h2, backupText);
      const vipd = watchMaster ? master : backup;
      // A reader on vipd's FIFO (vipd creates it), collecting lines as they come.
      await eventually(async () => existsSync(fifo), 5000, 'vipd to create its notify FIFO');
      const reader = lab.spawn(h1.namespace, 'cat', [fifo]);
      const fifoLines = new LineWatcher(reader.stdout);
      try {
        await master.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
        await backup.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS);

        const [m1, b1] = [master.output.lines.length, backup.output.lines.length];
        unlinkSync(flag);
        await master.output.waitFor(/VRRP_Script\(chk_app\) failed/, STATE_TIMEOUT_MS, m1);
        await master.output.waitFor(/\(VI_1\) Changing effective priority from 150 to 90/, STATE_TIMEOUT_MS, m1);
        await backup.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, b1);
        await master.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, m1);

        const [m2, b2] = [master.output.lines.length, backup.output.lines.length];
        writeFileSync(flag, '');
        await master.output.waitFor(/VRRP_Script\(chk_app\) succeeded/, STATE_TIMEOUT_MS, m2);
        await master.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, m2);
        await backup.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, b2);
        assert.equal(await vipd.stop(), 0);

        const expected =
          watchMaster
            ? ['INSTANCE VI_1 BACKUP 150', 'INSTANCE VI_1 MASTER 150', 'INSTANCE VI_1 BACKUP 90', 'INSTANCE VI_1 MASTER 150', 'INSTANCE VI_1 STOP 150']
            : ['INSTANCE VI_1 BACKUP 100', 'INSTANCE VI_1 MASTER 100', 'INSTANCE VI_1 BACKUP 100', 'INSTANCE VI_1 STOP 100'];
        // The FIFO is written in transition order (keepalived's format quotes the name).
        const fifoExpected = expected.map((line) => line.replace(/^INSTANCE (\S+)/, 'INSTANCE "$1"'));
        await eventually(async () => fifoLines.lines.length >= fifoExpected.length, 5000, 'the FIFO lines');
        assert.deepEqual(fifoLines.lines, fifoExpected);
        // Scripts run concurrently (as keepalived's): the same lines, in any order.
        await eventually(async () => existsSync(notified) && readFileSync(notified, 'utf8').trim().split('\n').length >= expected.length, 5000, 'notify lines');
        assert.deepEqual(readFileSync(notified, 'utf8').trim().split('\n').sort(), [...expected].sort());
        for (const daemon of [master, backup]) {
          if (daemon instanceof KeepalivedProcess) assert.deepEqual(keepalivedComplaints(daemon.output.lines), []);
        }
      } finally {
        reader.kill();
        await Promise.all([master.stop(), backup.stop()]);
      }
    });
  });
}

describe('enable_script_security refuses a script others may write', { skip }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 1 });
  });
  after(async () => {
    await lab.destroy();
  });

  it("logs keepalived's lines, never runs it, and the instance goes on without its weight", async () => {
    const ran = join(directory, 'insecure-ran');
    const insecure = join(directory, 'insecure.sh');
    writeFileSync(insecure, `#!/bin/sh\ntouch '${ran}'\nexit 1\n`);
    chmodSync(insecure, 0o777);
    const text = `global_defs {\n    enable_script_security\n    script_user root\n}\n${config(lab, 150, insecure)}`;
    const vipd = await VipdProcess.start(lab, lab.host(1), text);
    try {
      await vipd.output.waitFor(new RegExp(`Unsafe permissions found for script '${insecure.replace(/[./]/g, '\\$&')}' - disabling\\.`), 5000);
      await vipd.output.waitFor(/Disabling track script chk_app due to insecure/, 5000);
      await vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      const [status] = await (vipd as VipdProcess).status();
      assert.equal(status?.effectivePriority, 150, 'the refused script adds no weight');
      assert.equal(existsSync(ran), false, 'the refused script never ran');
    } finally {
      await vipd.stop();
    }
  });
});
