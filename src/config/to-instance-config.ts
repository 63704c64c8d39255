/**
 * A parsed vrrp_instance → the pure core's InstanceConfig: the protocol
 * settings, down_timer_adverts, lower_prio_no_advert and the GARP bursts
 * (garp_master_*, garp_lower_prio_*, each defaulting to its global_defs
 * vrrp_* counterpart, instance-extras.ts), unicast (unicast_peer and its
 * companions), garp_master_refresh and garp_extra_if, and what moves with
 * mastership besides the advertised addresses (virtual_ipaddress_excluded,
 * virtual_routes, virtual_rules). Trackers are added by the runtime.
 */
import type { GlobalDefs, InstanceDefinition } from './config-types.js';
import { ipFamilyOf, type IpAddress } from '../primitives/ip-address.js';
import type { ExtraInterfaceAnnouncements, InstanceConfig, OldUnicastChecksum, UnicastDelivery } from '../protocol/instance-config.js';
import { centiseconds } from '../primitives/time.js';
import { routeLine, ruleLine } from './dump-lines.js';
import { usesUnicast } from './unicast-mode.js';

/**
 * `sourceAddress` is the instance's primary address on its interface, found
 * by the runtime; it must be of the instance's family. `_globalDefs` is no
 * longer needed (the definition carries its resolved global defaults) and
 * stays for the runtime's call (a caller bug otherwise,
 * hence a throw rather than a message).
 */
export function toInstanceConfig(def: InstanceDefinition, _globalDefs: GlobalDefs, sourceAddress: IpAddress): InstanceConfig {
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
    excludedAddresses: def.excludedAddresses.map((spec) => spec.address),
    // A route or rule is known to the core by its line, as vipd -d writes it.
    virtualRoutes: def.virtualRoutes.map(routeLine),
    virtualRules: def.virtualRules.map(ruleLine),
    authentication: def.authentication,
    checksumForm: def.checksumForm,
    downTimerAdverts: def.downTimerAdverts,
    lowerPriorityNoAdvert: def.lowerPriorityNoAdvert,
    announce: {
      masterDelay: def.garpMasterDelay,
      masterRepeat: def.garpMasterRepeat,
      lowerPriorityDelay: def.garpLowerPriorityDelay,
      lowerPriorityRepeat: def.garpLowerPriorityRepeat,
      refreshInterval: def.garpMasterRefresh,
      refreshRepeat: def.garpMasterRefreshRepeat,
      extraInterfaces: extraInterfaceAnnouncements(def),
      // keepalived sends it only when the instance has unicast peers (vrrp_scheduler.c).
      sourceOnLeavingFault: def.unicastPeers.length > 0,
    },
    trackers: [],
    ...(usesUnicast(def) ? { unicast: unicastDeliveryOf(def) } : {}),
  };
}

/** keepalived unicast (reference §1): a peer's min_ttl / max_ttl turns the source check on. */
function unicastDeliveryOf(def: InstanceDefinition): UnicastDelivery {
  const peers = def.unicastPeers.map(({ address, minTtl, maxTtl }) => ({ address, minTtl, maxTtl }));
  return {
    peers,
    checkSource: def.checkUnicastSource || peers.some((p) => p.minTtl !== null || p.maxTtl !== null),
    oldChecksum: OLD_CHECKSUM[def.oldUnicastChecksum],
    faultNoPeer: def.unicastFaultNoPeer,
  };
}

/** old_unicast_checksum: absent (detect on receipt), given (send it), `never` (neither). */
const OLD_CHECKSUM: Readonly<Record<InstanceDefinition['oldUnicastChecksum'], OldUnicastChecksum>> = {
  off: 'detect',
  on: 'old',
  never: 'never',
};

/**
 * garp_extra_if [all] DELAY (keepalived.conf(5)): periodic announcements "on
 * interfaces of VIPs/eVIPs that are not the interface of the VRRP instance",
 * one per interface (keepalived vrrp.c vrrp_send_vmac_update takes the first
 * address on each). Without `all` only VMAC interfaces qualify, and vipd makes
 * none yet, so nothing is sent; a DELAY of 0 turns it off.
 */
function extraInterfaceAnnouncements(def: InstanceDefinition): ExtraInterfaceAnnouncements | null {
  const extra = def.garpExtraInterfaces;
  if (extra === null || !extra.allInterfaces || extra.delaySeconds <= 0) return null;
  const firstByDevice = new Map<string, IpAddress>();
  for (const spec of [...def.virtualAddresses, ...def.excludedAddresses]) {
    if (spec.device === null || spec.device === def.interface || firstByDevice.has(spec.device)) continue;
    firstByDevice.set(spec.device, spec.address);
  }
  return { interval: centiseconds(extra.delaySeconds * 100), addresses: [...firstByDevice.values()] };
}
