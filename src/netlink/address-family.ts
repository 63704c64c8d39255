/**
 * The address families that appear in rtnetlink headers (ifi_family,
 * ifa_family). Values from linux/socket.h; they are kernel ABI and do not
 * change. The I/O layer's test checks them against the native addon, which
 * reads them from the C headers.
 */
import type { IpFamily } from '../primitives/ip-address.js';

export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_INET6 = 10;

export function addressFamilyOf(family: IpFamily): number {
  return family === 'ipv4' ? AF_INET : AF_INET6;
}

export function ipFamilyOfAddressFamily(addressFamily: number): IpFamily | null {
  if (addressFamily === AF_INET) return 'ipv4';
  if (addressFamily === AF_INET6) return 'ipv6';
  return null;
}
