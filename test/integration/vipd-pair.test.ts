/**
 * Two vipd routers on a namespace LAN: election, failover when the master's
 * cable is pulled, preemption back when it returns, and graceful handover
 * with priority 0 on SIGTERM (RFC 5798 §6.4, keepalived's behaviour).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { failoverGap, masterDownIntervalMs, skewTimeMs } from './failover-timing.js';

const availability = await labAvailability();
const VIPCTL = fileURLToPath(new URL('../../src/bin/vipctl.js', import.meta.url));

function vipctl(socket: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [VIPCTL, '--socket', socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** Scheduling noise on a loaded 2-core CI machine; the benchmark measures the real excess. */
const TOLERANCE_MS = 50;
const INTERVAL_CS = 10;

function config(lab: Lab, priority: number): string {
  return `
global_defs {
    router_id vipd-test
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    version 3
    advert_int ${INTERVAL_CS / 100}
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
}
`;
}

describe('vipd ↔ vipd (IPv4, VRRPv3, 100 ms adverts)', { skip: availability.available ? false : availability.reason }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 2 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('elects the higher priority, fails over within Master_Down_Interval, preempts back and hands over with priority 0', async () => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const vip = `${lab.ipv4(100)}/24`;
    const capture = await PacketCapture.start(lab);
    const r1 = await VipdProcess.start(lab, h1, config(lab, 150));
    const r2 = await VipdProcess.start(lab, h2, config(lab, 100));
    try {
      // Election: both start as backups; the higher priority's Master_Down_Interval ends first.
      await r1.waitForState('VI_1', 'MASTER', 5000);
      await r2.waitForState('VI_1', 'BACKUP', 5000);
      assert.ok((await lab.addressesOf(h1)).includes(vip), 'the master holds the VIP');
      assert.ok(!(await lab.addressesOf(h2)).includes(vip), 'the backup does not');
      const [status2] = await r2.status();
      assert.equal(status2?.masterAddress, h1.ipv4);
      assert.equal(status2?.masterPriority, 150);

      // vipctl against the live daemon: the table, --json, and an unknown instance.
      const table = vipctl(r2.controlSocket, 'status');
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, new RegExp(`^VI_1\\s+51\\s+v3\\s+BACKUP\\s+100\\s+${h1.ipv4.replace(/\./g, '\\.')} \\(150\\)`, 'm'));
      const json = vipctl(r1.controlSocket, 'status', 'VI_1', '--json');
      assert.equal(json.status, 0, json.stderr);
      const {
        instances: [parsed],
      } = JSON.parse(json.stdout) as { instances: { name: string; state: string; virtualAddresses: string[] }[] };
      assert.deepEqual([parsed?.name, parsed?.state, parsed?.virtualAddresses], ['VI_1', 'master', [lab.ipv4(100)]]);
      const unknown = vipctl(r1.controlSocket, 'status', 'VI_9');
      assert.equal(unknown.status, 1);
      assert.equal(unknown.stderr, 'vipctl: no instance named "VI_9"\n');

      // Failover: pull h1's cable.
      const unplugMark = r2.output.lines.length;
      const unpluggedAtUs = Date.now() * 1000;
      await lab.unplug(h1);
      await r2.waitForState('VI_1', 'MASTER', 3000, unplugMark);
      await r1.waitForState('VI_1', 'FAULT', 3000);
      assert.ok((await lab.addressesOf(h2)).includes(vip), 'the new master holds the VIP');

      // Preemption back: h1 returns with the higher priority and takes over.
      const plugMark1 = r1.output.lines.length;
      const plugMark2 = r2.output.lines.length;
      await lab.plug(h1);
      await r1.waitForState('VI_1', 'MASTER', 5000, plugMark1);
      await r2.waitForState('VI_1', 'BACKUP', 5000, plugMark2);
      assert.ok((await lab.addressesOf(h1)).includes(vip));
      assert.ok(!(await lab.addressesOf(h2)).includes(vip));

      // Graceful handover: SIGTERM makes h1 resign with priority 0; h2 takes over after Skew_Time.
      const stopMark = r2.output.lines.length;
      const stoppedAtUs = Date.now() * 1000;
      assert.equal(await r1.stop(), 0, 'vipd exits 0 on SIGTERM');
      await r2.waitForState('VI_1', 'MASTER', 3000, stopMark);
      assert.ok(!(await lab.addressesOf(h1)).includes(vip), 'the stopped router released the VIP');
      assert.ok((await lab.addressesOf(h2)).includes(vip));

      const frames = await capture.stop();
      const failover = failoverGap(frames, h1.ipv4, h2.ipv4, unpluggedAtUs);
      const limitMs = masterDownIntervalMs(3, 100, INTERVAL_CS);
      assert.ok(failover.gapMs >= limitMs - 1, `took over early: ${failover.gapMs} ms < ${limitMs} ms`);
      assert.ok(failover.gapMs <= limitMs + TOLERANCE_MS, `failover ${failover.gapMs} ms > ${limitMs} + ${TOLERANCE_MS} ms`);

      const resign = frames.find((f) => f.kind === 'advert' && f.source === h1.ipv4 && f.advert.priority === 0 && f.atUs > stoppedAtUs);
      assert.ok(resign !== undefined, 'h1 sent a priority-0 advert on SIGTERM');
      const handover = failoverGap(frames, h1.ipv4, h2.ipv4, resign.atUs);
      const skewMs = skewTimeMs(3, 100, INTERVAL_CS);
      assert.ok(handover.gapMs <= skewMs + TOLERANCE_MS, `handover took ${handover.gapMs} ms, Skew_Time is ${skewMs} ms`);
      const garps = frames.filter((f) => f.kind === 'gratuitousArp' && f.address === lab.ipv4(100) && f.atUs > resign.atUs);
      assert.ok(garps.length >= 5, `the new master announced the VIP (${garps.length} gratuitous ARPs)`);
    } finally {
      await Promise.all([r1.stop(), r2.stop()]);
    }
  });
});
