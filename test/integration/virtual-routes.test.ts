/**
 * What moves with mastership besides the VIPs (keepalived
 * virtual_ipaddress_excluded, virtual_routes, virtual_rules), on a namespace
 * LAN: the master holds an excluded IPv6 address (on an IPv4 instance), an
 * IPv4 and an IPv6 route tagged protocol 18 and a rule of each family; the backup holds none; they follow
 * mastership when the master's cable is pulled and put back; SIGTERM leaves
 * nothing behind, and neither does SIGKILL followed by a restart (startup
 * clears what a previous run left, as keepalived does for its VIPs).
 * garp_master_refresh is seen on the wire; promote_secondaries is set while
 * vipd runs and reset when it stops.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability, type LabHost } from '../../src/lab/namespace-lan.js';
import type { CapturedFrame } from '../../src/lab/captured-frames.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { eventually, keepalivedSkipReason } from './interop-support.js';

const availability = await labAvailability();
const STATE_TIMEOUT_MS = 5000;
/** How long the kernel may take to show what vipd's queued netlink requests did. */
const SETTLE_TIMEOUT_MS = 3000;
/** Two garp_master_refresh periods (1 s) and some. */
const REFRESH_TIMEOUT_MS = 3000;

function config(lab: Lab, priority: number): string {
  return `
global_defs {
    router_id vipd-moves
    vrrp_garp_master_delay 0
    vrrp_garp_master_repeat 1
    vrrp_garp_master_refresh 1
    vrrp_garp_master_refresh_repeat 1
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority ${priority}
    version 3
    advert_int 0.1
    promote_secondaries
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
    virtual_ipaddress_excluded {
        ${lab.ipv6(0x100)}/64
    }
    virtual_routes {
        10.${lab.subnet}.50.0/24 via ${lab.ipv4(3)} dev eth0
        fd00:${lab.subnet}:50::/64 via ${lab.ipv6(3)} dev eth0
    }
    virtual_rules {
        from 10.${lab.subnet}.60.0/24 table 100 priority 1000
        from fd00:${lab.subnet}:60::/64 table 100 priority 1001
    }
}
`;
}

/** What a host holds of the instance: which of VIP, eVIP, routes (proto 18) and rules of each family are there. */
interface Holdings {
  readonly vip: boolean;
  readonly evip: boolean;
  readonly route4: boolean;
  readonly route6: boolean;
  readonly rule4: boolean;
  readonly rule6: boolean;
}

async function holdings(lab: Lab, host: LabHost): Promise<Holdings> {
  const addresses = await lab.addressesOf(host);
  // Not `ip route show proto 18`: a filtered field is not printed, and the protocol is what is checked here.
  const routes = await lab.ip(host.namespace, 'route', 'show');
  const rules = await lab.ip(host.namespace, 'rule', 'show');
  const routes6 = await lab.ip(host.namespace, '-6', 'route', 'show');
  const rules6 = await lab.ip(host.namespace, '-6', 'rule', 'show');
  return {
    vip: addresses.includes(`${lab.ipv4(100)}/24`),
    evip: addresses.includes(`${lab.ipv6(0x100)}/64`),
    route4: routes.includes(`10.${lab.subnet}.50.0/24 via ${lab.ipv4(3)} dev eth0 proto keepalived`),
    route6: routes6.includes(`fd00:${lab.subnet}:50::/64 via ${lab.ipv6(3)} dev eth0 proto keepalived`),
    rule4: new RegExp(`^1000:\\s+from 10\\.${lab.subnet}\\.60\\.0/24 lookup 100 proto keepalived`, 'm').test(rules),
    rule6: new RegExp(`^1001:\\s+from fd00:${lab.subnet}:60::/64 lookup 100 proto keepalived`, 'm').test(rules6),
  };
}

const ALL: Holdings = { vip: true, evip: true, route4: true, route6: true, rule4: true, rule6: true };
const NONE: Holdings = { vip: false, evip: false, route4: false, route6: false, rule4: false, rule6: false };

/** Polls until the host holds exactly `expected` (bounded): netlink requests are queued after the state change is logged. */
async function waitForHoldings(lab: Lab, host: LabHost, expected: Holdings, what: string): Promise<void> {
  const same = (seen: Holdings): boolean => JSON.stringify(seen) === JSON.stringify(expected);
  try {
    await eventually(async () => same(await holdings(lab, host)), SETTLE_TIMEOUT_MS, what);
  } catch {
    assert.deepEqual(await holdings(lab, host), expected, `h${host.index}: ${what}`);
  }
}

async function promoteSecondaries(lab: Lab, host: LabHost): Promise<string> {
  return (await lab.exec(host.namespace, 'cat', '/proc/sys/net/ipv4/conf/eth0/promote_secondaries')).trim();
}

