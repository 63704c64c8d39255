import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ControlEvent } from './control-events.js';
import { EventBroadcaster, type EventSink } from './event-broadcaster.js';

class FakeSink implements EventSink {
  readonly lines: string[] = [];
  ended = false;
  /** Bytes the subscriber has not read: a reader that keeps up sets it to 0. */
  bufferedBytes = 0;
  constructor(private readonly reads: boolean) {}
  write(line: string): void {
    this.lines.push(line);
    if (!this.reads) this.bufferedBytes += line.length;
  }
  end(): void {
    this.ended = true;
  }
  events(): ControlEvent[] {
    return this.lines.map((l) => JSON.parse(l) as ControlEvent);
  }
}

const time = { at: '2026-01-01T00:00:00.000Z', monotonicUs: 1 };
const held = (instance: string): ControlEvent => ({ event: 'held', instance, ...time });

describe('EventBroadcaster', () => {
  it('gives every subscriber every event once, in publishing order', () => {
    const broadcaster = new EventBroadcaster(() => time);
    const [a, b] = [new FakeSink(true), new FakeSink(true)];
    broadcaster.add(a);
    broadcaster.publish([held('VI_1'), held('VI_2')]);
    broadcaster.add(b);
    broadcaster.publish([held('VI_3')]);
    const names = (sink: FakeSink): string[] => sink.events().map((e) => (e.event === 'held' ? e.instance : e.event));
    assert.deepEqual(names(a), ['subscribed', 'VI_1', 'VI_2', 'VI_3']);
    assert.deepEqual(names(b), ['subscribed', 'VI_3']);
  });

  it('drops a subscriber that does not read once its backlog passes the bound, with a last line saying so', () => {
    const broadcaster = new EventBroadcaster(() => time, 200);
    const [slow, fast] = [new FakeSink(false), new FakeSink(true)];
    broadcaster.add(slow);
    broadcaster.add(fast);
    for (let i = 0; i < 20; i++) broadcaster.publish([held(`VI_${i}`)]);
    assert.equal(broadcaster.subscribers, 1);
    assert.equal(fast.lines.length, 21);
    assert.ok(slow.ended);
    const last = slow.events().at(-1);
    assert.equal(last?.event, 'closed');
    assert.match(last?.event === 'closed' ? last.reason : '', /too slow: more than 200 bytes unread/);
    assert.ok(slow.lines.length < 21);
  });

  it('closes every subscriber with a reason when vipd stops', () => {
    const broadcaster = new EventBroadcaster(() => time);
    const sink = new FakeSink(true);
    broadcaster.add(sink);
    broadcaster.closeAll('vipd is stopping');
    assert.ok(sink.ended);
    assert.deepEqual(sink.events(), [
      { event: 'subscribed', ...time },
      { event: 'closed', reason: 'vipd is stopping', ...time },
    ]);
    broadcaster.publish([held('VI_1')]);
    assert.equal(sink.lines.length, 2);
  });
});
