/**
 * `vrrp_instance NAME { … }`, read keyword by keyword into a draft: what the
 * block says, each value with where it was written (keepalived.conf(5) "VRRP
 * instance(s)"; reference §1 "vrrp_instance NAME"). Defaults and the rules
 * that tie settings together (family from the addresses, version, priority
 * from state, …) are applied afterwards, in instance-rules.ts, once the whole
 * file (global_defs included, wherever it stands) has been read.
 */
import { statementTitle, type Statement } from '../block-parser.js';
import { referTo } from '../config-message.js';
import type {
  GarpExtraInterfaces,
  RecordedStatement,
  RouteSpec,
  RuleSpec,
  SourceLocation,
  UnicastPeerSpec,
  VirtualAddressSpec,
} from '../config-types.js';
import type { IpAddress } from '../../primitives/ip-address.js';
import type { Centiseconds } from '../../primitives/time.js';
import { garpExtraInterfaces, MAX_DOWN_TIMER_ADVERTS, MAX_GARP_DELAY_SECONDS, MAX_GARP_REPEAT } from './global-defs.js';
import { recordStatement } from './recorded-statement.js';
import { readRouteBlock } from './route-line.js';
import { readRuleBlock } from './rule-line.js';
import { flag, interfaceName, setting, whole, wholeSeconds, type ValueReader } from './setting-handlers.js';
import { emptyTrackingDraft, instanceNotifyHandlers, trackingHandlers, type TrackingDraft } from './tracking-handlers.js';
import { readAddress, readUnicastPeers } from './unicast.js';
import { readVmac, type VmacInterface } from './vmac.js';
import { MICROSECONDS_PER_SECOND } from '../decimal-seconds.js';
import type { VrrpVersion } from '../../codec/advert.js';
import { microseconds, type Microseconds } from '../../primitives/time.js';
import { toPriority, toVrid, type Priority, type Vrid } from '../../primitives/vrrp-numbers.js';
import { decimalSeconds, noValue, optionalBoolean, requireBlock, singleValue, wholeNumber } from './arguments.js';
import { readAuthentication, type AuthenticationDraft } from './authentication.js';
import { interfaceNameProblem } from './interface-name.js';
import { replaceSetting, type SchemaContext, type Setting } from './schema-context.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';
import { readVirtualAddressLine } from './virtual-ipaddress.js';

export type InitialState = 'MASTER' | 'BACKUP';

/** A vrrp_instance as written. */
export interface InstanceDraft extends TrackingDraft {
  /** Null when the `vrrp_instance` line has no name (an error already reported). */
  readonly name: string | null;
  /** How messages name the block: `vrrp_instance VI_1`. */
  readonly title: string;
  readonly location: SourceLocation;
  /** False when the `vrrp_instance` line has no `{ … }` (an error already reported). */
  readonly hasBlock: boolean;
  /** Keywords that appeared, valid or not, so a bad value is not also reported as missing. */
  readonly seen: Set<string>;
  state?: Setting<InitialState>;
  interface?: Setting<string>;
  vrid?: Setting<Vrid>;
  priority?: Setting<Priority>;
  /** advert_int as written; checked against the version once that is known. */
  advertInterval?: Setting<Microseconds>;
  authentication?: AuthenticationDraft;
  /** Every valid virtual_ipaddress line, in order, across all virtual_ipaddress blocks. */
  readonly virtualAddresses: VirtualAddressSpec[];
  /** How many virtual_ipaddress blocks there are, and how many lines they hold, valid or not. */
  virtualAddressBlocks: number;
  virtualAddressLines: number;
  /** `nopreempt` (false) or `preempt` (true), whichever came last. */
  preempt?: Setting<boolean>;
  preemptDelay?: Setting<Microseconds>;
  version?: Setting<VrrpVersion>;
  /** `accept` (true) or `no_accept` (false), whichever came last. */
  acceptMode?: Setting<boolean>;
  v3ChecksumAsV2?: Setting<boolean>;
  garpMasterDelay?: Setting<Centiseconds>;
  garpMasterRepeat?: Setting<number>;
  garpLowerPriorityDelay?: Setting<Centiseconds>;
  garpLowerPriorityRepeat?: Setting<number>;
  garpMasterRefresh?: Setting<Centiseconds>;
  garpMasterRefreshRepeat?: Setting<number>;
  garpExtraInterfaces?: Setting<GarpExtraInterfaces>;
  downTimerAdverts?: Setting<number>;
  lowerPriorityNoAdvert?: Setting<boolean>;
  higherPrioritySendAdvert?: Setting<boolean>;
  ownerIgnoreAdverts?: Setting<boolean>;
  timerExpiredBackup?: Setting<{ readonly priority: number | null }>;
  strictMode?: Setting<boolean>;
  skipCheckAdvertAddresses?: Setting<boolean>;
  kernelRxBufferBytes?: Setting<number>;
  vrf?: Setting<string>;
  vmacInterface?: Setting<VmacInterface>;
  useVmacAddress?: Setting<boolean>;
  transmitOnBase?: Setting<boolean>;
  dontTrackPrimary?: Setting<boolean>;
  promoteSecondaries?: Setting<boolean>;
  trackSourceIp?: Setting<boolean>;
  unicastSource?: Setting<IpAddress>;
  readonly unicastPeers: UnicastPeerSpec[];
  multicastDestination?: Setting<IpAddress>;
  unicastFaultNoPeer?: Setting<boolean>;
  unicastTtl?: Setting<number>;
  checkUnicastSource?: Setting<boolean>;
  oldUnicastChecksum?: Setting<'on' | 'never'>;
  readonly excludedAddresses: VirtualAddressSpec[];
  readonly virtualRoutes: RouteSpec[];
  readonly virtualRules: RuleSpec[];
  readonly otherKeywords: RecordedStatement[];
}

