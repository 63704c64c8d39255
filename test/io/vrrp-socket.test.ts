/**
 * VrrpSocket between two hosts of a namespace lab (src/lab/namespace-lan.ts):
 * multicast adverts from host 1 arrive at host 2 with the right source,
 * interface and TTL / hop limit; a TTL of 1 is reported as 1; IPv6 payloads
 * arrive untouched even with a wrong checksum (the kernel does not check
 * it); the socket survives garbage collection and may close itself inside
 * its own callback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability, type LabHost } from '../../src/lab/namespace-lan.js';
import { eventOf, FixtureProcess } from './fixture-process.js';
import type { VrrpPeerCommand, VrrpPeerConfig, VrrpPeerEvent } from './fixtures/vrrp-peer.js';

type Peer = FixtureProcess<VrrpPeerEvent, VrrpPeerCommand>;
type PacketEvent = Extract<VrrpPeerEvent, { readonly event: 'packet' }>;

const WAIT_MS = 5000;
const TEST_TIMEOUT_MS = 30_000;
const availability = await labAvailability();
const skip = availability.available ? false : availability.reason;

/** A VRRPv3 advertisement (RFC 5798 §5.1) for VRID 51, priority 100, 1 s, one address; checksum deliberately wrong. */
function advert(addressHex: string): string {
  return '31' + '33' + '64' + '01' + '0064' + 'dead' + addressHex;
}

function ipv4Hex(address: string): string {
  return address
    .split('.')
    .map((part) => Number(part).toString(16).padStart(2, '0'))
    .join('');
}

async function startPeer(lab: Lab, host: LabHost, config: VrrpPeerConfig, exposeGc = false): Promise<{ peer: Peer; ifindex: number; ready: Extract<VrrpPeerEvent, { readonly event: 'ready' }> }> {
  const peer = FixtureProcess.start<VrrpPeerEvent, VrrpPeerCommand>(lab, host.namespace, 'vrrp-peer', config, { exposeGc });
  const ready = await peer.next(eventOf<VrrpPeerEvent, 'ready'>('ready'), WAIT_MS, 'ready line');
  return { peer, ifindex: ready.ifindex, ready };
}

async function stop(...peers: Peer[]): Promise<void> {
  for (const peer of peers) peer.endInput();
  await Promise.all(peers.map((peer) => peer.waitForExit(WAIT_MS)));
}

async function sendAndReceive(sender: Peer, receiver: Peer, payloadHex: string, ttl?: number): Promise<PacketEvent> {
  sender.send(ttl === undefined ? { command: 'send', payloadHex } : { command: 'send', payloadHex, ttl });
  await sender.next(eventOf<VrrpPeerEvent, 'sent'>('sent'), WAIT_MS, 'sent confirmation');
  return receiver.next(
    eventOf<VrrpPeerEvent, 'packet'>('packet', (packet) => packet.payloadHex.endsWith(payloadHex)),
    WAIT_MS,
    `packet ending in ${payloadHex}`,
  );
}

/** The fields of the IPv4 header a raw socket delivers (RFC 791 §3.1). */
function ipv4Header(payloadHex: string): { headerBytes: number; tos: number; ttl: number; protocol: number; destination: string; rest: string } {
  const bytes = Buffer.from(payloadHex, 'hex');
  const headerBytes = ((bytes[0] ?? 0) & 0x0f) * 4;
  return {
    headerBytes,
    tos: bytes[1] ?? -1,
    ttl: bytes[8] ?? -1,
    protocol: bytes[9] ?? -1,
    destination: [...bytes.subarray(16, 20)].join('.'),
    rest: bytes.subarray(headerBytes).toString('hex'),
  };
}

