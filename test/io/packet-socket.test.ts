/**
 * PacketSocket between two hosts of a namespace lab: a gratuitous ARP frame
 * (RFC 5227 §3 announcement, as RFC 5798 §6.4.1 has a new master send)
 * built by hand and sent from host 1 with the VRRP virtual MAC as source
 * arrives at host 2 byte for byte, as a broadcast.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability } from '../../src/lab/namespace-lan.js';
import { eventOf, FixtureProcess } from './fixture-process.js';
import type { PacketPeerCommand, PacketPeerEvent } from './fixtures/packet-peer.js';

const WAIT_MS = 5000;
const availability = await labAvailability();
const skip = availability.available ? false : availability.reason;

/** 00-00-5E-00-01-33: the IPv4 virtual router MAC of VRID 51 (RFC 5798 §7.3). */
const VIRTUAL_MAC = '00005e000133';
/** PACKET_BROADCAST in linux/if_packet.h. */
const PACKET_BROADCAST = 1;

function gratuitousArp(virtualIpHex: string): string {
  return [
    'ffffffffffff', // destination: broadcast
    VIRTUAL_MAC, // source
    '0806', // EtherType ARP
    '0001', // hardware type Ethernet (RFC 826)
    '0800', // protocol type IPv4
    '06', // hardware address length
    '04', // protocol address length
    '0001', // request
    VIRTUAL_MAC, // sender hardware address
    virtualIpHex, // sender protocol address
    '000000000000', // target hardware address
    virtualIpHex, // target protocol address: the same, which makes it gratuitous
  ].join('');
}

describe('PacketSocket between two namespaces', { skip, timeout: 60_000 }, () => {
  let lab: Lab;

  before(async () => {
    lab = await Lab.create({ hosts: 2 });
  });

  after(async () => {
    await lab?.destroy();
  });

  it('sends a whole Ethernet frame that the other host receives unchanged', { timeout: 30_000 }, async () => {
    const receiver = FixtureProcess.start<PacketPeerEvent, PacketPeerCommand>(lab, lab.host(2).namespace, 'packet-peer', { mode: 'receive' });
    const sender = FixtureProcess.start<PacketPeerEvent, PacketPeerCommand>(lab, lab.host(1).namespace, 'packet-peer', { mode: 'send' });
    try {
      const receiverReady = await receiver.next(eventOf<PacketPeerEvent, 'ready'>('ready'), WAIT_MS, 'receiver ready');
      await sender.next(eventOf<PacketPeerEvent, 'ready'>('ready'), WAIT_MS, 'sender ready');
      const frameHex = gratuitousArp('0a000064');
      sender.send({ command: 'sendFrame', frameHex });
      const sent = await sender.next(eventOf<PacketPeerEvent, 'sent'>('sent'), WAIT_MS, 'sent confirmation');
      assert.equal(sent.bytes, frameHex.length / 2);
      const frame = await receiver.next(
        eventOf<PacketPeerEvent, 'frame'>('frame', (event) => event.frameHex.slice(12, 24) === VIRTUAL_MAC),
        WAIT_MS,
        'the gratuitous ARP',
      );
      assert.equal(frame.frameHex, frameHex);
      assert.equal(frame.ifindex, receiverReady.ifindex);
      assert.equal(frame.packetType, PACKET_BROADCAST);
    } finally {
      sender.endInput();
      receiver.endInput();
      await Promise.all([sender.waitForExit(WAIT_MS), receiver.waitForExit(WAIT_MS)]);
    }
  });
});
