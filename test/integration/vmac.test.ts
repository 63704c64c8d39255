/**
 * use_vmac in namespaces (reference §3 "VMAC"): vipd makes the VMAC itself,
 * against real keepalived 2.2.7 in both roles. A third host asks for the VIP
 * by ARP: the answer comes from 00:00:5e:00:01:VRID only, by way of the
 * master; the backup (and the master's own interface) never answers. Adverts
 * on the wire carry the virtual MAC. Failover moves the VIP and its virtual
 * MAC. After SIGTERM, and after a crash (SIGKILL) followed by a restart and a
 * stop, no macvlan, no VIP and no changed sysctl is left.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KeepalivedProcess } from '../../src/lab/keepalived-process.js';
import { Lab, type LabHost } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { eventually, interopCases, type InteropCase, keepalivedComplaints, keepalivedSkipReason, linkLocalOf } from './interop-support.js';
import { decodeCapture } from '../../src/lab/captured-frames.js';

const skip = await keepalivedSkipReason();
const STATE_TIMEOUT_MS = 8000;
const VRID = 51;
const VIRTUAL_MAC = '00:00:5e:00:01:33';
const cases = interopCases<KeepalivedProcess>('keepalived', (k) => k.output.lines, 3);

/** The sysctls a VMAC changes, on eth0 and globally (the VMAC's own go with it). */
const WATCHED_SYSCTLS = [
  'net/ipv4/conf/all/rp_filter',
  'net/ipv4/conf/default/rp_filter',
  'net/ipv4/conf/eth0/rp_filter',
  'net/ipv4/conf/eth0/arp_ignore',
  'net/ipv4/conf/eth0/arp_filter',
  'net/ipv4/conf/eth0/accept_local',
  'net/ipv4/conf/eth0/promote_secondaries',
  'net/ipv4/conf/lo/rp_filter',
];

function config(vip: string, priority: number, interfaceName = 'eth0', extra = ''): string {
  return `
vrrp_instance VI_1 {
    state BACKUP
    interface ${interfaceName}
    virtual_router_id ${VRID}
    priority ${priority}
    advert_int 1
    use_vmac
    ${extra}
    virtual_ipaddress {
        ${vip}
    }
}
`;
}

async function sysctls(lab: Lab, host: LabHost): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const path of WATCHED_SYSCTLS) values[path] = (await lab.exec(host.namespace, 'cat', `/proc/sys/${path}`)).trim();
  return values;
}

/** `ip -d link` of the host's macvlans, one line each ("name mac mode"). */
async function macvlans(lab: Lab, host: LabHost): Promise<string[]> {
  const out = await lab.ip(host.namespace, '-d', '-o', 'link', 'show', 'type', 'macvlan');
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const name = /^\d+: ([^@:]+)[@:]/.exec(line)?.[1] ?? '?';
      const mac = /link\/ether (\S+)/.exec(line)?.[1] ?? '?';
      const mode = /macvlan mode (\S+)/.exec(line)?.[1] ?? '?';
      const parent = /@(\S+?):/.exec(line)?.[1] ?? '?';
      return `${name}@${parent} ${mac} ${mode}`;
    });
}

async function holdsOn(lab: Lab, host: LabHost, device: string, vip: string): Promise<boolean> {
  const out = await lab.ip(host.namespace, '-o', 'addr', 'show', 'dev', device).catch(() => '');
  return out.includes(` ${vip}/32 `);
}

async function allAddresses(lab: Lab, host: LabHost): Promise<string> {
  return lab.ip(host.namespace, '-o', 'addr', 'show');
}

const SEND_ARP_REQUEST = fileURLToPath(new URL('./send-arp-request.js', import.meta.url));

/**
 * The client asks for `vip` by ARP, twice (send-arp-request.ts), and resolves
 * with "ETHERNET-SOURCE/ARP-SENDER-MAC" of every reply on the wire once the
 * second request is answered: an answer to the first from anyone else would
 * have crossed the LAN by then.
 */
