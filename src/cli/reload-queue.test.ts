import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReloadQueue } from './reload-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('reloads never overlap, and requests during one collapse into a single follow-up', async () => {
  const gates = [deferred(), deferred()];
  let active = 0;
  let maxActive = 0;
  let runs = 0;
  const queue = new ReloadQueue(async () => {
    const gate = gates[runs++];
    active++;
    maxActive = Math.max(maxActive, active);
    await gate?.promise;
    active--;
    return runs;
  });
  const first = queue.request();
  const second = queue.request();
  const third = queue.request();
  assert.equal(second, third, 'requests during a reload share the follow-up');
  gates[0]?.resolve();
  assert.equal(await first, 1);
  gates[1]?.resolve();
  assert.equal(await second, 2);
  assert.equal(runs, 2);
  assert.equal(maxActive, 1);
  assert.equal(await queue.request(), 3, 'an idle queue starts at once');
});

test('a failed reload does not block the next one', async () => {
  let calls = 0;
  const queue = new ReloadQueue(async () => {
    calls++;
    if (calls === 1) throw new Error('boom');
    return calls;
  });
  await assert.rejects(queue.request(), /boom/);
  assert.equal(await queue.request(), 2);
});
