/**
 * Unicast VRRP (keepalived unicast_src_ip / unicast_peer) between three
 * routers on one lab LAN, against the real keepalived (Debian's 2.2.7 in CI),
 * in both roles, for VRRPv2 and VRRPv3:
 *
 *  - vipd master (150) with two keepalived backups (100, 50);
 *  - keepalived master (150) with two vipd backups (100, 50).
 *
 * Every router has unicast_src_ip = its own address and unicast_peer = the
 * other two. Each case checks the election (the highest priority is master,
 * the others backup), then pulls the master's cable: the 100 router takes
 * over and the 50 one stays backup; the master comes back and preempts.
 *
 * On the wire (captured on the switch, which sees unicast frames because
 * tcpdump puts its bridge in promiscuous mode) every advert vipd sent must be
 * unicast to one of its peers, each peer getting its own copy (one per peer
 * per interval), with the TTL configured (255 by default for v2; v3 sets
 * unicast_ttl 64 and the peers min_ttl 60 max_ttl 64, which keepalived then
 * checks) and, for v3, a checksum computed over the pseudo-header with that
 * peer's address. Nobody multicasts. keepalived must not complain, and vipd
 * must reject none of keepalived's adverts. vipd, leaving FAULT when its cable
 * is back, sends a gratuitous ARP for its own address (reference §2 Unicast).
 *
 * Two more cases: two unicast pairs with the same VRID through one vipd
 * (disjoint peers, reference §2), each electing its own master; and
 * keepalived with old_unicast_checksum, whose old v3 checksum vipd detects
 * and adopts.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { Lab, type LabHost } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { masterDownIntervalMs } from './failover-timing.js';
import {
  eventually,
  keepalivedComplaints,
  keepalivedSkipReason,
  logTail,
  timeline,
  vipdDiscards,
  vipdInstance,
  vipdReceiveProblems,
  waitForAddresses,
} from './interop-support.js';
import { readWire, type Wire } from './wire-capture.js';

const INSTANCE = 'VI_1';
const HIGH = 150;
const MIDDLE = 100;
const LOW = 50;
const TEST_TIMEOUT_MS = 120_000;

const skip = await keepalivedSkipReason();

interface Variant {
  readonly title: string;
  readonly version: 2 | 3;
  readonly intervalCs: number;
  readonly vrids: { readonly vipdMaster: number; readonly keepalivedMaster: number };
  /** unicast_ttl and the peers' min_ttl/max_ttl; null = keepalived's defaults (TTL 255, unchecked). */
  readonly ttl: { readonly sent: number; readonly min: number; readonly max: number } | null;
  /** check_unicast_src. */
  readonly checkSource: boolean;
  readonly password?: string;
}

const VARIANTS: readonly Variant[] = [
  {
    title: 'VRRPv2, PASS authentication, check_unicast_src, 1 s adverts, TTL 255',
    version: 2,
    intervalCs: 100,
    vrids: { vipdMaster: 71, keepalivedMaster: 72 },
    ttl: null,
    checkSource: true,
    password: 'unicast1',
  },
  {
    title: 'VRRPv3, 100 ms adverts, unicast_ttl 64 checked by peers with min_ttl 60 max_ttl 64',
    version: 3,
    intervalCs: 10,
    vrids: { vipdMaster: 73, keepalivedMaster: 74 },
    ttl: { sent: 64, min: 60, max: 64 },
    checkSource: false,
  },
];

type Router = { readonly kind: 'vipd'; readonly process: VipdProcess } | { readonly kind: 'keepalived'; readonly process: KeepalivedProcess };

interface RouterSpec {
  readonly host: LabHost;
  readonly kind: Router['kind'];
  readonly priority: number;
}