async function arpFor(lab: Lab, capture: PacketCapture, client: LabHost, vip: string, device = 'eth0'): Promise<string[]> {
  const link = await lab.ip(client.namespace, '-o', 'link', 'show', 'dev', device);
  const ifindex = /^(\d+):/.exec(link)?.[1];
  const mac = /link\/ether (\S+)/.exec(link)?.[1];
  const address = /inet (\S+)\//.exec(await lab.ip(client.namespace, '-o', '-4', 'addr', 'show', 'dev', device))?.[1];
  assert.ok(ifindex !== undefined && mac !== undefined && address !== undefined, `h${client.index} ${device}: ${link}`);
  const before = capture.rawSnapshot().packets.length;
  let answered = 0;
  for (let round = 1; round <= 2; round++) {
    await lab.exec(client.namespace, process.execPath, SEND_ARP_REQUEST, ifindex, mac, address, vip);
    answered = await eventually(
      async () => {
        const found = arpRepliesFor(capture.rawSnapshot().packets.slice(before).map((p) => p.data), vip, mac);
        return found.length > answered ? found.length : undefined;
      },
      3000,
      `an ARP reply for ${vip} to h${client.index} (request ${round})`,
    );
  }
  return arpRepliesFor(capture.rawSnapshot().packets.slice(before).map((p) => p.data), vip, mac);
}

/** "ETHERNET-SOURCE/ARP-SENDER-MAC" of each ARP reply (VLAN-tagged or not) for `vip` sent to `client`. */
function arpRepliesFor(frames: readonly Uint8Array[], vip: string, client: string): string[] {
  const mac = (bytes: Uint8Array, at: number): string => [...bytes.subarray(at, at + 6)].map((b) => b.toString(16).padStart(2, '0')).join(':');
  return frames.flatMap((f) => {
    const tagged = f[12] === 0x81 && f[13] === 0x00;
    const arp = tagged ? 18 : 14;
    if (f.length < arp + 28 || f[arp - 2] !== 0x08 || f[arp - 1] !== 0x06 || f[arp + 7] !== 2) return [];
    const sender = [...f.subarray(arp + 14, arp + 18)].join('.');
    return sender === vip && mac(f, arp + 18) === client ? [`${mac(f, 6)}/${mac(f, arp + 8)}`] : [];
  });
}

