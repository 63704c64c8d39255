/**
 * vipd against FRR's vrrpd (Debian's FRR 8.4 in CI), VRRPv3 over IPv4 with
 * 100 ms adverts, in both roles, each case in a fresh two-host lab:
 *  - FRR master (priority 120) + vipd backup (100): vipd follows FRR, takes
 *    over within its Master_Down_Interval when FRR's host is unplugged
 *    (measured on the wire, never early), and yields when FRR is back (FRR
 *    stays Master through a carrier loss and simply resumes advertising);
 *  - vipd master (150) + FRR backup (100): FRR reports Backup; when vipd is
 *    stopped it resigns with priority 0 and FRR takes over within Skew_Time
 *    (FRR rounds Skew_Time down to whole centiseconds, so it may be early).
 * FRR has no event stream: its state is polled from `show vrrp json` in a
 * bounded loop (FrrProcess). On the wire, vipd's adverts must be what FRR
 * checks (TTL 255, version 3, VRID, priority, interval, addresses,
 * pseudo-header checksum); FRR's log must not report any of them invalid, nor
 * vipd FRR's. A last case sends FRR a checksum it rejects, to prove the
 * complaint pattern matches FRR's wording.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { FrrProcess } from '../../src/lab/frr-process.js';
import { labAvailability } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { failoverGap, masterDownIntervalMs } from './failover-timing.js';
import {
  announcementsOf,
  assertAdvertsFrom,
  eventually,
  interopCases,
  macOf,
  vipdDiscards,
  vipdInstance,
  vipdReceiveProblems,
  waitForAddresses,
} from './interop-support.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { readWire } from './wire-capture.js';

/** As in keepalived-interop.test.ts: scheduling noise on a loaded 2-core CI machine. */
const TOLERANCE_MS = 50;
/** FRR rounds Skew_Time down to whole centiseconds: up to 10 ms early (peers-in-namespaces.md). */
const FRR_ROUNDING_MS = 10;
const INTERVAL_CS = 10;
const INSTANCE = 'VI_1';
const TEST_TIMEOUT_MS = 60_000;

/**
 * vrrpd's words for an advert it drops (vrrpd/vrrp.c, vrrp_packet.c: "Datagram
 * invalid: …"; provoked on purpose below to check the pattern matches).
 */
const FRR_COMPLAINT = /Datagram invalid|Bad VRRP checksum|should be 255|Bad version|Bad type|Bad IP address|Bad authentication|unequal to our configured/i;

const skip = await skipReason();

async function skipReason(): Promise<string | false> {
  const lab = await labAvailability();
  if (!lab.available) return lab.reason;
  if (!existsSync('/usr/lib/frr/vrrpd') || !existsSync('/usr/lib/frr/zebra')) return 'FRR is not installed (apt-get install frr)';
  return false;
}

function vipdConfig(vrid: number, priority: number, vip: string, extra = ''): string {
  return `
global_defs {
    router_id interop
}
vrrp_instance ${INSTANCE} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    version 3
    advert_int ${INTERVAL_CS / 100}${extra}
    virtual_ipaddress {
        ${vip}/24
    }
}
`;
}


const withCase = interopCases<FrrProcess>('vrrpd', (frr) => frr.log().split('\n'));

function frrComplaints(frr: FrrProcess): string[] {
  return frr.log().split('\n').filter((line) => FRR_COMPLAINT.test(line));
}

function report(t: TestContext, what: string, gapMs: number, limitMs: number): void {
  const delta = gapMs - limitMs;
  t.diagnostic(`${what}: ${gapMs.toFixed(1)} ms vs ${limitMs.toFixed(1)} ms (${delta >= 0 ? '+' : ''}${delta.toFixed(1)} ms)`);
}

