/**
 * `global_defs { … }`: the keywords that shape every VRRP instance
 * (keepalived.conf(5) "Global definitions"; reference §1 "global_defs keys
 * that affect VRRP"). Several global_defs blocks add up, as in keepalived.
 * Every other known global_defs keyword is reported "not supported yet".
 */
import type { Statement } from '../block-parser.js';
import type { CommandSpec, FifoSpec, GarpExtraInterfaces, GlobalDefs, RecordedStatement, RunAs } from '../config-types.js';
import { KEEPALIVED_DEFAULTS } from '../keepalived-defaults.js';
import { MICROSECONDS_PER_SECOND, parseDecimalSeconds } from '../decimal-seconds.js';
import type { VrrpVersion } from '../../codec/advert.js';
import { parseIpv4, parseIpv6, type Ipv4Address, type Ipv6Address } from '../../primitives/ip-address.js';
import { centiseconds, microseconds, type Centiseconds, type Microseconds } from '../../primitives/time.js';
import { decimalSeconds, optionalBoolean, requireBlock, singleValue, wholeNumber } from './arguments.js';
import { readCommand, runAsOf } from './command-line.js';
import { recordStatement } from './recorded-statement.js';
import { replaceSetting, type SchemaContext, type Setting } from './schema-context.js';
import { flag, interfaceName, MAX_TIMER, seconds, setting, text, whole, wholeSeconds, type ValueReader } from './setting-handlers.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';

/** global_defs as written: only what the file sets. */
export interface GlobalDefsDraft {
  routerId?: Setting<string>;
  vrrpVersion?: Setting<VrrpVersion>;
  multicastGroup4?: Setting<Ipv4Address>;
  multicastGroup6?: Setting<Ipv6Address>;
  garpMasterDelay?: Setting<Centiseconds>;
  garpMasterRepeat?: Setting<number>;
  garpInterval?: Setting<Microseconds>;
  gnaInterval?: Setting<Microseconds>;
  v3ChecksumAsV2?: Setting<boolean>;
  garpLowerPriorityDelay?: Setting<Centiseconds>;
  garpLowerPriorityRepeat?: Setting<number>;
  garpMasterRefresh?: Setting<Centiseconds>;
  garpMasterRefreshRepeat?: Setting<number>;
  minGarp?: Setting<boolean>;
  garpExtraInterfaces?: Setting<GarpExtraInterfaces>;
  downTimerAdverts?: Setting<number>;
  lowerPriorityNoAdvert?: Setting<boolean>;
  higherPrioritySendAdvert?: Setting<boolean>;
  ownerIgnoreAdverts?: Setting<boolean>;
  strict?: Setting<boolean>;
  skipCheckAdvertAddresses?: Setting<boolean>;
  checkUnicastSource?: Setting<boolean>;
  scriptUser?: Setting<RunAs>;
  enableScriptSecurity?: Setting<boolean>;
  notifyFifo?: Setting<FifoSpec>;
  vrrpNotifyFifo?: Setting<FifoSpec>;
  notifyFifoScript?: Setting<CommandSpec>;
  vrrpNotifyFifoScript?: Setting<CommandSpec>;
  notifyPriorityChanges?: Setting<boolean>;
  fifoWriteStatesOnReload?: Setting<boolean>;
  startupDelay?: Setting<Microseconds>;
  dynamicInterfaces?: Setting<GlobalDefs['dynamicInterfaces']>;
  defaultInterface?: Setting<string>;
  vmacPrefix?: Setting<string>;
  logUnknownVrids?: Setting<boolean>;
  stateDumpFile?: Setting<string>;
  statsDumpFile?: Setting<string>;
  jsonDumpFile?: Setting<string>;
  /** Known keywords vipd does not type, as written. */
  readonly otherKeywords: RecordedStatement[];
}

/** vrrp_down_timer_adverts / down_timer_adverts: 1 to 100 (keepalived.conf(5)). */
export const MAX_DOWN_TIMER_ADVERTS = 100;

