/**
 * `vipd vrrpd …`: the Advanced vrrpd command form. The command line becomes
 * keepalived.conf text (vrrpd-config-text.ts), written to the run directory
 * and run by the keepalived path itself (run-daemon.ts), in the foreground;
 * what keepalived.conf cannot say rides along as daemon extras: the -U/-D
 * scripts, the -I/-O magic packet, and -z/-x for the control layer.
 *
 * Files of one process (one VRID on one interface, as vrrpd runs), in
 * /run/vipd unless told otherwise:
 *   vrrpd_IF_VRID.conf   the generated keepalived.conf (removed at exit)
 *   vrrpd_IF_VRID.sock   the control socket (--control-socket)
 *   vrrpd_IF_VRID.pid    the pid file (-f DIR puts it in DIR)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatConfigMessage } from '../config/config-message.js';
import type { Logger } from '../log/logger.js';
import { sendMagicPacket } from '../runtime/magic-packet.js';
import type { Daemon } from '../runtime/daemon.js';
import { defaultFateDirectory } from '../runtime/fate/fate-directory.js';
import { FateGroup } from '../runtime/fate/fate-group.js';
import type { AdministrativeEvent } from '../protocol/administrative-event.js';
import type { VrrpStateName } from '../protocol/vrrp-state.js';
import { transitionScriptRunner } from '../runtime/transition-scripts.js';
import { EXIT_CONFIG_ERRORS, EXIT_FATAL } from './config-test.js';
import type { DaemonOptions } from './daemon-options.js';
import { packageVersion } from './package-version.js';
import { runDaemon, type DaemonExtras } from './run-daemon.js';
import {
  DEFAULT_VRRPD_RUN_DIRECTORY,
  parseVrrpdCommandLine,
  vrrpdInstanceName,
  type VrrpdOptions,
} from './vrrpd-command.js';
import { vrrpdConfig } from './vrrpd-config-text.js';
import { VRRPD_USAGE } from './vrrpd-usage.js';

/** A command line vipd cannot run: a bad value, or a flag not supported yet. */
export const EXIT_VRRPD_USAGE = 2;

export interface VrrpdOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processOutput: VrrpdOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function runVrrpd(args: readonly string[], output: VrrpdOutput = processOutput): Promise<number> {
  const usageError = (message: string): number => {
    output.stderr(`vipd vrrpd: ${message}\nTry 'vipd vrrpd -h' for the flags.\n`);
    return EXIT_VRRPD_USAGE;
  };
  const parsed = parseVrrpdCommandLine(args);
  if (!parsed.ok) return usageError(parsed.error);
  const command = parsed.value;
  switch (command.kind) {
    case 'help':
      output.stdout(VRRPD_USAGE);
      return 0;
    case 'version':
      output.stdout(`vipd v${packageVersion()} (Advanced vrrpd 1.15 command form)\n`);
      return 0;
    case 'dump':
    case 'run':
      break;
  }
  const options = command.options;
  const config = vrrpdConfig(options);
  if (!config.ok) return usageError(config.error);
  const { text, outcome } = config.value;
  for (const message of outcome.messages) output.stderr(`${formatConfigMessage(message)}\n`);
  if (outcome.config === null) return EXIT_CONFIG_ERRORS;
  if (command.kind === 'dump') {
    output.stdout(text);
    return 0;
  }
  const daemonOptions = daemonOptionsOf(options);
  try {
    mkdirSync(dirname(daemonOptions.configFile), { recursive: true });
    writeFileSync(daemonOptions.configFile, text);
  } catch (error) {
    output.stderr(`vipd vrrpd: cannot write ${daemonOptions.configFile}: ${String(error)}\n`);
    return EXIT_FATAL;
  }
  try {
    return await runDaemon(daemonOptions, ['vrrpd', ...args], vrrpdExtras(options));
  } finally {
    rmSync(daemonOptions.configFile, { force: true });
  }
}

/** The keepalived form's options for this process: foreground, its own files. */
export function daemonOptionsOf(options: VrrpdOptions): DaemonOptions {
  const stem = vrrpdInstanceName(options);
  const controlSocket = options.controlSocket ?? join(DEFAULT_VRRPD_RUN_DIRECTORY, `${stem}.sock`);
  return {
    configFile: join(dirname(controlSocket), `${stem}.conf`),
    foreground: true,
    logConsole: options.logConsole,
    logDetail: options.logDetail,
    noSyslog: options.noSyslog,
    pidFile: join(options.pidDirectory ?? DEFAULT_VRRPD_RUN_DIRECTORY, `${stem}.pid`),
    configId: null,
    dumpConfig: false,
    controlSocket,
  };
}

/** -U/-D and -I/-O on the instance's transitions; -z/-x carried for the control layer. */
export function vrrpdExtras(options: VrrpdOptions): DaemonExtras {
  const instance = vrrpdInstanceName(options);
  return (logger: Logger) => {
    const runScripts = transitionScriptRunner(instance, { master: options.masterScript, leftMaster: options.backupScript }, logger);
    const magic = options.magicPacket;
    const fate = fateSharing(options, instance, logger);
    return {
      ...(fate === null ? {} : { started: fate.started, stopped: fate.stopped }),
      instanceExtras: new Map([[instance, { reducePriority: options.reducePriority, increasePriority: options.increasePriority }]]),
      onStateChanged: (name, from, to, _reason, applied) => {
        if (name !== instance) return;
        // vrrpd.c state_goto_master: VIPs, advert, gratuitous ARPs, the -U script, then the magic packet.
        fate?.onStateChanged(from, to);
        runScripts(from, to);
        if (to === 'master' && from !== 'master' && magic !== null) {
          void applied.then(() => sendMagicPacket(magic, instance, logger));
        }
      },
    };
  };
}

/**
 * -M N: fate sharing with the other `vipd vrrpd -M` processes of this router
 * (its network namespace), through runtime/fate/: when one falls (loses
 * mastership, or its link fails), the others are held in BACKUP until it is
 * master again; N is how many processes the group expects (vrrpd exits with
 * fewer; vipd warns and runs).
 */
function fateSharing(
  options: VrrpdOptions,
  instance: string,
  logger: Logger,
): { started: (daemon: Daemon) => void; stopped: () => void; onStateChanged: (from: VrrpStateName, to: VrrpStateName) => void } | null {
  const expectedProcesses = options.monitoredProcesses;
  if (expectedProcesses === null) return null;
  let daemon: Daemon | null = null;
  let group: FateGroup | null = null;
  const send = (event: AdministrativeEvent): void => daemon?.controlledInstance(instance)?.handle(event);
  return {
    started: (running) => {
      daemon = running;
      group = new FateGroup(
        {
          instances: [instance],
          hold: () => send({ kind: 'holdBackup', by: 'fateGroup' }),
          release: () => send({ kind: 'releaseHold', by: 'fateGroup' }),
        },
        { directory: defaultFateDirectory(), expectedProcesses, logger },
      );
    },
    stopped: () => group?.close(),
    onStateChanged: (from, to) => group?.onStateChanged(instance, from, to),
  };
}
