/**
 * The interfaces an instance tracks, as keepalived tracks them
 * (keepalived.conf(5) track_interface, dont_track_primary, virtual_ipaddress
 * `dev … no_track`; keepalived vrrp_track.c):
 * - its own interface, implicitly, with weight 0 (down = FAULT), unless
 *   `dont_track_primary`;
 * - the `dev` interface of each virtual address, implicitly, weight 0,
 *   unless that address says `no_track`;
 * - every `track_interface` line, with its weight (none = 0) and `reverse`;
 *   an explicit line replaces the implicit tracking of the same interface.
 * Each becomes a core tracker named "interface NAME".
 */
import type { InstanceDefinition } from '../config/config-types.js';
import type { TrackerConfig } from '../protocol/instance-config.js';

export function interfaceTrackerName(interfaceName: string): string {
  return `interface ${interfaceName}`;
}

export function interfaceTrackersOf(definition: InstanceDefinition): TrackerConfig[] {
  const trackers = new Map<string, TrackerConfig>();
  const implicit = (name: string): void => {
    trackers.set(interfaceTrackerName(name), { name: interfaceTrackerName(name), weight: 0, reverse: false });
  };
  if (!definition.dontTrackPrimary) implicit(definition.interface);
  for (const vip of definition.virtualAddresses) {
    if (vip.device !== null && !vip.noTrack) implicit(vip.device);
  }
  for (const line of definition.trackInterfaces) {
    const name = interfaceTrackerName(line.name);
    trackers.set(name, { name, weight: line.weight ?? 0, reverse: line.reverse });
  }
  return [...trackers.values()];
}
