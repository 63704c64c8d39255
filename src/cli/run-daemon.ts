/**
 * `vipd` without -t: start as keepalived does, run until SIGTERM/SIGINT, then
 * resign every mastership (priority 0), release every address and exit 0.
 */
import { spawn } from 'node:child_process';
import { formatConfigMessage } from '../config/config-message.js';
import { dumpConfig } from '../config/dump-config.js';
import { ControlServer } from '../control/control-server.js';
import { loadNativeBinding } from '../io/native-binding.js';
import { createLogger, consoleSink, type Logger } from '../log/logger.js';
import { systemMonotonicClock } from '../runtime/clock.js';
import { controlHandlers, type Reload } from '../runtime/control-dispatch.js';
import { controlEventStream } from '../runtime/control-event-stream.js';
import { Daemon, StartupError, type DaemonDependencies, type ReloadOutcome } from '../runtime/daemon.js';
import { ReloadQueue } from './reload-queue.js';
import { timerfdDeadlineSource } from '../runtime/timerfd-deadline-source.js';
import { EXIT_CONFIG_ERRORS, EXIT_FATAL } from './config-test.js';
import type { DaemonOptions } from './daemon-options.js';
import { loadConfigFile } from './load-config.js';
import { packageVersion } from './package-version.js';
import { claimPidFile, releasePidFile } from './pid-file.js';
import { syslogSink } from '../log/syslog-sink.js';

/**
 * What another command form adds to the daemon it runs (`vipd vrrpd`:
 * run-vrrpd.ts), made once the logger exists.
 */
export type DaemonExtras = (logger: Logger) => Pick<DaemonDependencies, 'onStateChanged' | 'instanceExtras'> & {
  /** Told once the daemon runs (vrrpd -M: the fate group holds and releases its instances). */
  readonly started?: (daemon: Daemon) => void;
  /** Told after the daemon stopped (vrrpd -M: this process leaves the fate group). */
  readonly stopped?: () => void;
};

export async function runDaemon(options: DaemonOptions, commandLine: readonly string[], extras?: DaemonExtras): Promise<number> {
  if (!options.foreground) return detach(commandLine, options);

  const binding = loadNativeBinding();
  const sink = options.logConsole ? consoleSink((text) => process.stdout.write(text)) : syslogSink(binding, options.noSyslog);
  const logger = createLogger(sink, options.logDetail);
  const info = (text: string): void => logger.write({ level: 'info', text });
  const error = (text: string): void => logger.write({ level: 'error', text });

  info(`Starting vipd v${packageVersion()}`);
  info(`Command line: ${['vipd', ...commandLine].map((a) => `'${a}'`).join(' ')}`);
  info(`Opening file '${options.configFile}'.`);
  const loaded = loadConfigFile(options.configFile, options.configId);
  if (loaded.kind === 'unreadable') {
    error(loaded.reason);
    return EXIT_FATAL;
  }
  for (const message of loaded.outcome.messages) {
    logger.write({ level: message.severity === 'error' ? 'error' : 'warning', text: formatConfigMessage(message) });
  }
  const config = loaded.outcome.config;
  if (config === null) {
    error('The configuration has errors; nothing was started. `vipd -t` lists them.');
    return EXIT_CONFIG_ERRORS;
  }
  // -d: keepalived logs its configuration at startup, one log line per line.
  if (options.dumpConfig) for (const line of dumpConfig(config).trimEnd().split('\n')) info(line);

  const owner = claimPidFile(options.pidFile);
  if (owner !== null) {
    error(`vipd is already running with pid ${owner} (pid file ${options.pidFile})`);
    return EXIT_FATAL;
  }

  // vipctl events: every instance's steps feed the subscribers.
  const events = controlEventStream(systemMonotonicClock, () => Date.now());
  let daemon: Daemon;
  const { started, stopped, ...dependencies } = extras?.(logger) ?? {};
  try {
    daemon = await Daemon.start(config, {
      binding,
      clock: systemMonotonicClock,
      deadlines: timerfdDeadlineSource(binding),
      logger,
      observeStep: events.observeStep,
      ...dependencies,
    });
  } catch (failure) {
    error(failure instanceof StartupError ? failure.message : `cannot start: ${String(failure)}`);
    stopped?.();
    releasePidFile(options.pidFile);
    return EXIT_FATAL;
  }
  started?.(daemon);

  const reloads = new ReloadQueue(() => reloadConfiguration(daemon, options, logger));
  // vipctl reload: the same queue as SIGHUP; the outcome goes back to vipctl in one line.
  const reloadFromControl: Reload = async () => {
    const outcome = await reloads.request();
    return outcome.ok ? { ok: true } : { ok: false, error: outcome.error };
  };
  let control: ControlServer;
  try {
    control = await ControlServer.listen(options.controlSocket, controlHandlers(daemon, events.broadcaster, reloadFromControl));
  } catch (failure) {
    error(`cannot open the control socket ${options.controlSocket}: ${String(failure)}`);
    await daemon.stop();
    stopped?.();
    releasePidFile(options.pidFile);
    return EXIT_FATAL;
  }
  info('Startup complete');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      info('Stopping');
      void (async () => {
        await daemon.stop();
        stopped?.();
        events.broadcaster.closeAll('vipd is stopping');
        await control.close();
        releasePidFile(options.pidFile);
        info(`Stopped vipd v${packageVersion()}`);
        resolve(0);
      })();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('SIGHUP', () => {
      reloads.request().catch((failure: unknown) => error(`Reload failed: ${String(failure)}`));
    });
  });
}

/**
 * SIGHUP: read, parse and validate the file completely; only a configuration
 * without errors replaces the running one (keepalived's reload_check_config
 * behaviour, always on). Returns what happened, in one line.
 */
async function reloadConfiguration(daemon: Daemon, options: DaemonOptions, logger: Logger): Promise<ReloadOutcome> {
  const info = (text: string): void => logger.write({ level: 'info', text });
  const refuse = (why: string): ReloadOutcome => {
    logger.write({ level: 'error', text: `Reload failed: ${why}; the running configuration is unchanged` });
    return { ok: false, error: why };
  };
  info('Reloading');
  info(`Opening file '${options.configFile}'.`);
  const loaded = loadConfigFile(options.configFile, options.configId);
  if (loaded.kind === 'unreadable') return refuse(loaded.reason);
  for (const message of loaded.outcome.messages) {
    logger.write({ level: message.severity === 'error' ? 'error' : 'warning', text: formatConfigMessage(message) });
  }
  const config = loaded.outcome.config;
  if (config === null) {
    const errors = loaded.outcome.messages.filter((m) => m.severity === 'error').length;
    return refuse(`the new configuration has ${errors} error${errors === 1 ? '' : 's'} (\`vipd -t\` lists them)`);
  }
  if (options.dumpConfig) for (const line of dumpConfig(config).trimEnd().split('\n')) info(line);
  const outcome = await daemon.reload(config);
  if (!outcome.ok) return refuse(outcome.error);
  info(`Reload finished: ${outcome.kept} instance(s) kept, ${outcome.added} added, ${outcome.removed} removed`);
  return outcome;
}

/** keepalived forks into the background unless -n; vipd starts itself again in the background. */
function detach(commandLine: readonly string[], options: DaemonOptions): number {
  const script = process.argv[1];
  if (script === undefined) return EXIT_FATAL;
  const child = spawn(process.execPath, [script, ...commandLine, '--dont-fork'], {
    detached: true,
    stdio: options.logConsole ? 'inherit' : 'ignore',
  });
  child.unref();
  return 0;
}
