/**
 * vipd against the real keepalived (Debian's 2.2.7) with VRRPv2 `auth_type AH`
 * (reference §2 IPSEC-AH), on a three-host lab: h1 vipd, h2 keepalived, h3 an
 * attacker that injects forged and replayed AH adverts.
 *
 *  1. vipd master (150) + keepalived backup (100): keepalived accepts vipd's
 *     AH adverts without a complaint; forged (wrong key) and replayed (old
 *     sequence number, valid ICV) priority-254 adverts are counted by vipd and
 *     never make it step down; on SIGTERM keepalived takes over and continues
 *     vipd's sequence numbers (it learned them as backup).
 *  2. Roles swapped, both restarted: keepalived master (150) + vipd backup
 *     (100). vipd learns keepalived's sequence numbers; an exact copy of a
 *     captured keepalived advert, a priority-0 advert with a valid ICV and an
 *     old sequence number, and forged priority-0/254 adverts are counted and
 *     never make vipd master; keepalived's cable pulled → vipd master within
 *     Master_Down_Interval; plugged back → keepalived preempts.
 * On the wire every vipd AH advert is IP protocol 51, TOS 0xc0, TTL 255, IPv4
 * Identification +1, SPI = its address, sequence numbers +1 each, and an ICV
 * that verifies with the key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeAdvert } from '../../src/codec/advert-encoder.js';
import { encodeIpsecAhDatagram, ipsecAhSpi } from '../../src/codec/ipsec-ah.js';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { Lab } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import type { Ipv4Address } from '../../src/primitives/ip-address.js';
import type { Priority, Vrid } from '../../src/primitives/vrrp-numbers.js';
import { centiseconds } from '../../src/primitives/time.js';
import { ahAdvertsOf, ahKey, injectDatagrams, type WireAhAdvert } from './ah-support.js';
import { masterDownIntervalMs } from './failover-timing.js';
import { eventually, keepalivedComplaints, keepalivedSkipReason, logTail, vipdInstance, waitForAddresses } from './interop-support.js';

const INSTANCE = 'VI_1';
const VRID = 41;
const HIGH = 150;
const LOW = 100;
/** Longer than 8 bytes: both sides must truncate it alike. */
const PASSWORD = 'vipd-ah-interop';
const KEY = ahKey(PASSWORD);
const TOLERANCE_MS = 100;
const TEST_TIMEOUT_MS = 120_000;

const skip = await keepalivedSkipReason();


function config(lab: Lab, priority: number): string {
  return `
global_defs {
    router_id ah-interop
}
vrrp_instance ${INSTANCE} {
    state BACKUP
    interface eth0
    virtual_router_id ${VRID}
    priority ${priority}
    version 2
    advert_int 1
    authentication {
        auth_type AH
        auth_pass ${PASSWORD}
    }
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
}
`;
}

/** An AH advert as `source` would send it, ICV made with `key` (the real key for a replay, another for a forgery). */
function ahAdvert(lab: Lab, source: string, priority: number, sequence: number, key: Uint8Array): Uint8Array {
  const from = source as Ipv4Address;
  const vrrp = encodeAdvert(
    {
      version: 2,
      vrid: VRID as Vrid,
      priority: priority as Priority,
      interval: centiseconds(100),
      addresses: [lab.ipv4(100) as Ipv4Address],
      authentication: { type: 'ipAh', data: new Uint8Array(8) },
    },
    { family: 'ipv4', source: from, destination: '224.0.0.18' as Ipv4Address },
    'messageOnly',
  );
  return encodeIpsecAhDatagram(
    key,
    { tos: 0xc0, identification: 7, dontFragment: false, ttl: 255, source: from, destination: '224.0.0.18' as Ipv4Address },
    { spi: ipsecAhSpi(from), sequence },
    vrrp,
  );
}

/** vipd's adverts on the wire: AH as keepalived checks it, sequence numbers and IP Identification +1 each. */
function assertVipdAhAdverts(adverts: readonly WireAhAdvert[], source: string): WireAhAdvert[] {
  const sent = adverts.filter((a) => a.ip.source === source);
  assert.ok(sent.length >= 3, `only ${sent.length} AH adverts from ${source}`);
  sent.forEach((a, i) => {
    const where = `vipd AH advert #${i} (seq ${a.ah.sequence})`;
    assert.equal(a.ip.protocol, 51, `${where}: IP protocol`);
    assert.equal(a.ip.tos, 0xc0, `${where}: TOS`);
    assert.equal(a.ip.ttl, 255, `${where}: TTL`);
    assert.equal(a.ip.dontFragment, false, `${where}: DF`);
    assert.equal(a.ip.destination, '224.0.0.18', `${where}: destination`);
    assert.equal(a.ah.spi, ipsecAhSpi(source as Ipv4Address), `${where}: SPI = source`);
    assert.equal(a.ah.nextHeader, 112, `${where}: next header`);
    assert.ok(a.icvValid, `${where}: the ICV does not verify with the key`);
    const advert = a.decoded?.advert;
    assert.ok(advert !== undefined && advert.version === 2, `${where}: VRRPv2 inside`);
    assert.equal(advert.authentication.type, 'ipAh', `${where}: auth type 2`);
    assert.deepEqual([...advert.authentication.data], [0, 0, 0, 0, 0, 0, 0, 0], `${where}: auth data zero`);
    const previous = sent[i - 1];
    if (previous !== undefined && a.atUs - previous.atUs < 10_000_000) {
      assert.equal(a.ah.sequence, previous.ah.sequence + 1, `${where}: sequence numbers go up by 1`);
      assert.equal(a.ip.identification, (previous.ip.identification % 0xffff) + 1, `${where}: IP Identification +1`);
    }
  });
  return sent;
}

