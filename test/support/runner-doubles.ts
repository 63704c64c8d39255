/**
 * Test doubles for the runtime: a clock and deadline source that move only
 * when told, and instance effects that record what they were asked to do.
 */
import type { InstanceEffects } from '../../src/runtime/instance-effects.js';
import { encodeAdvert } from '../../src/codec/advert-encoder.js';
import type { IpAddress } from '../../src/primitives/ip-address.js';
import { centiseconds } from '../../src/primitives/time.js';
import type { Priority, Vrid } from '../../src/primitives/vrrp-numbers.js';
import { buildAdvert } from '../../src/protocol/advert-builder.js';
import type { ReceivedPacket } from '../../src/protocol/events.js';
import type { InstanceConfig } from '../../src/protocol/instance-config.js';

export { ManualTime } from './manual-time.js';

export function recorder(): { effects: InstanceEffects; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    effects: {
      sendAdvert: (advert) => lines.push(`send prio=${advert.priority}`),
      prepareAdvert: (advert) => lines.push(`prepare prio=${advert.priority}`),
      addVirtualAddresses: (addresses) => lines.push(`add ${addresses.join(',')}`),
      removeVirtualAddresses: (addresses) => lines.push(`remove ${addresses.join(',')}`),
      addExcludedAddresses: (addresses) => lines.push(`add-evips ${addresses.join(',')}`),
      removeExcludedAddresses: (addresses) => lines.push(`remove-evips ${addresses.join(',')}`),
      addRouting: (routes, rules) => lines.push(`add-routing ${[...routes, ...rules].join(',')}`),
      removeRouting: (routes, rules) => lines.push(`remove-routing ${[...routes, ...rules].join(',')}`),
      announce: (addresses, repeat) => lines.push(`announce ${addresses.join(',')} x${repeat}`),
      stateChanged: (from, to) => lines.push(`${from}->${to}`),
      log: (event) => lines.push(`log ${event.kind}`),
    },
  };
}

/** A v3 IPv4 instance, VRID 51, priority 100, 1 s adverts, keepalived's defaults otherwise. */
export const testInstanceConfig: InstanceConfig = {
  name: 'VI_1',
  version: 3,
  family: 'ipv4',
  vrid: 51 as Vrid,
  priority: 100 as Priority,
  advertInterval: centiseconds(100),
  preempt: true,
  preemptDelay: centiseconds(0),
  acceptMode: true,
  sourceAddress: '10.99.0.1' as IpAddress,
  virtualAddresses: ['10.99.0.100' as IpAddress],
  excludedAddresses: [],
  virtualRoutes: [],
  virtualRules: [],
  authentication: { kind: 'none' },
  checksumForm: 'pseudoHeader',
  downTimerAdverts: 3,
  lowerPriorityNoAdvert: false,
  announce: {
    masterDelay: centiseconds(0),
    masterRepeat: 2,
    lowerPriorityDelay: centiseconds(0),
    lowerPriorityRepeat: 2,
    refreshInterval: centiseconds(0),
    refreshRepeat: 1,
    extraInterfaces: null,
    sourceOnLeavingFault: false,
  },
  trackers: [],
};


/** An advert from `source` at `priority`, for an instance configured as `config`. */
export function advertFrom(source: string, priority: number, config: InstanceConfig = testInstanceConfig): ReceivedPacket {
  const addressing = { family: 'ipv4', source: source as IpAddress, destination: '224.0.0.18' as IpAddress } as const;
  const advert = buildAdvert({ ...config }, priority as Priority);
  return { payload: encodeAdvert(advert, addressing, 'pseudoHeader'), source: source as IpAddress, destination: addressing.destination, ttl: 255 };
}
