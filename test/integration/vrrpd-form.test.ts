/**
 * `vipd vrrpd …` (the Advanced vrrpd command form) against the real
 * keepalived (Debian's 2.2.7 in CI), VRRPv2 with PASS authentication, in a
 * three-host lab: h1 runs vipd, h2 keepalived, h3 is the gateway the magic
 * packet goes to.
 *
 *  - vipd at 150 with -U/-D scripts and -I/-O: it becomes master, runs -U,
 *    sends the magic packet (a TCP SYN from the VIP, from h1's MAC, to the
 *    gateway's port 1100, seen on the switch after the takeover); keepalived
 *    at 100 settles as backup without a complaint; vipd stops, resigns with
 *    priority 0, runs -D, and keepalived takes over.
 *  - keepalived at 200, vipd at 100: vipd stays backup and runs no script.
 *
 * On the wire every vipd advert is VRRPv2, auth type 1 with the password's
 * bytes (a 13-character password: both truncate it to 8), the interval given
 * with -d, the VRID, priority and addresses of the command line.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { LineWatcher } from '../../src/lab/line-watcher.js';
import type { Lab } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import {
  assertAdvertsFrom,
  eventually,
  interopCases,
  keepalivedSkipReason,
  keepalivedComplaints,
  macOf,
  passAuthData,
  vipdDiscards,
  vipdInstance,
  vipdReceiveProblems,
  waitForAddresses,
} from './interop-support.js';
import { readWire } from './wire-capture.js';

const TEST_TIMEOUT_MS = 60_000;
const PASSWORD = 'vrrpd-interop';
const INTERVAL_S = 1;
const KEEPALIVED_INSTANCE = 'VI_1';

const skip = await keepalivedSkipReason();

const scriptDirectory = mkdtempSync(join(tmpdir(), 'vipd-vrrpd-form-'));
after(() => rmSync(scriptDirectory, { recursive: true, force: true }));

/** A script that appends a line to `out` each time it runs. */
function recordingScript(name: string, out: string): string {
  const file = join(scriptDirectory, name);
  writeFileSync(file, `#!/bin/sh\necho "ran args=$#" >> '${out}'\n`);
  chmodSync(file, 0o755);
  return file;
}

function runs(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
}

function keepalivedConfig(vrid: number, priority: number, vip: string, authType: 'PASS' | 'AH' = 'PASS'): string {
  return `
vrrp_instance ${KEEPALIVED_INSTANCE} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    version 2
    advert_int ${INTERVAL_S}
    authentication {
        auth_type ${authType}
        auth_pass ${PASSWORD}
    }
    virtual_ipaddress {
        ${vip}
    }
}
`;
}

