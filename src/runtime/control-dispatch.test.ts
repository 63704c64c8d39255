import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreControlledDaemon, CoreInstance, namedInstanceConfig } from '../../test/support/core-controlled-daemon.js';
import type { ControlRequest, ControlResponse } from '../control/control-protocol.js';
import { dispatchControl, type Reload } from './control-dispatch.js';

const refusedReload: Reload = () => Promise.resolve({ ok: false, error: 'the new configuration has 1 error (`vipd -t` lists them)' });

function pair(): { daemon: CoreControlledDaemon; master: CoreInstance; backup: CoreInstance; owner: CoreInstance } {
  const master = new CoreInstance(namedInstanceConfig('VI_1', 150));
  master.expireMasterDown();
  const backup = new CoreInstance(namedInstanceConfig('VI_2', 100));
  const owner = new CoreInstance(namedInstanceConfig('VI_OWN', 255));
  return { daemon: new CoreControlledDaemon([master, backup, owner]), master, backup, owner };
}

async function dispatch(daemon: CoreControlledDaemon, request: Exclude<ControlRequest, { command: 'events' }>): Promise<ControlResponse> {
  return dispatchControl(daemon, refusedReload, request);
}

describe('dispatchControl', () => {
  it('backup holds a master: it resigns (priority 0) and reports held; a second backup changes nothing', async () => {
    const { daemon, master } = pair();
    const first = await dispatch(daemon, { command: 'backup', instance: 'VI_1' });
    assert.ok(first.ok && 'instance' in first);
    assert.deepEqual([first.instance.state, first.instance.held, first.changed], ['backup', true, true]);
    assert.ok(master.actions.some((a) => a.kind === 'sendAdvert' && a.advert.priority === 0));
    const again = await dispatch(daemon, { command: 'backup', instance: 'VI_1' });
    assert.ok(again.ok && 'instance' in again);
    assert.equal(again.changed, false);
  });

  it('resume releases the hold; resuming an instance that is not held says so', async () => {
    const { daemon } = pair();
    await dispatch(daemon, { command: 'backup', instance: 'VI_2' });
    const resumed = await dispatch(daemon, { command: 'resume', instance: 'VI_2' });
    assert.ok(resumed.ok && 'instance' in resumed);
    assert.deepEqual([resumed.instance.held, resumed.changed], [false, true]);
    const again = await dispatch(daemon, { command: 'resume', instance: 'VI_2' });
    assert.ok(again.ok && 'instance' in again && !again.changed);
  });

  it('priority sets and moves the administrative base; the master advertises the new priority at once', async () => {
    const { daemon, master } = pair();
    const set = await dispatch(daemon, { command: 'priority', instance: 'VI_1', change: { kind: 'set', value: 200 } });
    assert.ok(set.ok && 'instance' in set);
    assert.deepEqual([set.instance.administrativePriority, set.instance.effectivePriority, set.changed], [200, 200, true]);
    assert.equal(master.actions.at(-1)?.kind === 'armTimer', true);
    const sent = master.actions.filter((a) => a.kind === 'sendAdvert').at(-1);
    assert.equal(sent?.kind === 'sendAdvert' ? sent.advert.priority : null, 200);
    const moved = await dispatch(daemon, { command: 'priority', instance: 'VI_1', change: { kind: 'add', value: -30 } });
    assert.ok(moved.ok && 'instance' in moved);
    assert.equal(moved.instance.effectivePriority, 170);
  });

  it('garp makes a master announce (administrative)', async () => {
    const { daemon, master } = pair();
    const response = await dispatch(daemon, { command: 'garp', instance: 'VI_1' });
    assert.ok(response.ok);
    assert.deepEqual(master.actions.at(-1), { kind: 'announce', addresses: ['10.99.0.100'], repeat: 2, reason: 'administrative' });
  });

  it("status carries vrrpd's -z/-x for atropos, and only the values that were given", async () => {
    const instance = new CoreInstance(namedInstanceConfig('vrrpd_eth0_51', 100));
    const daemon = new CoreControlledDaemon([instance], new Map([['vrrpd_eth0_51', { reducePriority: 50, increasePriority: null }]]));
    const response = await dispatch(daemon, { command: 'status' });
    assert.ok(response.ok && response.command === 'status');
    assert.equal(response.instances[0]?.reducePriority, 50);
    assert.equal('increasePriority' in (response.instances[0] ?? {}), false);
  });

  const refusals: { name: string; request: Exclude<ControlRequest, { command: 'events' }>; error: string }[] = [
    { name: 'backup of an unknown instance', request: { command: 'backup', instance: 'VI_9' }, error: 'no instance named "VI_9"' },
    { name: 'resume of an unknown instance', request: { command: 'resume', instance: 'VI_9' }, error: 'no instance named "VI_9"' },
    { name: 'garp of an unknown instance', request: { command: 'garp', instance: 'VI_9' }, error: 'no instance named "VI_9"' },
    { name: 'status of an unknown instance', request: { command: 'status', instance: 'VI_9' }, error: 'no instance named "VI_9"' },
    {
      name: 'priority of an unknown instance',
      request: { command: 'priority', instance: 'VI_9', change: { kind: 'set', value: 100 } },
      error: 'no instance named "VI_9"',
    },
    {
      name: 'priority of the owner',
      request: { command: 'priority', instance: 'VI_OWN', change: { kind: 'add', value: -10 } },
      error: 'VI_OWN is the address owner (priority 255); its priority cannot be changed',
    },
    { name: 'garp on a backup', request: { command: 'garp', instance: 'VI_2' }, error: 'VI_2 is BACKUP; only a master announces its addresses' },
    { name: 'a reload vipd refuses', request: { command: 'reload' }, error: 'the new configuration has 1 error (`vipd -t` lists them)' },
  ];
  for (const { name, request, error } of refusals) {
    it(`refuses ${name} and changes nothing`, async () => {
      const { daemon } = pair();
      const before = JSON.stringify(daemon.status());
      const actionsBefore = daemon.instances.map((i) => i.actions.length);
      assert.deepEqual(await dispatch(daemon, request), { ok: false, error });
      assert.equal(JSON.stringify(daemon.status()), before);
      assert.deepEqual(daemon.instances.map((i) => i.actions.length), actionsBefore);
    });
  }
});
