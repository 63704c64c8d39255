/**
 * Per-instance statistics, after RFC 8347 (ietf-vrrp) and keepalived's stats
 * dump. Every reject kind has its own counter.
 */
import { DECODE_ERROR_KINDS } from '../codec/decode-error.js';
import type { ReceiveCheckFailure, RejectKind } from './reject-reason.js';

export type EventCounterName =
  | 'advertReceived'
  | 'advertSent'
  | 'becameMaster'
  | 'releasedMaster'
  | 'priorityZeroReceived'
  | 'priorityZeroSent'
  /** v3 adverts whose address list differs from ours (logged, not dropped). */
  | 'addressListWarning';

export type CounterName = EventCounterName | RejectKind;

export type Counters = Readonly<Record<CounterName, number>>;

/** Records, so that a new kind that is not listed fails to compile. */
const RECEIVE_CHECK_KINDS: Readonly<Record<ReceiveCheckFailure['kind'], true>> = {
  ttlNot255: true,
  versionMismatch: true,
  vridMismatch: true,
  authTypeMismatch: true,
  authFailure: true,
  intervalMismatch: true,
  addressListMismatch: true,
  ahMissing: true,
  ahUnexpected: true,
  ahBadIcv: true,
  ahSpiMismatch: true,
  ahReplay: true,
  ttlOutOfRange: true,
  destinationModeMismatch: true,
  unicastSourceNotPeer: true,
};

const EVENT_COUNTERS: Readonly<Record<EventCounterName, true>> = {
  advertReceived: true,
  advertSent: true,
  becameMaster: true,
  releasedMaster: true,
  priorityZeroReceived: true,
  priorityZeroSent: true,
  addressListWarning: true,
};

export const COUNTER_NAMES: readonly CounterName[] = [
  ...(Object.keys(EVENT_COUNTERS) as EventCounterName[]),
  ...DECODE_ERROR_KINDS,
  ...(Object.keys(RECEIVE_CHECK_KINDS) as ReceiveCheckFailure['kind'][]),
];

export function zeroCounters(): Counters {
  return Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as Record<CounterName, number>;
}

export function bump(counters: Counters, ...names: readonly CounterName[]): Counters {
  if (names.length === 0) return counters;
  const next: Record<CounterName, number> = { ...counters };
  for (const name of names) next[name] += 1;
  return next;
}
