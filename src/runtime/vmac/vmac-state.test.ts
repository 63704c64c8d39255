import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileStateStore, parseVmacState, type VmacState } from './vmac-state.js';

const STATE: VmacState = {
  version: 1,
  pid: 42,
  macvlans: [{ name: 'vrrp.51', ifindex: 7, mac: '00:00:5e:00:01:33' }],
  parents: [{ name: 'eth0', ifindex: 2, mac: '02:00:00:00:00:01' }],
  sysctls: [{ path: '/proc/sys/net/ipv4/conf/eth0/arp_ignore', original: '0', applied: '1' }],
};

describe('VMAC state file', () => {
  it('round-trips through the file, and is gone after remove()', () => {
    const directory = mkdtempSync(join(tmpdir(), 'vipd-vmac-state-'));
    try {
      const store = fileStateStore(join(directory, 'sub', 'vmac-state.1.json'));
      assert.equal(store.load(), null);
      store.save(STATE);
      assert.deepEqual(store.load(), STATE);
      store.remove();
      assert.equal(store.load(), null);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('treats a damaged or foreign file as absent', () => {
    assert.equal(parseVmacState('{"version":1,'), null);
    assert.equal(parseVmacState('{"version":2,"pid":1,"macvlans":[],"parents":[],"sysctls":[]}'), null);
    assert.equal(parseVmacState('{"version":1,"pid":1,"macvlans":[{"name":3}],"parents":[],"sysctls":[]}'), null);
    const directory = mkdtempSync(join(tmpdir(), 'vipd-vmac-state-'));
    try {
      writeFileSync(join(directory, 's.json'), 'not json');
      assert.equal(fileStateStore(join(directory, 's.json')).load(), null);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
