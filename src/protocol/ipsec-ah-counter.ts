/**
 * keepalived's IPSEC-AH replay counter (reference §2 IPSEC-AH; RFC 2402
 * §3.3.2 / RFC 4302 §3.3.3 describe a per-SA counter, keepalived keeps one per
 * instance instead, shared by sending and receiving):
 *
 * - sending increments it before each advert, so the first sequence number is
 *   1; once above 0xFFFFFFFD it is marked "cycled" and no longer increments;
 * - receiving accepts only a sequence number strictly above it, and takes it;
 * - a master that hears a lower-priority AH advert sets it to that advert's
 *   sequence number + 1;
 * - a backup that accepts an AH advert clears the "cycled" mark, and a cycled
 *   counter restarts from 0 when the instance next becomes master.
 *
 * It is part of the instance state: it survives a reload, and restarts at 0
 * with the daemon, which is why a non-owner must learn it as a backup first
 * (keepalived clears `state MASTER` under AH for that reason).
 */

export interface IpsecAhCounter {
  /** Unsigned 32 bits: the last sequence number sent or accepted. */
  readonly sequence: number;
  readonly cycled: boolean;
}

export const INITIAL_IPSEC_AH_COUNTER: IpsecAhCounter = { sequence: 0, cycled: false };

/** keepalived stops incrementing above this value and marks the counter cycled. */
export const IPSEC_AH_LAST_INCREMENTED_SEQUENCE = 0xffff_fffd;

const UINT32_MODULUS = 0x1_0000_0000;

/** The counter after sending one advert; the advert carries its `sequence`. */
export function counterAfterSending(counter: IpsecAhCounter): IpsecAhCounter {
  if (counter.sequence > IPSEC_AH_LAST_INCREMENTED_SEQUENCE) return { sequence: counter.sequence, cycled: true };
  return { sequence: counter.sequence + 1, cycled: counter.cycled };
}

/** Whether an authentic advert with `sequence` is new (strictly greater, no wrap-around). */
export function isFreshSequence(counter: IpsecAhCounter, sequence: number): boolean {
  return sequence > counter.sequence;
}

/** A master heard a lower-priority AH advert: run ahead of its sender. */
export function counterAheadOf(counter: IpsecAhCounter, sequence: number): IpsecAhCounter {
  return { sequence: (sequence + 1) % UINT32_MODULUS, cycled: counter.cycled };
}

/** Becoming master: a cycled counter starts over. */
export function counterOnBecomingMaster(counter: IpsecAhCounter): IpsecAhCounter {
  return counter.cycled ? INITIAL_IPSEC_AH_COUNTER : counter;
}
