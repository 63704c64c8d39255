/** Ethernet MAC addresses as lower-case colon-separated text. */
import { err, ok, type Result } from './result.js';

declare const brand: unique symbol;

export type MacAddress = string & { readonly [brand]: 'mac' };

export const MAC_ADDRESS_BYTES = 6;
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff' as MacAddress;

export function macFromBytes(bytes: Uint8Array, offset = 0): MacAddress {
  const parts: string[] = [];
  for (let i = 0; i < MAC_ADDRESS_BYTES; i++) parts.push((bytes[offset + i] ?? 0).toString(16).padStart(2, '0'));
  return parts.join(':') as MacAddress;
}

export function parseMacAddress(text: string): Result<MacAddress, string> {
  const parts = text.split(/[:-]/);
  if (parts.length !== MAC_ADDRESS_BYTES || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) {
    return err(`not a MAC address: "${text}"`);
  }
  return ok(parts.map((p) => p.toLowerCase().padStart(2, '0')).join(':') as MacAddress);
}

export function macAddressBytes(mac: MacAddress): Uint8Array {
  return Uint8Array.from(mac.split(':').map((p) => parseInt(p, 16)));
}

/**
 * The VRRP virtual MAC of a VRID: 00-00-5E-00-01-{VRID} for IPv4 and
 * 00-00-5E-00-02-{VRID} for IPv6 (RFC 5798 §7.3).
 */
export function virtualRouterMac(family: 'ipv4' | 'ipv6', vrid: number): MacAddress {
  return macFromBytes(Uint8Array.of(0, 0, 0x5e, 0, family === 'ipv4' ? 1 : 2, vrid & 0xff));
}
