/**
 * The small integers of VRRP, branded so that a priority cannot be passed
 * where a VRID is meant. Values are created only through the validating
 * constructors below.
 */
import { err, ok, type Result } from './result.js';

declare const brand: unique symbol;

/** Virtual Router Identifier, 1..255 (RFC 5798 §5.2.3). */
export type Vrid = number & { readonly [brand]: 'vrid' };

/**
 * Priority, 0..255 (RFC 5798 §5.2.4): 255 is the address owner, 1..254 a
 * backup, 0 a master that is resigning.
 */
export type Priority = number & { readonly [brand]: 'priority' };

export const OWNER_PRIORITY = 255 as Priority;
export const RESIGN_PRIORITY = 0 as Priority;

export function toVrid(value: number): Result<Vrid, string> {
  return Number.isInteger(value) && value >= 1 && value <= 255
    ? ok(value as Vrid)
    : err(`virtual router id must be an integer from 1 to 255, got ${value}`);
}

export function toPriority(value: number): Result<Priority, string> {
  return Number.isInteger(value) && value >= 0 && value <= 255
    ? ok(value as Priority)
    : err(`priority must be an integer from 0 to 255, got ${value}`);
}

/** Clamp to the range a non-owner may advertise, 1..254 (keepalived vrrp_track.c). */
export function clampBackupPriority(value: number): Priority {
  return Math.min(254, Math.max(1, Math.trunc(value))) as Priority;
}
