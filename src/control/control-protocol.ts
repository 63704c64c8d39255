/**
 * vipctl ↔ vipd: one JSON object per line over a unix stream socket that only
 * root can open. Every request gets exactly one response line.
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { InstanceStatus } from './instance-status.js';

export type ControlRequest = { readonly command: 'status'; readonly instance?: string };

/** Received VRRP packets no instance of this daemon could take, by reason. */
export interface UnclaimedPackets {
  /** A VRID not configured on the interface and family it arrived on. */
  readonly unknownVrid: number;
  /** An IPv4 datagram whose header does not decode. */
  readonly malformedIp: number;
  /** No destination address in the ancillary data (needed for the v3 checksum). */
  readonly missingDestination: number;
}

export type ControlResponse =
  | { readonly ok: true; readonly instances: readonly InstanceStatus[]; readonly unclaimedPackets: UnclaimedPackets }
  | { readonly ok: false; readonly error: string };

export function parseControlRequest(line: string): Result<ControlRequest, string> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return err('request is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('request must be a JSON object');
  const record = value as Record<string, unknown>;
  const command = record['command'];
  switch (command) {
    case 'status': {
      const instance = record['instance'];
      if (instance !== undefined && typeof instance !== 'string') return err('"instance" must be a string');
      return ok(instance === undefined ? { command } : { command, instance });
    }
    default:
      return err(`unknown command ${JSON.stringify(command)}`);
  }
}
