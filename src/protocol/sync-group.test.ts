import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterMemberTransition, afterMemberWantsMaster, type SyncMember } from './sync-group.js';

function member(name: string, state: SyncMember['state'], extra: Partial<SyncMember> = {}): SyncMember {
  return { name, state, wantsMaster: false, faultedOnItsOwn: false, ...extra };
}

describe('vrrp_sync_group decisions (keepalived vrrp_sync.c)', () => {
  it('goes master only when every member wants to', () => {
    const waiting = [member('VI_1', 'backup', { wantsMaster: true }), member('VI_2', 'backup')];
    assert.deepEqual(afterMemberWantsMaster(waiting), { directives: [], syncingTo: null }, 'VI_2 still hears its master');
    const ready = [member('VI_1', 'backup', { wantsMaster: true }), member('VI_2', 'backup', { wantsMaster: true })];
    assert.deepEqual(afterMemberWantsMaster(ready), {
      directives: [
        { instance: 'VI_1', directive: 'master' },
        { instance: 'VI_2', directive: 'master' },
      ],
      syncingTo: 'MASTER',
    });
    const faulted = [member('VI_1', 'backup', { wantsMaster: true }), member('VI_2', 'fault')];
    assert.equal(afterMemberWantsMaster(faulted).directives.length, 0, 'a member in FAULT keeps the group from MASTER');
  });

  it('a member that becomes master on its own takes the backups with it', () => {
    const members = [member('VI_1', 'master'), member('VI_2', 'backup'), member('VI_3', 'fault')];
    assert.deepEqual(afterMemberTransition(members, 'VI_1', 'backup', 'master', 'startup'), {
      directives: [{ instance: 'VI_2', directive: 'master' }],
      syncingTo: 'MASTER',
    });
  });

  it('one member losing mastership takes the other masters to BACKUP', () => {
    const members = [member('VI_1', 'backup'), member('VI_2', 'master')];
    assert.deepEqual(afterMemberTransition(members, 'VI_1', 'master', 'backup', 'higherPriorityAdvert'), {
      directives: [{ instance: 'VI_2', directive: 'backup' }],
      syncingTo: 'BACKUP',
    });
  });

  it('one member in FAULT takes every member to FAULT; the group recovers when no member is faulted on its own', () => {
    const down = [member('VI_1', 'fault', { faultedOnItsOwn: true }), member('VI_2', 'master'), member('VI_3', 'backup')];
    assert.deepEqual(afterMemberTransition(down, 'VI_1', 'master', 'fault', 'trackerFault'), {
      directives: [
        { instance: 'VI_2', directive: 'fault' },
        { instance: 'VI_3', directive: 'fault' },
      ],
      syncingTo: 'FAULT',
    });
    const stillDown = [member('VI_1', 'backup'), member('VI_2', 'fault', { faultedOnItsOwn: true }), member('VI_3', 'fault')];
    assert.equal(afterMemberTransition(stillDown, 'VI_1', 'fault', 'backup', 'trackerRecovered').directives.length, 0);
    const up = [member('VI_1', 'backup'), member('VI_2', 'fault'), member('VI_3', 'fault')];
    assert.deepEqual(afterMemberTransition(up, 'VI_1', 'fault', 'backup', 'trackerRecovered'), {
      directives: [
        { instance: 'VI_2', directive: 'recovered' },
        { instance: 'VI_3', directive: 'recovered' },
      ],
      syncingTo: 'BACKUP',
    });
  });

  it('transitions the group caused are not news', () => {
    const members = [member('VI_1', 'backup'), member('VI_2', 'master')];
    assert.equal(afterMemberTransition(members, 'VI_1', 'master', 'backup', 'syncGroup').directives.length, 0);
  });
});