/** One router's keepalived.conf: its own address as source, the others as peers. */
function config(variant: Variant, lab: Lab, vrid: number, self: LabHost, peers: readonly LabHost[], priority: number, name = INSTANCE, vip = lab.ipv4(100)): string {
  const ttlOptions = variant.ttl === null ? '' : ` min_ttl ${variant.ttl.min} max_ttl ${variant.ttl.max}`;
  const auth = variant.password === undefined ? '' : `\n    authentication {\n        auth_type PASS\n        auth_pass ${variant.password}\n    }`;
  return `
global_defs {
    router_id unicast-h${self.index}
}
vrrp_instance ${name} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    version ${variant.version}
    advert_int ${variant.intervalCs / 100}${auth}
    unicast_src_ip ${self.ipv4}${variant.ttl === null ? '' : `\n    unicast_ttl ${variant.ttl.sent}`}${variant.checkSource ? '\n    check_unicast_src' : ''}
    unicast_peer {
${peers.map((peer) => `        ${peer.ipv4}${ttlOptions}`).join('\n')}
    }
    virtual_ipaddress {
        ${vip}/24
    }
}
`;
}

/** Everything a case starts, stopped and removed whatever happens. */
class UnicastCase {
  lab: Lab | undefined;
  capture: PacketCapture | undefined;
  readonly routers: Router[] = [];

  async cleanup(): Promise<void> {
    await Promise.allSettled([...this.routers.map((r) => r.process.stop()), this.capture?.discard()]);
    await this.lab?.destroy();
  }

  async explain(error: unknown): Promise<never> {
    (error as Error).message +=
      this.routers.map((r, i) => logTail(`${r.kind} #${i + 1}`, r.process.output.lines)).join('') + (await timeline(this.capture));
    throw error;
  }
}

const open = new Set<UnicastCase>();
after(async () => {
  await Promise.all([...open].map((c) => c.cleanup()));
});

async function withCase(hosts: number, body: (c: UnicastCase, lab: Lab) => Promise<void>): Promise<void> {
  const c = new UnicastCase();
  open.add(c);
  try {
    c.lab = await Lab.create({ hosts });
    await body(c, c.lab);
  } catch (error) {
    await c.explain(error);
  } finally {
    await c.cleanup();
    open.delete(c);
  }
}

async function startRouter(lab: Lab, spec: RouterSpec, text: string): Promise<Router> {
  return spec.kind === 'vipd'
    ? { kind: 'vipd', process: await VipdProcess.start(lab, spec.host, text) }
    : { kind: 'keepalived', process: await KeepalivedProcess.start(lab, spec.host, text) };
}

/**
 * vipd's adverts on the wire are unicast to its peers only, one copy per
 * peer (the counts differ by at most one: the capture may stop between two
 * copies), with the TTL configured and a v3 checksum over the pseudo-header
 * with that peer as destination.
 */
function assertUnicastAdverts(wire: Wire, variant: Variant, vrid: number, source: string, peers: readonly string[]): void {
  const sent = wire.adverts.filter((a) => a.source === source);
  assert.ok(sent.length > 0, `no advert from ${source} on the wire`);
  const perPeer = new Map(peers.map((peer) => [peer, 0]));
  for (const packet of sent) {
    const where = `advert from ${source} to ${packet.destination} at ${packet.atUs} µs`;
    assert.ok(perPeer.has(packet.destination), `${where}: not to a peer (${peers.join(', ')})`);
    perPeer.set(packet.destination, (perPeer.get(packet.destination) ?? 0) + 1);
    assert.equal(packet.error, null, `${where} does not decode with its real destination: ${JSON.stringify(packet.error)}`);
    assert.equal(packet.ttl, variant.ttl?.sent ?? 255, `${where}: TTL`);
    assert.equal(packet.decoded?.advert.version, variant.version, `${where}: version`);
    assert.equal(packet.decoded?.advert.vrid, vrid, `${where}: VRID`);
    if (variant.version === 3) assert.equal(packet.decoded?.checksumForm, 'pseudoHeader', `${where}: the v3 checksum covers the pseudo-header with the peer`);
  }
  const counts = [...perPeer.values()];
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `one copy per peer: ${JSON.stringify(Object.fromEntries(perPeer))}`);
}

