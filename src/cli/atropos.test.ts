import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceStatus } from '../control/instance-status.js';
import { atroposInstance, atroposPriorityChange } from './atropos.js';

function status(name: string, basePriority: number, extra: Partial<InstanceStatus> = {}): InstanceStatus {
  return { name, basePriority, administrativePriority: null, ...extra } as InstanceStatus;
}

describe('atropos verbs', () => {
  it('--reduce / --increase step the base priority by 10 within vrrpd\'s 10..240', () => {
    assert.deepEqual(atroposPriorityChange(status('A', 100), 'reduce'), { kind: 'set', value: 90 });
    assert.deepEqual(atroposPriorityChange(status('A', 100), 'increase'), { kind: 'set', value: 110 });
    assert.deepEqual(atroposPriorityChange(status('A', 15), 'reduce'), { kind: 'set', value: 10 });
    assert.deepEqual(atroposPriorityChange(status('A', 235), 'increase'), { kind: 'set', value: 240 });
  });

  it('start from the administrative base when one was set, and never move the other way', () => {
    assert.deepEqual(atroposPriorityChange(status('A', 100, { administrativePriority: 200 }), 'reduce'), { kind: 'set', value: 190 });
    assert.deepEqual(atroposPriorityChange(status('A', 250), 'increase'), { kind: 'set', value: 250 });
    assert.deepEqual(atroposPriorityChange(status('A', 5), 'reduce'), { kind: 'set', value: 5 });
  });

  it('use vrrpd\'s explicit -z / -x values when the instance has them', () => {
    const s = status('A', 100, { reducePriority: 50, increasePriority: 180 });
    assert.deepEqual(atroposPriorityChange(s, 'reduce'), { kind: 'set', value: 50 });
    assert.deepEqual(atroposPriorityChange(s, 'increase'), { kind: 'set', value: 180 });
  });

  it('NAME may be omitted with one instance, is required with several, and must exist', () => {
    assert.equal(atroposInstance([status('A', 100)], null).ok, true);
    assert.deepEqual(atroposInstance([status('A', 100), status('B', 100)], null), {
      ok: false,
      error: 'vipd runs 2 instances (A, B); name one',
    });
    assert.deepEqual(atroposInstance([status('A', 100)], 'C'), { ok: false, error: 'no instance named "C"' });
    assert.deepEqual(atroposInstance([], null), { ok: false, error: 'vipd runs no instance' });
  });
});
