/**
 * Shared pieces of the interop tests (vipd against keepalived and FRR):
 * bounded polling, host facts read from the lab, what a peer's complaint about
 * vipd's packets looks like in keepalived's log, and the wire checks every
 * vipd advert must pass.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ChecksumForm } from '../../src/codec/advert.js';
import type { InstanceStatus } from '../../src/control/instance-status.js';
import { after } from 'node:test';
import { Lab, labAvailability, type LabHost } from '../../src/lab/namespace-lan.js';
import type { PacketCapture } from '../../src/lab/packet-capture.js';
import type { VipdProcess } from '../../src/lab/vipd-process.js';
import { readWire, wireTimeline, type Wire, type WireAdvert, type WireAnnouncement } from './wire-capture.js';

const POLL_INTERVAL_MS = 20;

/** Why the keepalived interop tests cannot run here (no namespaces, or no keepalived), or false. */
export async function keepalivedSkipReason(): Promise<string | false> {
  const lab = await labAvailability();
  if (!lab.available) return lab.reason;
  try {
    await promisify(execFile)('keepalived', ['--version'], { timeout: 5000 });
    return false;
  } catch {
    return 'keepalived is not installed (apt-get install keepalived)';
  }
}

/**
 * Polls `probe` every 20 ms until it returns something other than undefined
 * or false, and resolves with that; rejects after `timeoutMs` saying `what`.
 * For state that has no event to wait for (addresses, vtysh, vipd status).
 */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError === undefined ? '' : `: ${String(lastError)}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** The host's own IPv6 link-local address on eth0 (read before any link-local VIP is added). */
export async function linkLocalOf(lab: Lab, host: LabHost): Promise<string> {
  const out = await lab.ip(host.namespace, '-6', '-o', 'addr', 'show', 'dev', host.interfaceName, 'scope', 'link');
  const address = /\binet6 (fe80:[0-9a-f:]+)\//.exec(out)?.[1];
  if (address === undefined) throw new Error(`h${host.index} has no IPv6 link-local address on eth0:\n${out}`);
  return address;
}

/** The MAC address of the host's eth0. */
export async function macOf(lab: Lab, host: LabHost): Promise<string> {
  const out = await lab.ip(host.namespace, '-o', 'link', 'show', 'dev', host.interfaceName);
  const mac = /link\/ether ([0-9a-f:]{17})/.exec(out)?.[1];
  if (mac === undefined) throw new Error(`cannot read h${host.index}'s MAC:\n${out}`);
  return mac;
}

/** Waits until `host` holds every one of `addresses` (address/prefix) on eth0, or none of them. */
export async function waitForAddresses(lab: Lab, host: LabHost, addresses: readonly string[], held: boolean, timeoutMs = 2000): Promise<void> {
  await eventually(
    async () => {
      const present = await lab.addressesOf(host);
      return addresses.every((address) => present.includes(address) === held);
    },
    timeoutMs,
    `h${host.index} to ${held ? 'hold' : 'release'} ${addresses.join(', ')}`,
  );
}

/**
 * Lines in which keepalived 2.2.7 complains about a received advert
 * (keepalived/vrrp/vrrp.c vrrp_check_packet, wording as in Debian's 2.2.7
 * binary; "Invalid VRRPv3 checksum" was provoked on purpose in
 * keepalived-interop.test.ts to check that the pattern matches; the unicast
 * ones, "TTL/HL 50 not in range 60 - 64" and "unicast source address X not a
 * unicast peer", were provoked in a namespace run too). An interval
 * update is included: the tests configure equal intervals on both sides.
 */
export const KEEPALIVED_COMPLAINT =
  /Invalid VRRPv[23] checksum|invalid TTL|wrong version|received an? \d+ auth|invalid passwd|advertisement interval (mismatch|updated)|Invalid packet type|unexpected ip number count|ip_tot_len mismatch|expected \d+ VIPs but received|not present in MASTER advert|vrrp packet too|icast packet but received|bogus|AH header|IPSEC-AH|TTL\/HL \d+ not in range|not a unicast peer/i;

