/**
 * Effective priority and fault from tracker health, with keepalived's
 * semantics (keepalived vrrp_track.c, keepalived.conf(5) track_*):
 * - weight > 0: added while the tracker is up;
 * - weight < 0: added (so subtracted) while it is down;
 * - reverse: up and down swap;
 * - weight 0: the instance is in FAULT while the tracker is down;
 * - a valued tracker (track_file) adds value × weight (reverse: subtracts);
 *   with weight 0 a non-zero value is FAULT, and so is a contribution below
 *   −253;
 * - the result is clamped to 1..254; the owner (255) is never changed.
 * The base is the configured priority, or the administrative one an operator
 * set (vipctl priority; InstanceState.administrativePriority).
 */
import { clampBackupPriority, OWNER_PRIORITY, type Priority } from '../primitives/vrrp-numbers.js';
import type { InstanceConfig, TrackerConfig } from './instance-config.js';

function isHealthy(tracker: TrackerConfig, trackersUp: Readonly<Record<string, boolean>>): boolean {
  const up = trackersUp[tracker.name] ?? true;
  return tracker.reverse ? !up : up;
}

/** The lowest contribution of a track_file before it means FAULT (keepalived.conf(5) track_file). */
const LOWEST_FILE_CONTRIBUTION = -253;

function fileContribution(tracker: TrackerConfig, values: Readonly<Record<string, number>>): number {
  const value = values[tracker.name] ?? 0;
  return (tracker.reverse ? -value : value) * tracker.weight;
}

export function effectivePriority(
  config: InstanceConfig,
  trackersUp: Readonly<Record<string, boolean>>,
  administrativePriority: Priority | null = null,
  trackerValues: Readonly<Record<string, number>> = {},
): Priority {
  if (config.priority === OWNER_PRIORITY) return OWNER_PRIORITY;
  let total: number = administrativePriority ?? config.priority;
  for (const tracker of config.trackers) {
    if (tracker.valued === true) {
      total += fileContribution(tracker, trackerValues);
      continue;
    }
    const healthy = isHealthy(tracker, trackersUp);
    if (tracker.weight > 0 && healthy) total += tracker.weight;
    if (tracker.weight < 0 && !healthy) total += tracker.weight;
  }
  return clampBackupPriority(total);
}

/** True while any weight-0 tracker is unhealthy, or a valued one says FAULT. */
export function isFaulted(
  config: InstanceConfig,
  trackersUp: Readonly<Record<string, boolean>>,
  trackerValues: Readonly<Record<string, number>> = {},
): boolean {
  // keepalived unicast_fault_no_peer: FAULT while the instance has no unicast peer to talk to.
  if (config.unicast !== undefined && config.unicast.faultNoPeer && config.unicast.peers.length === 0) return true;
  return config.trackers.some((t) => faultedBy(t, trackersUp, trackerValues));
}

/** Whether this one tracker puts the instance in FAULT. */
export function faultedBy(
  tracker: TrackerConfig,
  trackersUp: Readonly<Record<string, boolean>>,
  trackerValues: Readonly<Record<string, number>>,
): boolean {
  if (tracker.valued === true) {
    if (tracker.weight === 0) return (trackerValues[tracker.name] ?? 0) !== 0;
    return fileContribution(tracker, trackerValues) < LOWEST_FILE_CONTRIBUTION;
  }
  return tracker.weight === 0 && !isHealthy(tracker, trackersUp);
}
