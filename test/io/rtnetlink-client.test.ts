/**
 * RtnetlinkClient and RtnetlinkSubscription against a fake kernel: request
 * and answer pairing by sequence number, timeouts, the one-dump-at-a-time
 * queue, dump retries, errno names, and what the event loop is held for.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RtnetlinkClient, type RequestTimers } from '../../src/io/rtnetlink-client.js';
import type { RtnetlinkError } from '../../src/io/rtnetlink-error.js';
import { RtnetlinkSubscription } from '../../src/io/rtnetlink-subscription.js';
import { SockaddrCodec } from '../../src/io/sockaddr.js';
import * as captured from '../../src/netlink/captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from '../../src/netlink/host-byte-order.js';
import { NetlinkFlag, writeNetlinkHeader } from '../../src/netlink/netlink-header.js';
import { decodeNetlinkMessages } from '../../src/netlink/netlink-message.js';
import type { RtnetlinkEvent } from '../../src/netlink/rtnetlink-event.js';
import type { IpAddress } from '../../src/primitives/ip-address.js';
import { fakeBinding, type FakeSocket } from './fake-binding.js';

const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';
const vip = { ifindex: 2, address: '192.0.2.10' as IpAddress, prefixLength: 24 };

/** Timers that fire only when the test says so. */
class ManualTimers implements RequestTimers {
  readonly #pending = new Map<number, () => void>();
  #next = 1;
  setTimeout(callback: () => void): unknown {
    const handle = this.#next++;
    this.#pending.set(handle, callback);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }
  get armed(): number {
    return this.#pending.size;
  }
  fireAll(): void {
    const callbacks = [...this.#pending.values()];
    this.#pending.clear();
    for (const callback of callbacks) callback();
  }
}

function sequenceOf(message: Uint8Array | undefined): number {
  assert.ok(message !== undefined, 'nothing was sent');
  const decoded = decodeNetlinkMessages(message);
  assert.ok(decoded.ok);
  const [first] = decoded.value;
  assert.ok(first !== undefined);
  return first.header.sequence;
}

/** An NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK: error, echoed header, optional NLMSGERR_ATTR_MSG. */
function errorReply(sequence: number, errno: number, message?: string): Uint8Array {
  const text = message === undefined ? new Uint8Array(0) : new TextEncoder().encode(`${message}\0`);
  const attributeLength = text.length === 0 ? 0 : (4 + text.length + 3) & ~3;
  const bytes = new Uint8Array(16 + 4 + 16 + attributeLength);
  const flags = NetlinkFlag.capped | (text.length === 0 ? 0 : NetlinkFlag.ackTlvs);
  writeNetlinkHeader(bytes, 0, { lengthBytes: bytes.length, type: 2, flags, sequence, portId: 4242 });
  const view = new DataView(bytes.buffer);
  view.setInt32(16, -errno, HOST_IS_LITTLE_ENDIAN);
  writeNetlinkHeader(bytes, 20, { lengthBytes: 40, type: 20, flags: 0x605, sequence, portId: 4242 });
  if (text.length > 0) {
    view.setUint16(36, 4 + text.length, HOST_IS_LITTLE_ENDIAN);
    view.setUint16(38, 1, HOST_IS_LITTLE_ENDIAN);
    bytes.set(text, 40);
  }
  return bytes;
}

/** A captured datagram with its sequence numbers rewritten. */
function withSequence(hex: string, sequence: number, extraFlags = 0): Uint8Array {
  const bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
  const view = new DataView(bytes.buffer);
  for (let offset = 0; offset < bytes.length; ) {
    const length = view.getUint32(offset, HOST_IS_LITTLE_ENDIAN);
    view.setUint32(offset + 8, sequence, HOST_IS_LITTLE_ENDIAN);
    view.setUint16(offset + 6, view.getUint16(offset + 6, HOST_IS_LITTLE_ENDIAN) | extraFlags, HOST_IS_LITTLE_ENDIAN);
    offset += (length + 3) & ~3;
  }
  return bytes;
}

function open(timers = new ManualTimers()): { client: RtnetlinkClient; socket: FakeSocket; timers: ManualTimers } {
  const binding = fakeBinding();
  const client = RtnetlinkClient.open(binding, { timers, requestTimeoutMs: 50 });
  const socket = binding.sockets[0];
  assert.ok(socket !== undefined);
  return { client, socket, timers };
}

describe('RtnetlinkClient', () => {
  it('resolves a request on the ACK that carries its sequence number, whatever the order', async () => {
    const { client, socket } = open();
    const first = client.addAddress(vip);
    const second = client.removeAddress({ ...vip, address: '192.0.2.11' as IpAddress });
    const [firstSequence, secondSequence] = socket.sent.map(sequenceOf);
    assert.ok(firstSequence !== undefined && secondSequence !== undefined && firstSequence !== secondSequence);
    socket.deliver(errorReply(secondSequence, 0));
    socket.deliver(errorReply(firstSequence, 0));
    await Promise.all([first, second]);
    client.close();
  });

  it('rejects with the errno name and the extended-ACK text', async () => {
    const { client, socket } = open();
    const adding = client.addAddress(vip);
    socket.deliver(errorReply(sequenceOf(socket.sent[0]), 17, 'ipv4: Address already assigned'));
    await assert.rejects(adding, (error: RtnetlinkError) => {
      assert.equal(error.code, 'EEXIST');
      assert.equal(error.request, 'RTM_NEWADDR');
      assert.deepEqual(error.failure, { kind: 'kernel', errno: -17, errnoName: 'EEXIST', message: 'ipv4: Address already assigned' });
      assert.match(error.message, /Address already assigned/);
      return true;
    });
    client.close();
  });

  it('times out, and ignores the answer that comes too late', async () => {
    const { client, socket, timers } = open();
    const adding = client.addAddress(vip);
    assert.equal(timers.armed, 1);
    timers.fireAll();
    await assert.rejects(adding, { code: 'ERR_RTNETLINK_TIMEOUT' });
    socket.deliver(errorReply(sequenceOf(socket.sent[0]), 0));
    client.close();
  });

  it('holds the event loop only while a request is pending', async () => {
    const { client, socket } = open();
    assert.equal(socket.referenced, false);
    const adding = client.addAddress(vip);
    assert.equal(socket.referenced, true);
    socket.deliver(errorReply(sequenceOf(socket.sent[0]), 0));
    await adding;
    assert.equal(socket.referenced, false);
    client.close();
  });

  it('rejects an invalid request without sending it', async () => {
    const { client, socket } = open();
    await assert.rejects(client.addAddress({ ...vip, prefixLength: 40 }), { code: 'ERR_RTNETLINK_INVALID_REQUEST' });
    assert.equal(socket.sent.length, 0);
    client.close();
  });

  it('runs one dump at a time', { skip: capturedOnThisByteOrder }, async () => {
    const { client, socket } = open();
    const first = client.listAddresses();
    const second = client.listAddresses(3);
    await Promise.resolve();
    assert.equal(socket.sent.length, 1, 'the second dump must wait for the first');
    const firstSequence = sequenceOf(socket.sent[0]);
    socket.deliver(withSequence(captured.ADDRESS_DUMP, firstSequence));
    socket.deliver(withSequence(captured.DUMP_DONE, firstSequence));
    assert.equal((await first).length, 6);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(socket.sent.length, 2);
    const secondSequence = sequenceOf(socket.sent[1]);
    socket.deliver(withSequence(captured.ADDRESS_DUMP, secondSequence));
    socket.deliver(withSequence(captured.DUMP_DONE, secondSequence));
    assert.deepEqual(
      (await second).map((address) => address.address),
      ['192.0.2.1', '2001:db8::1', 'fe80::ff:fe00:1'],
    );
    client.close();
  });

  it('dumps again when the kernel flags a dump as interrupted, and gives up after the attempts', { skip: capturedOnThisByteOrder }, async () => {
    const binding = fakeBinding();
    const client = RtnetlinkClient.open(binding, { timers: new ManualTimers(), dumpAttempts: 2 });
    const socket = binding.sockets[0];
    assert.ok(socket !== undefined);
    const listing = client.listAddresses();
    for (let attempt = 0; attempt < 2; attempt++) {
      await new Promise((resolve) => setImmediate(resolve));
      const sequence = sequenceOf(socket.sent[attempt]);
      socket.deliver(withSequence(captured.ADDRESS_DUMP, sequence, NetlinkFlag.dumpInterrupted));
      socket.deliver(withSequence(captured.DUMP_DONE, sequence, NetlinkFlag.dumpInterrupted));
    }
    await assert.rejects(listing, { code: 'ERR_RTNETLINK_DUMP_INTERRUPTED' });
    client.close();
  });

  it('answers linkByName with null on ENODEV', async () => {
    const { client, socket } = open();
    const lookup = client.linkByName('nosuch0');
    socket.deliver(errorReply(sequenceOf(socket.sent[0]), 19));
    assert.equal(await lookup, null);
    client.close();
  });

  it('returns the link that comes before the ACK', { skip: capturedOnThisByteOrder }, async () => {
    const { client, socket } = open();
    const lookup = client.linkByName('d0');
    const sequence = sequenceOf(socket.sent[0]);
    socket.deliver(withSequence(captured.LINK_REPLY, sequence));
    socket.deliver(withSequence(captured.LINK_REPLY_ACK, sequence));
    const link = await lookup;
    assert.equal(link?.name, 'd0');
    assert.equal(link?.mtuBytes, 1400);
    client.close();
  });

  it('fails pending requests on close, and refuses new ones', async () => {
    const { client, socket } = open();
    const adding = client.addAddress(vip);
    client.close();
    client.close();
    assert.equal(socket.closed, true);
    await assert.rejects(adding, { code: 'ERR_RTNETLINK_CLOSED' });
    await assert.rejects(client.listLinks(), { code: 'ERR_RTNETLINK_CLOSED' });
  });

  it('fails pending requests at once when a reply cannot be decoded', async () => {
    const { client, socket } = open();
    const adding = client.addAddress(vip);
    socket.deliver(Uint8Array.of(1, 2, 3));
    await assert.rejects(adding, { code: 'ERR_RTNETLINK_MALFORMED_REPLY' });
    client.close();
  });

  it('asks for extended and capped ACKs', () => {
    const binding = fakeBinding();
    const client = RtnetlinkClient.open(binding);
    const c = binding.constants;
    const options = binding.sockets[0]?.options.map(([level, name, value]) => [level, name, value]);
    assert.deepEqual(options, [
      [c.SOL_NETLINK, c.NETLINK_EXT_ACK, 1],
      [c.SOL_NETLINK, c.NETLINK_CAP_ACK, 1],
    ]);
    client.close();
  });
});

describe('RtnetlinkSubscription', () => {
  it('turns notifications into events and ENOBUFS into eventsLost', { skip: capturedOnThisByteOrder }, () => {
    const binding = fakeBinding();
    const events: RtnetlinkEvent[] = [];
    const errors: Error[] = [];
    const subscription = RtnetlinkSubscription.open(binding, { onEvent: (event) => events.push(event), onError: (error) => errors.push(error) });
    const socket = binding.sockets[0];
    assert.ok(socket !== undefined);
    socket.deliver(Uint8Array.from(Buffer.from(captured.ADDRESS_ADDED_EVENT, 'hex')));
    socket.deliver(Uint8Array.from(Buffer.from(captured.ADDRESS_REMOVED_EVENT, 'hex')));
    socket.fail('ENOBUFS');
    socket.deliver(Uint8Array.from(Buffer.from(captured.CARRIER_LOST_EVENT, 'hex')));
    socket.deliver(Uint8Array.of(0xff));
    socket.fail('EIO');
    assert.deepEqual(events.map((event) => event.kind), ['addressAdded', 'addressRemoved', 'eventsLost', 'linkChanged']);
    assert.equal(errors.length, 2);
    subscription.close();
    assert.equal(socket.closed, true);
  });

  it('joins the link and address groups with a large receive buffer', () => {
    const binding = fakeBinding();
    const subscription = RtnetlinkSubscription.open(binding, { onEvent: () => undefined, onError: () => undefined });
    const c = binding.constants;
    const socket = binding.sockets[0];
    assert.ok(socket?.bound != null);
    assert.deepEqual(new SockaddrCodec(c).decode(socket.bound), {
      kind: 'netlink',
      portId: 0,
      groups: c.RTMGRP_LINK | c.RTMGRP_IPV4_IFADDR | c.RTMGRP_IPV6_IFADDR,
    });
    assert.deepEqual(
      socket.options.find(([level, name]) => level === c.SOL_SOCKET && name === c.SO_RCVBUFFORCE),
      [c.SOL_SOCKET, c.SO_RCVBUFFORCE, 1 << 20],
    );
    subscription.close();
  });
});