export function keepalivedComplaints(lines: readonly string[]): string[] {
  return lines.filter((line) => KEEPALIVED_COMPLAINT.test(line));
}

/** Counters of vipd's status that count a rejected or suspicious received advert, where non-zero. */
export function vipdReceiveProblems(status: InstanceStatus): Record<string, number> {
  const fine = new Set(['advertReceived', 'advertSent', 'becameMaster', 'releasedMaster', 'priorityZeroReceived', 'priorityZeroSent']);
  return Object.fromEntries(Object.entries(status.counters).filter(([name, count]) => !fine.has(name) && count > 0));
}

/** vipd's status of one instance. */
export async function vipdInstance(vipd: VipdProcess, name: string): Promise<InstanceStatus> {
  const instance = (await vipd.status()).find((status) => status.name === name);
  if (instance === undefined) throw new Error(`vipd has no instance ${name}`);
  return instance;
}

/** vipd's log lines that say it discarded an advert (log-lines.ts "discarding advert from …"). */
export function vipdDiscards(vipd: VipdProcess): string[] {
  return vipd.output.lines.filter((line) => /discarding advert from|lists other addresses than ours|interval mismatch/.test(line));
}

export interface ExpectedAdvert {
  readonly version: 2 | 3;
  readonly vrid: number;
  /** The configured priority; priority 0 is allowed too (resigning). */
  readonly priority: number;
  readonly intervalCs: number;
  /** The address list, in order, without prefixes. */
  readonly addresses: readonly string[];
  /** v2 PASS: the 8 bytes keepalived puts on the wire (the password, truncated / zero-padded). */
  readonly passAuthData?: Uint8Array;
  /** For v3/IPv4: the checksum form the peer accepts. */
  readonly checksumForm?: ChecksumForm;
  readonly destination: string;
  /** The sender's interface MAC: every VRRP packet with it must come from `source` (never from a VIP). */
  readonly sourceMac?: string;
}

/**
 * Every VRRP packet `source` sent decodes, and is what RFC 5798 / RFC 3768
 * and the peer want: TTL / hop limit 255, version, VRID, priority (or 0),
 * interval, address list, v2 PASS data, v3/IPv4 checksum form, multicast
 * group. Returns them (at least one).
 */
export function assertAdvertsFrom(wire: Wire, source: string, expected: ExpectedAdvert): WireAdvert[] {
  const sent = wire.adverts.filter((advert) => advert.source === source);
  assert.ok(sent.length > 0, `no VRRP packet from ${source} on the wire`);
  if (expected.sourceMac !== undefined) {
    const others = wire.adverts.filter((advert) => advert.sourceMac === expected.sourceMac && advert.source !== source);
    assert.deepEqual(others.map((advert) => advert.source), [], `VRRP packets from ${expected.sourceMac} with a source other than ${source}`);
  }
  for (const packet of sent) {
    const where = `advert from ${source} at ${packet.atUs} µs`;
    assert.equal(packet.error, null, `${where} does not decode: ${JSON.stringify(packet.error)}`);
    const decoded = packet.decoded;
    assert.ok(decoded !== null);
    const { advert } = decoded;
    assert.equal(packet.ttl, 255, `${where}: TTL/hop limit ${packet.ttl}, RFC 5798 §5.1.1.3 wants 255`);
    assert.equal(packet.destination, expected.destination, `${where}: destination`);
    assert.equal(advert.version, expected.version, `${where}: version`);
    assert.equal(advert.vrid, expected.vrid, `${where}: VRID`);
    assert.ok(advert.priority === expected.priority || advert.priority === 0, `${where}: priority ${advert.priority}, expected ${expected.priority} or 0`);
    assert.equal(advert.interval, expected.intervalCs, `${where}: interval (cs)`);
    assert.deepEqual([...advert.addresses], [...expected.addresses], `${where}: address list`);
    if (advert.version === 2) {
      assert.ok(expected.passAuthData !== undefined, `${where}: unexpected v2 advert`);
      assert.equal(advert.authentication.type, 'simpleText', `${where}: auth type`);
      assert.deepEqual([...advert.authentication.data], [...expected.passAuthData], `${where}: PASS authentication data`);
    }
    if (expected.checksumForm !== undefined) assert.equal(decoded.checksumForm, expected.checksumForm, `${where}: checksum form`);
  }
  return sent;
}

