/**
 * The trackers an instance gets from what it references (keepalived.conf(5)
 * track_script, track_file, track_process): one core tracker per reference, named after the
 * object, with the reference's weight — or, when the reference gives none,
 * the object's own weight and `reverse`.
 */
import type { InstanceDefinition, TrackReference, VipdConfig } from '../../config/config-types.js';
import type { TrackerConfig } from '../../protocol/instance-config.js';

export function scriptTrackerName(script: string): string {
  return `script ${script}`;
}

export function fileTrackerName(file: string): string {
  return `file ${file}`;
}

export function processTrackerName(process: string): string {
  return `process ${process}`;
}

export function trackedObjectTrackersOf(definition: InstanceDefinition, config: VipdConfig): TrackerConfig[] {
  const weighed = (reference: TrackReference, own: { readonly weight: number; readonly reverse: boolean }) =>
    reference.weight === null ? { weight: own.weight, reverse: own.reverse } : { weight: reference.weight, reverse: reference.reverse };
  const scripts = definition.trackScripts.flatMap((reference): TrackerConfig[] => {
    const script = config.scripts.find((s) => s.name === reference.name);
    return script === undefined ? [] : [{ name: scriptTrackerName(reference.name), ...weighed(reference, script) }];
  });
  const files = definition.trackFiles.flatMap((reference): TrackerConfig[] => {
    const file = config.trackFiles.find((f) => f.name === reference.name);
    return file === undefined ? [] : [{ name: fileTrackerName(reference.name), ...weighed(reference, file), valued: true }];
  });
  const processes = definition.trackProcesses.flatMap((reference): TrackerConfig[] => {
    const process = config.trackProcesses.find((p) => p.name === reference.name);
    return process === undefined ? [] : [{ name: processTrackerName(reference.name), ...weighed(reference, process) }];
  });
  return [...scripts, ...files, ...processes];
}

/**
 * What a binary tracker's state means for one instance's core: a script
 * with no result yet adds no weight either way (keepalived), so it reads as
 * healthy for a negative or zero weight and unhealthy for a positive one.
 */
export function coreUpFor(tracker: TrackerConfig, health: 'up' | 'down' | 'init'): boolean {
  if (health !== 'init') return health === 'up';
  const healthy = tracker.weight <= 0;
  return tracker.reverse ? !healthy : healthy;
}