/** `script_user USER [GROUP]`. */
const runAsWords: ValueReader<RunAs> = (statement, context) => {
  const runAs = runAsOf(statement.args, statement.keyword.text, context);
  if (runAs === null) context.error(statement.location, `${statement.keyword.text} is missing the user name (expected "${statement.keyword.text} USER [GROUP]")`);
  return runAs;
};

/** `notify_fifo PATH [USER [GROUP]]`. */
const fifo: ValueReader<FifoSpec> = (statement, context) => {
  const [path, ...rest] = statement.args;
  if (path === undefined) {
    context.error(statement.location, `${statement.keyword.text} is missing the FIFO's path (expected "${statement.keyword.text} /run/keepalived.fifo")`);
    return null;
  }
  return { path: path.text, runAs: runAsOf(rest, statement.keyword.text, context) };
};

const command: ValueReader<CommandSpec> = (statement, context) => readCommand(statement, context);

/** `vrrp_garp_extra_if [all] DELAY` / `garp_extra_if [all] DELAY` (whole seconds). */
export const garpExtraInterfaces: ValueReader<GarpExtraInterfaces> = (statement, context) => {
  const words = statement.args;
  const allInterfaces = words[0]?.text === 'all';
  const delay = words[allInterfaces ? 1 : 0];
  if (delay === undefined) {
    context.error(statement.location, `${statement.keyword.text} is missing its delay (expected "${statement.keyword.text} [all] SECONDS")`);
    return null;
  }
  const seconds = wholeNumber(delay, statement.keyword.text, 0, MAX_GARP_DELAY_SECONDS, context);
  return seconds === null ? null : { allInterfaces, delaySeconds: seconds };
};

/** `dynamic_interfaces [allow_if_changes]`. */
const dynamicInterfaces: ValueReader<GlobalDefs['dynamicInterfaces']> = (statement, context) => {
  const [option, ...extra] = statement.args;
  if (option === undefined) return 'on';
  if (extra.length > 0 || option.text !== 'allow_if_changes') {
    context.error(option.location, `dynamic_interfaces takes only "allow_if_changes", not "${statement.args.map((w) => w.text).join(' ')}"`);
    return null;
  }
  return 'allowInterfaceChanges';
};

/**
 * keepalived reads the GARP delays as whole seconds into a 32-bit count of
 * microseconds (global_parser.c: 0..UINT_MAX / TIMER_HZ), hence 4294 s.
 */
export const MAX_GARP_DELAY_SECONDS = 4294;
/** The repeat counts are unsigned ints; 0 is reported as an error (keepalived "must be greater than 0"). */
export const MAX_GARP_REPEAT = 4_294_967_295;
/** vrrp_garp_interval / vrrp_gna_interval: at least 1 µs, at most 4294 s (global_parser.c). */
const MIN_ANNOUNCE_INTERVAL = microseconds(1);
const MAX_ANNOUNCE_INTERVAL = microseconds(MAX_GARP_DELAY_SECONDS * MICROSECONDS_PER_SECOND);