/** Gratuitous ARPs / unsolicited NAs for `address` sent from `mac` after `afterUs`. */
export function announcementsOf(wire: Wire, mac: string, address: string, afterUs: number): WireAnnouncement[] {
  return wire.announcements.filter((a) => a.sourceMac === mac && a.address === address && a.atUs > afterUs);
}

/** `text` as the 8 bytes of VRRPv2 PASS Authentication Data: the first 8 bytes, zero padded (RFC 3768 §5.3.10). */
export function passAuthData(text: string): Uint8Array {
  const data = new Uint8Array(8);
  data.set(new TextEncoder().encode(text).subarray(0, 8));
  return data;
}

/** The address part of "address/prefix". */
export function bare(address: string): string {
  return address.split('/')[0] ?? address;
}

/** Routine chatter left out of failure messages: per-packet announcements, timer ticks, FRR's packet hexdumps. */
const NOISE =
  /Sending gratuitous ARP on|Sending unsolicited [Nn]eighbour [Aa]dvert on|Adver_Timer expired|Refusing to start Virtual Router|Datagram rx:|\] [0-9a-f]{16}: /;

/** The last 40 interesting lines of a daemon's log, for a failure message. */
export function logTail(name: string, lines: readonly string[] | undefined): string {
  if (lines === undefined) return '';
  return `\n--- ${name} (last 40 lines, without per-packet chatter) ---\n${lines.filter((line) => !NOISE.test(line)).slice(-40).join('\n')}`;
}

/** The capture's VRRP timeline, for a failure message ('' without a capture). */
export async function timeline(capture: PacketCapture | undefined): Promise<string> {
  if (capture === undefined) return '';
  try {
    return `\n--- VRRP on the wire ---\n${wireTimeline(await readWire(capture))}`;
  } catch (error) {
    return `\n--- capture unreadable: ${String(error)}`;
  }
}

/** Everything a case starts, so that `finally` can stop it whatever happened. */
export class InteropCase<Peer extends { stop(): Promise<unknown> }> {
  lab: Lab | undefined;
  capture: PacketCapture | undefined;
  vipd: VipdProcess | undefined;
  /** The other implementation: keepalived or FRR. */
  peer: Peer | undefined;

  async cleanup(): Promise<void> {
    await Promise.allSettled([this.vipd?.stop(), this.peer?.stop(), this.capture?.discard()]);
    await this.lab?.destroy();
  }
}

/**
 * Runs cases on a fresh lab each (two hosts unless told). A failure says what both daemons
 * logged and what crossed the wire: the assertion alone rarely explains an
 * interop failure. Whatever happens, nothing is left running.
 */
export function interopCases<Peer extends { stop(): Promise<unknown> }>(
  peerName: string,
  peerLog: (peer: Peer) => readonly string[],
  hosts = 2,
): (body: (c: InteropCase<Peer>) => Promise<void>) => Promise<void> {
  const open = new Set<InteropCase<Peer>>();
  after(async () => {
    await Promise.all([...open].map((c) => c.cleanup()));
  });
  return async (body) => {
    const c = new InteropCase<Peer>();
    open.add(c);
    try {
      c.lab = await Lab.create({ hosts });
      await body(c);
    } catch (error) {
      (error as Error).message +=
        logTail('vipd', c.vipd?.output.lines) +
        logTail(peerName, c.peer === undefined ? undefined : peerLog(c.peer)) +
        (await timeline(c.capture));
      throw error;
    } finally {
      await c.cleanup();
      open.delete(c);
    }
  };
}
