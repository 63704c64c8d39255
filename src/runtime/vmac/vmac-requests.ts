/**
 * Which instances of a configuration want a VMAC (use_vmac; use_ipvlan has
 * not landed), and how the daemon finds an instance's VMAC again.
 */
import type { InstanceDefinition, VipdConfig } from '../../config/config-types.js';
import type { Link } from '../../netlink/link-message.js';
import { ipFamilyOf } from '../../primitives/ip-address.js';
import { vmacKey, type VmacRequest } from './vmac-manager.js';

/** The VMAC requests of `config`, in configuration order (which decides generated names). */
export function vmacRequestsOf({ instances, globalDefs }: VipdConfig, links: readonly Link[]): VmacRequest[] {
  return instances.flatMap((definition): VmacRequest[] => {
    const spec = definition.vmac;
    if (spec === null || spec.kind !== 'macvlan') return [];
    const parent = links.find((l) => l.name === definition.interface);
    // A missing interface is the daemon's startup error, with its wording.
    if (parent === undefined) return [];
    const carriesIpv6 =
      definition.family === 'ipv4' && [...definition.virtualAddresses, ...definition.excludedAddresses].some((v) => ipFamilyOf(v.address) === 'ipv6');
    return [{ instance: definition.name, family: definition.family, vrid: definition.vrid, parent, spec, carriesIpv6, prefix: globalDefs.vmacPrefix }];
  });
}

/** The key of the instance's VMAC on `parentIfindex`; null without use_vmac. */
export function vmacKeyOf(definition: InstanceDefinition, parentIfindex: number): string | null {
  const spec = definition.vmac;
  if (spec === null || spec.kind !== 'macvlan') return null;
  return vmacKey({ family: definition.family, vrid: definition.vrid, spec, parentIfindex });
}
