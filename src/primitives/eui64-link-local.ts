/**
 * The IPv6 link-local address an interface forms from its MAC address
 * (RFC 4291 §2.5.1 and Appendix A, RFC 2464 §4 and §5): fe80::/64 followed by
 * the modified EUI-64 interface identifier, which is the MAC with ff:fe
 * inserted in the middle and the universal/local bit inverted.
 *
 * keepalived gives an IPv6 VMAC the link-local address derived from its
 * PARENT's MAC, not from the virtual MAC (reference §3 "VMAC"): the VMAC then
 * speaks from the same link-local address as the parent, which is the
 * address peers know the router by.
 */
import { ipv6FromBytes, IPV6_ADDRESS_BYTES, type Ipv6Address } from './ip-address.js';
import { macAddressBytes, type MacAddress } from './mac-address.js';

const UNIVERSAL_LOCAL_BIT = 0x02;

export function eui64LinkLocal(mac: MacAddress): Ipv6Address {
  const m = macAddressBytes(mac);
  const bytes = new Uint8Array(IPV6_ADDRESS_BYTES);
  bytes[0] = 0xfe;
  bytes[1] = 0x80;
  bytes.set([(m[0] ?? 0) ^ UNIVERSAL_LOCAL_BIT, m[1] ?? 0, m[2] ?? 0, 0xff, 0xfe, m[3] ?? 0, m[4] ?? 0, m[5] ?? 0], 8);
  return ipv6FromBytes(bytes);
}