describe('virtual_ipaddress_excluded, virtual_routes and virtual_rules follow mastership (vipd ↔ vipd)', { skip: availability.available ? false : availability.reason }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 2 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('the master holds them, the backup does not; they move on unplug and back on plug; SIGTERM leaves none', async () => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    assert.equal(await promoteSecondaries(lab, h1), '0');
    const capture = await PacketCapture.start(lab);
    const r1 = await VipdProcess.start(lab, h1, config(lab, 150));
    const r2 = await VipdProcess.start(lab, h2, config(lab, 100));
    let r1Running = true;
    let r2Running = true;
    try {
      await r1.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await r2.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS);
      await waitForHoldings(lab, h1, ALL, 'the master holds VIP, eVIP, route and rule');
      await waitForHoldings(lab, h2, NONE, 'the backup holds none of them');
      assert.equal(await promoteSecondaries(lab, h1), '1', 'promote_secondaries is set while vipd runs');
      // keepalived's log lines, in its order.
      const logged = await Promise.all(['setting VIPs.', 'setting Virtual Routes', 'setting Virtual Rules'].map((text) => r1.output.waitFor(new RegExp(`\\(VI_1\\) ${text}`), STATE_TIMEOUT_MS)));
      const positions = logged.map((line) => r1.output.lines.indexOf(line));
      assert.deepEqual([...positions].sort((a, b) => a - b), positions, `VIPs, then routes, then rules: ${logged.join(' | ')}`);

      // garp_master_refresh 1: besides the burst on becoming master, the VIP and the eVIP are announced again about every second.
      const vipArps = (frames: readonly CapturedFrame[]): number => frames.filter((f) => f.kind === 'gratuitousArp' && f.address === lab.ipv4(100)).length;
      const arpsBefore = vipArps(capture.snapshot());
      const frames = await eventually(
        () => {
          const seen = capture.snapshot();
          return Promise.resolve(vipArps(seen) >= arpsBefore + 2 ? seen : undefined);
        },
        REFRESH_TIMEOUT_MS,
        'two refreshes of the VIP',
      );
      const arps = frames.filter((f) => f.kind === 'gratuitousArp' && f.address === lab.ipv4(100)).map((f) => f.atUs);
      const nas = frames.filter((f) => f.kind === 'neighbourAdvert' && f.target === lab.ipv6(0x100));
      assert.ok(arps.length >= 3, `a burst and at least two refreshes of the VIP (saw ${arps.length})`);
      assert.ok(nas.length >= 2, `the eVIP is announced with unsolicited NAs too (saw ${nas.length})`);
      const gapsMs = arps.slice(1).map((at, i) => (at - (arps[i] ?? at)) / 1000);
      for (const gap of gapsMs.slice(-2)) assert.ok(gap >= 900 && gap <= 1300, `refreshes about 1 s apart (gaps ${gapsMs.join(', ')} ms)`);
      const adverts = frames.filter((f) => f.kind === 'advert');
      assert.ok(adverts.every((f) => f.kind !== 'advert' || !f.advert.addresses.includes(lab.ipv6(0x100) as never)), 'the eVIP is never advertised');

      // The master's cable is pulled: it goes to FAULT and lets go; the backup takes over and installs them.
      const mark2 = r2.output.lines.length;
      await lab.unplug(h1);
      await r1.waitForState('VI_1', 'FAULT', STATE_TIMEOUT_MS);
      await r2.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark2);
      await waitForHoldings(lab, h1, NONE, 'the faulted master let go of everything');
      await waitForHoldings(lab, h2, ALL, 'the new master holds everything');

      // Plugged back, the higher priority preempts: everything moves back.
      const mark1 = r1.output.lines.length;
      const mark2b = r2.output.lines.length;
      await lab.plug(h1);
      await r1.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark1);
      await r2.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, mark2b);
      await waitForHoldings(lab, h1, ALL, 'the returning master holds everything again');
      await waitForHoldings(lab, h2, NONE, 'the backup let go of everything');

      // SIGTERM: the master resigns and removes everything; the backup takes over; SIGTERM there too.
      const mark2c = r2.output.lines.length;
      await r1.stop();
      r1Running = false;
      await waitForHoldings(lab, h1, NONE, 'after SIGTERM nothing is left');
      assert.equal(await promoteSecondaries(lab, h1), '0', 'promote_secondaries is reset at exit');
      await r2.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark2c);
      await waitForHoldings(lab, h2, ALL, 'the other router took over');
      await r2.stop();
      r2Running = false;
      await waitForHoldings(lab, h2, NONE, 'after SIGTERM nothing is left');
    } finally {
      if (r1Running) await r1.stop();
      if (r2Running) await r2.stop();
      await capture.discard();
    }
  });

  it('a reload while master swaps a changed route and rule and leaves the unchanged ones in place', async () => {
    const h1 = lab.host(1);
    const r1 = await VipdProcess.start(lab, h1, config(lab, 150));
    try {
      await r1.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await waitForHoldings(lab, h1, ALL, 'the master holds everything');
      const changed = config(lab, 150)
        .replace(`10.${lab.subnet}.50.0/24 via`, `10.${lab.subnet}.51.0/24 via`)
        .replace('table 100 priority 1001', 'table 101 priority 1001');
      const beforeReload = r1.output.lines.length;
      assert.match(await r1.reload(changed), /Reload finished/);
      await waitForHoldings(lab, h1, { ...ALL, route4: false, rule6: false }, 'the old IPv4 route and IPv6 rule are gone, the rest stays');
      const routes = await lab.ip(h1.namespace, 'route', 'show');
      const rules6 = await lab.ip(h1.namespace, '-6', 'rule', 'show');
      assert.ok(routes.includes(`10.${lab.subnet}.51.0/24 via ${lab.ipv4(3)} dev eth0 proto keepalived`), routes);
      assert.match(rules6, new RegExp(`^1001:\\s+from fd00:${lab.subnet}:60::/64 lookup 101 proto keepalived`, 'm'));
      assert.ok(!r1.output.lines.slice(beforeReload).some((line) => /removing VIPs|setting VIPs/.test(line)), 'the VIP is not touched');
    } finally {
      await r1.stop();
    }
    const routes = await lab.ip(h1.namespace, 'route', 'show');
    assert.ok(!routes.includes('proto keepalived'), `after SIGTERM no route is left: ${routes}`);
    await waitForHoldings(lab, h1, NONE, 'after SIGTERM nothing is left');
  });

  it('after SIGKILL, a restarted vipd clears what the killed one left, even as a backup; SIGTERM then leaves none', async () => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const r2 = await VipdProcess.start(lab, h2, config(lab, 100));
    let killed: VipdProcess | null = await VipdProcess.start(lab, h1, config(lab, 150));
    let restarted: VipdProcess | null = null;
    try {
      await killed.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await waitForHoldings(lab, h1, ALL, 'the master holds everything');

      const mark2 = r2.output.lines.length;
      killed.signal('SIGKILL');
      await killed.stop();
      killed = null;
      await r2.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark2);
      assert.deepEqual(await holdings(lab, h1), ALL, 'SIGKILL left VIP, eVIP, route and rule behind');

      // Restarted below the new master, it stays backup: only its startup clean-up can remove the leftovers.
      restarted = await VipdProcess.start(lab, h1, config(lab, 50));
      await restarted.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS);
      await waitForHoldings(lab, h1, NONE, 'the restarted backup cleared the leftovers');
      await waitForHoldings(lab, h2, ALL, 'the master keeps everything');

      await restarted.stop();
      restarted = null;
      await waitForHoldings(lab, h1, NONE, 'after SIGTERM nothing is left');
    } finally {
      if (killed !== null) await killed.stop();
      if (restarted !== null) await restarted.stop();
      await r2.stop();
    }
    await waitForHoldings(lab, h2, NONE, 'the last master removed everything at SIGTERM');
  });
});

