/**
 * IPv4 and IPv6 addresses as canonical text (dotted quad; RFC 5952 for IPv6),
 * branded by family. Text is what configuration, logs, status and golden
 * files use; the codec converts to and from network-order bytes here.
 */
import { err, ok, type Result } from './result.js';

declare const brand: unique symbol;

export type IpFamily = 'ipv4' | 'ipv6';
export type Ipv4Address = string & { readonly [brand]: 'ipv4' };
export type Ipv6Address = string & { readonly [brand]: 'ipv6' };
export type IpAddress = Ipv4Address | Ipv6Address;

export const IPV4_ADDRESS_BYTES = 4;
export const IPV6_ADDRESS_BYTES = 16;

export function ipFamilyOf(address: IpAddress): IpFamily {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

export function addressBytesOf(family: IpFamily): number {
  return family === 'ipv4' ? IPV4_ADDRESS_BYTES : IPV6_ADDRESS_BYTES;
}

export function ipv4FromBytes(bytes: Uint8Array, offset = 0): Ipv4Address {
  return `${bytes[offset] ?? 0}.${bytes[offset + 1] ?? 0}.${bytes[offset + 2] ?? 0}.${bytes[offset + 3] ?? 0}` as Ipv4Address;
}

/** RFC 5952 §4: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as "::". */
export function ipv6FromBytes(bytes: Uint8Array, offset = 0): Ipv6Address {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) {
    groups.push(((bytes[offset + 2 * i] ?? 0) << 8) | (bytes[offset + 2 * i + 1] ?? 0));
  }
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8) as Ipv6Address;
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}` as Ipv6Address;
}

export function ipAddressFromBytes(family: IpFamily, bytes: Uint8Array, offset = 0): IpAddress {
  return family === 'ipv4' ? ipv4FromBytes(bytes, offset) : ipv6FromBytes(bytes, offset);
}

/** Parse an address in any usual text form; the result is canonical. */
export function parseIpAddress(text: string): Result<IpAddress, string> {
  const bytes = text.includes(':') ? parseIpv6Bytes(text) : parseIpv4Bytes(text);
  if (bytes === null) return err(`not an IP address: "${text}"`);
  return ok(bytes.length === IPV4_ADDRESS_BYTES ? ipv4FromBytes(bytes) : ipv6FromBytes(bytes));
}

export function parseIpv4(text: string): Result<Ipv4Address, string> {
  const bytes = parseIpv4Bytes(text);
  return bytes === null ? err(`not an IPv4 address: "${text}"`) : ok(ipv4FromBytes(bytes));
}

export function parseIpv6(text: string): Result<Ipv6Address, string> {
  const bytes = text.includes(':') ? parseIpv6Bytes(text) : null;
  return bytes === null ? err(`not an IPv6 address: "${text}"`) : ok(ipv6FromBytes(bytes));
}

/** Network-order bytes of a canonical address (as produced by this module). */
export function ipAddressBytes(address: IpAddress): Uint8Array {
  const bytes = address.includes(':') ? parseIpv6Bytes(address) : parseIpv4Bytes(address);
  if (bytes === null) throw new Error(`not a canonical IP address: ${address}`);
  return bytes;
}

/**
 * Unsigned comparison in network byte order, as RFC 5798 §6.4.3 prescribes for
 * the equal-priority tie-break. Negative when a < b.
 */
export function compareIpAddresses(a: IpAddress, b: IpAddress): number {
  const x = ipAddressBytes(a);
  const y = ipAddressBytes(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function isIpv6LinkLocal(address: IpAddress): boolean {
  return /^fe[89ab][0-9a-f]:/.test(address);
}

function parseIpv4Bytes(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    if (!/^\d{1,3}$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes[i] = value;
  }
  return bytes;
}

function parseIpv6Bytes(text: string): Uint8Array | null {
  let head = text;
  let tail: string | null = null;
  const gap = text.indexOf('::');
  if (gap >= 0) {
    if (text.indexOf('::', gap + 1) >= 0) return null;
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
  }
  const headGroups = parseIpv6Groups(head);
  const tailGroups = tail === null ? [] : parseIpv6Groups(tail);
  if (headGroups === null || tailGroups === null) return null;
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === null ? missing !== 0 : missing < 1) return null;
  const groups = [...headGroups, ...new Array<number>(tail === null ? 0 : missing).fill(0), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** Colon-separated hex groups; the last may be an embedded dotted quad (RFC 4291 §2.2). */
function parseIpv6Groups(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Bytes(part);
      if (v4 === null) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

/** 224.0.0.0/4 (RFC 5771) or ff00::/8 (RFC 4291 §2.7). */
export function isMulticastAddress(address: IpAddress): boolean {
  const first = ipAddressBytes(address)[0] ?? 0;
  return isIpv4(address) ? first >= 224 && first <= 239 : first === 0xff;
}

export function isIpv4(address: IpAddress): address is Ipv4Address {
  return !address.includes(':');
}