/**
 * Waits until the vipd routers have together sent or received `count` more
 * adverts (vipd counts both; keepalived has no status to poll).
 */
async function advertsHeard(c: UnicastCase, count: number, variant: Variant): Promise<void> {
  const total = async (): Promise<number> => {
    let sum = 0;
    for (const router of c.routers) {
      if (router.kind !== 'vipd') continue;
      const { counters } = await vipdInstance(router.process, INSTANCE);
      sum += counters.advertSent + counters.advertReceived;
    }
    return sum;
  };
  const before = await total();
  await eventually(async () => (await total()) >= before + count, (count + 1) * variant.intervalCs * 10 + 3000, `${count} more adverts`);
}

/** A vipd router is backup with `master` as its master (keepalived has no status to poll: nothing to wait for). */
async function followsAsBackup(router: Router, master: LabHost, timeoutMs: number): Promise<void> {
  if (router.kind !== 'vipd') return;
  await eventually(
    async () => {
      const status = await vipdInstance(router.process, INSTANCE);
      return status.state === 'backup' && status.masterAddress === master.ipv4;
    },
    timeoutMs,
    `vipd to follow h${master.index} as its master`,
  );
}

/** The master's cable pulled and plugged back, with three routers running. */
async function threeRouterCase(variant: Variant, vrid: number, kinds: readonly [Router['kind'], Router['kind'], Router['kind']]): Promise<void> {
  await withCase(3, async (c, lab) => {
    const specs: RouterSpec[] = [
      { host: lab.host(1), kind: kinds[0], priority: HIGH },
      { host: lab.host(2), kind: kinds[1], priority: MIDDLE },
      { host: lab.host(3), kind: kinds[2], priority: LOW },
    ];
    const vip = `${lab.ipv4(100)}/24`;
    const peersOf = (spec: RouterSpec): LabHost[] => specs.filter((s) => s !== spec).map((s) => s.host);
    const limitMs = (priority: number): number => masterDownIntervalMs(variant.version, priority, variant.intervalCs);

    c.capture = await PacketCapture.start(lab);
    // The master first, so that the election is settled by priority alone.
    const [masterSpec, middleSpec, lowSpec] = specs as [RouterSpec, RouterSpec, RouterSpec];
    const master = await startRouter(lab, masterSpec, config(variant, lab, vrid, masterSpec.host, peersOf(masterSpec), HIGH));
    c.routers.push(master);
    await master.process.waitForState(INSTANCE, 'MASTER', limitMs(HIGH) + 5000);
    const middle = await startRouter(lab, middleSpec, config(variant, lab, vrid, middleSpec.host, peersOf(middleSpec), MIDDLE));
    c.routers.push(middle);
    const low = await startRouter(lab, lowSpec, config(variant, lab, vrid, lowSpec.host, peersOf(lowSpec), LOW));
    c.routers.push(low);
    await middle.process.waitForState(INSTANCE, 'BACKUP', 5000);
    await low.process.waitForState(INSTANCE, 'BACKUP', 5000);

    // Settled: every vipd backup follows the master, which has advertised to its listening peers since.
    for (const router of [middle, low]) await followsAsBackup(router, masterSpec.host, limitMs(LOW) + 5000);
    await advertsHeard(c, 3, variant);
    await waitForAddresses(lab, masterSpec.host, [vip], true);
    await waitForAddresses(lab, middleSpec.host, [vip], false);
    await waitForAddresses(lab, lowSpec.host, [vip], false);

    // Failover: the master's cable is pulled; the 100 router takes over, the 50 one stays backup.
    const marks = c.routers.map((r) => r.process.output.lines.length);
    await lab.unplug(masterSpec.host);
    await middle.process.waitForState(INSTANCE, 'MASTER', limitMs(MIDDLE) + 3000, marks[1]);
    await master.process.waitForState(INSTANCE, 'FAULT', 3000, marks[0]);
    await waitForAddresses(lab, middleSpec.host, [vip], true);
    await followsAsBackup(low, middleSpec.host, limitMs(LOW) + 3000);

    // The master returns and preempts.
    const plugMarks = c.routers.map((r) => r.process.output.lines.length);
    await lab.plug(masterSpec.host);
    await master.process.waitForState(INSTANCE, 'MASTER', 2 * limitMs(HIGH) + 5000, plugMarks[0]);
    await middle.process.waitForState(INSTANCE, 'BACKUP', 3000, plugMarks[1]);
    await waitForAddresses(lab, masterSpec.host, [vip], true);
    await waitForAddresses(lab, middleSpec.host, [vip], false);
    // A few more adverts after the handover, for the wire checks.
    await advertsHeard(c, 3, variant);

    const lowToMaster = low.process.output.lines.filter((line) => /Entering MASTER STATE/.test(line));
    assert.deepEqual(lowToMaster, [], 'the priority-50 router never became master');
    for (const router of c.routers) {
      if (router.kind === 'vipd') {
        const status = await vipdInstance(router.process, INSTANCE);
        assert.deepEqual(vipdReceiveProblems(status), {}, 'vipd rejected none of the unicast adverts it got');
        assert.ok(status.counters.advertReceived > 0);
        assert.deepEqual(vipdDiscards(router.process), [], 'vipd complained about an advert');
      } else {
        assert.deepEqual(keepalivedComplaints(router.process.output.lines), [], 'keepalived complained about an advert');
      }
    }

    await Promise.all(c.routers.map((r) => r.process.stop()));
    const wire = await readWire(c.capture);
    assert.deepEqual(wire.adverts.filter((a) => a.destination === '224.0.0.18').map((a) => a.source), [], 'nobody multicast');
    for (const spec of specs) {
      const peers = peersOf(spec).map((h) => h.ipv4);
      // The priority-50 router is never master, so it never advertises.
      if (spec.kind === 'vipd' && spec.priority !== LOW) assertUnicastAdverts(wire, variant, vrid, spec.host.ipv4, peers);
      else if (spec.kind === 'vipd') assert.deepEqual(wire.adverts.filter((a) => a.source === spec.host.ipv4 && a.decoded?.advert.priority !== 0), [], 'the low vipd advertised');
      else {
        // keepalived's own unicast adverts decode with vipd's codec, with their real destination.
        const theirs = wire.adverts.filter((a) => a.source === spec.host.ipv4);
        assert.ok(theirs.length > 0 || spec.priority === LOW, `no advert from keepalived on h${spec.host.index}`);
        assert.deepEqual(theirs.filter((a) => a.error !== null).map((a) => a.error), [], 'keepalived adverts that vipd cannot decode');
      }
    }
    if (masterSpec.kind === 'vipd') {
      // reference §2 Unicast: on leaving FAULT, a gratuitous ARP for the source address.
      const garps = wire.announcements.filter((a) => a.kind === 'gratuitousArp' && a.address === masterSpec.host.ipv4);
      assert.ok(garps.length > 0, 'vipd sent a gratuitous ARP for its own address on leaving FAULT');
    }
  });
}

