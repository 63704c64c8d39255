import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveRunAs, systemAccounts } from './run-as.js';

const files: Record<string, string> = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nwww:x:33:33::/var/www:/usr/sbin/nologin\n',
  '/etc/group': 'root:x:0:\nwww:x:33:\nstaff:x:50:\n',
};
const accounts = systemAccounts((path) => files[path] ?? '');

describe('who scripts run as', () => {
  it('resolves a user and an optional group by name', () => {
    assert.deepEqual(resolveRunAs({ user: 'www', group: null }, null, accounts), { ok: true, user: { uid: 33, gid: 33 } });
    assert.deepEqual(resolveRunAs({ user: 'www', group: 'staff' }, null, accounts), { ok: true, user: { uid: 33, gid: 50 } });
  });

  it('falls back to script_user, then to keepalived_script if it exists, else root', () => {
    assert.deepEqual(resolveRunAs(null, { user: 'www', group: null }, accounts), { ok: true, user: { uid: 33, gid: 33 } });
    assert.deepEqual(resolveRunAs(null, null, accounts), { ok: true, user: { uid: 0, gid: 0 } });
    const withDefault = systemAccounts((path) => (path === '/etc/passwd' ? 'keepalived_script:x:990:990::/:/bin/false\n' : ''));
    assert.deepEqual(resolveRunAs(null, null, withDefault), { ok: true, user: { uid: 990, gid: 990 } });
  });

  it('says which name does not exist', () => {
    assert.deepEqual(resolveRunAs({ user: 'nobody2', group: null }, null, accounts), { ok: false, reason: 'user nobody2 does not exist' });
    assert.deepEqual(resolveRunAs({ user: 'www', group: 'nogroup2' }, null, accounts), { ok: false, reason: 'group nogroup2 does not exist' });
  });
});
