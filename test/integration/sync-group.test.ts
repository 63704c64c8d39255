/**
 * Seed 002's LVS director pair: two LANs, VI_1 on eth0 and VI_2 on eth1,
 * synchronised in one vrrp_sync_group (keepalived vrrp_sync.c). Director 1
 * (priority 150) serves both; its eth0 fails → both instances move to
 * director 2, and back when eth0 returns. Run vipd against vipd, and vipd
 * against real keepalived in both roles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import type { LabDaemon } from '../../src/lab/lab-daemon.js';
import { Lab, type LabHost } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { keepalivedSkipReason, eventually } from './interop-support.js';

const skip = await keepalivedSkipReason();
const STATE_TIMEOUT_MS = 8000;

function directorConfig(lab: Lab, priority: number): string {
  const instance = (name: string, lan: number, vrid: number): string => `
vrrp_instance ${name} {
    state BACKUP
    interface eth${lan}
    virtual_router_id ${vrid}
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
        ${lab.ipv4On(lan, 100)}/24
    }
}
`;
  return `
vrrp_sync_group VG1 {
    group {
        VI_1
        VI_2
    }
}
${instance('VI_1', 0, 51)}${instance('VI_2', 1, 52)}`;
}

type Kind = 'vipd' | 'keepalived';

async function startDirector(kind: Kind, lab: Lab, host: LabHost, priority: number): Promise<LabDaemon> {
  return kind === 'vipd' ? VipdProcess.start(lab, host, directorConfig(lab, priority)) : KeepalivedProcess.start(lab, host, directorConfig(lab, priority));
}

async function holds(lab: Lab, host: LabHost, lan: number, address: string): Promise<boolean> {
  const out = await lab.ip(host.namespace, '-o', 'addr', 'show', 'dev', `eth${lan}`);
  return out.includes(` ${address}/24 `);
}

for (const [first, second] of [['vipd', 'vipd'], ['vipd', 'keepalived'], ['keepalived', 'vipd']] as const) {
  describe(`vrrp_sync_group, LVS director pair: director 1 ${first}, director 2 ${second}`, { skip }, () => {
    let lab: Lab;
    before(async () => {
      lab = await Lab.create({ hosts: 2, lans: 2 });
    });
    after(async () => {
      await lab.destroy();
    });

    it('eth0 of director 1 fails → both instances move to director 2, and back when eth0 returns', async () => {
      const [h1, h2] = [lab.host(1), lab.host(2)];
      const vip0 = lab.ipv4On(0, 100);
      const vip1 = lab.ipv4On(1, 100);
      const d1 = await startDirector(first, lab, h1, 150);
      const d2 = await startDirector(second, lab, h2, 100);
      try {
        await d1.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
        await d1.waitForState('VI_2', 'MASTER', STATE_TIMEOUT_MS);
        await eventually(async () => (await holds(lab, h1, 0, vip0)) && (await holds(lab, h1, 1, vip1)), 3000, 'director 1 to hold both VIPs');

        // Director 1 loses eth0: VI_1 faults, and the group takes VI_2 with it.
        const mark1 = d1.output.lines.length;
        const mark2 = d2.output.lines.length;
        await lab.unplugLan(h1, 0);
        await d1.waitForState('VI_2', 'FAULT', STATE_TIMEOUT_MS, mark1);
        await d2.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark2);
        await d2.waitForState('VI_2', 'MASTER', STATE_TIMEOUT_MS, mark2);
        await eventually(async () => (await holds(lab, h2, 0, vip0)) && (await holds(lab, h2, 1, vip1)), 3000, 'director 2 to hold both VIPs');
        assert.equal(await holds(lab, h1, 1, vip1), false, 'director 1 released VI_2 although eth1 is fine');
        if (first === 'vipd') assert.ok(d1.output.lines.slice(mark1).some((l) => /VRRP_Group\(VG1\) Syncing instances to FAULT state/.test(l)));

        // eth0 returns: director 1 (150) takes both back.
        const back1 = d1.output.lines.length;
        const back2 = d2.output.lines.length;
        await lab.plugLan(h1, 0);
        await d1.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, back1);
        await d1.waitForState('VI_2', 'MASTER', STATE_TIMEOUT_MS, back1);
        await d2.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, back2);
        await d2.waitForState('VI_2', 'BACKUP', STATE_TIMEOUT_MS, back2);
        await eventually(async () => (await holds(lab, h1, 0, vip0)) && (await holds(lab, h1, 1, vip1)), 3000, 'director 1 to hold both VIPs again');
        await eventually(async () => !(await holds(lab, h2, 0, vip0)) && !(await holds(lab, h2, 1, vip1)), 3000, 'director 2 to release both');
      } finally {
        await Promise.all([d1.stop(), d2.stop()]);
      }
    });
  });
}
