/**
 * A golden case's instance.json: the instance settings in readable units,
 * with keepalived's defaults for anything left out. Unknown keys are an error,
 * so a misspelt setting cannot silently fall back to a default.
 */
import type { ChecksumForm, VrrpVersion } from '../../../src/codec/advert.js';
import { KEEPALIVED_DEFAULTS } from '../../../src/config/keepalived-defaults.js';
import { parseIpAddress, type IpAddress, type IpFamily } from '../../../src/primitives/ip-address.js';
import type { Result } from '../../../src/primitives/result.js';
import { centiseconds } from '../../../src/primitives/time.js';
import { toPriority, toVrid } from '../../../src/primitives/vrrp-numbers.js';
import type {
  InstanceAuthentication,
  InstanceConfig,
  OldUnicastChecksum,
  TrackerConfig,
  UnicastDelivery,
} from '../../../src/protocol/instance-config.js';

export interface TrackerSettings {
  readonly name: string;
  readonly weight: number;
  readonly reverse?: boolean;
  /** Health at startup (default up). */
  readonly initiallyUp?: boolean;
  /** A valued tracker (track_file): value × weight. */
  readonly valued?: boolean;
}

export interface InstanceSettings {
  readonly name?: string;
  readonly version?: VrrpVersion;
  readonly family?: IpFamily;
  readonly vrid?: number;
  readonly priority?: number;
  readonly advertIntervalCs?: number;
  readonly preempt?: boolean;
  readonly preemptDelayCs?: number;
  readonly acceptMode?: boolean;
  readonly sourceAddress?: string;
  readonly virtualAddresses?: readonly string[];
  /** keepalived auth_type PASS with this auth_pass; absent = no authentication. */
  readonly authPass?: string;
  /** keepalived auth_type AH with this auth_pass (8 bytes, zero padded). */
  readonly ahPass?: string;
  /** The AH replay counter at startup (as if learned or sent before); default 0. */
  readonly ahSequence?: number;
  readonly checksumForm?: ChecksumForm;
  readonly downTimerAdverts?: number;
  readonly lowerPriorityNoAdvert?: boolean;
  readonly announce?: {
    readonly masterDelayCs?: number;
    readonly masterRepeat?: number;
    readonly lowerPriorityDelayCs?: number;
    readonly lowerPriorityRepeat?: number;
    /** garp_master_refresh in centiseconds (0 = off) and garp_master_refresh_repeat. */
    readonly refreshCs?: number;
    readonly refreshRepeat?: number;
    /** garp_extra_if all DELAY: the interval and the first address on each other interface. */
    readonly extraInterfaces?: { readonly intervalCs: number; readonly addresses: readonly string[] };
    /** keepalived with unicast peers: announce the source address on leaving FAULT. */
    readonly sourceOnLeavingFault?: boolean;
  };
  /** virtual_ipaddress_excluded. */
  readonly excludedAddresses?: readonly string[];
  /** virtual_routes / virtual_rules lines (their identity in the core). */
  readonly virtualRoutes?: readonly string[];
  readonly virtualRules?: readonly string[];
  readonly trackers?: readonly TrackerSettings[];
  /** The vrrp_sync_group it belongs to. */
  readonly syncGroup?: string;
  /** keepalived unicast_peer and its companions; absent = multicast. */
  readonly unicast?: {
    readonly peers: readonly { readonly address: string; readonly minTtl?: number; readonly maxTtl?: number }[];
    readonly checkSource?: boolean;
    readonly oldChecksum?: OldUnicastChecksum;
    readonly faultNoPeer?: boolean;
  };
}

const KNOWN_KEYS = new Set([
  'name', 'version', 'family', 'vrid', 'priority', 'advertIntervalCs', 'preempt', 'preemptDelayCs',
  'acceptMode', 'sourceAddress', 'virtualAddresses', 'authPass', 'ahPass', 'ahSequence', 'checksumForm', 'downTimerAdverts',
  'lowerPriorityNoAdvert', 'announce', 'trackers', 'syncGroup', 'unicast', 'excludedAddresses', 'virtualRoutes', 'virtualRules',
]);

export interface ResolvedSettings {
  readonly config: InstanceConfig;
  readonly trackersUp: Record<string, boolean>;
}

