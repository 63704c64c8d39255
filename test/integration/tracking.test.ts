/**
 * Failover driven by what a router tracks (keepalived track_interface with a
 * weight): the master (150) tracks its second LAN with weight −60. When that
 * link fails its priority drops to 90, below the backup's 100, and the backup
 * preempts; when the link returns (150 again) the master preempts back. Run
 * with vipd as the tracking master against a keepalived backup, and the other
 * way round; both sides check the priorities they see on the wire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import type { LabDaemon } from '../../src/lab/lab-daemon.js';
import { Lab, type LabHost } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { keepalivedComplaints, keepalivedSkipReason } from './interop-support.js';

const skip = await keepalivedSkipReason();
const STATE_TIMEOUT_MS = 8000;

function config(lab: Lab, priority: number, trackEth1: boolean): string {
  return `
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority ${priority}
    advert_int 1
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
${trackEth1 ? '    track_interface {\n        eth1 weight -60\n    }\n' : ''}}
`;
}

type Kind = 'vipd' | 'keepalived';

function start(kind: Kind, lab: Lab, host: LabHost, text: string): Promise<LabDaemon> {
  return kind === 'vipd' ? VipdProcess.start(lab, host, text) : KeepalivedProcess.start(lab, host, text);
}

for (const [masterKind, backupKind] of [['vipd', 'vipd'], ['vipd', 'keepalived'], ['keepalived', 'vipd']] as const) {
  describe(`track_interface weight −60: tracking master ${masterKind}, backup ${backupKind}`, { skip }, () => {
    let lab: Lab;
    before(async () => {
      lab = await Lab.create({ hosts: 2, lans: 2 });
    });
    after(async () => {
      await lab.destroy();
    });

    it('the tracked link fails → priority 150 − 60 = 90 < 100 → the backup takes over; it returns → the master preempts back', async () => {
      const [h1, h2] = [lab.host(1), lab.host(2)];
      const capture = await PacketCapture.start(lab);
      const master = await start(masterKind, lab, h1, config(lab, 150, true));
      const backup = await start(backupKind, lab, h2, config(lab, 100, false));
      try {
        await master.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
        await backup.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS);

        const [m1, b1] = [master.output.lines.length, backup.output.lines.length];
        const downAtUs = Date.now() * 1000;
        await lab.unplugLan(h1, 1);
        await master.output.waitFor(/\(VI_1\) Changing effective priority from 150 to 90/, STATE_TIMEOUT_MS, m1);
        await backup.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, b1);
        await master.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, m1);

        const [m2, b2] = [master.output.lines.length, backup.output.lines.length];
        const upAtUs = Date.now() * 1000;
        await lab.plugLan(h1, 1);
        await master.output.waitFor(/\(VI_1\) Changing effective priority from 90 to 150/, STATE_TIMEOUT_MS, m2);
        await master.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, m2);
        await backup.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, b2);

        const frames = await capture.stop();
        const fromMaster = frames.filter((f) => f.kind === 'advert' && f.source === h1.ipv4);
        const ninety = fromMaster.find((f) => f.kind === 'advert' && f.advert.priority === 90 && f.atUs > downAtUs);
        assert.ok(ninety !== undefined, 'the master advertised its lowered priority 90 before yielding');
        const back = fromMaster.find((f) => f.kind === 'advert' && f.advert.priority === 150 && f.atUs > upAtUs);
        assert.ok(back !== undefined, 'and 150 again after preempting back');
        for (const daemon of [master, backup]) {
          if (daemon instanceof KeepalivedProcess) assert.deepEqual(keepalivedComplaints(daemon.output.lines), []);
        }
      } finally {
        await capture.discard();
        await Promise.all([master.stop(), backup.stop()]);
      }
    });
  });
}
