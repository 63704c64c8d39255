/**
 * vipctl ↔ vipd: one JSON object per line over a unix stream socket that only
 * root can open. Every request gets exactly one response line; after an
 * `events` request the connection then carries one ControlEvent per line
 * (control-events.ts) until either side closes it.
 *
 * Requests are validated field by field here, before anything reaches an
 * instance: an unknown command or field, a missing or mistyped field and an
 * out-of-range priority are refused with `{ ok: false, error }`. What needs
 * the running daemon (an unknown instance, the owner's priority, garp on a
 * non-master) is refused by src/runtime/control-dispatch.ts. A refused request
 * changes nothing.
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { PriorityChange } from '../protocol/administrative-event.js';
import type { InstanceStatus } from './instance-status.js';

/** The administrative base priority an operator may set: 1..254 (255 is the owner's, 0 is resignation). */
export const MIN_ADMINISTRATIVE_PRIORITY = 1;
export const MAX_ADMINISTRATIVE_PRIORITY = 254;
/** The largest step `+N`/`-N` that can matter within 1..254. */
export const MAX_PRIORITY_STEP = MAX_ADMINISTRATIVE_PRIORITY - MIN_ADMINISTRATIVE_PRIORITY;

export type ControlRequest =
  /** The status of every instance, or of one. */
  | { readonly command: 'status'; readonly instance?: string }
  /** Hold in BACKUP (atropos --backup); a master resigns with priority 0. */
  | { readonly command: 'backup'; readonly instance: string }
  /** Release the hold. */
  | { readonly command: 'resume'; readonly instance: string }
  /** Set (`=N`) or move (`+N`/`-N`) the administrative base priority. */
  | { readonly command: 'priority'; readonly instance: string; readonly change: PriorityChange }
  /** A master sends its gratuitous ARPs / unsolicited NAs again. */
  | { readonly command: 'garp'; readonly instance: string }
  /** Re-read the configuration (as SIGHUP). */
  | { readonly command: 'reload' }
  /** Subscribe to the live stream of transitions, priority changes and holds. */
  | { readonly command: 'events' };

export type ControlCommand = ControlRequest['command'];
/** The commands that act on one named instance. */
export type InstanceCommand = 'backup' | 'resume' | 'priority' | 'garp';

/** Received VRRP packets no instance of this daemon could take, by reason. */
export interface UnclaimedPackets {
  /** A VRID not configured on the interface and family it arrived on. */
  readonly unknownVrid: number;
  /** An IPv4 datagram whose header does not decode. */
  readonly malformedIp: number;
  /** No destination address in the ancillary data (needed for the v3 checksum). */
  readonly missingDestination: number;
}

export type StatusResponse = {
  readonly ok: true;
  readonly command: 'status';
  readonly instances: readonly InstanceStatus[];
  readonly unclaimedPackets: UnclaimedPackets;
};

export type ControlResponse =
  | StatusResponse
  /** The instance's status after the request; `changed` is false when it was already so (e.g. already held). */
  | { readonly ok: true; readonly command: InstanceCommand; readonly instance: InstanceStatus; readonly changed: boolean }
  | { readonly ok: true; readonly command: 'reload' }
  /** The subscription is open: event lines follow. */
  | { readonly ok: true; readonly command: 'events' }
  | { readonly ok: false; readonly error: string };

const FIELDS: Readonly<Record<ControlCommand, readonly string[]>> = {
  status: ['instance'],
  backup: ['instance'],
  resume: ['instance'],
  priority: ['instance', 'change'],
  garp: ['instance'],
  reload: [],
  events: [],
};

function isCommand(value: unknown): value is ControlCommand {
  return typeof value === 'string' && Object.hasOwn(FIELDS, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseControlRequest(line: string): Result<ControlRequest, string> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return err('request is not valid JSON');
  }
  if (!isRecord(value)) return err('request must be a JSON object');
  const command = value['command'];
  if (!isCommand(command)) return err(`unknown command ${JSON.stringify(command)}`);
  const allowed = FIELDS[command];
  const unknown = Object.keys(value).filter((key) => key !== 'command' && !allowed.includes(key));
  if (unknown.length > 0) return err(`unknown field ${JSON.stringify(unknown[0])} in a ${command} request`);

  switch (command) {
    case 'status': {
      if (value['instance'] === undefined) return ok({ command });
      const instance = instanceName(value['instance']);
      return instance.ok ? ok({ command, instance: instance.value }) : instance;
    }
    case 'backup':
    case 'resume':
    case 'garp': {
      const instance = instanceName(value['instance']);
      return instance.ok ? ok({ command, instance: instance.value }) : instance;
    }
    case 'priority': {
      const instance = instanceName(value['instance']);
      if (!instance.ok) return instance;
      const change = priorityChange(value['change']);
      return change.ok ? ok({ command, instance: instance.value, change: change.value }) : change;
    }
    case 'reload':
    case 'events':
      return ok({ command });
  }
}

function instanceName(value: unknown): Result<string, string> {
  if (value === undefined) return err('"instance" is required');
  if (typeof value !== 'string' || value === '') return err('"instance" must be a non-empty string');
  return ok(value);
}

/** `set`: an integer 1..254. `add`: an integer −253..+253. */
export function priorityChange(value: unknown): Result<PriorityChange, string> {
  if (!isRecord(value)) return err('"change" must be an object {kind: "set"|"add", value}');
  const extra = Object.keys(value).filter((key) => key !== 'kind' && key !== 'value');
  if (extra.length > 0) return err(`unknown field ${JSON.stringify(extra[0])} in "change"`);
  const { kind, value: amount } = value;
  if (kind !== 'set' && kind !== 'add') return err(`"change.kind" must be "set" or "add", got ${JSON.stringify(kind)}`);
  if (typeof amount !== 'number' || !Number.isInteger(amount)) {
    return err(`"change.value" must be an integer, got ${JSON.stringify(amount)}`);
  }
  if (kind === 'set') {
    if (amount < MIN_ADMINISTRATIVE_PRIORITY || amount > MAX_ADMINISTRATIVE_PRIORITY) {
      return err(`priority must be from ${MIN_ADMINISTRATIVE_PRIORITY} to ${MAX_ADMINISTRATIVE_PRIORITY}, got ${amount}`);
    }
    return ok({ kind, value: amount });
  }
  if (Math.abs(amount) > MAX_PRIORITY_STEP) {
    return err(`a priority step must be from -${MAX_PRIORITY_STEP} to +${MAX_PRIORITY_STEP}, got ${amount}`);
  }
  return ok({ kind, value: amount });
}