/**
 * One VRID, two unicast pairs through one vipd (reference §2: duplicate VRIDs
 * are allowed when the peer sets do not overlap): on h1 vipd runs PAIR_A with
 * h2's keepalived (vipd 150 > 100: vipd master) and PAIR_B with h3's
 * keepalived (vipd 50 < 100: keepalived master). vipd must give each advert to
 * the instance whose peer sent it; then h3's cable is pulled and vipd's
 * PAIR_B takes over, PAIR_A staying master.
 */
async function disjointPairsCase(variant: Variant): Promise<void> {
  await withCase(3, async (c, lab) => {
    const vrid = 75;
    const [h1, h2, h3] = [lab.host(1), lab.host(2), lab.host(3)];
    const [vipA, vipB] = [lab.ipv4(100), lab.ipv4(101)];
    const withoutGlobals = (text: string): string => text.replace(/global_defs \{[^}]*\}\n/, '');
    const vipdConfig =
      config(variant, lab, vrid, h1, [h2], HIGH, 'PAIR_A', vipA) + withoutGlobals(config(variant, lab, vrid, h1, [h3], LOW, 'PAIR_B', vipB));
    c.capture = await PacketCapture.start(lab);
    const a = await startRouter(lab, { host: h2, kind: 'keepalived', priority: MIDDLE }, config(variant, lab, vrid, h2, [h1], MIDDLE, 'PAIR_A', vipA));
    c.routers.push(a);
    const b = await startRouter(lab, { host: h3, kind: 'keepalived', priority: MIDDLE }, config(variant, lab, vrid, h3, [h1], MIDDLE, 'PAIR_B', vipB));
    c.routers.push(b);
    const vipd = await VipdProcess.start(lab, h1, vipdConfig);
    c.routers.push({ kind: 'vipd', process: vipd });
    const limitMs = masterDownIntervalMs(variant.version, MIDDLE, variant.intervalCs);

    await vipd.waitForState('PAIR_A', 'MASTER', 2 * limitMs + 5000);
    await a.process.waitForState('PAIR_A', 'BACKUP', 2 * limitMs + 5000);
    await b.process.waitForState('PAIR_B', 'MASTER', 2 * limitMs + 5000);
    await eventually(
      async () => {
        const status = await vipdInstance(vipd, 'PAIR_B');
        return status.state === 'backup' && status.masterAddress === h3.ipv4 && status.counters.advertReceived >= 3;
      },
      limitMs + 5000,
      "vipd's PAIR_B to follow h3 as its master",
    );
    await waitForAddresses(lab, h1, [`${vipA}/24`], true);
    await waitForAddresses(lab, h1, [`${vipB}/24`], false);
    await waitForAddresses(lab, h3, [`${vipB}/24`], true);

    const mark = vipd.output.lines.length;
    await lab.unplug(h3);
    await vipd.waitForState('PAIR_B', 'MASTER', limitMs + 5000, mark);
    await waitForAddresses(lab, h1, [`${vipA}/24`, `${vipB}/24`], true);
    assert.equal((await vipdInstance(vipd, 'PAIR_A')).state, 'master', 'PAIR_A stays master');

    for (const name of ['PAIR_A', 'PAIR_B']) {
      const status = await vipdInstance(vipd, name);
      assert.deepEqual(vipdReceiveProblems(status), {}, `vipd's ${name} rejected none of its peer's adverts`);
    }
    assert.deepEqual((await vipdInstance(vipd, 'PAIR_A')).counters.advertReceived > 0, true, 'PAIR_A heard h2');
    assert.deepEqual(vipdDiscards(vipd), [], 'vipd complained about an advert');
    assert.deepEqual(vipd.output.lines.filter((l) => /\(PAIR_A\).*(forcing new election|higher priority)/.test(l)), [], "h3's adverts never reached PAIR_A");
    for (const router of [a, b]) assert.deepEqual(keepalivedComplaints(router.process.output.lines), [], 'keepalived complained about an advert');
    await Promise.all(c.routers.map((r) => r.process.stop()));
    const wire = await readWire(c.capture);
    const fromVipd = wire.adverts.filter((advert) => advert.source === h1.ipv4 && advert.decoded?.advert.priority !== 0);
    assert.ok(fromVipd.length > 0);
    assert.deepEqual(
      fromVipd.filter((advert) => advert.destination !== (advert.decoded?.advert.priority === HIGH ? h2.ipv4 : h3.ipv4)).map((advert) => advert.destination),
      [],
      "each of vipd's instances advertises to its own peer only",
    );
  });
}