const keepalivedSkip = await keepalivedSkipReason();

describe('the same configuration on vipd and keepalived: both install and remove the same things', { skip: keepalivedSkip }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 2 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('vipd master, keepalived backup; keepalived takes over all of it when vipd stops, and gives it back when vipd returns', async () => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const keepalived = await KeepalivedProcess.start(lab, h2, config(lab, 100));
    let vipd: VipdProcess | null = await VipdProcess.start(lab, h1, config(lab, 150));
    try {
      await vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await waitForHoldings(lab, h1, ALL, 'vipd, master, holds VIP, eVIP, route and rule');
      await waitForHoldings(lab, h2, NONE, 'keepalived, backup, holds none of them');
      assert.equal(await promoteSecondaries(lab, h2), '1', 'keepalived sets promote_secondaries at startup, as a backup too');

      const mark = keepalived.output.lines.length;
      await vipd.stop();
      vipd = null;
      await keepalived.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark);
      await waitForHoldings(lab, h1, NONE, 'vipd left nothing behind');
      await waitForHoldings(lab, h2, ALL, 'keepalived installed the same VIP, eVIP, route and rule (protocol keepalived)');

      const markBack = keepalived.output.lines.length;
      vipd = await VipdProcess.start(lab, h1, config(lab, 150));
      await vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await keepalived.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS, markBack);
      await waitForHoldings(lab, h1, ALL, 'vipd preempted and holds everything');
      await waitForHoldings(lab, h2, NONE, 'keepalived let go of everything');
    } finally {
      if (vipd !== null) await vipd.stop();
      await keepalived.stop();
    }
    await waitForHoldings(lab, h1, NONE, 'vipd left nothing behind');
    await waitForHoldings(lab, h2, NONE, 'keepalived left nothing behind');
  });
});
