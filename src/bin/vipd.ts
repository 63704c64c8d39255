#!/usr/bin/env node
/**
 * vipd: a VRRP daemon with keepalived's command line.
 *
 *   vipd [keepalived options]     run keepalived.conf (see --help)
 *   vipd lab                      the three-router namespace lab
 *   vipd vrrpd [vrrpd flags]      Advanced vrrpd's command line (see vipd vrrpd -h)
 */
import { runConfigTest } from '../cli/config-test.js';
import { parseDaemonCommandLine, USAGE } from '../cli/daemon-options.js';
import { packageVersion } from '../cli/package-version.js';
import { runDaemon } from '../cli/run-daemon.js';

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === 'lab') {
    const { runLab } = await import('../lab/run-lab.js');
    return runLab(args.slice(1));
  }
  if (args[0] === 'vrrpd') {
    const { runVrrpd } = await import('../cli/run-vrrpd.js');
    return runVrrpd(args.slice(1));
  }
  const parsed = parseDaemonCommandLine(args);
  if (!parsed.ok) {
    process.stderr.write(`vipd: ${parsed.error}\n${USAGE}`);
    return 1;
  }
  const command = parsed.value;
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`vipd v${packageVersion()}\n`);
      return 0;
    case 'configTest':
      return runConfigTest(
        command.options,
        (line) => process.stderr.write(`${line}\n`),
        (text) => process.stdout.write(text),
      );
    case 'run':
      return runDaemon(command.options, args);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vipd: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