describe('unicast VRRP against keepalived: three routers on one LAN', { skip, timeout: 4 * TEST_TIMEOUT_MS + 60_000 }, () => {
  for (const variant of VARIANTS) {
    describe(variant.title, () => {
      it('vipd master with two keepalived backups: election, failover to keepalived, preemption back', { timeout: TEST_TIMEOUT_MS }, async () => {
        await threeRouterCase(variant, variant.vrids.vipdMaster, ['vipd', 'keepalived', 'keepalived']);
      });
      it('keepalived master with two vipd backups: election, failover to vipd, preemption back', { timeout: TEST_TIMEOUT_MS }, async () => {
        await threeRouterCase(variant, variant.vrids.keepalivedMaster, ['keepalived', 'vipd', 'vipd']);
      });
    });
  }
});

/**
 * keepalived's old unicast checksum (reference §2 Checksums): keepalived with
 * old_unicast_checksum sends v3/IPv4 adverts with 224.0.0.18 in the
 * pseudo-header. vipd (priority 200, started second) must accept them, say
 * "Setting unicast VRRPv3 checksum to old version", preempt, and send the
 * old form itself, which keepalived accepts (it goes BACKUP, no complaint).
 */
async function oldChecksumCase(variant: Variant): Promise<void> {
  await withCase(2, async (c, lab) => {
    const vrid = 76;
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const limitMs = masterDownIntervalMs(variant.version, HIGH, variant.intervalCs);
    c.capture = await PacketCapture.start(lab);
    const keepalivedText = config(variant, lab, vrid, h2, [h1], HIGH).replace('    unicast_peer {', '    old_unicast_checksum\n    unicast_peer {');
    const keepalived = await KeepalivedProcess.start(lab, h2, keepalivedText);
    c.routers.push({ kind: 'keepalived', process: keepalived });
    await keepalived.waitForState(INSTANCE, 'MASTER', limitMs + 5000);
    const vipd = await VipdProcess.start(lab, h1, config(variant, lab, vrid, h1, [h2], 200));
    c.routers.push({ kind: 'vipd', process: vipd });
    await vipd.waitForState(INSTANCE, 'MASTER', 2 * limitMs + 5000);
    await keepalived.waitForState(INSTANCE, 'BACKUP', 3000);
    await advertsHeard(c, 3, variant);
    assert.equal(vipd.output.lines.filter((l) => /Setting unicast VRRPv3 checksum to old version/.test(l)).length, 1, 'vipd switched once');
    assert.deepEqual(vipdReceiveProblems(await vipdInstance(vipd, INSTANCE)), {}, 'vipd took the old form');
    assert.deepEqual(keepalivedComplaints(keepalived.output.lines), [], 'keepalived took the old form from vipd');
    await Promise.all(c.routers.map((r) => r.process.stop()));
    const wire = await readWire(c.capture);
    const fromVipd = wire.adverts.filter((a) => a.source === h1.ipv4);
    assert.ok(fromVipd.length > 0);
    // Decoded with its real destination (h2), an old-form advert has a bad checksum; with 224.0.0.18 it verifies.
    assert.deepEqual(fromVipd.filter((a) => a.error?.kind !== 'badChecksum').map((a) => a.atUs), [], "every vipd advert has the old form's checksum");
  });
}

describe('unicast VRRP against keepalived: one VRID, two pairs with disjoint peers through one vipd', { skip, timeout: TEST_TIMEOUT_MS }, () => {
  it('each pair elects its own master; the second pair fails over to vipd while the first stays', async () => {
    const v3 = VARIANTS.find((variant) => variant.version === 3);
    assert.ok(v3 !== undefined);
    await disjointPairsCase(v3);
  });
});

describe('unicast VRRP against keepalived: old_unicast_checksum', { skip, timeout: TEST_TIMEOUT_MS }, () => {
  it("vipd detects keepalived's old v3 unicast checksum, switches to it, and keepalived accepts vipd's adverts", async () => {
    const v3 = VARIANTS.find((variant) => variant.version === 3);
    assert.ok(v3 !== undefined);
    await oldChecksumCase(v3);
  });
});