/** `timer_expired_backup [PRIO]`. */
const timerExpiredBackup: ValueReader<{ readonly priority: number | null }> = (statement, context) => {
  const [value] = statement.args;
  if (value === undefined) return { priority: null };
  const priority = wholeNumber(value, 'timer_expired_backup', 1, 254, context);
  return priority === null ? null : { priority };
};

/** `old_unicast_checksum [never]`. */
const oldUnicastChecksum: ValueReader<'on' | 'never'> = (statement, context) => {
  const [value] = statement.args;
  if (value === undefined) return 'on';
  if (value.text === 'never') return 'never';
  context.error(value.location, `old_unicast_checksum takes only "never", not "${value.text}"`);
  return null;
};

const vmacInterface: ValueReader<VmacInterface> = (statement, context) => readVmac(statement, context);

const unicastSource: ValueReader<IpAddress> = (statement, context) => readAddress(statement, context);

/** The lines of `virtual_ipaddress { … }`-like blocks. */
function addressLines(statement: Statement, context: SchemaContext): VirtualAddressSpec[] | null {
  const block = requireBlock(statement, context, `${statement.keyword.text} { ADDRESS[/PREFIX] … }`);
  if (block === null) return null;
  return block.children.flatMap((line) => readVirtualAddressLine(line, context) ?? []);
}

/** kernel_rx_buf_size: a byte count (keepalived reads a size_t). */
const MAX_RX_BUFFER_BYTES = 2_147_483_647;

/**
 * advert_int as keepalived reads it, before the version is known: 0.01 s to
 * 255 s (vrrp_parser.c reads TIMER_HZ/100 .. 255 * TIMER_HZ).
 */
const MIN_ADVERT_INTERVAL = microseconds(10_000);
const MAX_ADVERT_INTERVAL = microseconds(255 * MICROSECONDS_PER_SECOND);
/** preempt_delay: "Range: 0 (default) to 1000" (keepalived.conf(5)). */
const MAX_PREEMPT_DELAY = microseconds(1000 * MICROSECONDS_PER_SECOND);