const HANDLERS: HandlerTable<'global_defs', GlobalDefsDraft> = {
  router_id(statement, draft, context) {
    const value = singleValue(statement, context, 'router_id NAME');
    if (value === null) return;
    draft.routerId = replaceSetting(draft.routerId, { value: value.text, location: value.location }, 'router_id', context);
  },

  vrrp_version(statement, draft, context) {
    const value = singleValue(statement, context, 'vrrp_version 2|3');
    if (value === null) return;
    if (value.text !== '2' && value.text !== '3') {
      context.error(value.location, `vrrp_version must be 2 or 3, not "${value.text}"`);
      return;
    }
    const version: VrrpVersion = value.text === '2' ? 2 : 3;
    draft.vrrpVersion = replaceSetting(draft.vrrpVersion, { value: version, location: value.location }, 'vrrp_version', context);
  },

  vrrp_mcast_group4(statement, draft, context) {
    const value = singleValue(statement, context, 'vrrp_mcast_group4 224.0.0.18');
    if (value === null) return;
    const group = parseIpv4(value.text);
    if (!group.ok || !isIpv4Multicast(group.value)) {
      context.error(value.location, `vrrp_mcast_group4 "${value.text}" is not an IPv4 multicast address (224.0.0.0/4)`);
      return;
    }
    draft.multicastGroup4 = replaceSetting(
      draft.multicastGroup4,
      { value: group.value, location: value.location },
      'vrrp_mcast_group4',
      context,
    );
  },

  vrrp_mcast_group6(statement, draft, context) {
    const value = singleValue(statement, context, 'vrrp_mcast_group6 ff02::12');
    if (value === null) return;
    const group = parseIpv6(value.text);
    if (!group.ok || !group.value.startsWith('ff')) {
      context.error(value.location, `vrrp_mcast_group6 "${value.text}" is not an IPv6 multicast address (ff00::/8)`);
      return;
    }
    draft.multicastGroup6 = replaceSetting(
      draft.multicastGroup6,
      { value: group.value, location: value.location },
      'vrrp_mcast_group6',
      context,
    );
  },

  vrrp_garp_master_delay(statement, draft, context) {
    // Whole seconds: the man page gives no <TIMER> here, and keepalived reads an unsigned int.
    const value = singleValue(statement, context, 'vrrp_garp_master_delay SECONDS');
    if (value === null) return;
    const seconds = wholeNumber(value, 'vrrp_garp_master_delay', 0, MAX_GARP_DELAY_SECONDS, context);
    if (seconds === null) return;
    draft.garpMasterDelay = replaceSetting(
      draft.garpMasterDelay,
      { value: centiseconds(seconds * 100), location: value.location },
      'vrrp_garp_master_delay',
      context,
    );
  },

  vrrp_garp_master_repeat(statement, draft, context) {
    const value = singleValue(statement, context, 'vrrp_garp_master_repeat COUNT');
    if (value === null) return;
    const count = wholeNumber(value, 'vrrp_garp_master_repeat', 1, MAX_GARP_REPEAT, context);
    if (count === null) return;
    draft.garpMasterRepeat = replaceSetting(
      draft.garpMasterRepeat,
      { value: count, location: value.location },
      'vrrp_garp_master_repeat',
      context,
    );
  },

  vrrp_garp_interval(statement, draft, context) {
    const interval = announceInterval(statement, 'vrrp_garp_interval', 'gratuitous ARPs', context);
    if (interval === null) return;
    draft.garpInterval = replaceSetting(draft.garpInterval, interval, 'vrrp_garp_interval', context);
  },

  vrrp_gna_interval(statement, draft, context) {
    const interval = announceInterval(statement, 'vrrp_gna_interval', 'unsolicited neighbour advertisements', context);
    if (interval === null) return;
    draft.gnaInterval = replaceSetting(draft.gnaInterval, interval, 'vrrp_gna_interval', context);
  },

  v3_checksum_as_v2(statement, draft, context) {
    const value = optionalBoolean(statement, context);
    if (value === null) return;
    draft.v3ChecksumAsV2 = replaceSetting(
      draft.v3ChecksumAsV2,
      { value, location: statement.location },
      'v3_checksum_as_v2',
      context,
    );
  },

  vrrp_garp_lower_prio_delay: setting('garpLowerPriorityDelay', wholeSeconds(MAX_GARP_DELAY_SECONDS)),
  vrrp_garp_lower_prio_repeat: setting('garpLowerPriorityRepeat', whole(1, MAX_GARP_REPEAT)),
  vrrp_garp_master_refresh: setting('garpMasterRefresh', wholeSeconds(MAX_GARP_DELAY_SECONDS)),
  vrrp_garp_master_refresh_repeat: setting('garpMasterRefreshRepeat', whole(1, MAX_GARP_REPEAT)),
  vrrp_min_garp: setting('minGarp', flag),
  vrrp_garp_extra_if: setting('garpExtraInterfaces', garpExtraInterfaces),
  vrrp_down_timer_adverts: setting('downTimerAdverts', whole(1, MAX_DOWN_TIMER_ADVERTS)),
  vrrp_lower_prio_no_advert: setting('lowerPriorityNoAdvert', flag),
  vrrp_higher_prio_send_advert: setting('higherPrioritySendAdvert', flag),
  vrrp_owner_ignore_adverts: setting('ownerIgnoreAdverts', flag),
  vrrp_strict: setting('strict', flag),
  vrrp_skip_check_adv_addr: setting('skipCheckAdvertAddresses', flag),
  vrrp_check_unicast_src: setting('checkUnicastSource', flag),
  script_user: setting('scriptUser', runAsWords),
  enable_script_security: setting('enableScriptSecurity', flag),
  notify_fifo: setting('notifyFifo', fifo),
  vrrp_notify_fifo: setting('vrrpNotifyFifo', fifo),
  notify_fifo_script: setting('notifyFifoScript', command),
  vrrp_notify_fifo_script: setting('vrrpNotifyFifoScript', command),
  vrrp_notify_priority_changes: setting('notifyPriorityChanges', flag),
  fifo_write_vrrp_states_on_reload: setting('fifoWriteStatesOnReload', flag),
  vrrp_startup_delay: setting('startupDelay', seconds(microseconds(0), MAX_TIMER)),
  dynamic_interfaces: setting('dynamicInterfaces', dynamicInterfaces),
  default_interface: setting('defaultInterface', interfaceName),
  vmac_prefix: setting('vmacPrefix', text),
  log_unknown_vrids: setting('logUnknownVrids', flag),
  state_dump_file: setting('stateDumpFile', text),
  stats_dump_file: setting('statsDumpFile', text),
  json_dump_file: setting('jsonDumpFile', text),
};

