/** The benchmark's reading of a capture: numbers only from the adverts that are there. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CapturedFrame } from '../src/lab/captured-frames.js';
import type { IpAddress } from '../src/primitives/ip-address.js';
import type { Centiseconds } from '../src/primitives/time.js';
import type { Priority, Vrid } from '../src/primitives/vrrp-numbers.js';
import { analyseRound, ratio, stats, type RoundRecord } from './failover-analysis.js';

const OLD = '10.1.0.1';
const NEW = '10.1.0.2';
const VIP = '10.1.0.100';
const MDI_MS = 180.46875;

function advert(atUs: number, source: string, priority = 150, vrid = 51): CapturedFrame {
  return {
    kind: 'advert',
    atUs,
    source: source as IpAddress,
    ttl: 255,
    advert: { version: 3, vrid: vrid as Vrid, priority: priority as Priority, interval: 5 as Centiseconds, addresses: [VIP as IpAddress] },
  };
}

function garp(atUs: number, address = VIP): CapturedFrame {
  return { kind: 'gratuitousArp', atUs, address: address as IpAddress };
}

const record: RoundRecord = {
  daemon: 'vipd',
  round: 1,
  position: 1,
  vrid: 51,
  oldMaster: OLD,
  newMaster: NEW,
  vip: VIP,
  intervalMs: 50,
  masterDownIntervalMs: MDI_MS,
  startUs: 1_000_000,
  unplugStartUs: 1_260_000,
  unplugDoneUs: 1_265_000,
  plugStartUs: 1_600_000,
  error: null,
  notes: [],
};

/** The old master every 50 ms up to 1.25 s, the new one from 1.25 s + MDI + 0.9 ms. */
function failover(): CapturedFrame[] {
  const frames: CapturedFrame[] = [];
  for (let t = 1_000_000; t <= 1_250_000; t += 50_000) frames.push(advert(t, OLD));
  const takeover = 1_250_000 + MDI_MS * 1000 + 900;
  frames.push(advert(takeover, NEW, 100));
  frames.push(garp(takeover + 1200));
  frames.push(advert(takeover + 50_000, NEW, 100));
  frames.push(advert(1_300_000, '10.1.0.3', 150, 52)); // the other pair: ignored
  return frames.sort((a, b) => a.atUs - b.atUs);
}

describe('analyseRound', () => {
  it('measures gap, excess and time to the first GARP', () => {
    const result = analyseRound(failover(), record);
    assert.ok(result.ok);
    assert.equal(result.measurement.lastOldAdvertUs, 1_250_000);
    assert.ok(Math.abs(result.measurement.excessMs - 0.9) < 1e-9);
    assert.ok(Math.abs((result.measurement.garpExcessMs ?? NaN) - 2.1) < 1e-9);
    assert.ok(Math.abs((result.measurement.garpAfterAdvertMs ?? NaN) - 1.2) < 1e-9);
  });

  it('fails a round whose capture lacks the new master', () => {
    const result = analyseRound(failover().filter((f) => !(f.kind === 'advert' && f.source === NEW)), record);
    assert.equal(result.ok, false);
  });

  it('fails a round whose capture lacks the old master before the unplug', () => {
    const result = analyseRound(failover().filter((f) => !(f.kind === 'advert' && f.source === OLD && f.atUs > 1_100_000)), record);
    assert.equal(result.ok, false);
  });

  it('fails a round in which the backup was already advertising', () => {
    const result = analyseRound([...failover(), advert(1_200_000, NEW, 100)].sort((a, b) => a.atUs - b.atUs), record);
    assert.equal(result.ok, false);
  });

  it('fails a round the runner reported as failed, whatever the capture says', () => {
    assert.equal(analyseRound(failover(), { ...record, error: 'timeout' }).ok, false);
  });

  it('reports a missing GARP without inventing one, and notes an early takeover', () => {
    const frames = failover()
      .filter((f) => f.kind !== 'gratuitousArp')
      .map((f) => (f.kind === 'advert' && f.source === NEW ? { ...f, atUs: f.atUs - 2000 } : f));
    const result = analyseRound(frames, record);
    assert.ok(result.ok);
    assert.equal(result.measurement.garpMs, null);
    assert.ok(result.notes.some((n) => n.includes('EARLY')));
  });
});

describe('stats and ratio', () => {
  it('median of an even count is the mean of the middle two', () => {
    assert.deepEqual(stats([4, 1, 3, 2]), { count: 4, median: 2.5, max: 4, min: 1 });
    assert.deepEqual(stats([]), { count: 0, median: null, max: null, min: null });
  });

  it('a ratio needs a positive keepalived value', () => {
    assert.equal(ratio(1, 2), '0.50');
    assert.equal(ratio(1, 0), 'n/a');
    assert.equal(ratio(null, 2), 'n/a');
  });
});
