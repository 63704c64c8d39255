/**
 * vipctl ↔ vipd: one JSON object per line over a unix stream socket that only
 * root can open. Every request gets exactly one response line.
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { InstanceStatus } from './instance-status.js';

export type ControlRequest = { readonly command: 'status'; readonly instance?: string };

export type ControlResponse =
  | { readonly ok: true; readonly instances: readonly InstanceStatus[] }
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
