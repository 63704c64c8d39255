import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeSysctlFiles } from './fake-sysctl-files.js';
import { restoreSysctls, SysctlKeeper, type SysctlChange } from './sysctl-keeper.js';

const ARP_IGNORE = '/proc/sys/net/ipv4/conf/eth0/arp_ignore';
const ARP_FILTER = '/proc/sys/net/ipv4/conf/eth0/arp_filter';
const ALL_RP = '/proc/sys/net/ipv4/conf/all/rp_filter';

function keeper(values: Record<string, string>): { files: FakeSysctlFiles; keeper: SysctlKeeper; recorded: Array<readonly SysctlChange[]> } {
  const files = new FakeSysctlFiles(values);
  const recorded: Array<readonly SysctlChange[]> = [];
  return { files, keeper: new SysctlKeeper(files, (changes) => recorded.push(changes)), recorded };
}

describe('SysctlKeeper', () => {
  it('records the original before it writes, and puts it back', () => {
    const k = keeper({ [ARP_IGNORE]: '0', [ARP_FILTER]: '0' });
    k.keeper.set(ARP_IGNORE, '1');
    assert.deepEqual(k.recorded.at(-1), [{ path: ARP_IGNORE, original: '0', applied: '1' }]);
    assert.equal(k.files.read(ARP_IGNORE), '1');
    k.keeper.restoreAll();
    assert.equal(k.files.read(ARP_IGNORE), '0');
    assert.deepEqual(k.recorded.at(-1), []);
  });

  it('records nothing when the value is already there, but writes it (so that conf/default no longer overrides it)', () => {
    const k = keeper({ [ARP_IGNORE]: '1' });
    k.keeper.set(ARP_IGNORE, '1');
    assert.deepEqual(k.files.writes, [[ARP_IGNORE, '1']]);
    assert.deepEqual(k.keeper.changes, []);
  });

  it('keeps the first original when a path is set twice', () => {
    const k = keeper({ [ALL_RP]: '2' });
    k.keeper.set(ALL_RP, '1');
    k.keeper.set(ALL_RP, '0');
    assert.deepEqual(k.keeper.changes, [{ path: ALL_RP, original: '2', applied: '0' }]);
    k.keeper.restoreAll();
    assert.equal(k.files.read(ALL_RP), '2');
  });

  it('restores newest first', () => {
    const k = keeper({ [ARP_IGNORE]: '0', [ARP_FILTER]: '0', [ALL_RP]: '1' });
    k.keeper.set(ARP_IGNORE, '1');
    k.keeper.set(ARP_FILTER, '1');
    k.keeper.set(ALL_RP, '0');
    k.files.writes.length = 0;
    k.keeper.restoreAll();
    assert.deepEqual(k.files.writes, [[ALL_RP, '1'], [ARP_FILTER, '0'], [ARP_IGNORE, '0']]);
  });

  it('refuses a setting that does not exist', () => {
    const k = keeper({});
    assert.throws(() => k.keeper.set(ARP_IGNORE, '1'), /does not exist/);
  });

  it('forgets the settings of a deleted interface', () => {
    const vmac = '/proc/sys/net/ipv4/conf/vrrp.51/arp_ignore';
    const k = keeper({ [ARP_IGNORE]: '0', [vmac]: '0' });
    k.keeper.set(vmac, '1');
    k.keeper.set(ARP_IGNORE, '1');
    k.keeper.forget('/proc/sys/net/ipv4/conf/vrrp.51/');
    assert.deepEqual(k.keeper.changes.map((c) => c.path), [ARP_IGNORE]);
  });
});

describe('restoreSysctls (after a crash)', () => {
  it('restores what still holds the applied value, leaves what changed since, skips what is gone', () => {
    const files = new FakeSysctlFiles({ [ARP_IGNORE]: '1', [ARP_FILTER]: '0' });
    const outcomes = restoreSysctls(files, [
      { path: ARP_IGNORE, original: '0', applied: '1' },
      { path: ARP_FILTER, original: '0', applied: '1' },
      { path: '/proc/sys/net/ipv4/conf/vrrp.51/arp_ignore', original: '0', applied: '1' },
    ]);
    assert.deepEqual(outcomes.map((o) => o.kind), ['gone', 'changedSince', 'restored']);
    assert.equal(files.read(ARP_IGNORE), '0');
    assert.deepEqual(files.writes, [[ARP_IGNORE, '0']]);
  });
});
