/**
 * Advanced vrrpd's fate sharing (-M) across separately started processes:
 * router h1 runs `vipd vrrpd -M 2` twice, one VRID on eth0 and one on eth1;
 * router h2 runs keepalived with both VRIDs at a lower priority. When h1's
 * eth0 link fails, its eth0 instance goes to FAULT and the eth1 instance,
 * although its own link is fine, is held in BACKUP: both VIPs move to h2.
 * When eth0 returns, h1 takes both back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { Lab } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { keepalivedSkipReason } from './interop-support.js';

const skip = await keepalivedSkipReason();
const STATE_TIMEOUT_MS = 8000;

function keepalivedConfig(lab: Lab): string {
  const instance = (name: string, lan: number, vrid: number): string => `
vrrp_instance ${name} {
    state BACKUP
    interface eth${lan}
    virtual_router_id ${vrid}
    priority 100
    advert_int 1
    virtual_ipaddress {
        ${lab.ipv4On(lan, 100)}/24
    }
}
`;
  return instance('VI_51', 0, 51) + instance('VI_52', 1, 52);
}

describe('vipd vrrpd -M 2: fate sharing between two processes of one router, against keepalived', { skip }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 2, lans: 2 });
  });
  after(async () => {
    await lab.destroy();
  });

  it("one link down → both of the router's instances go to BACKUP; back when the link returns", async () => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const peer = await KeepalivedProcess.start(lab, h2, keepalivedConfig(lab));
    const eth0 = await VipdProcess.startVrrpd(lab, h1, ['-i', 'eth0', '-v', '51', '-p', '150', '-d', '1', '-M', '2', `${lab.ipv4On(0, 100)}/24`]);
    const eth1 = await VipdProcess.startVrrpd(lab, h1, ['-i', 'eth1', '-v', '52', '-p', '150', '-d', '1', '-M', '2', `${lab.ipv4On(1, 100)}/24`]);
    try {
      await eth0.waitForState('vrrpd_eth0_51', 'MASTER', STATE_TIMEOUT_MS);
      await eth1.waitForState('vrrpd_eth1_52', 'MASTER', STATE_TIMEOUT_MS);
      await peer.waitForState('VI_51', 'BACKUP', STATE_TIMEOUT_MS);
      await peer.waitForState('VI_52', 'BACKUP', STATE_TIMEOUT_MS);

      const [m0, m1, mp] = [eth0.output.lines.length, eth1.output.lines.length, peer.output.lines.length];
      await lab.unplugLan(h1, 0);
      await eth0.waitForState('vrrpd_eth0_51', 'FAULT', STATE_TIMEOUT_MS, m0);
      await eth1.output.waitFor(/\(vrrpd_eth1_52\) fate group: held in BACKUP/, STATE_TIMEOUT_MS, m1);
      await eth1.waitForState('vrrpd_eth1_52', 'BACKUP', STATE_TIMEOUT_MS, m1);
      await peer.waitForState('VI_51', 'MASTER', STATE_TIMEOUT_MS, mp);
      await peer.waitForState('VI_52', 'MASTER', STATE_TIMEOUT_MS, mp);
      const [held] = await eth1.status();
      assert.deepEqual([held?.state, held?.heldBy], ['backup', ['fateGroup']], 'held by its group, not by an operator');
      // It stays a backup although its master (keepalived, 100) is below it.
      const stay = eth1.output.lines.length;
      await assert.rejects(eth1.waitForState('vrrpd_eth1_52', 'MASTER', 4000, stay), /no line matching/, 'a held member must not preempt');

      const [b0, b1, bp] = [eth0.output.lines.length, eth1.output.lines.length, peer.output.lines.length];
      await lab.plugLan(h1, 0);
      await eth0.waitForState('vrrpd_eth0_51', 'MASTER', STATE_TIMEOUT_MS, b0);
      await eth1.output.waitFor(/\(vrrpd_eth1_52\) fate group: released/, STATE_TIMEOUT_MS, b1);
      await eth1.waitForState('vrrpd_eth1_52', 'MASTER', STATE_TIMEOUT_MS, b1);
      await peer.waitForState('VI_51', 'BACKUP', STATE_TIMEOUT_MS, bp);
      await peer.waitForState('VI_52', 'BACKUP', STATE_TIMEOUT_MS, bp);
      const [released] = await eth1.status();
      assert.deepEqual(released?.heldBy, []);
    } finally {
      await Promise.all([eth0.stop(), eth1.stop(), peer.stop()]);
    }
  });
});
