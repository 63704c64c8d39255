import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNativeBinding } from '../../src/io/native-binding.js';
import { addMicroseconds, microseconds, type Instant } from '../../src/primitives/time.js';
import { systemMonotonicClock as clock } from '../../src/runtime/clock.js';
import { timerfdDeadlineSource } from '../../src/runtime/timerfd-deadline-source.js';

const source = timerfdDeadlineSource(loadNativeBinding());

function expiry(setUp: (fire: () => void) => void, timeoutMs: number): Promise<Instant | null> {
  return new Promise((resolve) => {
    const guard = setTimeout(() => resolve(null), timeoutMs);
    setUp(() => {
      clearTimeout(guard);
      resolve(clock.now());
    });
  });
}

describe('timerfd deadlines', () => {
  it('fire at the CLOCK_MONOTONIC instant asked for, never before it', async () => {
    for (let round = 0; round < 20; round++) {
      let at = clock.now();
      let deadline: ReturnType<typeof source.create> | undefined;
      const firedAt = await expiry((fire) => {
        deadline = source.create(fire);
        at = addMicroseconds(clock.now(), microseconds(2000 + round * 150));
        deadline.set(at);
      }, 1000);
      deadline?.close();
      assert.ok(firedAt !== null, 'the deadline fired');
      assert.ok(firedAt >= at, `fired ${at - firedAt} µs early`);
      assert.ok(firedAt - at < 50_000, `fired ${firedAt - at} µs late`);
    }
  });

  it('a cleared deadline does not fire; re-armed, it fires once at its new time', async () => {
    let fired = 0;
    const cleared = source.create(() => fired++);
    cleared.set(addMicroseconds(clock.now(), microseconds(1000)));
    cleared.clear();
    let later = clock.now();
    let deadline: ReturnType<typeof source.create> | undefined;
    const firedAt = await expiry((fire) => {
      deadline = source.create(fire);
      deadline.set(addMicroseconds(clock.now(), microseconds(1000)));
      later = addMicroseconds(clock.now(), microseconds(20_000));
      deadline.set(later);
    }, 1000);
    deadline?.close();
    cleared.close();
    assert.equal(fired, 0, 'the cleared deadline fired');
    assert.ok(firedAt !== null && firedAt >= later, 'the re-armed deadline fired at its first time');
  });

  it('a deadline already past fires on the next turn of the loop, not inside set()', async () => {
    let insideSet = false;
    let firedInsideSet = false;
    const firedAt = await expiry((fire) => {
      const deadline = source.create(() => {
        firedInsideSet = insideSet;
        fire();
        deadline.close();
      });
      insideSet = true;
      deadline.set(addMicroseconds(clock.now(), microseconds(-5000)));
      insideSet = false;
    }, 1000);
    assert.ok(firedAt !== null);
    assert.equal(firedInsideSet, false);
  });
});