describe('VrrpSocket between two namespaces', { skip, timeout: 120_000 }, () => {
  let lab: Lab;
  let hostA: LabHost;
  let hostB: LabHost;

  before(async () => {
    lab = await Lab.create({ hosts: 2 });
    hostA = lab.host(1);
    hostB = lab.host(2);
  });

  after(async () => {
    await lab?.destroy();
  });

  it('IPv4: the advert arrives with source, interface, group and TTL 255; the IP header shows TOS 0xc0', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv4', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv4', mode: 'normal' });
    try {
      const sent = advert(ipv4Hex(hostA.ipv4.replace(/\.\d+$/, '.100')));
      const packet = await sendAndReceive(a.peer, b.peer, sent);
      assert.equal(packet.family, 'ipv4');
      assert.equal(packet.source, hostA.ipv4);
      assert.equal(packet.destination, '224.0.0.18');
      assert.equal(packet.ifindex, b.ifindex);
      assert.equal(packet.ttl, 255);
      assert.equal(packet.truncated, false);
      const header = ipv4Header(packet.payloadHex);
      assert.deepEqual(
        [header.tos, header.ttl, header.protocol, header.destination, header.rest],
        [0xc0, 255, 112, '224.0.0.18', sent],
      );
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('IPv4: a packet sent with TTL 1 arrives with TTL 1', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv4', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv4', mode: 'normal' });
    try {
      const packet = await sendAndReceive(a.peer, b.peer, advert('0a000001'), 1);
      assert.equal(packet.ttl, 1);
      assert.equal(ipv4Header(packet.payloadHex).ttl, 1);
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('IPv4: a router does not hear its own adverts (IP_MULTICAST_LOOP off)', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv4', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv4', mode: 'normal' });
    try {
      await sendAndReceive(a.peer, b.peer, advert('0a0000aa'));
      // Had A's own packet looped back, it would be queued on A's socket before B's answer.
      const answer = await sendAndReceive(b.peer, a.peer, advert('0a0000bb'));
      assert.equal(answer.source, hostB.ipv4);
      assert.deepEqual(a.peer.unclaimed().filter((event) => event.event === 'packet'), []);
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('IPv6: from a link-local source to ff02::12 with hop limit 255, payload intact despite a wrong checksum', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv6', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv6', mode: 'normal' });
    try {
      const sent = advert('fd000000000000000000000000000100');
      const packet = await sendAndReceive(a.peer, b.peer, sent);
      assert.equal(packet.family, 'ipv6');
      assert.match(packet.source, /^fe80:/);
      assert.equal(packet.destination, 'ff02::12');
      assert.equal(packet.ifindex, b.ifindex);
      assert.equal(packet.ttl, 255);
      // No IPv6 header, and the bytes unchanged: no kernel checksum was computed, verified or filled in.
      assert.equal(packet.payloadHex, sent);
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('IPv6: a packet sent with hop limit 1 arrives with hop limit 1', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv6', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv6', mode: 'normal' });
    try {
      const packet = await sendAndReceive(a.peer, b.peer, advert('fd000000000000000000000000000101'), 1);
      assert.equal(packet.ttl, 1);
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('an open socket that nothing references survives garbage collection', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv4', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv4', mode: 'unreferenced' }, true);
    try {
      assert.equal(b.ready.nativeSocketSurvived, true);
      const packet = await sendAndReceive(a.peer, b.peer, advert('0a0000cc'));
      assert.equal(packet.source, hostA.ipv4);
    } finally {
      await stop(a.peer, b.peer);
    }
  });

  it('close() inside the receive callback is safe and releases the event loop', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startPeer(lab, hostA, { family: 'ipv4', mode: 'normal' });
    const b = await startPeer(lab, hostB, { family: 'ipv4', mode: 'closeInCallback' });
    try {
      await sendAndReceive(a.peer, b.peer, advert('0a0000dd'));
      await b.peer.next(eventOf<VrrpPeerEvent, 'closedInCallback'>('closedInCallback'), WAIT_MS, 'closedInCallback');
      // Nothing else holds B's event loop: it must end on its own, cleanly.
      assert.deepEqual(await b.peer.waitForExit(WAIT_MS), { code: 0, signal: null });
    } finally {
      await stop(a.peer);
    }
  });
});
