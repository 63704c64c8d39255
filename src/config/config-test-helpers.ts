/**
 * Shared by the config tests: parse a snippet and look at its messages the
 * way `vipd -t` prints them. Not used by the parser itself, and as pure as the
 * rest of src/config (no node:* imports), so it throws instead of asserting.
 */
import { parseStatements, type Statement } from './block-parser.js';
import { formatConfigMessage } from './config-message.js';
import type { InstanceDefinition, ParseOptions, VipdConfig } from './config-types.js';
import { normalizePath } from './language/config-path.js';
import { expandConfig } from './language/expand-config.js';
import { segmentMatcher } from './language/glob-pattern.js';
import { parseKeepalivedConfig } from './parse-config.js';

export const FILE = 'keepalived.conf';

/** Every message of parsing `text` as FILE, formatted. */
export function messagesOf(text: string): string[] {
  return parseKeepalivedConfig(text, FILE).messages.map(formatConfigMessage);
}

/** The configuration of `text`, which must have no error. */
export function configOf(text: string): VipdConfig {
  const outcome = parseKeepalivedConfig(text, FILE);
  if (outcome.config === null) {
    throw new Error(`expected a configuration, got:\n${outcome.messages.map(formatConfigMessage).join('\n')}`);
  }
  return outcome.config;
}

/** The one instance of `text`. */
export function onlyInstance(text: string): InstanceDefinition {
  const [first, ...others] = configOf(text).instances;
  if (first === undefined || others.length > 0) throw new Error(`expected one instance, got ${others.length + (first ? 1 : 0)}`);
  return first;
}

/** The top-level statements of `text` (language, lexer and block parser only). */
export function statementsOf(text: string): readonly Statement[] {
  return parseStatements(expandConfig(text, FILE).tokens).statements;
}

/**
 * An in-memory file system for include: `files` maps normalized paths to
 * their text, or to null for a file that is listed but cannot be read.
 * Directories exist only as the folders of these paths, so globs match files only.
 */
export function memoryFiles(files: Readonly<Record<string, string | null>>): Required<Pick<ParseOptions, 'readFile' | 'expandGlob'>> {
  const paths = Object.keys(files).sort();
  return {
    readFile: (path) => files[normalizePath(path)] ?? null,
    expandGlob: (pattern) => {
      const wanted = normalizePath(pattern).split('/');
      return paths.filter((path) => {
        const segments = path.split('/');
        return (
          segments.length === wanted.length &&
          wanted.every((segment, i) => segmentMatcher(segment)(segments[i] ?? ''))
        );
      });
    },
  };
}

/**
 * `vrrp_instance NAME { … }` holding `body` (from line 2 on), completed with
 * `interface eth0`, `virtual_router_id 51` and the address 10.0.0.1 for
 * whichever of these `body` does not set itself.
 */
export function instance(body: string, name = 'VI_1'): string {
  const lines = [body];
  if (!/^\s*interface\b/m.test(body)) lines.push('    interface eth0');
  if (!/^\s*virtual_router_id\b/m.test(body)) lines.push('    virtual_router_id 51');
  if (!/^\s*virtual_ipaddress\b/m.test(body)) lines.push('    virtual_ipaddress {\n        10.0.0.1\n    }');
  return `vrrp_instance ${name} {\n${lines.join('\n')}\n}\n`;
}

/**
 * `config` without its source locations, at any depth: what must survive
 * `dumpConfig` and parsing again (the dump is a different text, so every place
 * differs).
 */
export function withoutLocations(config: VipdConfig): unknown {
  return stripLocations(config);
}

function stripLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocations);
  if (value === null || typeof value !== 'object') return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'location')
      .map(([key, inner]) => [key, stripLocations(inner)]),
  );
}

/** The virtual_ipaddress options beyond the core ones, as a line without them has them. */
export const ADDRESS_OPTION_DEFAULTS = {
  peer: null,
  home: false,
  noDad: false,
  manageTemporaryAddress: false,
  noPrefixRoute: false,
  autoJoin: false,
  noTrack: false,
  preferredLifetime: null,
  useVmac: false,
  trackGroup: null,
} as const;

/** global_defs beyond the core keys, with keepalived's defaults (the GARP bursts of 5 s and 5 included). */
export const GLOBAL_DEFS_EXTRA_DEFAULTS = {
  garpLowerPriorityDelay: 500,
  garpLowerPriorityRepeat: 5,
  garpMasterRefresh: 0,
  garpMasterRefreshRepeat: 1,
  minGarp: false,
  garpExtraInterfaces: null,
  downTimerAdverts: 3,
  lowerPriorityNoAdvert: false,
  higherPrioritySendAdvert: false,
  ownerIgnoreAdverts: false,
  strict: false,
  skipCheckAdvertAddresses: false,
  checkUnicastSource: false,
  scriptUser: null,
  enableScriptSecurity: false,
  notifyFifo: null,
  vrrpNotifyFifo: null,
  notifyFifoScript: null,
  vrrpNotifyFifoScript: null,
  notifyPriorityChanges: false,
  fifoWriteStatesOnReload: false,
  startupDelay: 0,
  dynamicInterfaces: 'off',
  defaultInterface: 'eth0',
  vmacPrefix: 'vrrp',
  logUnknownVrids: false,
  stateDumpFile: null,
  statsDumpFile: null,
  jsonDumpFile: null,
  otherKeywords: [],
} as const;

/** An instance's settings beyond the core ones, with keepalived's defaults under default global_defs. */
export const INSTANCE_EXTRA_DEFAULTS = {
  excludedAddresses: [],
  virtualRoutes: [],
  virtualRules: [],
  promoteSecondaries: false,
  trackInterfaces: [],
  trackScripts: [],
  trackFiles: [],
  trackProcesses: [],
  trackBfd: [],
  dontTrackPrimary: false,
  trackSourceIp: false,
  notify: { master: null, backup: null, fault: null, stop: null, deleted: null, masterRxLowerPriority: null, any: null },
  notifyPriorityChanges: false,
  smtpAlert: null,
  unicastSource: null,
  unicastPeers: [],
  unicastTtl: null,
  checkUnicastSource: false,
  unicastFaultNoPeer: false,
  oldUnicastChecksum: 'off',
  multicastDestination: null,
  vmac: null,
  garpMasterDelay: 500,
  garpMasterRepeat: 5,
  garpLowerPriorityDelay: 500,
  garpLowerPriorityRepeat: 5,
  garpMasterRefresh: 0,
  garpMasterRefreshRepeat: 1,
  garpExtraInterfaces: null,
  downTimerAdverts: 3,
  lowerPriorityNoAdvert: false,
  higherPrioritySendAdvert: false,
  ownerIgnoreAdverts: false,
  timerExpiredBackup: null,
  strictMode: false,
  skipCheckAdvertAddresses: false,
  kernelRxBufferBytes: null,
  vrf: null,
  otherKeywords: [],
} as const;

/** The top-level collections of a file that has only global_defs and instances. */
export const NO_OTHER_BLOCKS = {
  syncGroups: [],
  scripts: [],
  trackFiles: [],
  trackProcesses: [],
  staticAddresses: [],
  staticRoutes: [],
  staticRules: [],
  garpGroups: [],
  otherKeywords: [],
} as const;