/** The VMAC state file of the host's namespace (vmac-state.ts). */
async function stateFileOf(lab: Lab, host: LabHost): Promise<string> {
  const inode = (await lab.exec(host.namespace, 'stat', '-L', '-c', '%i', '/proc/self/ns/net')).trim();
  return `/run/vipd/vmac-state.${inode}.json`;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Nothing of vipd's VMAC is left on `host`: no macvlan, no VIP, the sysctls as `original`, no state file. */
async function assertNothingLeft(lab: Lab, host: LabHost, vip: string, original: Record<string, string>): Promise<void> {
  assert.deepEqual(await macvlans(lab, host), [], `h${host.index} still has a macvlan`);
  assert.ok(!(await allAddresses(lab, host)).includes(` ${vip}/`), `h${host.index} still holds ${vip}`);
  assert.deepEqual(await sysctls(lab, host), original, `h${host.index}'s sysctls are not back to their originals`);
  assert.ok(!exists(await stateFileOf(lab, host)), `h${host.index}'s VMAC state file is still there`);
}

/**
 * keepalived on h2 and vipd on h1 with `use_vmac` and these priorities, the
 * wire captured; resolves once `master` reports MASTER with the VIP on its VMAC.
 */
async function startPair(c: InteropCase<KeepalivedProcess>, vip: string, vipdPriority: number, keepalivedPriority: number): Promise<void> {
  const lab = c.lab!;
  c.capture = await PacketCapture.start(lab);
  c.peer = await KeepalivedProcess.start(lab, lab.host(2), config(vip, keepalivedPriority));
  c.vipd = await VipdProcess.start(lab, lab.host(1), config(vip, vipdPriority));
  const [master, host] = vipdPriority > keepalivedPriority ? [c.vipd, lab.host(1)] : [c.peer, lab.host(2)];
  await master.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
  await eventually(() => holdsOn(lab, host, 'vrrp.51', vip), 2000, `the VIP on h${host.index} vrrp.51`);
}

describe('use_vmac against keepalived 2.2.7', { skip }, () => {
  it('vipd master, keepalived backup: the VIP answers ARP from the virtual MAC; failover to keepalived; SIGTERM leaves nothing', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const [h1, h2, h3] = [lab.host(1), lab.host(2), lab.host(3)];
      const vip = lab.ipv4(100);
      // A non-zero all.rp_filter is the case keepalived moves to each interface (reference §3).
      await lab.exec(h1.namespace, 'sysctl', '-qw', 'net.ipv4.conf.all.rp_filter=1');
      const original = await sysctls(lab, h1);
      await startPair(c, vip, 200, 100);
      assert.ok(c.capture !== undefined && c.peer !== undefined && c.vipd !== undefined);

      // Both nodes made the same VMAC, whatever their state.
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0 ${VIRTUAL_MAC} private`]);
      assert.deepEqual(await macvlans(lab, h2), [`vrrp.51@eth0 ${VIRTUAL_MAC} private`]);
      assert.ok(!(await holdsOn(lab, h1, 'eth0', vip)), 'the VIP went on eth0, not the VMAC');
      const during = await sysctls(lab, h1);
      assert.deepEqual(
        [during['net/ipv4/conf/eth0/arp_ignore'], during['net/ipv4/conf/eth0/arp_filter'], during['net/ipv4/conf/all/rp_filter'], during['net/ipv4/conf/eth0/rp_filter']],
        ['1', '1', '0', '1'],
      );
      const vmacConf = (await lab.exec(h1.namespace, 'cat', ...['arp_ignore', 'accept_local', 'rp_filter', 'promote_secondaries'].map((s) => `/proc/sys/net/ipv4/conf/vrrp.51/${s}`), '/proc/sys/net/ipv6/conf/vrrp.51/disable_ipv6')).split('\n').filter((l) => l !== '');
      assert.deepEqual(vmacConf, ['1', '1', '0', '1', '1']);

      const asked = await arpFor(lab, c.capture, h3, vip);
      assert.deepEqual([...new Set(asked)], [`${VIRTUAL_MAC}/${VIRTUAL_MAC}`], 'an ARP answer from another MAC than the virtual one');

      const wire = decodeCapture(c.capture.rawSnapshot());
      const fromVipd = wire.vrrp.filter((a) => a.source === h1.ipv4);
      assert.ok(fromVipd.length > 0);
      assert.deepEqual([...new Set(fromVipd.map((a) => a.sourceMac))], [VIRTUAL_MAC], 'vipd adverts not from the virtual MAC');
      assert.ok(wire.announcements.some((a) => a.address === vip && a.sourceMac === VIRTUAL_MAC), 'no gratuitous ARP from the virtual MAC');

      // Failover: vipd resigns; keepalived takes the VIP, with the same virtual MAC.
      const mark = c.peer.output.lines.length;
      await c.vipd.stop();
      await c.peer.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark);
      await eventually(() => holdsOn(lab, h2, 'vrrp.51', vip), 2000, 'the VIP on h2 vrrp.51');
      const again = await arpFor(lab, c.capture, h3, vip);
      assert.deepEqual([...new Set(again)], [`${VIRTUAL_MAC}/${VIRTUAL_MAC}`]);
      const fromKeepalived = decodeCapture(c.capture.rawSnapshot()).vrrp.filter((a) => a.source === h2.ipv4 && a.decoded?.advert.priority === 100);
      assert.deepEqual([...new Set(fromKeepalived.map((a) => a.sourceMac))], [VIRTUAL_MAC], 'keepalived adverts not from the virtual MAC');

      await assertNothingLeft(lab, h1, vip, original);
      assert.match(c.vipd.output.lines.join('\n'), /Success removing VMAC interface vrrp\.51/);
    }));

  it('keepalived master, vipd backup: only the master answers ARP; vipd takes over with the virtual MAC', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const [h1, h3] = [lab.host(1), lab.host(3)];
      const vip = lab.ipv4(100);
      const original = await sysctls(lab, h1);
      await startPair(c, vip, 100, 200);
      assert.ok(c.capture !== undefined && c.peer !== undefined && c.vipd !== undefined);
      await c.vipd.waitForState('VI_1', 'BACKUP', STATE_TIMEOUT_MS);

      // The backup has its VMAC too, without the VIP; its eth0 does not answer for the VIP.
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0 ${VIRTUAL_MAC} private`]);
      assert.ok(!(await allAddresses(lab, h1)).includes(` ${vip}/`));
      const asked = await arpFor(lab, c.capture, h3, vip);
      assert.deepEqual([...new Set(asked)], [`${VIRTUAL_MAC}/${VIRTUAL_MAC}`], 'an ARP answer from another MAC than the virtual one');
      const h1Mac = /link\/ether (\S+)/.exec(await lab.ip(h1.namespace, '-o', 'link', 'show', 'eth0'))?.[1];
      assert.ok(h1Mac !== undefined && !asked.some((r) => r.includes(h1Mac)), 'the backup answered');

      const mark = c.vipd.output.lines.length;
      await c.peer.stop();
      await c.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark);
      await eventually(() => holdsOn(lab, h1, 'vrrp.51', vip), 2000, 'the VIP on h1 vrrp.51');
      const again = await arpFor(lab, c.capture, h3, vip);
      assert.deepEqual([...new Set(again)], [`${VIRTUAL_MAC}/${VIRTUAL_MAC}`]);
      const fromVipd = decodeCapture(c.capture.rawSnapshot()).vrrp.filter((a) => a.source === h1.ipv4 && (a.decoded?.advert.priority ?? 0) > 0);
      assert.ok(fromVipd.length > 0);
      assert.deepEqual([...new Set(fromVipd.map((a) => a.sourceMac))], [VIRTUAL_MAC], 'vipd adverts not from the virtual MAC');

      await c.vipd.stop();
      await assertNothingLeft(lab, h1, vip, original);
    }));

  it('a crash (SIGKILL) leaves the VMAC; the next start removes it and restores the sysctls; its stop leaves nothing', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const h1 = lab.host(1);
      const vip = lab.ipv4(100);
      await lab.exec(h1.namespace, 'sysctl', '-qw', 'net.ipv4.conf.all.rp_filter=2');
      const original = await sysctls(lab, h1);
      c.vipd = await VipdProcess.start(lab, h1, config(vip, 200));
      await c.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await eventually(() => holdsOn(lab, h1, 'vrrp.51', vip), 2000, 'the VIP on h1 vrrp.51');
      const crashed = c.vipd;
      crashed.signal('SIGKILL');
      await crashed.stop();
      // What the crash left behind: the VMAC with the VIP, the sysctls, the record of both.
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0 ${VIRTUAL_MAC} private`]);
      assert.ok(await holdsOn(lab, h1, 'vrrp.51', vip));
      assert.notDeepEqual(await sysctls(lab, h1), original);
      assert.ok(exists(await stateFileOf(lab, h1)), 'no VMAC state file while the VMAC exists');

      c.vipd = await VipdProcess.start(lab, h1, config(vip, 200));
      assert.match(c.vipd.output.lines.join('\n'), /Removed VMAC interface vrrp\.51 left by process \d+/);
      await c.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await eventually(() => holdsOn(lab, h1, 'vrrp.51', vip), 2000, 'the VIP on the new vrrp.51');
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0 ${VIRTUAL_MAC} private`]);
      await c.vipd.stop();
      await assertNothingLeft(lab, h1, vip, original);
    }));

  it('one VMAC per parent: the same VRID on two LANs gets vrrp.51 and vrrp1.51, as keepalived names them', async () => {
    const lab = await Lab.create({ hosts: 2, lans: 2 });
    let vipd: VipdProcess | undefined;
    let keepalived: KeepalivedProcess | undefined;
    try {
      const [h1, h2] = [lab.host(1), lab.host(2)];
      const both = (priority: number): string =>
        config(lab.ipv4On(0, 100), priority, 'eth0') + config(lab.ipv4On(1, 100), priority, 'eth1').replace('VI_1', 'VI_2');
      keepalived = await KeepalivedProcess.start(lab, h2, both(100));
      vipd = await VipdProcess.start(lab, h1, both(200));
      await vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await vipd.waitForState('VI_2', 'MASTER', STATE_TIMEOUT_MS);
      const expected = [`vrrp.51@eth0 ${VIRTUAL_MAC} private`, `vrrp1.51@eth1 ${VIRTUAL_MAC} private`];
      assert.deepEqual((await macvlans(lab, h1)).sort(), expected);
      assert.deepEqual((await macvlans(lab, h2)).sort(), expected);
      await eventually(() => holdsOn(lab, h1, 'vrrp1.51', lab.ipv4On(1, 100)), 2000, 'the LAN 1 VIP on vrrp1.51');
      await vipd.stop();
      assert.deepEqual(await macvlans(lab, h1), []);
    } finally {
      await Promise.allSettled([vipd?.stop(), keepalived?.stop()]);
      await lab.destroy();
    }
  });
});