describe('vipd ↔ FRR vrrpd 8.4 (VRRPv3, IPv4, 100 ms adverts)', { skip }, () => {
  it('FRR master, vipd backup: vipd follows, takes over when FRR is unplugged, yields when FRR is back', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withCase(async (c) => {
      const lab = c.lab!;
      const [fHost, vHost] = [lab.host(1), lab.host(2)];
      const vrid = 51;
      const vip = lab.ipv4(100);
      const limitMs = masterDownIntervalMs(3, 100, INTERVAL_CS);
      const vMac = await macOf(lab, vHost);

      c.capture = await PacketCapture.start(lab);
      c.peer = await FrrProcess.start(lab, fHost, { vrid, priority: 120, advertisementIntervalMs: INTERVAL_CS * 10, addresses: [vip], prefixLength: 24 });
      const frr = c.peer;
      await frr.waitForState('Master', 5000);
      c.vipd = await VipdProcess.start(lab, vHost, vipdConfig(vrid, 100, vip));
      const vipd = c.vipd;
      await vipd.waitForState(INSTANCE, 'BACKUP', 5000);
      await eventually(
        async () => {
          const status = await vipdInstance(vipd, INSTANCE);
          return status.state === 'backup' && status.masterAddress === fHost.ipv4 && status.masterPriority === 120;
        },
        limitMs + 3000,
        `vipd to follow FRR (${fHost.ipv4}, priority 120) as backup`,
      );
      await waitForAddresses(lab, vHost, [`${vip}/24`], false);

      // Failover: pull FRR's cable.
      const unplugMark = vipd.output.lines.length;
      const unpluggedAtUs = Date.now() * 1000;
      await lab.unplug(fHost);
      await vipd.waitForState(INSTANCE, 'MASTER', limitMs + 3000, unplugMark);
      await waitForAddresses(lab, vHost, [`${vip}/24`], true);

      // FRR is back. FRR 8.4 ignores its interface's carrier loss: it stayed
      // Master and resumes advertising at once, so vipd yields to the higher
      // priority (rather than FRR preempting after a Master_Down_Interval).
      const plugMark = vipd.output.lines.length;
      const pluggedAtUs = Date.now() * 1000;
      await lab.plug(fHost);
      await vipd.waitForState(INSTANCE, 'BACKUP', 2 * limitMs + 5000, plugMark);
      await frr.waitForState('Master', 3000);
      await waitForAddresses(lab, vHost, [`${vip}/24`], false);

      const status = await vipdInstance(vipd, INSTANCE);
      assert.deepEqual(vipdReceiveProblems(status), {}, 'vipd rejected none of FRR\'s adverts');
      assert.equal(await vipd.stop(), 0);
      const wire = await readWire(c.capture);

      assert.deepEqual(
        vipd.output.lines.slice(0, unplugMark).filter((line) => /Entering MASTER STATE/.test(line)),
        [],
        'vipd stayed backup while FRR was up',
      );
      assertAdvertsFrom(wire, vHost.ipv4, {
        version: 3,
        vrid,
        priority: 100,
        intervalCs: INTERVAL_CS,
        addresses: [vip],
        destination: '224.0.0.18',
        checksumForm: 'pseudoHeader',
        sourceMac: vMac,
      });
      const frrAdverts = wire.adverts.filter((a) => a.source === fHost.ipv4);
      assert.ok(frrAdverts.length > 0);
      assert.deepEqual(frrAdverts.filter((a) => a.decoded === null).map((a) => a.error), [], 'FRR adverts vipd\'s codec rejects');
      assert.ok(frrAdverts.every((a) => a.sourceMac === frr.virtualMac), 'FRR sends from its macvlan (the virtual router MAC)');

      const failover = failoverGap(wire.frames, fHost.ipv4, vHost.ipv4, unpluggedAtUs);
      report(t, 'FRR→vipd failover (vipd prio 100)', failover.gapMs, limitMs);
      assert.ok(failover.gapMs >= limitMs - 1, `vipd took over early: ${failover.gapMs} ms < ${limitMs} ms`);
      assert.ok(failover.gapMs <= limitMs + TOLERANCE_MS, `vipd took over in ${failover.gapMs} ms > ${limitMs} + ${TOLERANCE_MS} ms`);
      assert.ok(announcementsOf(wire, vMac, vip, failover.firstNewAdvertUs).length > 0, 'vipd sent gratuitous ARPs for the VIP on taking over');

      const preempt = failoverGap(wire.frames, vHost.ipv4, fHost.ipv4, pluggedAtUs);
      const late = wire.adverts.filter((a) => a.source === vHost.ipv4 && a.atUs > preempt.firstNewAdvertUs + INTERVAL_CS * 10_000);
      assert.deepEqual(late.map((a) => a.atUs), [], 'vipd kept advertising after FRR was back');

      assert.deepEqual(frrComplaints(frr), [], 'FRR reported vipd\'s adverts invalid');
      assert.deepEqual(vipdDiscards(vipd), [], 'vipd complained about FRR\'s adverts');
    }),
  );

  it('vipd master, FRR backup: FRR reports Backup, then takes over after vipd resigns with priority 0', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withCase(async (c) => {
      const lab = c.lab!;
      const [vHost, fHost] = [lab.host(1), lab.host(2)];
      const vrid = 52;
      const vip = lab.ipv4(100);
      const frrLimitMs = masterDownIntervalMs(3, 100, INTERVAL_CS);
      const frrSkewMs = ((256 - 100) * INTERVAL_CS * 10) / 256;
      const vMac = await macOf(lab, vHost);

      c.capture = await PacketCapture.start(lab);
      c.vipd = await VipdProcess.start(lab, vHost, vipdConfig(vrid, 150, vip));
      const vipd = c.vipd;
      await vipd.waitForState(INSTANCE, 'MASTER', 5000);
      c.peer = await FrrProcess.start(lab, fHost, { vrid, priority: 100, advertisementIntervalMs: INTERVAL_CS * 10, addresses: [vip], prefixLength: 24 });
      const frr = c.peer;
      const backup = await frr.waitForState('Backup', 3000);
      assert.equal(backup.v4.masterAdverInterval, INTERVAL_CS * 10, 'FRR learnt vipd\'s interval');
      // Settled: FRR has been receiving vipd's adverts.
      await eventually(async () => ((await frr.status())?.v4.stats.adverRx ?? 0) >= 3, 3000, 'FRR to receive 3 of vipd\'s adverts');
      assert.equal((await frr.status())?.v4.status, 'Backup');
      await waitForAddresses(lab, vHost, [`${vip}/24`], true);

      // Failover: pull vipd's cable; FRR takes over.
      const vUnplugMark = vipd.output.lines.length;
      const unpluggedAtUs = Date.now() * 1000;
      await lab.unplug(vHost);
      await frr.waitForState('Master', frrLimitMs + 3000);
      await vipd.waitForState(INSTANCE, 'FAULT', 3000, vUnplugMark);

      // vipd returns with the higher priority and preempts.
      const vPlugMark = vipd.output.lines.length;
      const pluggedAtUs = Date.now() * 1000;
      await lab.plug(vHost);
      await vipd.waitForState(INSTANCE, 'MASTER', 2 * frrLimitMs + 5000, vPlugMark);
      await frr.waitForState('Backup', 3000);
      await waitForAddresses(lab, vHost, [`${vip}/24`], true);

      const status = await vipdInstance(vipd, INSTANCE);
      assert.deepEqual(vipdReceiveProblems(status), {}, 'vipd rejected none of FRR\'s adverts');
      assert.ok(status.counters.advertReceived > 0, 'vipd heard FRR while FRR was master');

      // Graceful handover: SIGTERM → priority 0 → FRR becomes Master after Skew_Time.
      const stoppedAtUs = Date.now() * 1000;
      assert.equal(await vipd.stop(), 0, 'vipd exits 0 on SIGTERM');
      await frr.waitForState('Master', 3000);
      await waitForAddresses(lab, vHost, [`${vip}/24`], false);
      const wire = await readWire(c.capture);

      assertAdvertsFrom(wire, vHost.ipv4, {
        version: 3,
        vrid,
        priority: 150,
        intervalCs: INTERVAL_CS,
        addresses: [vip],
        destination: '224.0.0.18',
        checksumForm: 'pseudoHeader',
        sourceMac: vMac,
      });
      assert.ok(
        !wire.adverts.some((a) => a.source === fHost.ipv4 && a.atUs < unpluggedAtUs),
        'FRR sent no advert while vipd was master',
      );

      const failover = failoverGap(wire.frames, vHost.ipv4, fHost.ipv4, unpluggedAtUs);
      report(t, 'vipd→FRR failover (FRR prio 100)', failover.gapMs, frrLimitMs);
      assert.ok(
        failover.gapMs >= frrLimitMs - FRR_ROUNDING_MS - 1 && failover.gapMs <= frrLimitMs + TOLERANCE_MS,
        `FRR took over in ${failover.gapMs} ms, Master_Down_Interval is ${frrLimitMs} ms (−${FRR_ROUNDING_MS} rounding, +${TOLERANCE_MS})`,
      );
      const preempt = failoverGap(wire.frames, fHost.ipv4, vHost.ipv4, pluggedAtUs);
      assert.ok(announcementsOf(wire, vMac, vip, preempt.firstNewAdvertUs).length > 0, 'vipd sent gratuitous ARPs for the VIP on preempting');

      const resign = wire.adverts.find((a) => a.source === vHost.ipv4 && a.decoded?.advert.priority === 0 && a.atUs > stoppedAtUs);
      assert.ok(resign !== undefined, 'vipd sent a priority-0 advert on SIGTERM');
      const handover = failoverGap(wire.frames, vHost.ipv4, fHost.ipv4, resign.atUs);
      assert.equal(handover.lastOldAdvertUs, resign.atUs, 'the priority-0 advert was vipd\'s last');
      report(t, 'vipd→FRR handover after priority 0 (FRR Skew_Time)', handover.gapMs, frrSkewMs);
      assert.ok(
        handover.gapMs <= frrSkewMs + TOLERANCE_MS,
        `FRR took over ${handover.gapMs} ms after the priority-0 advert, Skew_Time is ${frrSkewMs} ms (+${TOLERANCE_MS})`,
      );

      assert.deepEqual(frrComplaints(frr), [], 'FRR reported vipd\'s adverts invalid');
      assert.deepEqual(vipdDiscards(vipd), [], 'vipd complained about FRR\'s adverts');
    }),
  );

  it('FRR reports an advert it rejects in the expected words (checks the complaint pattern)', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withCase(async (c) => {
      // FRR 8.4 verifies the v3/IPv4 checksum over the pseudo-header only; vipd's
      // v3_checksum_as_v2 (RFC 9568's form) is therefore rejected by it.
      const lab = c.lab!;
      const vrid = 59;
      const vip = lab.ipv4(100);
      c.peer = await FrrProcess.start(lab, lab.host(2), { vrid, priority: 100, advertisementIntervalMs: INTERVAL_CS * 10, addresses: [vip], prefixLength: 24 });
      c.vipd = await VipdProcess.start(lab, lab.host(1), vipdConfig(vrid, 150, vip, '\n    v3_checksum_as_v2'));
      await c.vipd.waitForState(INSTANCE, 'MASTER', 5000);
      const frr = c.peer;
      const complaints = await eventually(async () => frrComplaints(frr).length > 0 && frrComplaints(frr), 5000, 'FRR to report the checksum');
      assert.match(complaints.join('\n'), /Bad VRRP checksum/);
      t.diagnostic(`FRR: ${complaints[0] ?? ''}`);
    }),
  );
});