/** Reads one `global_defs { … }` block into `draft`. */
export function readGlobalDefs(statement: Statement, draft: GlobalDefsDraft, context: SchemaContext): void {
  const block = requireBlock(statement, context, 'global_defs { … }');
  if (block === null) return;
  dispatchStatements(block.children, 'global_defs', HANDLERS, draft, context.within('global_defs'), (s) =>
    draft.otherKeywords.push(recordStatement(s)),
  );
}

/** global_defs with keepalived's defaults for whatever the file leaves out. */
export function resolveGlobalDefs(draft: GlobalDefsDraft): GlobalDefs {
  // vrrp_min_garp (keepalived.conf(5)): "only one ARP/NA message to be sent, with no repeat 5 seconds
  // later": what the file does not set itself becomes repeat 1, delay 0 (keepalived's handler
  // replaces the values still at their defaults).
  const minGarp = draft.minGarp?.value ?? false;
  const masterBurst = minGarp
    ? { delay: centiseconds(0), repeat: 1 }
    : { delay: KEEPALIVED_DEFAULTS.announce.masterDelay, repeat: KEEPALIVED_DEFAULTS.announce.masterRepeat };
  return {
    routerId: draft.routerId?.value ?? null,
    vrrpVersion: draft.vrrpVersion?.value ?? KEEPALIVED_DEFAULTS.version,
    // The defaults are canonical address text (keepalived-defaults.ts).
    multicastGroup4: draft.multicastGroup4?.value ?? (KEEPALIVED_DEFAULTS.multicastGroup4 as Ipv4Address),
    multicastGroup6: draft.multicastGroup6?.value ?? (KEEPALIVED_DEFAULTS.multicastGroup6 as Ipv6Address),
    garpMasterDelay: draft.garpMasterDelay?.value ?? masterBurst.delay,
    garpMasterRepeat: draft.garpMasterRepeat?.value ?? masterBurst.repeat,
    garpInterval: draft.garpInterval?.value ?? microseconds(0),
    gnaInterval: draft.gnaInterval?.value ?? microseconds(0),
    v3ChecksumAsV2: draft.v3ChecksumAsV2?.value ?? false,
    // keepalived defaults the lower-priority burst to the master one (reference §1, vrrp.c:4986).
    garpLowerPriorityDelay: draft.garpLowerPriorityDelay?.value ?? draft.garpMasterDelay?.value ?? masterBurst.delay,
    garpLowerPriorityRepeat: draft.garpLowerPriorityRepeat?.value ?? draft.garpMasterRepeat?.value ?? masterBurst.repeat,
    garpMasterRefresh: draft.garpMasterRefresh?.value ?? centiseconds(0),
    garpMasterRefreshRepeat: draft.garpMasterRefreshRepeat?.value ?? 1,
    minGarp,
    garpExtraInterfaces: draft.garpExtraInterfaces?.value ?? null,
    downTimerAdverts: draft.downTimerAdverts?.value ?? KEEPALIVED_DEFAULTS.downTimerAdverts,
    lowerPriorityNoAdvert: draft.lowerPriorityNoAdvert?.value ?? KEEPALIVED_DEFAULTS.lowerPriorityNoAdvert,
    higherPrioritySendAdvert: draft.higherPrioritySendAdvert?.value ?? false,
    ownerIgnoreAdverts: draft.ownerIgnoreAdverts?.value ?? false,
    strict: draft.strict?.value ?? false,
    skipCheckAdvertAddresses: draft.skipCheckAdvertAddresses?.value ?? false,
    checkUnicastSource: draft.checkUnicastSource?.value ?? false,
    scriptUser: draft.scriptUser?.value ?? null,
    enableScriptSecurity: draft.enableScriptSecurity?.value ?? false,
    notifyFifo: draft.notifyFifo?.value ?? null,
    vrrpNotifyFifo: draft.vrrpNotifyFifo?.value ?? null,
    notifyFifoScript: draft.notifyFifoScript?.value ?? null,
    vrrpNotifyFifoScript: draft.vrrpNotifyFifoScript?.value ?? null,
    notifyPriorityChanges: draft.notifyPriorityChanges?.value ?? false,
    fifoWriteStatesOnReload: draft.fifoWriteStatesOnReload?.value ?? false,
    startupDelay: draft.startupDelay?.value ?? microseconds(0),
    dynamicInterfaces: draft.dynamicInterfaces?.value ?? 'off',
    defaultInterface: draft.defaultInterface?.value ?? KEEPALIVED_DEFAULTS.defaultInterface,
    vmacPrefix: draft.vmacPrefix?.value ?? KEEPALIVED_DEFAULTS.vmacPrefix,
    logUnknownVrids: draft.logUnknownVrids?.value ?? false,
    stateDumpFile: draft.stateDumpFile?.value ?? null,
    statsDumpFile: draft.statsDumpFile?.value ?? null,
    jsonDumpFile: draft.jsonDumpFile?.value ?? null,
    otherKeywords: draft.otherKeywords,
  };
}