const HANDLERS: HandlerTable<'vrrp_instance', InstanceDraft> = {
  state(statement, draft, context) {
    const value = singleValue(statement, context, 'state MASTER|BACKUP');
    if (value === null) return;
    if (value.text !== 'MASTER' && value.text !== 'BACKUP') {
      context.error(value.location, `state must be MASTER or BACKUP (in capitals, as keepalived requires), not "${value.text}"`);
      return;
    }
    const previous = draft.state;
    if (previous !== undefined && previous.value !== value.text) {
      // keepalived keeps MASTER and reports an error whichever order they come in (vrrp_parser.c).
      context.error(
        value.location,
        `state ${value.text} contradicts state ${previous.value} at ${referTo(previous.location, value.location)}; keep one of them`,
      );
      return;
    }
    draft.state = replaceSetting(previous, { value: value.text, location: value.location }, 'state', context);
  },

  interface(statement, draft, context) {
    const value = singleValue(statement, context, 'interface NAME');
    if (value === null) return;
    const problem = interfaceNameProblem(value.text);
    if (problem !== null) {
      context.error(value.location, problem);
      return;
    }
    draft.interface = replaceSetting(draft.interface, { value: value.text, location: value.location }, 'interface', context);
  },

  virtual_router_id(statement, draft, context) {
    const value = singleValue(statement, context, 'virtual_router_id 1..255');
    if (value === null) return;
    const number = wholeNumber(value, 'virtual_router_id', 1, 255, context);
    const vrid = number === null ? null : toVrid(number);
    if (vrid === null || !vrid.ok) return;
    draft.vrid = replaceSetting(draft.vrid, { value: vrid.value, location: value.location }, 'virtual_router_id', context);
  },

  priority(statement, draft, context) {
    const value = singleValue(statement, context, 'priority 1..255');
    if (value === null) return;
    // 1..255: 0 is the resigning master's advert priority, never a configured one (RFC 5798 §5.2.4).
    const number = wholeNumber(value, 'priority', 1, 255, context);
    const priority = number === null ? null : toPriority(number);
    if (priority === null || !priority.ok) return;
    draft.priority = replaceSetting(draft.priority, { value: priority.value, location: value.location }, 'priority', context);
  },

  advert_int(statement, draft, context) {
    const value = singleValue(statement, context, 'advert_int SECONDS');
    if (value === null) return;
    const interval = decimalSeconds(value, 'advert_int', MIN_ADVERT_INTERVAL, MAX_ADVERT_INTERVAL, context);
    if (interval === null) return;
    draft.advertInterval = replaceSetting(draft.advertInterval, { value: interval, location: value.location }, 'advert_int', context);
  },

  authentication(statement, draft, context) {
    const authentication = readAuthentication(statement, draft.authentication, context);
    if (authentication !== undefined) draft.authentication = authentication;
  },

  virtual_ipaddress(statement, draft, context) {
    const block = requireBlock(statement, context, 'virtual_ipaddress { ADDRESS[/PREFIX] … }');
    if (block === null) return;
    draft.virtualAddressBlocks++;
    draft.virtualAddressLines += block.children.length;
    for (const line of block.children) {
      const address = readVirtualAddressLine(line, context);
      if (address !== null) draft.virtualAddresses.push(address);
    }
  },

  nopreempt(statement, draft, context) {
    noValue(statement, context);
    draft.preempt = { value: false, location: statement.location };
  },

  preempt(statement, draft, context) {
    // "for backwards compatibility" (keepalived.conf(5)); it undoes an earlier nopreempt.
    noValue(statement, context);
    draft.preempt = { value: true, location: statement.location };
  },

  preempt_delay(statement, draft, context) {
    const value = singleValue(statement, context, 'preempt_delay SECONDS');
    if (value === null) return;
    const delay = decimalSeconds(value, 'preempt_delay', microseconds(0), MAX_PREEMPT_DELAY, context);
    if (delay === null) return;
    draft.preemptDelay = replaceSetting(draft.preemptDelay, { value: delay, location: value.location }, 'preempt_delay', context);
  },

  version(statement, draft, context) {
    const value = singleValue(statement, context, 'version 2|3');
    if (value === null) return;
    if (value.text !== '2' && value.text !== '3') {
      context.error(value.location, `version must be 2 or 3, not "${value.text}"`);
      return;
    }
    const version: VrrpVersion = value.text === '2' ? 2 : 3;
    const previous = draft.version;
    if (previous !== undefined && previous.value !== version) {
      // keepalived keeps the first and reports "conflicts with configured or deduced version" (vrrp_parser.c).
      context.error(
        value.location,
        `version ${version} contradicts version ${previous.value} at ${referTo(previous.location, value.location)}; keep one of them`,
      );
      return;
    }
    draft.version = replaceSetting(previous, { value: version, location: value.location }, 'version', context);
  },

  accept(statement, draft, context) {
    noValue(statement, context);
    draft.acceptMode = { value: true, location: statement.location };
  },

  no_accept(statement, draft, context) {
    noValue(statement, context);
    draft.acceptMode = { value: false, location: statement.location };
  },

  v3_checksum_as_v2(statement, draft, context) {
    const value = optionalBoolean(statement, context);
    if (value === null) return;
    draft.v3ChecksumAsV2 = replaceSetting(draft.v3ChecksumAsV2, { value, location: statement.location }, 'v3_checksum_as_v2', context);
  },

  garp_master_delay: setting('garpMasterDelay', wholeSeconds(MAX_GARP_DELAY_SECONDS)),
  garp_master_repeat: setting('garpMasterRepeat', whole(1, MAX_GARP_REPEAT)),
  garp_lower_prio_delay: setting('garpLowerPriorityDelay', wholeSeconds(MAX_GARP_DELAY_SECONDS)),
  garp_lower_prio_repeat: setting('garpLowerPriorityRepeat', whole(1, MAX_GARP_REPEAT)),
  garp_master_refresh: setting('garpMasterRefresh', wholeSeconds(MAX_GARP_DELAY_SECONDS)),
  garp_master_refresh_repeat: setting('garpMasterRefreshRepeat', whole(1, MAX_GARP_REPEAT)),
  garp_extra_if: setting('garpExtraInterfaces', garpExtraInterfaces),
  down_timer_adverts: setting('downTimerAdverts', whole(1, MAX_DOWN_TIMER_ADVERTS)),
  lower_prio_no_advert: setting('lowerPriorityNoAdvert', flag),
  higher_prio_send_advert: setting('higherPrioritySendAdvert', flag),
  owner_ignore_adverts: setting('ownerIgnoreAdverts', flag),
  timer_expired_backup: setting('timerExpiredBackup', timerExpiredBackup),
  strict_mode: setting('strictMode', flag),
  skip_check_adv_addr: setting('skipCheckAdvertAddresses', flag),
  kernel_rx_buf_size: setting('kernelRxBufferBytes', whole(1, MAX_RX_BUFFER_BYTES)),
  vrf: setting('vrf', interfaceName),
  use_vmac: setting('vmacInterface', vmacInterface),
  use_ipvlan: setting('vmacInterface', vmacInterface),
  use_vmac_addr: setting('useVmacAddress', flag),
  vmac_xmit_base: setting('transmitOnBase', flag),
  dont_track_primary: setting('dontTrackPrimary', flag),
  promote_secondaries: setting('promoteSecondaries', flag),
  track_src_ip: setting('trackSourceIp', flag),
  unicast_src_ip: setting('unicastSource', unicastSource),
  mcast_src_ip: setting('unicastSource', unicastSource),
  unicast_peer(statement, draft, context) {
    draft.unicastPeers.push(...readUnicastPeers(statement, context));
  },
  mcast_dst_ip: setting('multicastDestination', (statement, context) => readAddress(statement, context)),
  unicast_fault_no_peer: setting('unicastFaultNoPeer', flag),
  unicast_ttl: setting('unicastTtl', whole(1, 255)),
  check_unicast_src: setting('checkUnicastSource', flag),
  old_unicast_checksum: setting('oldUnicastChecksum', oldUnicastChecksum),
  virtual_ipaddress_excluded(statement, draft, context) {
    draft.excludedAddresses.push(...(addressLines(statement, context) ?? []));
  },
  virtual_routes(statement, draft, context) {
    const block = requireBlock(statement, context, 'virtual_routes { ROUTE … }');
    if (block !== null) draft.virtualRoutes.push(...readRouteBlock(block.children, 'virtual_routes', context));
  },
  virtual_rules(statement, draft, context) {
    const block = requireBlock(statement, context, 'virtual_rules { RULE … }');
    if (block !== null) draft.virtualRules.push(...readRuleBlock(block.children, 'virtual_rules', context));
  },
  ...trackingHandlers<InstanceDraft>(),
  ...instanceNotifyHandlers<InstanceDraft>(),
};

