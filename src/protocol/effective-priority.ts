/**
 * Effective priority and fault from tracker health, with keepalived's
 * semantics (keepalived vrrp_track.c, keepalived.conf(5) track_*):
 * - weight > 0: added while the tracker is up;
 * - weight < 0: added (so subtracted) while it is down;
 * - reverse: up and down swap;
 * - weight 0: the instance is in FAULT while the tracker is down;
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

export function effectivePriority(
  config: InstanceConfig,
  trackersUp: Readonly<Record<string, boolean>>,
  administrativePriority: Priority | null = null,
): Priority {
  if (config.priority === OWNER_PRIORITY) return OWNER_PRIORITY;
  let total: number = administrativePriority ?? config.priority;
  for (const tracker of config.trackers) {
    const healthy = isHealthy(tracker, trackersUp);
    if (tracker.weight > 0 && healthy) total += tracker.weight;
    if (tracker.weight < 0 && !healthy) total += tracker.weight;
  }
  return clampBackupPriority(total);
}

/**
 * True while any weight-0 tracker is unhealthy, or, with keepalived's
 * unicast_fault_no_peer, while the instance has no unicast peer to talk to.
 */
export function isFaulted(config: InstanceConfig, trackersUp: Readonly<Record<string, boolean>>): boolean {
  if (config.unicast !== undefined && config.unicast.faultNoPeer && config.unicast.peers.length === 0) return true;
  return config.trackers.some((t) => t.weight === 0 && !isHealthy(t, trackersUp));
}
