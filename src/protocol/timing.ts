/**
 * Protocol timers in exact centiseconds.
 *
 * RFC 5798 §6.1 (v3): Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256
 *                     Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time
 * RFC 3768 §6.1 (v2): Skew_Time = (256 - Priority) / 256 seconds
 *                     Master_Down_Interval = (3 * Advertisement_Interval) + Skew_Time
 *
 * The division is by 256, so float64 keeps every fraction exactly. keepalived
 * makes the "3" configurable (down_timer_adverts).
 */
import { centiseconds, type Centiseconds } from '../primitives/time.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import type { VrrpVersion } from '../codec/advert.js';

const ONE_SECOND = centiseconds(100);

export function skewTime(version: VrrpVersion, priority: Priority, masterAdverInterval: Centiseconds): Centiseconds {
  const base = version === 3 ? masterAdverInterval : ONE_SECOND;
  return centiseconds(((256 - priority) * base) / 256);
}

export function masterDownInterval(
  version: VrrpVersion,
  priority: Priority,
  masterAdverInterval: Centiseconds,
  downTimerAdverts: number,
): Centiseconds {
  return centiseconds(downTimerAdverts * masterAdverInterval + skewTime(version, priority, masterAdverInterval));
}