/** Complaints about anything but the injected adverts (which keepalived sees too). */
function complaintsBefore(lines: readonly string[], mark: number): string[] {
  return keepalivedComplaints(lines.slice(0, mark));
}

describe('vipd ↔ keepalived with auth_type AH', { skip, timeout: 2 * TEST_TIMEOUT_MS }, () => {
  it('interoperates in both roles; forged and replayed AH adverts are counted and change nothing', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    let lab: Lab | undefined;
    let capture: PacketCapture | undefined;
    const daemons: { stop(): Promise<unknown> }[] = [];
    let vipd: VipdProcess | undefined;
    let keepalived: KeepalivedProcess | undefined;
    try {
      lab = await Lab.create({ hosts: 3 });
      const [vHost, kHost, attacker] = [lab.host(1), lab.host(2), lab.host(3)];
      const vip = `${lab.ipv4(100)}/24`;
      const kLimitMs = masterDownIntervalMs(2, LOW, 100);
      const vLimitMs = masterDownIntervalMs(2, LOW, 100);
      capture = await PacketCapture.start(lab);

      // ===== 1. vipd master (150), keepalived backup (100) =====
      vipd = await VipdProcess.start(lab, vHost, config(lab, HIGH));
      daemons.push(vipd);
      await vipd.waitForState(INSTANCE, 'MASTER', masterDownIntervalMs(2, HIGH, 100) + 5000);
      keepalived = await KeepalivedProcess.start(lab, kHost, config(lab, LOW));
      daemons.push(keepalived);
      await keepalived.waitForState(INSTANCE, 'BACKUP', 5000);
      const sentBefore = (await vipdInstance(vipd, INSTANCE)).counters.advertSent;
      await eventually(async () => (await vipdInstance(vipd!, INSTANCE)).counters.advertSent >= sentBefore + 3, 6000, 'vipd to send 3 adverts to keepalived');
      await waitForAddresses(lab, vHost, [vip], true);
      await waitForAddresses(lab, kHost, [vip], false);

      // The attacker, posing as keepalived: priority 254 with another key (forged), and with the
      // real key but sequence number 1, long passed (replayed). Either, accepted, would make vipd back off.
      const kInjectMark = keepalived.output.lines.length;
      const vInjectMark = vipd.output.lines.length;
      await injectDatagrams(lab, attacker, [
        ahAdvert(lab, kHost.ipv4, 254, 1_000_000, ahKey('not-the-key')),
        ahAdvert(lab, kHost.ipv4, 254, 1, KEY),
      ]);
      await eventually(
        async () => {
          const c = (await vipdInstance(vipd!, INSTANCE)).counters;
          return c.ahBadIcv >= 1 && c.ahReplay >= 1;
        },
        3000,
        'vipd to count the forged (ahBadIcv) and the replayed (ahReplay) advert',
      );
      const sentAfterInjection = (await vipdInstance(vipd, INSTANCE)).counters.advertSent;
      await eventually(async () => (await vipdInstance(vipd!, INSTANCE)).counters.advertSent >= sentAfterInjection + 2, 4000, 'vipd to advertise twice more');
      const masterStatus = await vipdInstance(vipd, INSTANCE);
      assert.equal(masterStatus.state, 'master', 'vipd is still master');
      assert.deepEqual(vipd.output.lines.slice(vInjectMark).filter((l) => /Entering (BACKUP|MASTER) STATE/.test(l)), [], 'no transition after the injection');
      assert.equal(masterStatus.counters.ahBadIcv, 1);
      assert.equal(masterStatus.counters.ahReplay, 1);
      assert.equal(masterStatus.counters.ahMissing + masterStatus.counters.ahSpiMismatch + masterStatus.counters.ahUnexpected, 0);
      assert.deepEqual(complaintsBefore(keepalived.output.lines, kInjectMark), [], 'keepalived accepted vipd\'s AH adverts silently');
      assert.deepEqual(keepalived.output.lines.filter((l) => /Entering MASTER STATE/.test(l)), [], 'keepalived stayed backup');

      // SIGTERM: vipd resigns with priority 0, keepalived takes over and continues vipd's sequence numbers.
      const kStopMark = keepalived.output.lines.length;
      assert.equal(await vipd.stop(), 0, 'vipd exits 0 on SIGTERM');
      await keepalived.waitForState(INSTANCE, 'MASTER', 3000, kStopMark);
      await waitForAddresses(lab, kHost, [vip], true);
      await eventually(async () => ahAdvertsOf(capture!.rawSnapshot(), KEY).filter((a) => a.ip.source === kHost.ipv4).length >= 2, 4000, 'keepalived to advertise');
      let wire = ahAdvertsOf(capture.rawSnapshot(), KEY);
      const vipdSent = assertVipdAhAdverts(wire, vHost.ipv4);
      const lastVipd = vipdSent[vipdSent.length - 1]!;
      assert.equal(lastVipd.decoded?.advert.priority, 0, 'vipd\'s last advert resigns (priority 0)');
      assert.equal(vipdSent[0]!.ah.sequence, 1, 'vipd\'s first sequence number is 1');
      const keepalivedFirst = wire.find((a) => a.ip.source === kHost.ipv4 && a.atUs > lastVipd.atUs)!;
      assert.equal(keepalivedFirst.ah.sequence, lastVipd.ah.sequence + 1, 'keepalived learned vipd\'s sequence number as backup');
      assert.ok(keepalivedFirst.icvValid);
      await keepalived.stop();

      // ===== 2. keepalived master (150), vipd backup (100), both restarted =====
      keepalived = await KeepalivedProcess.start(lab, kHost, config(lab, HIGH));
      daemons.push(keepalived);
      await keepalived.waitForState(INSTANCE, 'MASTER', masterDownIntervalMs(2, HIGH, 100) + 5000);
      vipd = await VipdProcess.start(lab, vHost, config(lab, LOW));
      daemons.push(vipd);
      await vipd.waitForState(INSTANCE, 'BACKUP', 5000);
      const following = await eventually(
        async () => {
          const s = await vipdInstance(vipd!, INSTANCE);
          return s.state === 'backup' && s.masterAddress === kHost.ipv4 && s.counters.advertReceived >= 2 && s;
        },
        kLimitMs + 3000,
        'vipd to follow keepalived as backup',
      );
      const keepalivedSeqs = ahAdvertsOf(capture.rawSnapshot(), KEY).filter((a) => a.ip.source === kHost.ipv4).map((a) => a.ah.sequence);
      assert.ok(following.ipsecAh !== undefined && keepalivedSeqs.includes(following.ipsecAh.sequence), `vipd learned keepalived's sequence number (${JSON.stringify(following.ipsecAh)})`);

      // The attacker replays a captured keepalived advert byte for byte, sends a priority-0
      // advert with the real key but an old sequence number (accepted, vipd would take over after
      // Skew_Time), and forges priority 0 and 254 with another key.
      const captured = ahAdvertsOf(capture.rawSnapshot(), KEY).filter((a) => a.ip.source === kHost.ipv4 && a.decoded?.advert.priority === HIGH);
      const copy = captured[captured.length - 1]!;
      const vMark = vipd.output.lines.length;
      const kMark = keepalived.output.lines.length;
      const before = (await vipdInstance(vipd, INSTANCE)).counters;
      await injectDatagrams(lab, attacker, [
        copy.datagram,
        ahAdvert(lab, kHost.ipv4, 0, copy.ah.sequence, KEY),
        ahAdvert(lab, kHost.ipv4, 0, copy.ah.sequence + 1000, ahKey('not-the-key')),
        ahAdvert(lab, kHost.ipv4, 254, copy.ah.sequence + 1000, ahKey('not-the-key')),
      ]);
      await eventually(
        async () => {
          const c = (await vipdInstance(vipd!, INSTANCE)).counters;
          return c.ahReplay >= before.ahReplay + 2 && c.ahBadIcv >= before.ahBadIcv + 2;
        },
        3000,
        'vipd to count 2 replays and 2 forgeries',
      );
      // Longer than Skew_Time (0.61 s): two more adverts of the real master accepted.
      const received = (await vipdInstance(vipd, INSTANCE)).counters.advertReceived;
      await eventually(async () => (await vipdInstance(vipd!, INSTANCE)).counters.advertReceived >= received + 2, 4000, 'vipd to accept 2 more adverts');
      const backupStatus = await vipdInstance(vipd, INSTANCE);
      assert.equal(backupStatus.state, 'backup');
      assert.deepEqual(vipd.output.lines.slice(vMark).filter((l) => /Entering MASTER STATE/.test(l)), [], 'the injected adverts never made vipd master');
      assert.equal(backupStatus.counters.ahReplay - before.ahReplay, 2);
      assert.equal(backupStatus.counters.ahBadIcv - before.ahBadIcv, 2);
      assert.equal(backupStatus.counters.priorityZeroReceived, 0, 'no injected priority 0 got through');

      // keepalived's cable pulled: vipd takes over within Master_Down_Interval, continuing the sequence.
      const vUnplugMark = vipd.output.lines.length;
      const kUnplugMark = keepalived.output.lines.length;
      const unpluggedAtUs = Date.now() * 1000;
      await lab.unplug(kHost);
      await vipd.waitForState(INSTANCE, 'MASTER', vLimitMs + 3000, vUnplugMark);
      await keepalived.waitForState(INSTANCE, 'FAULT', 3000, kUnplugMark);
      await waitForAddresses(lab, vHost, [vip], true);
      await eventually(async () => ahAdvertsOf(capture!.rawSnapshot(), KEY).some((a) => a.ip.source === vHost.ipv4 && a.atUs > unpluggedAtUs), 3000, 'vipd\'s first advert as master');
      wire = ahAdvertsOf(capture.rawSnapshot(), KEY);
      const lastKeepalived = wire.filter((a) => a.ip.source === kHost.ipv4 && a.atUs < unpluggedAtUs).at(-1)!;
      const firstVipd = wire.find((a) => a.ip.source === vHost.ipv4 && a.atUs > unpluggedAtUs)!;
      const gapMs = (firstVipd.atUs - lastKeepalived.atUs) / 1000;
      t.diagnostic(`keepalived→vipd AH failover: ${gapMs.toFixed(1)} ms after keepalived's last advert (Master_Down_Interval ${vLimitMs} ms)`);
      assert.ok(gapMs >= vLimitMs - 1, `vipd took over early: ${gapMs} ms`);
      assert.ok(gapMs <= vLimitMs + TOLERANCE_MS, `vipd took over in ${gapMs} ms > ${vLimitMs} + ${TOLERANCE_MS} ms`);
      assert.equal(firstVipd.ah.sequence, lastKeepalived.ah.sequence + 1, 'vipd continues keepalived\'s sequence numbers');

      // Plugged back: keepalived (150) preempts over vipd's AH adverts.
      const vPlugMark = vipd.output.lines.length;
      const kPlugMark = keepalived.output.lines.length;
      await lab.plug(kHost);
      await keepalived.waitForState(INSTANCE, 'MASTER', 2 * kLimitMs + 5000, kPlugMark);
      await vipd.waitForState(INSTANCE, 'BACKUP', 3000, vPlugMark);
      await waitForAddresses(lab, vHost, [vip], false);
      await waitForAddresses(lab, kHost, [vip], true);

      const final = await vipdInstance(vipd, INSTANCE);
      assert.equal(final.counters.ahReplay - before.ahReplay, 2, 'no genuine advert of keepalived was taken for a replay');
      assert.equal(final.counters.ahBadIcv - before.ahBadIcv, 2);
      assert.equal(final.counters.ahMissing + final.counters.ahSpiMismatch + final.counters.ahUnexpected, 0);
      assert.equal(await vipd.stop(), 0);
      await keepalived.stop();
      assertVipdAhAdverts(ahAdvertsOf(capture.rawSnapshot(), KEY).filter((a) => a.atUs > unpluggedAtUs), vHost.ipv4);
      assert.deepEqual(complaintsBefore(keepalived.output.lines, kMark), [], 'keepalived (master) accepted vipd\'s AH adverts silently');
      // While its cable was out keepalived still advertised and resigned ("sent 0 priority") into it,
      // using up sequence numbers vipd never saw; vipd continued from the last one it did see, so
      // keepalived drops vipd's first adverts after the replug up to its own counter as "already
      // processed" (keepalived between themselves would do the same). Nothing else may be refused.
      const afterFailover = keepalivedComplaints(keepalived.output.lines.slice(kUnplugMark));
      for (const line of afterFailover) {
        const drop = /IPSEC-AH : sequence number (\d+) already processed\. Packet dropped\. Local\((\d+)\)/.exec(line);
        assert.ok(drop !== null, `keepalived refused vipd's advert after the failover: ${line}`);
        const [sequence, local] = [Number(drop[1]), Number(drop[2])];
        assert.ok(sequence >= firstVipd.ah.sequence && sequence <= local && local <= lastKeepalived.ah.sequence + 3, line);
      }
    } catch (error) {
      (error as Error).message += logTail('vipd', vipd?.output.lines) + logTail('keepalived', keepalived?.output.lines);
      throw error;
    } finally {
      await Promise.allSettled(daemons.map((d) => d.stop()));
      await capture?.discard();
      await lab?.destroy();
    }
  });
});
