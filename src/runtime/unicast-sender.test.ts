import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAdvert } from '../codec/advert-decoder.js';
import type { Advert } from '../codec/advert.js';
import type { VrrpSendOptions, VrrpSocket } from '../io/vrrp-socket.js';
import type { IpAddress } from '../primitives/ip-address.js';
import { centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import { instanceForPacket } from './unicast-demux.js';
import type { InstanceLink } from './linux-instance-effects.js';
import { UnicastSender } from './unicast-sender.js';

const ip = (text: string): IpAddress => text as IpAddress;
const ADVERT: Advert = { version: 3, vrid: 7 as Vrid, priority: 150 as Priority, interval: centiseconds(100), addresses: [ip('10.0.0.100')] };

/** A socket that records what it is asked to send. */
function recordingSocket(): { socket: VrrpSocket; sent: { bytes: Uint8Array; options: VrrpSendOptions }[] } {
  const sent: { bytes: Uint8Array; options: VrrpSendOptions }[] = [];
  const socket = { send: (bytes: Uint8Array, options: VrrpSendOptions = {}) => sent.push({ bytes, options }) } as unknown as VrrpSocket;
  return { socket, sent };
}

describe('UnicastSender', () => {
  const sender = new UnicastSender(
    { peers: [ip('10.0.0.3'), ip('10.0.0.4')], ttl: 255 },
    { family: 'ipv4', source: ip('10.0.0.2'), checksumForm: 'pseudoHeader' },
  );

  it('sends one advert per peer, to that peer, from the source, with the TTL, each with its own v3 checksum', () => {
    const { socket, sent } = recordingSocket();
    sender.send(socket, ADVERT, false);
    assert.deepEqual(sent.map((s) => s.options), [
      { source: '10.0.0.2', destination: '10.0.0.3', ttl: 255 },
      { source: '10.0.0.2', destination: '10.0.0.4', ttl: 255 },
    ]);
    const [first, second] = sent;
    assert.ok(first !== undefined && second !== undefined);
    assert.notDeepEqual(first.bytes, second.bytes, 'the pseudo-header destination differs, so does the checksum');
    for (const { bytes, options } of sent) {
      const decoded = decodeAdvert(bytes, { family: 'ipv4', source: ip('10.0.0.2'), destination: options.destination ?? ip('0.0.0.0') });
      assert.ok(decoded.ok && decoded.value.checksumForm === 'pseudoHeader', JSON.stringify(decoded));
    }
  });

  it("uses 224.0.0.18 in every peer's pseudo-header with keepalived's old unicast checksum", () => {
    const { socket, sent } = recordingSocket();
    sender.send(socket, ADVERT, true);
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[0]?.bytes, sent[1]?.bytes);
    const decoded = decodeAdvert(sent[0]?.bytes ?? new Uint8Array(), { family: 'ipv4', source: ip('10.0.0.2'), destination: ip('224.0.0.18') });
    assert.ok(decoded.ok && decoded.value.checksumForm === 'pseudoHeader');
  });

  it('leaves the hop limit to the kernel without a TTL, and reports a failing peer without skipping the next', () => {
    const ipv6 = new UnicastSender({ peers: [ip('fe80::3'), ip('fe80::4')], ttl: null }, { family: 'ipv6', source: ip('fe80::2'), checksumForm: 'pseudoHeader' });
    const options: VrrpSendOptions[] = [];
    const socket = {
      send: (_bytes: Uint8Array, o: VrrpSendOptions = {}) => {
        options.push(o);
        if (o.destination === 'fe80::3') throw new Error('EHOSTUNREACH');
        return 1;
      },
    } as unknown as VrrpSocket;
    const outcomes = ipv6.send(socket, { ...ADVERT, addresses: [ip('fe80::100')] }, false);
    assert.deepEqual(options, [{ source: 'fe80::2', destination: 'fe80::3' }, { source: 'fe80::2', destination: 'fe80::4' }]);
    assert.deepEqual(outcomes.map((o) => [o.peer, o.error === null]), [['fe80::3', false], ['fe80::4', true]]);
  });
});

describe('instanceForPacket', () => {
  const link = (peers: string[] | null) => ({ link: { unicast: peers === null ? null : { peers: peers.map(ip), ttl: 255 } } as unknown as InstanceLink });
  const pairA = link(['10.0.0.3']);
  const pairB = link(['10.0.0.4']);
  const multicast = link(null);

  it('finds the unicast instance whose peer sent it, whatever the destination', () => {
    assert.equal(instanceForPacket([pairA, pairB, multicast], ip('10.0.0.4'), ip('10.0.0.2')), pairB);
    assert.equal(instanceForPacket([pairA, pairB, multicast], ip('10.0.0.3'), ip('224.0.0.18')), pairA);
  });

  it('sends others by destination to the only instance of that mode, else to the only instance, else nowhere', () => {
    assert.equal(instanceForPacket([pairA, pairB, multicast], ip('10.0.0.9'), ip('224.0.0.18')), multicast);
    assert.equal(instanceForPacket([pairA, multicast], ip('10.0.0.9'), ip('10.0.0.2')), pairA);
    assert.equal(instanceForPacket([pairA, pairB, multicast], ip('10.0.0.9'), ip('10.0.0.2')), undefined);
    assert.equal(instanceForPacket([pairA], ip('10.0.0.9'), ip('224.0.0.18')), pairA);
  });
});
