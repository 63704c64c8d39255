#!/usr/bin/env node
/**
 * vipctl: talk to a running vipd over its control socket.
 *
 *   vipctl [--socket PATH] status [NAME] [--json]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONTROL_SOCKET } from '../cli/daemon-options.js';
import { requestControl } from '../control/control-client.js';
import { formatStatusTable } from '../control/status-table.js';

const USAGE = `Usage: vipctl [--socket PATH] status [NAME] [--json]
  status [NAME]   state, priority, master, VIPs and counters of every instance (or of NAME)
  --json          machine-readable output
  --socket PATH   the daemon's control socket (default ${DEFAULT_CONTROL_SOCKET})
`;

function fail(reason: string): never {
  process.stderr.write(`vipctl: ${reason}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { socket: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help === true) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, ...rest] = parsed.positionals;
  const socket = parsed.values.socket ?? DEFAULT_CONTROL_SOCKET;
  switch (command) {
    case 'status': {
      if (rest.length > 1) fail(`status takes at most one instance name, got ${rest.length}`);
      const name = rest[0];
      const response = await requestControl(socket, name === undefined ? { command: 'status' } : { command: 'status', instance: name });
      if (!response.ok) fail(response.error);
      process.stdout.write(parsed.values.json === true ? JSON.stringify(response.instances, null, 2) + '\n' : formatStatusTable(response.instances, response.unclaimedPackets));
      return;
    }
    case undefined:
      fail(`no command given\n${USAGE}`);
      break;
    default:
      fail(`unknown command "${command}"; try vipctl --help`);
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
