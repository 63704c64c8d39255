import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../log/logger.js';
import type { IpAddress } from '../primitives/ip-address.js';
import { instantAt } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import { advertFrom, ManualTime, recorder, testInstanceConfig } from '../../test/support/runner-doubles.js';
import { InstanceRunner } from './instance-runner.js';
import { SyncGroupCoordinator } from './sync-group-coordinator.js';

/** Two members of G1 (VRIDs 51, 52) with their runners wired to one coordinator. */
function group(): { time: ManualTime; runners: Map<string, InstanceRunner>; logs: string[]; flush: () => Promise<void> } {
  const time = new ManualTime();
  const logs: string[] = [];
  const logger = createLogger({ emit: (_level, text) => void logs.push(text) }, false);
  const runners = new Map<string, InstanceRunner>();
  const coordinator = new SyncGroupCoordinator(new Map([['G1', ['VI_1', 'VI_2']]]), { runner: (n) => runners.get(n) ?? null }, logger);
  for (const [name, vrid] of [['VI_1', 51], ['VI_2', 52]] as const) {
    const { effects } = recorder();
    effects.stateChanged = (from, to, reason) => coordinator.onStateChanged(name, from, to, reason);
    effects.syncGroupWantsMaster = () => coordinator.onWantsMaster(name);
    const config = {
      ...testInstanceConfig,
      name,
      vrid: vrid as Vrid,
      syncGroup: 'G1',
      virtualAddresses: [`10.99.0.${vrid}` as IpAddress],
      trackers: [{ name: `interface eth${vrid - 51}`, weight: 0, reverse: false }],
    };
    runners.set(name, new InstanceRunner(config, time.clock, time, effects));
  }
  const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { time, runners, logs, flush };
}

function states(runners: Map<string, InstanceRunner>): string[] {
  return [...runners.values()].map((r) => r.vrrpState);
}

describe('SyncGroupCoordinator (keepalived vrrp_sync_group)', () => {
  it('the group goes master only when every member wants to', async () => {
    const { time, runners, logs, flush } = group();
    for (const r of runners.values()) r.handle({ kind: 'startup' });
    const vi2 = runners.get('VI_2');
    // VI_2 keeps hearing its master; VI_1's master is silent.
    for (let ms = 1000; ms <= 8000; ms += 1000) {
      time.advance(instantAt(ms * 1000));
      vi2?.handle({ kind: 'packetReceived', packet: advertFrom('10.99.0.2', 150, vi2.config) });
      await flush();
    }
    assert.deepEqual(states(runners), ['backup', 'backup'], 'VI_1 waits for VI_2');
    assert.equal(runners.get('VI_1')?.wantsMaster, true);
    // VI_2's master goes silent too: after its Master_Down_Interval the whole group goes master.
    time.advance(instantAt(8000_000 + 3_609_375));
    await flush();
    assert.deepEqual(states(runners), ['master', 'master']);
    assert.ok(logs.includes('VRRP_Group(G1) Syncing instances to MASTER state'), logs.join('\n'));
  });

  it("one member's FAULT takes the group to FAULT, and its recovery brings the group back", async () => {
    const { time, runners, logs, flush } = group();
    for (const r of runners.values()) r.handle({ kind: 'startup' });
    time.advance(instantAt(4_000_000));
    await flush();
    assert.deepEqual(states(runners), ['master', 'master']);
    runners.get('VI_1')?.handle({ kind: 'trackerChanged', tracker: 'interface eth0', up: false });
    await flush();
    assert.deepEqual(states(runners), ['fault', 'fault']);
    assert.ok(logs.includes('VRRP_Group(G1) Syncing instances to FAULT state'));
    runners.get('VI_1')?.handle({ kind: 'trackerChanged', tracker: 'interface eth0', up: true });
    await flush();
    assert.deepEqual(states(runners), ['backup', 'backup']);
    time.advance(instantAt(9_000_000));
    await flush();
    assert.deepEqual(states(runners), ['master', 'master'], 'and elects itself again');
  });

  it('one member losing to a better master takes the other to BACKUP', async () => {
    const { time, runners, logs, flush } = group();
    for (const r of runners.values()) r.handle({ kind: 'startup' });
    time.advance(instantAt(4_000_000));
    await flush();
    const vi1 = runners.get('VI_1');
    vi1?.handle({ kind: 'packetReceived', packet: advertFrom('10.99.0.2', 200 as Priority, vi1.config) });
    await flush();
    assert.deepEqual(states(runners), ['backup', 'backup']);
    assert.ok(logs.includes('VRRP_Group(G1) Syncing instances to BACKUP state'));
  });
});
