/**
 * The vrrp_instance settings beyond the core protocol ones, with keepalived's
 * defaults: per-instance values fall back to their global_defs counterparts
 * (keepalived.conf(5): "garp_master_delay … defaults to vrrp_garp_master_delay"
 * and likewise for the other garp_*, down_timer_adverts, lower_prio_no_advert,
 * higher_prio_send_advert, owner_ignore_adverts, check_unicast_src,
 * notify_priority_changes, skip_check_adv_addr).
 */
import type { GlobalDefs, InstanceDefinition, VirtualAddressSpec } from './config-types.js';
import { resolveTracking } from './schema/tracking-handlers.js';
import type { InstanceDraft } from './schema/vrrp-instance.js';

/** What resolveInstance adds to the core fields. */
export type InstanceExtras = Omit<
  InstanceDefinition,
  | 'name'
  | 'location'
  | 'initialState'
  | 'interface'
  | 'family'
  | 'version'
  | 'vrid'
  | 'priority'
  | 'advertInterval'
  | 'authentication'
  | 'virtualAddresses'
  | 'preempt'
  | 'preemptDelay'
  | 'acceptMode'
  | 'checksumForm'
>;

export function resolveInstanceExtras(
  draft: InstanceDraft,
  globalDefs: GlobalDefs,
  excludedAddresses: readonly VirtualAddressSpec[],
): InstanceExtras {
  const garpMasterDelay = draft.garpMasterDelay?.value ?? globalDefs.garpMasterDelay;
  const garpMasterRepeat = draft.garpMasterRepeat?.value ?? globalDefs.garpMasterRepeat;
  const vmac = draft.vmacInterface?.value;
  return {
    excludedAddresses,
    virtualRoutes: draft.virtualRoutes,
    virtualRules: draft.virtualRules,
    promoteSecondaries: draft.promoteSecondaries?.value ?? false,
    ...resolveTracking(draft, globalDefs.notifyPriorityChanges),
    dontTrackPrimary: draft.dontTrackPrimary?.value ?? false,
    trackSourceIp: draft.trackSourceIp?.value ?? false,
    unicastSource: draft.unicastSource?.value ?? null,
    unicastPeers: draft.unicastPeers,
    unicastTtl: draft.unicastTtl?.value ?? null,
    checkUnicastSource: draft.checkUnicastSource?.value ?? globalDefs.checkUnicastSource,
    unicastFaultNoPeer: draft.unicastFaultNoPeer?.value ?? false,
    oldUnicastChecksum: draft.oldUnicastChecksum?.value ?? 'off',
    multicastDestination: draft.multicastDestination?.value ?? null,
    vmac:
      vmac === undefined
        ? null
        : { ...vmac, useVmacAddress: draft.useVmacAddress?.value ?? false, transmitOnBase: draft.transmitOnBase?.value ?? false },
    garpMasterDelay,
    garpMasterRepeat,
    // An instance's lower-priority burst defaults to the global one, which defaults to the master burst (reference §1).
    garpLowerPriorityDelay: draft.garpLowerPriorityDelay?.value ?? globalDefs.garpLowerPriorityDelay,
    garpLowerPriorityRepeat: draft.garpLowerPriorityRepeat?.value ?? globalDefs.garpLowerPriorityRepeat,
    garpMasterRefresh: draft.garpMasterRefresh?.value ?? globalDefs.garpMasterRefresh,
    garpMasterRefreshRepeat: draft.garpMasterRefreshRepeat?.value ?? globalDefs.garpMasterRefreshRepeat,
    garpExtraInterfaces: draft.garpExtraInterfaces?.value ?? globalDefs.garpExtraInterfaces,
    downTimerAdverts: draft.downTimerAdverts?.value ?? globalDefs.downTimerAdverts,
    lowerPriorityNoAdvert: draft.lowerPriorityNoAdvert?.value ?? globalDefs.lowerPriorityNoAdvert,
    higherPrioritySendAdvert: draft.higherPrioritySendAdvert?.value ?? globalDefs.higherPrioritySendAdvert,
    ownerIgnoreAdverts: draft.ownerIgnoreAdverts?.value ?? globalDefs.ownerIgnoreAdverts,
    timerExpiredBackup: draft.timerExpiredBackup?.value ?? null,
    strictMode: draft.strictMode?.value ?? globalDefs.strict,
    skipCheckAdvertAddresses: draft.skipCheckAdvertAddresses?.value ?? globalDefs.skipCheckAdvertAddresses,
    kernelRxBufferBytes: draft.kernelRxBufferBytes?.value ?? null,
    vrf: draft.vrf?.value ?? null,
    otherKeywords: draft.otherKeywords,
  };
}
