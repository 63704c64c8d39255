import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Priority } from '../primitives/vrrp-numbers.js';
import { instantAt } from '../primitives/time.js';
import { controlEventsOf, formatControlEvent } from './control-events.js';

const at = '2026-01-01T00:00:00.000Z';

describe('controlEventsOf', () => {
  it('keeps transitions, priority changes and holds, in the order the core emitted them, and nothing else', () => {
    const events = controlEventsOf({
      instance: 'VI_1',
      priority: 150 as Priority,
      monotonic: instantAt(42),
      at,
      actions: [
        { kind: 'log', event: { kind: 'holdSet' } },
        { kind: 'cancelTimer', timer: 'adver' },
        { kind: 'stateChanged', from: 'master', to: 'backup', reason: 'administrativeBackup' },
        { kind: 'log', event: { kind: 'effectivePriorityChanged', from: 150 as Priority, to: 200 as Priority } },
        { kind: 'log', event: { kind: 'masterDownTimerExpired' } },
        { kind: 'log', event: { kind: 'holdReleased' } },
      ],
    });
    assert.deepEqual(events, [
      { event: 'held', instance: 'VI_1', at, monotonicUs: 42 },
      { event: 'stateChanged', instance: 'VI_1', from: 'master', to: 'backup', reason: 'administrativeBackup', priority: 150, at, monotonicUs: 42 },
      { event: 'priorityChanged', instance: 'VI_1', from: 150, to: 200, at, monotonicUs: 42 },
      { event: 'released', instance: 'VI_1', at, monotonicUs: 42 },
    ]);
    assert.deepEqual(events.map(formatControlEvent), [
      `${at} VI_1 held in BACKUP`,
      `${at} VI_1 MASTER -> BACKUP (administrativeBackup) priority 150`,
      `${at} VI_1 priority 150 -> 200`,
      `${at} VI_1 hold released`,
    ]);
  });
});
