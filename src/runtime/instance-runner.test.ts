import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTime } from '../../test/support/manual-time.js';
import { instantAt } from '../primitives/time.js';
import { centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { InstanceConfig } from '../protocol/instance-config.js';
import type { InstanceEffects } from './instance-effects.js';
import { InstanceRunner } from './instance-runner.js';
import { buildAdvert } from '../protocol/advert-builder.js';
import { encodeAdvert } from '../codec/advert-encoder.js';
import type { ReceivedPacket } from '../protocol/events.js';

function recorder(): { effects: InstanceEffects; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    effects: {
      sendAdvert: (advert) => lines.push(`send prio=${advert.priority}`),
      prepareAdvert: (advert) => lines.push(`prepare prio=${advert.priority}`),
      addVirtualAddresses: (addresses) => lines.push(`add ${addresses.join(',')}`),
      removeVirtualAddresses: (addresses) => lines.push(`remove ${addresses.join(',')}`),
      announce: (addresses, repeat) => lines.push(`announce ${addresses.join(',')} x${repeat}`),
      stateChanged: (from, to) => lines.push(`${from}->${to}`),
      log: (event) => lines.push(`log ${event.kind}`),
    },
  };
}

function advertFrom(source: string, priority: number): ReceivedPacket {
  const addressing = { family: 'ipv4', source: source as IpAddress, destination: '224.0.0.18' as IpAddress } as const;
  const advert = buildAdvert({ ...config }, priority as Priority);
  return { payload: encodeAdvert(advert, addressing, 'pseudoHeader'), source: source as IpAddress, destination: addressing.destination, ttl: 255 };
}

const config: InstanceConfig = {
  name: 'VI_1',
  version: 3,
  family: 'ipv4',
  vrid: 51 as Vrid,
  priority: 100 as Priority,
  advertInterval: centiseconds(100),
  preempt: true,
  preemptDelay: centiseconds(0),
  acceptMode: true,
  sourceAddress: '10.99.0.1' as IpAddress,
  virtualAddresses: ['10.99.0.100' as IpAddress],
  authentication: { kind: 'none' },
  checksumForm: 'pseudoHeader',
  downTimerAdverts: 3,
  lowerPriorityNoAdvert: false,
  announce: { masterDelay: centiseconds(0), masterRepeat: 2, lowerPriorityDelay: centiseconds(0), lowerPriorityRepeat: 2 },
  trackers: [],
};

describe('InstanceRunner', () => {
  it('keeps the timers behind one deadline and fires them at their time', () => {
    const time = new ManualTime();
    const { effects, lines } = recorder();
    const runner = new InstanceRunner(config, time.clock, time, effects);
    runner.handle({ kind: 'startup' });
    assert.deepEqual(lines, ['initialize->backup', 'prepare prio=100'], 'the takeover advert is ready before the deadline');
    time.advance(instantAt(3_609_374));
    assert.equal(runner.vrrpState, 'backup', 'not before Master_Down_Interval (3609.375 ms)');
    time.advance(instantAt(3_609_375));
    assert.equal(runner.vrrpState, 'master');
    assert.deepEqual(lines.slice(2), ['log masterDownTimerExpired', 'send prio=100', 'add 10.99.0.100', 'announce 10.99.0.100 x2', 'backup->master']);
    lines.length = 0;
    time.advance(instantAt(6_609_375));
    assert.deepEqual(lines, ['send prio=100', 'send prio=100', 'send prio=100'], 'one advert per second');
  });

  it('carries out the precomputed takeover exactly as the core would, and recomputes it after each event', () => {
    const time = new ManualTime();
    const { effects, lines } = recorder();
    const runner = new InstanceRunner(config, time.clock, time, effects);
    runner.handle({ kind: 'startup' });
    // An advert from a master at 200 moves Master_Down_Timer to 1 s + 3609.375 ms.
    time.advance(instantAt(1_000_000));
    runner.handle({ kind: 'packetReceived', packet: advertFrom('10.99.0.2', 200) });
    time.advance(instantAt(4_609_374));
    assert.equal(runner.vrrpState, 'backup', 'the takeover prepared for 3609.375 ms was not used after the advert');
    time.advance(instantAt(4_609_375));
    assert.equal(runner.vrrpState, 'master');
    const status = runner.status(instantAt(4_609_375));
    assert.equal(status.lastTransition?.agoMs, 0, 'the transition happened at the deadline');
    assert.equal(status.timersDueInMs.adver, 1000, 'Adver_Timer armed one interval after the deadline');
    assert.deepEqual(lines.filter((l) => l.startsWith('send')), ['send prio=100']);
  });

  it('warms up on a scratch state: adverts encoded, nothing carried out, its own state untouched', () => {
    const time = new ManualTime();
    const { effects, lines } = recorder();
    const runner = new InstanceRunner(config, time.clock, time, effects);
    runner.warmUp();
    assert.deepEqual([...new Set(lines)].sort(), ['prepare prio=0', 'prepare prio=100']);
    assert.equal(runner.vrrpState, 'initialize');
    assert.equal(runner.status().counters.advertSent, 0);
    time.advance(instantAt(60_000_000));
    assert.equal(runner.vrrpState, 'initialize', 'no timer of the scratch run is armed');
  });

  it('shutdown of a master resigns and leaves no deadline armed', () => {
    const time = new ManualTime();
    const { effects, lines } = recorder();
    const runner = new InstanceRunner({ ...config, priority: 255 as Priority }, time.clock, time, effects);
    runner.handle({ kind: 'startup' });
    lines.length = 0;
    runner.handle({ kind: 'shutdown' });
    runner.close();
    assert.deepEqual(lines, ['send prio=0', 'remove 10.99.0.100', 'master->initialize']);
    lines.length = 0;
    time.advance(instantAt(10_000_000));
    assert.deepEqual(lines, []);
  });

  it('a reload drops the takeover prepared for the old configuration and runs on the new one', () => {
    const time = new ManualTime();
    const { effects, lines } = recorder();
    const runner = new InstanceRunner(config, time.clock, time, effects);
    runner.handle({ kind: 'startup' });
    time.advance(instantAt(1_000_000));
    runner.reconfigure({ ...config, virtualAddresses: ['10.99.0.101' as IpAddress] }, []);
    assert.equal(runner.config.virtualAddresses[0], '10.99.0.101');
    lines.length = 0;
    time.advance(instantAt(3_609_375));
    assert.equal(runner.vrrpState, 'master', 'the backup kept its Master_Down_Timer across the reload');
    assert.ok(lines.includes('add 10.99.0.101'), `the takeover installs the new address: ${lines.join(' | ')}`);
    assert.ok(!lines.some((l) => l.includes('10.99.0.100')), 'nothing of the old configuration is carried out');
  });
});