describe('use_vmac across reloads and for IPv6', { skip }, () => {
  it('a reload keeps the VMAC of a kept instance, makes the new ones and deletes the removed ones', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const h1 = lab.host(1);
      const vip = lab.ipv4(100);
      const ifindexOf = async (name: string): Promise<string | undefined> =>
        /^(\d+):/.exec(await lab.ip(h1.namespace, '-o', 'link', 'show', 'dev', name).catch(() => ''))?.[1];
      c.vipd = await VipdProcess.start(lab, h1, config(vip, 200));
      await c.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      const first = await ifindexOf('vrrp.51');
      assert.ok(first !== undefined);

      assert.match(await c.vipd.reload(config(vip, 150)), /Reload finished/);
      assert.equal(await ifindexOf('vrrp.51'), first, 'the kept instance got another VMAC');
      assert.ok(await holdsOn(lab, h1, 'vrrp.51', vip), 'the kept master lost its VIP');

      const other = config(lab.ipv4(101), 200).replace('VI_1', 'VI_2').replace(`virtual_router_id ${VRID}`, 'virtual_router_id 52');
      assert.match(await c.vipd.reload(other), /Reload finished/);
      await eventually(async () => (await macvlans(lab, h1)).join() === 'vrrp.52@eth0 00:00:5e:00:01:34 private', 3000, 'vrrp.51 to go and vrrp.52 to come');
      await c.vipd.stop();
      assert.deepEqual(await macvlans(lab, h1), []);
    }));

  it('IPv6: vipd master, keepalived backup: the VMAC has the parent\'s link-local address; NAs and adverts come from 00:00:5e:00:02:VRID', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const [h1, h2] = [lab.host(1), lab.host(2)];
      const vip = lab.ipv6(100);
      const v6 = (priority: number): string => `
vrrp_instance VI_6 {
    state BACKUP
    interface eth0
    virtual_router_id ${VRID}
    priority ${priority}
    advert_int 1
    use_vmac
    virtual_ipaddress {
        ${vip}/64
    }
}
`;
      const parentLinkLocal = await linkLocalOf(lab, h1);
      c.capture = await PacketCapture.start(lab);
      c.peer = await KeepalivedProcess.start(lab, h2, v6(100));
      c.vipd = await VipdProcess.start(lab, h1, v6(200));
      await c.vipd.waitForState('VI_6', 'MASTER', STATE_TIMEOUT_MS);
      const virtualMac = '00:00:5e:00:02:33';
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0 ${virtualMac} private`]);
      assert.deepEqual(await macvlans(lab, h2), [`vrrp.51@eth0 ${virtualMac} private`]);
      const details = await lab.ip(h1.namespace, '-d', '-o', 'link', 'show', 'dev', 'vrrp.51');
      assert.match(details, /addrgenmode none/);
      const addresses = await lab.ip(h1.namespace, '-6', '-o', 'addr', 'show', 'dev', 'vrrp.51');
      assert.match(addresses, new RegExp(`inet6 ${parentLinkLocal}/64 scope link nodad`));
      await eventually(async () => (await lab.ip(h1.namespace, '-6', '-o', 'addr', 'show', 'dev', 'vrrp.51')).includes(`${vip}/64`), 2000, 'the VIP on vrrp.51');

      const wire = decodeCapture(c.capture.rawSnapshot());
      const fromVipd = wire.vrrp.filter((a) => a.source === parentLinkLocal);
      assert.ok(fromVipd.length > 0, 'no advert from the parent\'s link-local address');
      assert.deepEqual([...new Set(fromVipd.map((a) => a.sourceMac))], [virtualMac]);
      await eventually(
        async () => decodeCapture(c.capture!.rawSnapshot()).announcements.some((a) => a.address === vip && a.sourceMac === virtualMac),
        3000,
        'an unsolicited NA for the VIP from the virtual MAC',
      );
      assert.deepEqual(keepalivedComplaints(c.peer.output.lines), []);
      await c.vipd.stop();
      assert.deepEqual(await macvlans(lab, h1), []);
    }));
});

/** Whether this kernel makes VLAN interfaces (CONFIG_VLAN_8021Q); the reason if not. */
async function vlanSkipReason(): Promise<string | false> {
  if (skip !== false) return skip;
  const lab = await Lab.create({ hosts: 1 });
  try {
    await lab.ip(lab.host(1).namespace, 'link', 'add', 'link', 'eth0', 'name', 'eth0.10', 'type', 'vlan', 'id', '10');
    return false;
  } catch (error) {
    return `this kernel makes no VLAN interfaces (${String(error).split('\n')[0]})`;
  } finally {
    await lab.destroy();
  }
}

describe('use_vmac on a VLAN interface (seed 004)', { skip: await vlanSkipReason() }, () => {
  it('vipd master on eth0.10, keepalived backup: the VMAC sits on the VLAN and answers ARP there', () =>
    cases(async (c) => {
      const lab = c.lab!;
      const [h1, h2, h3] = [lab.host(1), lab.host(2), lab.host(3)];
      for (const host of [h1, h2, h3]) {
        await lab.ip(host.namespace, 'link', 'add', 'link', 'eth0', 'name', 'eth0.10', 'type', 'vlan', 'id', '10');
        await lab.ip(host.namespace, 'addr', 'add', `10.${lab.subnet}.10.${host.index}/24`, 'dev', 'eth0.10');
        await lab.ip(host.namespace, 'link', 'set', 'eth0.10', 'up');
      }
      const vip = `10.${lab.subnet}.10.100`;
      c.capture = await PacketCapture.start(lab);
      c.peer = await KeepalivedProcess.start(lab, h2, config(vip, 100, 'eth0.10'));
      c.vipd = await VipdProcess.start(lab, h1, config(vip, 200, 'eth0.10'));
      await c.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
      await eventually(() => holdsOn(lab, h1, 'vrrp.51', vip), 2000, 'the VIP on h1 vrrp.51');
      assert.deepEqual(await macvlans(lab, h1), [`vrrp.51@eth0.10 ${VIRTUAL_MAC} private`]);
      const asked = await arpFor(lab, c.capture, h3, vip, 'eth0.10');
      assert.deepEqual([...new Set(asked)], [`${VIRTUAL_MAC}/${VIRTUAL_MAC}`]);
      await c.vipd.stop();
      assert.deepEqual(await macvlans(lab, h1), []);
    }));
});
