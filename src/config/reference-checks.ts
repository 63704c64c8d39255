/**
 * Checks across blocks, with keepalived 2.2.7's outcomes (`keepalived -t`):
 *
 * - a sync group member that is no vrrp_instance: error ("Virtual router VI_X
 *   specified in sync group G doesn't exist - ignoring", exit 5);
 * - an instance in two sync groups: error ("Virtual router VI_1 cannot exist
 *   in more than one sync group; ignoring H", exit 5);
 * - a sync group of one instance: warning that fails `vipd -t` ("Sync group G
 *   has only 1 virtual router(s) - this probably isn't what you want", exit 5,
 *   keepalived runs it);
 * - track_script / track_file / track_process naming nothing defined: error
 *   ("track script nosuch not found, ignoring...", exit 5);
 * - vrrp_script, track_file, vrrp_track_process names defined twice: the first
 *   is used, with a warning (keepalived is silent, exit 0);
 * - the same virtual address in two instances: warning (keepalived is silent,
 *   exit 0; both routers' instances would add it).
 */
import { referTo, type Diagnostics } from './config-message.js';
import type {
  InstanceDefinition,
  SourceLocation,
  SyncGroupDefinition,
  TrackFileDefinition,
  TrackProcessDefinition,
  TrackReference,
  VrrpScriptDefinition,
} from './config-types.js';
import type { SyncGroupRead } from './schema/sync-group.js';

interface Named {
  readonly name: string;
  readonly location: SourceLocation;
}

/** The definitions whose names are not taken by an earlier one; the others are warned about. */
export function firstOfEachName<T extends Named>(definitions: readonly T[], keyword: string, diagnostics: Diagnostics): T[] {
  const first = new Map<string, T>();
  for (const definition of definitions) {
    const earlier = first.get(definition.name);
    if (earlier === undefined) {
      first.set(definition.name, definition);
      continue;
    }
    diagnostics.warning(
      definition.location,
      `${keyword} ${definition.name} is already defined at ${referTo(earlier.location, definition.location)}; ` +
        'this one is ignored (keepalived uses the first too), so rename or remove it',
      `${keyword} ${definition.name}`,
    );
  }
  return [...first.values()];
}

/** The sync groups with their members checked; members that are not instances, or already grouped, are reported. */
export function checkSyncGroups(
  groups: readonly SyncGroupRead[],
  instances: readonly InstanceDefinition[],
  instanceNames: ReadonlySet<string>,
  diagnostics: Diagnostics,
): SyncGroupDefinition[] {
  const defined = new Set(instances.map((i) => i.name));
  const groupOf = new Map<string, { group: string; location: SourceLocation }>();
  return groups.map(({ definition, title, memberLocations }) => {
    const members: string[] = [];
    definition.members.forEach((member, index) => {
      const at = memberLocations[index] ?? definition.location;
      if (!defined.has(member)) {
        // An instance with errors of its own is reported already; one that is not written at all is this error.
        if (!instanceNames.has(member)) {
          diagnostics.error(
            at,
            `${member} is not a vrrp_instance of this configuration (keepalived: "Virtual router ${member} specified in ` +
              `sync group ${definition.name} doesn't exist"); define it or remove it from the group`,
            title,
          );
        }
        return;
      }
      const other = groupOf.get(member);
      if (other !== undefined) {
        diagnostics.error(
          at,
          `vrrp_instance ${member} is already in vrrp_sync_group ${other.group} (${referTo(other.location, at)}); ` +
            'an instance can be in one sync group only, so remove it from one of them',
          title,
        );
        return;
      }
      groupOf.set(member, { group: definition.name, location: at });
      members.push(member);
    });
    if (definition.members.length === 1) {
      diagnostics.warning(
        definition.location,
        `${title} has only 1 instance, which probably isn't what you want (keepalived -t reports it as a configuration ` +
          'error); add the instances that must change state together, or remove the group',
        title,
        'keepalivedConfigError',
      );
    }
    return { ...definition, members };
  });
}

interface Definitions {
  readonly scripts: readonly VrrpScriptDefinition[];
  readonly trackFiles: readonly TrackFileDefinition[];
  readonly trackProcesses: readonly TrackProcessDefinition[];
}

/** track_script / track_file / track_process lines of instances and sync groups that name nothing defined. */
export function checkTrackReferences(
  owners: readonly { readonly title: string; readonly tracker: Pick<InstanceDefinition, 'trackScripts' | 'trackFiles' | 'trackProcesses'> }[],
  definitions: Definitions,
  diagnostics: Diagnostics,
): void {
  const kinds = [
    { keyword: 'track_script', block: 'vrrp_script', names: new Set(definitions.scripts.map((d) => d.name)), pick: 'trackScripts', what: 'script' },
    { keyword: 'track_file', block: 'track_file', names: new Set(definitions.trackFiles.map((d) => d.name)), pick: 'trackFiles', what: 'file' },
    { keyword: 'track_process', block: 'vrrp_track_process', names: new Set(definitions.trackProcesses.map((d) => d.name)), pick: 'trackProcesses', what: 'process' },
  ] as const;
  for (const { title, tracker } of owners) {
    for (const kind of kinds) {
      const references: readonly TrackReference[] = tracker[kind.pick];
      for (const reference of references) {
        if (kind.names.has(reference.name)) continue;
        diagnostics.error(
          reference.location,
          `${kind.keyword} names ${reference.name}, but no ${kind.block} ${reference.name} is defined (keepalived: "track ` +
            `${kind.what} ${reference.name} not found"); define ${kind.block} ${reference.name} { … } or fix the name`,
          title,
        );
      }
    }
  }
}

/** The same virtual address in two instances: both would add and remove it. */
export function checkSharedAddresses(instances: readonly InstanceDefinition[], diagnostics: Diagnostics): void {
  const owner = new Map<string, { instance: string; location: SourceLocation }>();
  for (const instance of instances) {
    for (const spec of instance.virtualAddresses) {
      const earlier = owner.get(spec.address);
      if (earlier === undefined) {
        owner.set(spec.address, { instance: instance.name, location: spec.location });
        continue;
      }
      diagnostics.warning(
        spec.location,
        `virtual_ipaddress ${spec.address} is also a virtual address of vrrp_instance ${earlier.instance} ` +
          `(${referTo(earlier.location, spec.location)}); whichever instance changes state last decides whether it is ` +
          'present, so give it to one instance only',
        `vrrp_instance ${instance.name}`,
      );
    }
  }
}