/**
 * vrrp_garp_interval / vrrp_gna_interval. Leaving the line out means no pause;
 * an explicit 0 is a configuration error in keepalived (reference §1: "`0`, as
 * written in tutorials and the shipped sample, is a config error",
 * gparser.c:977), so it is one here too, with the fix spelled out.
 */
function announceInterval(
  statement: Statement,
  keyword: string,
  what: string,
  context: SchemaContext,
): Setting<Microseconds> | null {
  const value = singleValue(statement, context, `${keyword} SECONDS`);
  if (value === null) return null;
  const parsed = parseDecimalSeconds(value.text);
  if (parsed.ok && parsed.value === 0) {
    context.error(
      value.location,
      `${keyword} 0 is a configuration error (keepalived rejects it too): remove the line for no pause ` +
        `between ${what}, or give a positive number of seconds such as 0.001`,
    );
    return null;
  }
  const interval = decimalSeconds(value, keyword, MIN_ANNOUNCE_INTERVAL, MAX_ANNOUNCE_INTERVAL, context);
  if (interval === null) return null;
  if (interval >= MICROSECONDS_PER_SECOND) {
    // keepalived logs "The vrrp_garp_interval is very large" for the same values.
    context.warning(value.location, `${keyword} ${value.text} is very large: a pause of a second or more between ${what}`);
  }
  return { value: interval, location: value.location };
}

function isIpv4Multicast(address: Ipv4Address): boolean {
  const first = Number(address.split('.')[0]);
  return first >= 224 && first <= 239;
}
