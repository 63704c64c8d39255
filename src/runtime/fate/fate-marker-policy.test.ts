import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markAfterTransition, mustHold } from './fate-marker-policy.js';

describe('fate sharing marks (vrrpd -M)', () => {
  it('marks a member that falls on its own and clears the mark when it is master again', () => {
    assert.equal(markAfterTransition('master', 'backup', false), 'mark');
    assert.equal(markAfterTransition('master', 'fault', false), 'mark');
    assert.equal(markAfterTransition('backup', 'fault', false), 'mark', 'link down while a backup');
    assert.equal(markAfterTransition('backup', 'master', false), 'clear');
    assert.equal(markAfterTransition('fault', 'backup', false), 'keep', 'link back: still down until master again');
  });

  it('startup is not a fall, and a fall caused by the group marks nothing', () => {
    assert.equal(markAfterTransition('initialize', 'backup', false), 'keep');
    assert.equal(markAfterTransition('initialize', 'fault', false), 'keep');
    assert.equal(markAfterTransition('master', 'backup', true), 'keep');
    assert.equal(markAfterTransition('backup', 'master', true), 'clear');
  });

  it('holds every member but the one whose mark it is', () => {
    const marks = new Set(['101.eth0']);
    assert.equal(mustHold('101.eth0', marks), false);
    assert.equal(mustHold('102.eth1', marks), true);
    assert.equal(mustHold('101.eth0', new Set(['101.eth0', '102.eth1'])), true);
    assert.equal(mustHold('102.eth1', new Set()), false);
  });
});
