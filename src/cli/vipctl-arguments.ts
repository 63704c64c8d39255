/**
 * vipctl's command line, parsed without touching the daemon. A usage error is
 * one line (vipctl prints it as "vipctl: …" and exits 2).
 *
 *   vipctl [--socket PATH] status [NAME] [--json]
 *   vipctl [--socket PATH] backup NAME | resume NAME | garp NAME
 *   vipctl [--socket PATH] priority NAME +N|-N|=N
 *   vipctl [--socket PATH] reload
 *   vipctl [--socket PATH] events [--json]
 *   vipctl [--socket PATH] atropos --state|--backup|--reduce|--increase [NAME]
 */
import { parseArgs } from 'node:util';
import { priorityChange } from '../control/control-protocol.js';
import { err, ok, type Result } from '../primitives/result.js';
import type { PriorityChange } from '../protocol/administrative-event.js';
import { DEFAULT_CONTROL_SOCKET } from './daemon-options.js';

/** Advanced vrrpd's atropos verbs (--state, --backup, --reduce, --increase). */
export type AtroposAction = 'state' | 'backup' | 'reduce' | 'increase';

export type VipctlCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'status'; readonly instance: string | null; readonly json: boolean }
  | { readonly kind: 'backup' | 'resume' | 'garp'; readonly instance: string }
  | { readonly kind: 'priority'; readonly instance: string; readonly change: PriorityChange }
  | { readonly kind: 'reload' }
  | { readonly kind: 'events'; readonly json: boolean }
  | { readonly kind: 'atropos'; readonly action: AtroposAction; readonly instance: string | null };

export interface VipctlInvocation {
  readonly socket: string;
  readonly command: VipctlCommand;
}

export const VIPCTL_USAGE = `Usage: vipctl [--socket PATH] COMMAND
  status [NAME] [--json]      state, priority, master, VIPs and counters of every instance (or of NAME);
                              --json: {"instances": [...], "unclaimedPackets": {...}}
  backup NAME                 hold NAME in BACKUP (a master resigns with priority 0), as atropos --backup
  resume NAME                 release the hold
  priority NAME +N|-N|=N      move or set NAME's base priority (1..254; tracker weights still apply)
  garp NAME                   a master sends its gratuitous ARPs / unsolicited NAs again
  reload                      re-read the configuration (as SIGHUP)
  events [--json]             follow transitions, priority changes and holds, one line each
  atropos --state|--backup|--reduce|--increase [NAME]
                              Advanced vrrpd's atropos; NAME may be omitted when vipd runs one instance
  --socket PATH               the daemon's control socket (default ${DEFAULT_CONTROL_SOCKET})
Exit status: 0 done, 1 refused or vipd unreachable, 2 bad usage.
`;

const ATROPOS_ACTIONS: readonly AtroposAction[] = ['state', 'backup', 'reduce', 'increase'];

/**
 * parseArgs would take "-10" for an option: a numeric argument ("-10", "+5",
 * "=200") is always a value, so such tokens are moved behind "--" (they only
 * ever come last, after `priority NAME`).
 */
function protectNumbers(args: readonly string[]): string[] {
  if (args.includes('--')) return [...args];
  const numbers = args.filter((a) => /^-\d/.test(a));
  if (numbers.length === 0) return [...args];
  return [...args.filter((a) => !/^-\d/.test(a)), '--', ...numbers];
}

export function parseVipctlArguments(args: readonly string[]): Result<VipctlInvocation, string> {
  let parsed;
  try {
    parsed = parseArgs({
      args: protectNumbers(args),
      options: {
        socket: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        state: { type: 'boolean' },
        backup: { type: 'boolean' },
        reduce: { type: 'boolean' },
        increase: { type: 'boolean' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const socket = values.socket ?? DEFAULT_CONTROL_SOCKET;
  if (socket === '') return err('--socket needs a path');
  if (values.help === true) return ok({ socket, command: { kind: 'help' } });

  const [command, ...rest] = positionals;
  const atroposFlags = ATROPOS_ACTIONS.filter((a) => values[a] === true);
  if (command !== 'atropos' && atroposFlags.length > 0) return err(`--${atroposFlags[0] ?? ''} belongs to "vipctl atropos"`);
  const json = values.json === true;
  if (json && command !== 'status' && command !== 'events') return err('--json applies only to status and events');

  const instanceArgument = (what: string): Result<string, string> => {
    if (rest.length === 0) return err(`${what} needs an instance name`);
    if (rest.length > 1) return err(`${what} takes one instance name, got ${rest.length} arguments`);
    return ok(rest[0] ?? '');
  };

  switch (command) {
    case undefined:
      return err('no command given; try vipctl --help');
    case 'status':
      if (rest.length > 1) return err(`status takes at most one instance name, got ${rest.length}`);
      return ok({ socket, command: { kind: 'status', instance: rest[0] ?? null, json } });
    case 'backup':
    case 'resume':
    case 'garp': {
      const instance = instanceArgument(command);
      return instance.ok ? ok({ socket, command: { kind: command, instance: instance.value } }) : instance;
    }
    case 'priority': {
      const [instance, value, ...extra] = rest;
      if (instance === undefined || value === undefined) return err('priority needs an instance name and +N, -N or =N');
      if (extra.length > 0) return err(`priority takes an instance name and one value, got ${rest.length} arguments`);
      const change = parsePriorityValue(value);
      return change.ok ? ok({ socket, command: { kind: 'priority', instance, change: change.value } }) : change;
    }
    case 'reload':
    case 'events':
      if (rest.length > 0) return err(`${command} takes no arguments`);
      return ok({ socket, command: command === 'reload' ? { kind: 'reload' } : { kind: 'events', json } });
    case 'atropos': {
      const [action, ...others] = atroposFlags;
      if (action === undefined) return err('atropos needs one of --state, --backup, --reduce, --increase');
      if (others.length > 0) return err(`atropos takes one of --state, --backup, --reduce, --increase, not several`);
      if (rest.length > 1) return err(`atropos takes at most one instance name, got ${rest.length}`);
      return ok({ socket, command: { kind: 'atropos', action, instance: rest[0] ?? null } });
    }
    default:
      return err(`unknown command "${command}"; try vipctl --help`);
  }
}

/** "+N" / "-N" move the base priority, "=N" sets it; a bare "N" is refused as ambiguous. */
export function parsePriorityValue(text: string): Result<PriorityChange, string> {
  const match = /^([=+-])(\d{1,6})$/.exec(text);
  if (match === null) return err(`priority value must be +N, -N or =N, got "${text}"`);
  const amount = Number(match[2]);
  const change = match[1] === '=' ? { kind: 'set', value: amount } : { kind: 'add', value: match[1] === '-' ? -amount : amount };
  return priorityChange(change);
}