/** Reads `vrrp_instance NAME { … }`. The draft is returned even when the block has errors, so later checks still see it. */
export function readVrrpInstance(statement: Statement, context: SchemaContext): InstanceDraft {
  const [nameWord, ...extra] = statement.args;
  const title = statementTitle(statement);
  const firstExtra = extra[0];
  if (nameWord === undefined) {
    context.error(statement.location, 'vrrp_instance needs a name, e.g. "vrrp_instance VI_1 { … }"');
  } else if (firstExtra !== undefined) {
    context.warning(firstExtra.location, `unexpected "${extra.map((w) => w.text).join(' ')}" after the instance name is ignored`);
  }
  const block = requireBlock({ ...statement, args: [] }, context, 'vrrp_instance NAME { … }');
  const draft: InstanceDraft = {
    name: nameWord?.text ?? null,
    title,
    location: statement.location,
    hasBlock: block !== null,
    seen: new Set(),
    virtualAddresses: [],
    virtualAddressBlocks: 0,
    virtualAddressLines: 0,
    ...emptyTrackingDraft(),
    unicastPeers: [],
    excludedAddresses: [],
    virtualRoutes: [],
    virtualRules: [],
    otherKeywords: [],
  };
  if (block === null) return draft;
  for (const child of block.children) draft.seen.add(child.keyword.text);
  dispatchStatements(block.children, 'vrrp_instance', HANDLERS, draft, context.within(title), (s) =>
    draft.otherKeywords.push(recordStatement(s)),
  );
  return draft;
}