function unwrap<T>(result: Result<T, string>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function address(text: string): IpAddress {
  return unwrap(parseIpAddress(text));
}

function authenticationOf(settings: InstanceSettings): InstanceAuthentication {
  if (settings.ahPass !== undefined) {
    const key = new Uint8Array(8);
    key.set(new TextEncoder().encode(settings.ahPass).subarray(0, 8));
    return { kind: 'ipsecAh', key };
  }
  if (settings.authPass !== undefined) return { kind: 'simpleText', password: new TextEncoder().encode(settings.authPass) };
  return { kind: 'none' };
}

function unicastOf(unicast: NonNullable<InstanceSettings['unicast']>): UnicastDelivery {
  const peers = unicast.peers.map((p) => ({ address: address(p.address), minTtl: p.minTtl ?? null, maxTtl: p.maxTtl ?? null }));
  return {
    peers,
    // keepalived: a peer's min_ttl / max_ttl turns the source check on (reference §1).
    checkSource: (unicast.checkSource ?? false) || peers.some((p) => p.minTtl !== null || p.maxTtl !== null),
    oldChecksum: unicast.oldChecksum ?? 'detect',
    faultNoPeer: unicast.faultNoPeer ?? false,
  };
}

export function resolveSettings(settings: InstanceSettings): ResolvedSettings {
  const unknown = Object.keys(settings).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw new Error(`unknown instance setting(s): ${unknown.join(', ')}`);
  const family = settings.family ?? 'ipv4';
  const defaults = KEEPALIVED_DEFAULTS;
  const trackers: TrackerConfig[] = (settings.trackers ?? []).map((t) => ({
    name: t.name,
    weight: t.weight,
    reverse: t.reverse ?? false,
    ...(t.valued === true ? { valued: true } : {}),
  }));
  const config: InstanceConfig = {
    name: settings.name ?? 'VI_1',
    version: settings.version ?? (family === 'ipv6' ? 3 : defaults.version),
    family,
    vrid: unwrap(toVrid(settings.vrid ?? 51)),
    priority: unwrap(toPriority(settings.priority ?? defaults.priority)),
    advertInterval: centiseconds(settings.advertIntervalCs ?? defaults.advertInterval),
    preempt: settings.preempt ?? defaults.preempt,
    preemptDelay: centiseconds(settings.preemptDelayCs ?? defaults.preemptDelay),
    acceptMode: settings.acceptMode ?? defaults.acceptMode,
    sourceAddress: address(settings.sourceAddress ?? (family === 'ipv4' ? '10.99.0.1' : 'fe80::1')),
    virtualAddresses: (settings.virtualAddresses ?? [family === 'ipv4' ? '10.99.0.100' : 'fd00:99::100']).map(address),
    excludedAddresses: (settings.excludedAddresses ?? []).map(address),
    virtualRoutes: settings.virtualRoutes ?? [],
    virtualRules: settings.virtualRules ?? [],
    authentication: authenticationOf(settings),
    checksumForm: settings.checksumForm ?? defaults.checksumForm,
    downTimerAdverts: settings.downTimerAdverts ?? defaults.downTimerAdverts,
    lowerPriorityNoAdvert: settings.lowerPriorityNoAdvert ?? defaults.lowerPriorityNoAdvert,
    announce: {
      masterDelay: centiseconds(settings.announce?.masterDelayCs ?? defaults.announce.masterDelay),
      masterRepeat: settings.announce?.masterRepeat ?? defaults.announce.masterRepeat,
      lowerPriorityDelay: centiseconds(settings.announce?.lowerPriorityDelayCs ?? defaults.announce.lowerPriorityDelay),
      lowerPriorityRepeat: settings.announce?.lowerPriorityRepeat ?? defaults.announce.lowerPriorityRepeat,
      refreshInterval: centiseconds(settings.announce?.refreshCs ?? defaults.announce.refreshInterval),
      refreshRepeat: settings.announce?.refreshRepeat ?? defaults.announce.refreshRepeat,
      extraInterfaces:
        settings.announce?.extraInterfaces === undefined
          ? defaults.announce.extraInterfaces
          : { interval: centiseconds(settings.announce.extraInterfaces.intervalCs), addresses: settings.announce.extraInterfaces.addresses.map(address) },
      sourceOnLeavingFault: settings.announce?.sourceOnLeavingFault ?? defaults.announce.sourceOnLeavingFault,
    },
    trackers,
    ...(settings.syncGroup === undefined ? {} : { syncGroup: settings.syncGroup }),
    ...(settings.unicast === undefined ? {} : { unicast: unicastOf(settings.unicast) }),
  };
  const trackersUp = Object.fromEntries((settings.trackers ?? []).map((t) => [t.name, t.initiallyUp ?? true]));
  return { config, trackersUp };
}
