/**
 * `vipd -t`: check the configuration and exit as keepalived's config test
 * does (keepalived scheduler.h): 0 good, 5 configuration errors (unknown
 * keywords, missing interfaces and refused scripts included, as keepalived
 * counts them), 6 script security (scripts that would run as root without
 * enable_script_security; it wins over 5, as in keepalived), 4 fatal
 * (keepalived exits 0 for a missing file; vipd does not pretend that a file it
 * cannot read is good).
 */
import { formatConfigMessage } from '../config/config-message.js';
import type { VipdConfig } from '../config/config-types.js';
import { dumpConfig } from '../config/dump-config.js';
import { withoutColumn } from '../config/language/source-line.js';
import { loadNativeBinding } from '../io/native-binding.js';
import { RtnetlinkClient } from '../io/rtnetlink-client.js';
import type { DaemonOptions } from './daemon-options.js';
import { loadConfigFile } from './load-config.js';
import { hostScriptFileSystem } from './script-file-system.js';
import { checkScriptSecurity, type ScriptFileSystem } from './script-security.js';

export const EXIT_GOOD = 0;
export const EXIT_FATAL = 4;
export const EXIT_CONFIG_ERRORS = 5;
export const EXIT_SCRIPT_SECURITY = 6;

/**
 * With -d (keepalived --dump-conf), the effective configuration goes to
 * `writeOutput` after the check's messages whenever the file yields one
 * (missing interfaces do not prevent it); the exit code is the check's.
 */
export async function runConfigTest(
  options: DaemonOptions,
  writeError: (line: string) => void,
  writeOutput: (text: string) => void,
  fileSystem: ScriptFileSystem = hostScriptFileSystem(),
): Promise<number> {
  const loaded = loadConfigFile(options.configFile, options.configId);
  if (loaded.kind === 'unreadable') {
    writeError(loaded.reason);
    return EXIT_FATAL;
  }
  const { outcome } = loaded;
  for (const message of outcome.messages) writeError(formatConfigMessage(message));
  let failed =
    outcome.config === null ||
    outcome.messages.some((m) => m.severity === 'error' || m.code === 'unknownKeyword' || m.code === 'keepalivedConfigError');
  let securityViolation = false;
  if (outcome.config !== null) {
    const missing = await missingInterfaces(outcome.config);
    for (const line of missing) writeError(line);
    if (missing.length > 0) failed = true;
    const scripts = checkScriptSecurity(outcome.config, fileSystem);
    for (const message of scripts.messages) writeError(formatConfigMessage(message));
    if (scripts.messages.some((m) => m.severity === 'error')) failed = true;
    securityViolation = scripts.securityViolation;
    if (options.dumpConfig) writeOutput(dumpConfig(outcome.config));
  }
  if (securityViolation) return EXIT_SCRIPT_SECURITY;
  return failed ? EXIT_CONFIG_ERRORS : EXIT_GOOD;
}

/** Interfaces the instances name that do not exist here (keepalived -t checks this too), as messages. */
async function missingInterfaces(config: VipdConfig): Promise<string[]> {
  const rtnl = RtnetlinkClient.open(loadNativeBinding());
  try {
    const names = new Set((await rtnl.listLinks()).map((l) => l.name));
    const problems: string[] = [];
    for (const instance of config.instances) {
      const wanted = [
        { name: instance.interface, at: instance.location },
        ...instance.virtualAddresses.flatMap((v) => (v.device === null ? [] : [{ name: v.device, at: v.location }])),
      ];
      for (const { name, at } of wanted) {
        if (names.has(name)) continue;
        problems.push(
          formatConfigMessage({
            severity: 'error',
            location: withoutColumn(at),
            block: `vrrp_instance ${instance.name}`,
            text: `interface ${name} doesn't exist`,
          }),
        );
      }
    }
    return problems;
  } finally {
    rtnl.close();
  }
}
