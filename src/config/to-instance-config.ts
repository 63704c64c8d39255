/**
 * A parsed vrrp_instance → the pure core's InstanceConfig. What keepalived.conf
 * cannot set in vipd yet takes keepalived's defaults (keepalived-defaults.ts):
 * down_timer_adverts 3, lower_prio_no_advert off, the lower-priority GARP
 * burst equal to the master one (keepalived defaults vrrp_garp_lower_prio_* to
 * vrrp_garp_master_*, reference §1), and no trackers.
 */
import type { GlobalDefs, InstanceDefinition } from './config-types.js';
import { KEEPALIVED_DEFAULTS } from './keepalived-defaults.js';
import { ipFamilyOf, type IpAddress } from '../primitives/ip-address.js';
import type { InstanceConfig } from '../protocol/instance-config.js';

/**
 * `sourceAddress` is the instance's primary address on its interface, found
 * by the runtime; it must be of the instance's family (a caller bug otherwise,
 * hence a throw rather than a message).
 */
export function toInstanceConfig(def: InstanceDefinition, globalDefs: GlobalDefs, sourceAddress: IpAddress): InstanceConfig {
  if (ipFamilyOf(sourceAddress) !== def.family) {
    throw new Error(`vrrp_instance ${def.name} is ${def.family}, but its source address ${sourceAddress} is not`);
  }
  return {
    name: def.name,
    version: def.version,
    family: def.family,
    vrid: def.vrid,
    priority: def.priority,
    advertInterval: def.advertInterval,
    preempt: def.preempt,
    preemptDelay: def.preemptDelay,
    acceptMode: def.acceptMode,
    sourceAddress,
    virtualAddresses: def.virtualAddresses.map((spec) => spec.address),
    authentication: def.authentication,
    checksumForm: def.checksumForm,
    downTimerAdverts: KEEPALIVED_DEFAULTS.downTimerAdverts,
    lowerPriorityNoAdvert: KEEPALIVED_DEFAULTS.lowerPriorityNoAdvert,
    announce: {
      masterDelay: globalDefs.garpMasterDelay,
      masterRepeat: globalDefs.garpMasterRepeat,
      lowerPriorityDelay: globalDefs.garpMasterDelay,
      lowerPriorityRepeat: globalDefs.garpMasterRepeat,
    },
    trackers: [],
  };
}
