/**
 * A virtual_ipaddress line as an rtnetlink request (ip-address(8) semantics,
 * as keepalived applies them): IPv6 VIPs skip Duplicate Address Detection so
 * they are usable the moment the router becomes master.
 */
import type { VirtualAddressSpec, AddressScope } from '../config/config-types.js';
import { ipAddressBytes, ipv4FromBytes, isIpv4, type Ipv4Address } from '../primitives/ip-address.js';
import type { AddressScopeName } from '../netlink/address-message.js';
import type { AddressToAdd, AddressToRemove } from '../netlink/rtnetlink-request.js';

const SCOPE: Readonly<Record<AddressScope, AddressScopeName>> = {
  global: 'universe',
  site: 'site',
  link: 'link',
  host: 'host',
  nowhere: 'nowhere',
};

export function addRequestOf(spec: VirtualAddressSpec, ifindex: number): AddressToAdd {
  const base = { ifindex, address: spec.address, prefixLength: spec.prefixLength, scope: SCOPE[spec.scope] };
  if (!isIpv4(spec.address)) return { ...base, noDad: true };
  const broadcast = broadcastOf(spec.address, spec.prefixLength, spec.broadcast);
  return {
    ...base,
    ...(broadcast === null ? {} : { broadcast }),
    ...(spec.label === null ? {} : { label: spec.label }),
  };
}

export function removeRequestOf(spec: VirtualAddressSpec, ifindex: number): AddressToRemove {
  return { ifindex, address: spec.address, prefixLength: spec.prefixLength };
}

/** `brd +` sets every host bit, `brd -` none, an address is taken as given (ip-address(8)). */
function broadcastOf(address: Ipv4Address, prefixLength: number, broadcast: VirtualAddressSpec['broadcast']): Ipv4Address | null {
  if (broadcast === null || broadcast === '-') return null;
  if (broadcast !== '+') return broadcast;
  const bytes = ipAddressBytes(address);
  const value = (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
  const hostMask = prefixLength >= 32 ? 0 : 0xffffffff >>> prefixLength;
  const all = (value | hostMask) >>> 0;
  return ipv4FromBytes(Uint8Array.of(all >>> 24, (all >>> 16) & 0xff, (all >>> 8) & 0xff, all & 0xff));
}
