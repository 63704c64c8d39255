/**
 * The names of generated VMAC interfaces, as keepalived 2.2.7 picks them
 * (checked in namespaces): PREFIX.VRID ("vrrp.51", vmac_prefix = "vrrp");
 * an IPv6 instance whose PREFIX.VRID is taken falls back to PREFIX6.VRID
 * (reference §3); a further instance with the same VRID on another
 * interface (another VLAN) gets PREFIX1.VRID, then PREFIX2.VRID …
 */
import type { IpFamily } from '../../primitives/ip-address.js';

/** IFNAMSIZ - 1 (linux/if.h). */
export const MAX_INTERFACE_NAME_BYTES = 15;

/** The first candidate not in `taken`; null if all are (or too long). */
export function generatedVmacName(prefix: string, family: IpFamily, vrid: number, taken: ReadonlySet<string>): string | null {
  const candidates = [`${prefix}.${vrid}`, ...(family === 'ipv6' ? [`${prefix}6.${vrid}`] : [])];
  for (let n = 1; n < 100; n++) candidates.push(`${prefix}${n}.${vrid}`);
  return candidates.find((name) => Buffer.byteLength(name) <= MAX_INTERFACE_NAME_BYTES && !taken.has(name)) ?? null;
}