/** tcpdump on the switch, printing every TCP SYN to port 1100 as a line: epoch time, MACs, addresses. */
async function watchMagicPackets(lab: Lab): Promise<LineWatcher> {
  const child = lab.spawn(lab.switchNamespace, 'tcpdump', ['-n', '-e', '-l', '-tt', '-i', 'br0', 'tcp dst port 1100 and tcp[tcpflags] & tcp-syn != 0']);
  const output = new LineWatcher(child.stdout, child.stderr);
  await output.waitFor(/listening on br0/, 10_000);
  return output;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Three hosts: vipd, keepalived, and the gateway the magic packet goes to. */
const withCase = interopCases<KeepalivedProcess>('keepalived', (keepalived) => keepalived.output.lines, 3);

describe('vipd vrrpd ↔ keepalived 2.2.7 (VRRPv2, PASS)', { skip }, () => {
  it('vipd master with -U/-D and -I/-O: magic packet after takeover, keepalived backs up quietly, takes over when vipd stops', { timeout: TEST_TIMEOUT_MS }, () =>
    withCase(async (c) => {
      const lab = c.lab!;
      const [vHost, kHost, gateway] = [lab.host(1), lab.host(2), lab.host(3)];
      const vrid = 51;
      const vip = `${lab.ipv4(100)}/24`;
      const vipAddress = lab.ipv4(100);
      const instance = `vrrpd_eth0_${vrid}`;
      const upOut = join(scriptDirectory, 'master-case-up.out');
      const downOut = join(scriptDirectory, 'master-case-down.out');
      const vMac = await macOf(lab, vHost);

      c.capture = await PacketCapture.start(lab);
      const magic = await watchMagicPackets(lab);
      c.vipd = await VipdProcess.startVrrpd(lab, vHost, [
        '-i', 'eth0', '-v', String(vrid), '-p', '150', '-d', String(INTERVAL_S), '-a', `pw/${PASSWORD}`,
        '-U', recordingScript('up.sh', upOut), '-D', recordingScript('down.sh', downOut),
        '-I', vipAddress, '-O', gateway.ipv4, vip,
      ]);
      const vipd = c.vipd;
      await vipd.waitForState(instance, 'MASTER', 3 * 1000 * INTERVAL_S + 5000);
      await waitForAddresses(lab, vHost, [vip], true);
      const magicLine = await magic.waitFor(new RegExp(`^\\S+ ${escaped(vMac)} > .* ${escaped(vipAddress)}\\.\\d+ > ${escaped(gateway.ipv4)}\\.1100: Flags \\[S\\]`), 5000);
      const magicAtUs = Math.round(Number(magicLine.split(' ')[0]) * 1_000_000);
      await vipd.output.waitFor(new RegExp(`\\(${instance}\\) magic packet to ${escaped(gateway.ipv4)}:1100: ECONNREFUSED`), 5000);
      await eventually(async () => runs(upOut).length === 1, 5000, 'the -U script to run');
      assert.deepEqual(runs(upOut), ['ran args=0'], '-U ran once, without arguments');
      assert.deepEqual(runs(downOut), [], '-D did not run on the way up');

      c.peer = await KeepalivedProcess.start(lab, kHost, keepalivedConfig(vrid, 100, vip));
      const keepalived = c.peer;
      await keepalived.waitForState(KEEPALIVED_INSTANCE, 'BACKUP', 5000);
      const sentBefore = (await vipdInstance(vipd, instance)).counters.advertSent;
      await eventually(
        async () => (await vipdInstance(vipd, instance)).counters.advertSent >= sentBefore + 3,
        4 * 1000 * INTERVAL_S + 3000,
        'vipd to send 3 adverts to the listening keepalived',
      );
      await waitForAddresses(lab, kHost, [vip], false);

      const kStopMark = keepalived.output.lines.length;
      assert.equal(await vipd.stop(), 0, 'vipd exits 0 on SIGTERM');
      await keepalived.waitForState(KEEPALIVED_INSTANCE, 'MASTER', 3000, kStopMark);
      await waitForAddresses(lab, kHost, [vip], true);
      await waitForAddresses(lab, vHost, [vip], false);
      await eventually(async () => runs(downOut).length === 1, 5000, 'the -D script to run');
      assert.deepEqual(runs(downOut), ['ran args=0'], '-D ran once, without arguments, on leaving master');
      await keepalived.stop();
      const wire = await readWire(c.capture);

      const adverts = assertAdvertsFrom(wire, vHost.ipv4, {
        sourceMac: vMac,
        version: 2,
        vrid,
        priority: 150,
        intervalCs: INTERVAL_S * 100,
        addresses: [vipAddress],
        destination: '224.0.0.18',
        passAuthData: passAuthData(PASSWORD),
      });
      assert.ok(adverts.some((a) => a.decoded?.advert.priority === 0), 'vipd resigned with priority 0 on SIGTERM');
      const firstAdvertUs = adverts[0]?.atUs ?? Number.POSITIVE_INFINITY;
      assert.ok(magicAtUs > firstAdvertUs, `the magic packet (${magicAtUs} µs) follows vipd's first advert as master (${firstAdvertUs} µs)`);
      const garp = wire.announcements.find((a) => a.sourceMac === vMac && a.address === vipAddress);
      assert.ok(garp !== undefined && magicAtUs > garp.atUs, 'the magic packet follows the gratuitous ARP: the VIP was installed');
      assert.ok(
        keepalived.output.lines.slice(kStopMark).some((line) => /Backup received priority 0 advertisement/.test(line)),
        'keepalived logged the priority-0 advert',
      );
      assert.deepEqual(
        keepalived.output.lines.slice(0, kStopMark).filter((line) => /Entering MASTER STATE/.test(line)),
        [],
        'keepalived stayed backup while vipd was master',
      );
      assert.deepEqual(keepalivedComplaints(keepalived.output.lines), [], 'keepalived complained about vipd\'s adverts');
      assert.deepEqual(vipdDiscards(vipd), [], 'vipd complained about keepalived\'s adverts');
    }),
  );

  it('keepalived at 200, vipd vrrpd at 100: vipd stays backup and runs no script', { timeout: TEST_TIMEOUT_MS }, () =>
    withCase(async (c) => {
      const lab = c.lab!;
      const [kHost, vHost] = [lab.host(1), lab.host(2)];
      const vrid = 52;
      const vip = `${lab.ipv4(110)}/24`;
      const instance = `vrrpd_eth0_${vrid}`;
      const upOut = join(scriptDirectory, 'backup-case-up.out');
      const downOut = join(scriptDirectory, 'backup-case-down.out');

      c.capture = await PacketCapture.start(lab);
      c.peer = await KeepalivedProcess.start(lab, kHost, keepalivedConfig(vrid, 200, vip));
      const keepalived = c.peer;
      await keepalived.waitForState(KEEPALIVED_INSTANCE, 'MASTER', 3 * 1000 * INTERVAL_S + 5000);
      c.vipd = await VipdProcess.startVrrpd(lab, vHost, [
        '-i', 'eth0', '-v', String(vrid), '-p', '100', '-d', String(INTERVAL_S), '-a', `pw/${PASSWORD}`,
        '-U', recordingScript('up2.sh', upOut), '-D', recordingScript('down2.sh', downOut), vip,
      ]);
      const vipd = c.vipd;
      await vipd.waitForState(instance, 'BACKUP', 5000);
      // Settled: vipd follows keepalived, and has heard it for longer than its Master_Down_Interval.
      const settled = await eventually(
        async () => {
          const status = await vipdInstance(vipd, instance);
          return status.state === 'backup' && status.masterAddress === kHost.ipv4 && status.masterPriority === 200 && status.counters.advertReceived >= 5 && status;
        },
        8 * 1000 * INTERVAL_S,
        'vipd to follow keepalived (priority 200) as backup for 5 adverts',
      );
      assert.deepEqual(vipdReceiveProblems(settled), {}, 'vipd rejected none of keepalived\'s adverts');
      await waitForAddresses(lab, vHost, [vip], false);
      await waitForAddresses(lab, kHost, [vip], true);
      assert.equal(await vipd.stop(), 0);
      await keepalived.stop();
      const wire = await readWire(c.capture);

      assert.deepEqual(vipd.output.lines.filter((line) => /Entering MASTER STATE/.test(line)), [], 'vipd never became master');
      assert.deepEqual([runs(upOut), runs(downOut)], [[], []], 'no script ran');
      assert.ok(!wire.adverts.some((a) => a.source === vHost.ipv4), 'vipd, a backup throughout, sent no advert');
      assert.deepEqual(keepalivedComplaints(keepalived.output.lines), []);
      assert.deepEqual(vipdDiscards(vipd), []);
    }),
  );

  it('vipd vrrpd -a ah/KEY at 150 against keepalived auth_type AH at 100: keepalived backs up quietly, takes over when vipd stops', { timeout: TEST_TIMEOUT_MS }, () =>
    withCase(async (c) => {
      const lab = c.lab!;
      const [vHost, kHost] = [lab.host(1), lab.host(2)];
      const vrid = 53;
      const vip = `${lab.ipv4(120)}/24`;
      const instance = `vrrpd_eth0_${vrid}`;
      c.vipd = await VipdProcess.startVrrpd(lab, vHost, ['-i', 'eth0', '-v', String(vrid), '-p', '150', '-d', String(INTERVAL_S), '-a', `ah/${PASSWORD}`, vip]);
      const vipd = c.vipd;
      await vipd.waitForState(instance, 'MASTER', 3 * 1000 * INTERVAL_S + 5000);
      c.peer = await KeepalivedProcess.start(lab, kHost, keepalivedConfig(vrid, 100, vip, 'AH'));
      const keepalived = c.peer;
      await keepalived.waitForState(KEEPALIVED_INSTANCE, 'BACKUP', 5000);
      // keepalived hears vipd's AH adverts for longer than its Master_Down_Interval and stays backup.
      const mark = keepalived.output.lines.length;
      await assert.rejects(keepalived.waitForState(KEEPALIVED_INSTANCE, 'MASTER', 5 * 1000 * INTERVAL_S, mark), /no line matching/);
      await waitForAddresses(lab, vHost, [vip], true);
      assert.equal(await vipd.stop(), 0);
      await keepalived.waitForState(KEEPALIVED_INSTANCE, 'MASTER', 5000, mark);
      await keepalived.stop();
      assert.deepEqual(keepalivedComplaints(keepalived.output.lines), [], "keepalived complained about vipd's AH adverts");
    }),
  );
});
