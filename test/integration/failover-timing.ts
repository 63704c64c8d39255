/**
 * Failover timing read off a capture on the lab switch: the gap between the
 * last advert of the old master and the first advert of the new one, to be
 * compared with the new master's Master_Down_Interval (RFC 5798 §6.1).
 */
import type { CapturedFrame } from '../../src/lab/captured-frames.js';

export interface FailoverGap {
  readonly lastOldAdvertUs: number;
  readonly firstNewAdvertUs: number;
  readonly gapMs: number;
}

/** The first advert from `newMaster` after `afterUs`, and the last advert from `oldMaster` before it. */
export function failoverGap(frames: readonly CapturedFrame[], oldMaster: string, newMaster: string, afterUs: number): FailoverGap {
  const adverts = frames.filter((f): f is Extract<CapturedFrame, { kind: 'advert' }> => f.kind === 'advert');
  const first = adverts.find((f) => f.source === newMaster && f.atUs > afterUs && f.advert.priority > 0);
  if (first === undefined) throw new Error(`no advert from ${newMaster} after the failover started`);
  const last = adverts.filter((f) => f.source === oldMaster && f.atUs < first.atUs).at(-1);
  if (last === undefined) throw new Error(`no advert from ${oldMaster} before ${newMaster} took over`);
  return { lastOldAdvertUs: last.atUs, firstNewAdvertUs: first.atUs, gapMs: (first.atUs - last.atUs) / 1000 };
}

/** RFC 5798 §6.1 Skew_Time in ms: (256 − priority) / 256 × (v3: Master_Adver_Interval, v2: 1 s). */
export function skewTimeMs(version: 2 | 3, priority: number, intervalCs: number): number {
  return ((256 - priority) * (version === 3 ? intervalCs : 100) * 10) / 256;
}

/** RFC 5798 §6.1 Master_Down_Interval in ms: 3 × interval + Skew_Time. */
export function masterDownIntervalMs(version: 2 | 3, priority: number, intervalCs: number): number {
  return 3 * intervalCs * 10 + skewTimeMs(version, priority, intervalCs);
}
