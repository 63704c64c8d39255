#!/usr/bin/env node
/**
 * vipctl: talk to a running vipd over its control socket (see
 * src/cli/vipctl-arguments.ts for the commands, src/control/control-protocol.ts
 * for the protocol). Every failure is one line "vipctl: …" on stderr: exit 2
 * for bad usage, 1 when vipd refuses or cannot be reached.
 */
import { atroposInstance, atroposPriorityChange } from '../cli/atropos.js';
import { parseVipctlArguments, VIPCTL_USAGE, type VipctlCommand } from '../cli/vipctl-arguments.js';
import { requestControl, streamControlEvents } from '../control/control-client.js';
import { formatControlEvent } from '../control/control-events.js';
import type { ControlRequest, ControlResponse, StatusResponse } from '../control/control-protocol.js';
import type { InstanceStatus } from '../control/instance-status.js';
import { formatStatusTable } from '../control/status-table.js';
import { assertNever } from '../primitives/result.js';

const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

class Refused extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_REFUSED,
  ) {
    super(message);
  }
}

function fail(reason: string, exitCode: number): never {
  process.stderr.write(`vipctl: ${reason.split('\n')[0] ?? ''}\n`);
  process.exit(exitCode);
}

async function ask(socket: string, request: ControlRequest): Promise<Exclude<ControlResponse, { ok: false }>> {
  const response = await requestControl(socket, request);
  if (!response.ok) throw new Refused(response.error);
  return response;
}

async function status(socket: string, instance: string | null): Promise<StatusResponse> {
  const response = await ask(socket, instance === null ? { command: 'status' } : { command: 'status', instance });
  if (response.command !== 'status') throw new Refused(`vipd answered status with ${response.command}`);
  return response;
}

/** The status an instance command returns. */
async function act(socket: string, request: ControlRequest): Promise<{ instance: InstanceStatus; changed: boolean }> {
  const response = await ask(socket, request);
  if (!('instance' in response)) throw new Refused(`vipd answered ${request.command} with ${response.command}`);
  return response;
}

function describePriority(s: InstanceStatus): string {
  const base = s.administrativePriority ?? s.basePriority;
  return `${s.name} priority ${s.effectivePriority} (base ${base}${s.administrativePriority === null ? '' : `, configured ${s.basePriority}`})`;
}

async function run(socket: string, command: VipctlCommand): Promise<void> {
  const out = (line: string): void => void process.stdout.write(line + '\n');
  switch (command.kind) {
    case 'help':
      process.stdout.write(VIPCTL_USAGE);
      return;
    case 'status': {
      const response = await status(socket, command.instance);
      process.stdout.write(
        command.json
          ? JSON.stringify({ instances: response.instances, unclaimedPackets: response.unclaimedPackets }, null, 2) + '\n'
          : formatStatusTable(response.instances, response.unclaimedPackets),
      );
      return;
    }
    case 'backup': {
      const { instance, changed } = await act(socket, { command: 'backup', instance: command.instance });
      out(changed ? `${instance.name} held in BACKUP` : `${instance.name} was already held in BACKUP`);
      return;
    }
    case 'resume': {
      const { instance, changed } = await act(socket, { command: 'resume', instance: command.instance });
      out(changed ? `${instance.name} resumed (${instance.state.toUpperCase()})` : `${instance.name} was not held`);
      return;
    }
    case 'priority': {
      const { instance } = await act(socket, { command: 'priority', instance: command.instance, change: command.change });
      out(describePriority(instance));
      return;
    }
    case 'garp': {
      const { instance } = await act(socket, { command: 'garp', instance: command.instance });
      out(`${instance.name} announced ${instance.virtualAddresses.join(' ')}`);
      return;
    }
    case 'reload':
      await ask(socket, { command: 'reload' });
      out('configuration reloaded');
      return;
    case 'events': {
      const closed = await streamControlEvents(socket, (event) => out(command.json ? JSON.stringify(event) : formatControlEvent(event)));
      if (closed !== null && closed.event === 'closed' && closed.reason !== 'vipd is stopping') throw new Refused(`events: ${closed.reason}`);
      return;
    }
    case 'atropos': {
      const { instances } = await status(socket, null);
      const chosen = atroposInstance(instances, command.instance);
      if (!chosen.ok) throw new Refused(`atropos: ${chosen.error}`, command.instance === null ? EXIT_USAGE : EXIT_REFUSED);
      const name = chosen.value.name;
      switch (command.action) {
        case 'state':
          out(chosen.value.state.toUpperCase());
          return;
        case 'backup':
          await run(socket, { kind: 'backup', instance: name });
          return;
        case 'reduce':
        case 'increase': {
          const change = atroposPriorityChange(chosen.value, command.action);
          const { instance } = await act(socket, { command: 'priority', instance: name, change });
          out(describePriority(instance));
          return;
        }
        default:
          return assertNever(command.action);
      }
    }
    default:
      return assertNever(command);
  }
}

const invocation = parseVipctlArguments(process.argv.slice(2));
if (!invocation.ok) fail(invocation.error, EXIT_USAGE);
run(invocation.value.socket, invocation.value.command).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error), error instanceof Refused ? error.exitCode : EXIT_REFUSED),
);
