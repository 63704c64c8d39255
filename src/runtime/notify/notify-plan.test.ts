import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitScriptWords } from '../health/script-words.js';
import { planNotify } from './notify-plan.js';
import { NO_NOTIFY, type NotifySpec } from './notify-spec.js';

const command = (text: string) => ({ argv: splitScriptWords(text), user: null });

/** The instance of our first keepalived 2.2.7 experiment. */
const vi1: NotifySpec = {
  ...NO_NOTIFY,
  master: command("/run/kxh/notify_master m1 'm 2'"),
  backup: command('/run/kxh/notify_backup'),
  fault: command('/run/kxh/notify_fault f1'),
  stop: command('/run/kxh/notify_stop'),
  generic: command('/run/kxh/notify_all x'),
};

describe('planNotify', () => {
  it('runs the state script with only its own arguments, then notify with the state appended, then the FIFO line', () => {
    assert.deepEqual(planNotify(vi1, { subject: { kind: 'instance', name: 'VI_1' }, state: 'MASTER', priority: 94 }), {
      commands: [
        { argv: ['/run/kxh/notify_master', 'm1', 'm 2'], user: null },
        { argv: ['/run/kxh/notify_all', 'x', 'INSTANCE', 'VI_1', 'MASTER', '94'], user: null },
      ],
      fifoLine: 'INSTANCE "VI_1" MASTER 94',
    });
    assert.deepEqual(planNotify(vi1, { subject: { kind: 'instance', name: 'VI_1' }, state: 'BACKUP', priority: 100 }).commands[0], {
      argv: ['/run/kxh/notify_backup'],
      user: null,
    });
  });

  it('says 0 for a group whatever the priority', () => {
    const group: NotifySpec = { ...NO_NOTIFY, fault: command('/run/kxh/gf'), generic: command('/run/kxh/notify_all grp') };
    assert.deepEqual(planNotify(group, { subject: { kind: 'group', name: 'G' }, state: 'FAULT', priority: 150 }), {
      commands: [
        { argv: ['/run/kxh/gf'], user: null },
        { argv: ['/run/kxh/notify_all', 'grp', 'GROUP', 'G', 'FAULT', '0'], user: null },
      ],
      fifoLine: 'GROUP "G" FAULT 0',
    });
  });

  it('with only notify, passes INSTANCE name state priority as $1..$4 and keeps the user', () => {
    const spec: NotifySpec = { ...NO_NOTIFY, generic: { argv: ['/n'], user: { uid: 1, gid: 2 } } };
    assert.deepEqual(planNotify(spec, { subject: { kind: 'instance', name: 'V' }, state: 'STOP', priority: 7 }).commands, [
      { argv: ['/n', 'INSTANCE', 'V', 'STOP', '7'], user: { uid: 1, gid: 2 } },
    ]);
  });

  it('runs nothing but still writes the FIFO line when no script is configured', () => {
    assert.deepEqual(planNotify(NO_NOTIFY, { subject: { kind: 'instance', name: 'V' }, state: 'DELETED', priority: 100 }), {
      commands: [],
      fifoLine: 'INSTANCE "V" DELETED 100',
    });
  });
});
