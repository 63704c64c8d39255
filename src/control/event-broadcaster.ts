/**
 * Fans the event stream out to every `vipctl events` subscriber. Publishing
 * never waits: each line is queued on the subscriber's socket. A subscriber
 * that does not read (slow, stopped or gone) is dropped once more than
 * `maxBufferedBytes` wait unread for it; it gets a final "closed" line saying
 * so, and the daemon carries on. Every subscriber sees every event published
 * while it is subscribed, once, in publishing order.
 */
import type { ControlEvent, EventTime } from './control-events.js';

/** One subscriber's end of the stream (a socket, in the daemon). */
export interface EventSink {
  /** Queue one line; never blocks. */
  write(line: string): void;
  /** Bytes queued and not yet taken by the subscriber. */
  readonly bufferedBytes: number;
  /** Send what is queued, then close. */
  end(): void;
}

/** 256 KiB: about two thousand events. */
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;

export class EventBroadcaster {
  private readonly sinks = new Set<EventSink>();

  constructor(
    /** The time of a "closed" line. */
    private readonly now: () => EventTime,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
  ) {}

  get subscribers(): number {
    return this.sinks.size;
  }

  /** The subscriber's first line says from when on it sees every event. */
  add(sink: EventSink): void {
    const subscribed: ControlEvent = { event: 'subscribed', ...this.now() };
    sink.write(JSON.stringify(subscribed) + '\n');
    this.sinks.add(sink);
  }

  /** The subscriber went away by itself. */
  remove(sink: EventSink): void {
    this.sinks.delete(sink);
  }

  publish(events: readonly ControlEvent[]): void {
    if (events.length === 0) return;
    const lines = events.map((e) => JSON.stringify(e) + '\n');
    for (const sink of [...this.sinks]) {
      if (sink.bufferedBytes > this.maxBufferedBytes) {
        this.close(sink, `too slow: more than ${this.maxBufferedBytes} bytes unread, later events were not sent`);
        continue;
      }
      for (const line of lines) sink.write(line);
    }
  }

  /** Every subscriber gets a last line and is closed (vipd stops). */
  closeAll(reason: string): void {
    for (const sink of [...this.sinks]) this.close(sink, reason);
  }

  private close(sink: EventSink, reason: string): void {
    this.sinks.delete(sink);
    const closed: ControlEvent = { event: 'closed', reason, ...this.now() };
    sink.write(JSON.stringify(closed) + '\n');
    sink.end();
  }
}
