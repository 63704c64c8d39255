/**
 * keepalived.conf as typed configuration: what the runtime needs to run each
 * vrrp_instance, in protocol units, with the file position of everything an
 * operator may have to be told about.
 */
import type { ChecksumForm, VrrpVersion } from '../codec/advert.js';
import type { IpAddress, IpFamily, Ipv4Address, Ipv6Address } from '../primitives/ip-address.js';
import type { Centiseconds, Microseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import type { InstanceAuthentication } from '../protocol/instance-config.js';
import type { CommandSpec, NotifyCommands, RunAs, TrackReference } from './tracking-types.js';
import type { RouteSpec, RuleSpec } from './virtual-route-types.js';

export type { CommandSpec, NotifyCommands, RunAs, TrackReference } from './tracking-types.js';
export type { RouteSpec, RuleSpec } from './virtual-route-types.js';

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, where it helps; absent on lines made by `$`, `~SEQ` or `~LST`, which were not written as such. */
  readonly column?: number;
  /** For a file read by `include`: where that include line is (itself with the chain above it). */
  readonly includedFrom?: SourceLocation;
}

/**
 * What parsing needs from outside src/config, which touches no file, clock or
 * process. Without an option, the feature needing it is reported where it is
 * used (an include is not read, an `@` line is an error).
 */
export interface ParseOptions {
  /** The text of an included file; null when it cannot be read (missing, not a regular file, executable, not permitted). */
  readonly readFile?: (path: string) => string | null;
  /** The files (not directories) an include pattern without braces matches, sorted as glob(3) sorts them. */
  readonly expandGlob?: (pattern: string) => readonly string[];
  /** keepalived's config id (-i ID, by default the host name up to its first dot): decides `@ID` lines; `${_INSTANCE}`. */
  readonly configId?: string;
  /** The environment `${_ENV NAME}` reads. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths start from (the process's): makes `${_PWD}` absolute and include loops recognisable. */
  readonly workingDirectory?: string;
}

/**
 * What kind of trouble a message reports, when it is one of these:
 * `vipd -t` fails on unknown keywords as keepalived's -t does, and lists what
 * is not supported yet. `keepalivedConfigError` marks a warning about a value
 * keepalived adjusts and runs with, but which its -t counts as a configuration
 * error (exit 5), e.g. a track weight of 254 used as 253: `vipd -t` fails on it
 * too, while vipd runs the file as keepalived would.
 */
export type ConfigMessageCode = 'unknownKeyword' | 'notSupportedYet' | 'outOfScope' | 'keepalivedConfigError';

export interface ConfigMessage {
  readonly severity: 'error' | 'warning';
  readonly code?: ConfigMessageCode;
  readonly location: SourceLocation;
  /** The block the message is about, e.g. `vrrp_instance VI_1`; absent at top level. */
  readonly block?: string;
  /** What is wrong and, where there is one, how to fix it. */
  readonly text: string;
}

/** global_defs keywords that affect VRRP (keepalived.conf(5) global_defs). */
export interface GlobalDefs {
  readonly routerId: string | null;
  /** vrrp_version (2). */
  readonly vrrpVersion: VrrpVersion;
  /** vrrp_mcast_group4 (224.0.0.18). */
  readonly multicastGroup4: Ipv4Address;
  /** vrrp_mcast_group6 (ff02::12). */
  readonly multicastGroup6: Ipv6Address;
  /** vrrp_garp_master_delay (5 s; 0 = no second burst). */
  readonly garpMasterDelay: Centiseconds;
  /** vrrp_garp_master_repeat (5). */
  readonly garpMasterRepeat: number;
  /** vrrp_garp_interval: pause between gratuitous ARPs (0 = none; an explicit 0 is an error, as in keepalived). */
  readonly garpInterval: Microseconds;
  /** vrrp_gna_interval: pause between unsolicited NAs. */
  readonly gnaInterval: Microseconds;
  /** v3_checksum_as_v2 given in global_defs: the default for every instance. */
  readonly v3ChecksumAsV2: boolean;
  /** vrrp_garp_lower_prio_delay (defaults to vrrp_garp_master_delay, reference §1). */
  readonly garpLowerPriorityDelay: Centiseconds;
  /** vrrp_garp_lower_prio_repeat (defaults to vrrp_garp_master_repeat). */
  readonly garpLowerPriorityRepeat: number;
  /** vrrp_garp_master_refresh: periodic GARPs while master; 0 = off. */
  readonly garpMasterRefresh: Centiseconds;
  /** vrrp_garp_master_refresh_repeat (1). */
  readonly garpMasterRefreshRepeat: number;
  /** vrrp_min_garp: one GARP, no second burst. */
  readonly minGarp: boolean;
  /** vrrp_garp_extra_if [all] DELAY: GARPs on other interfaces too; null = off. */
  readonly garpExtraInterfaces: GarpExtraInterfaces | null;
  /** vrrp_down_timer_adverts (3). */
  readonly downTimerAdverts: number;
  /** vrrp_lower_prio_no_advert (off; on under vrrp_strict). */
  readonly lowerPriorityNoAdvert: boolean;
  /** vrrp_higher_prio_send_advert (off). */
  readonly higherPrioritySendAdvert: boolean;
  /** vrrp_owner_ignore_adverts (off). */
  readonly ownerIgnoreAdverts: boolean;
  /** vrrp_strict (off). */
  readonly strict: boolean;
  /** vrrp_skip_check_adv_addr (off). */
  readonly skipCheckAdvertAddresses: boolean;
  /** vrrp_check_unicast_src (off). */
  readonly checkUnicastSource: boolean;
  /** script_user USER [GROUP]; null = keepalived_script if that user exists, else root. */
  readonly scriptUser: RunAs | null;
  /** enable_script_security (off). */
  readonly enableScriptSecurity: boolean;
  /** notify_fifo / vrrp_notify_fifo FIFO [USER [GROUP]]; null = none. */
  readonly notifyFifo: FifoSpec | null;
  readonly vrrpNotifyFifo: FifoSpec | null;
  /** notify_fifo_script / vrrp_notify_fifo_script CMD [USER [GROUP]]. */
  readonly notifyFifoScript: CommandSpec | null;
  readonly vrrpNotifyFifoScript: CommandSpec | null;
  /** vrrp_notify_priority_changes (off). */
  readonly notifyPriorityChanges: boolean;
  /** fifo_write_vrrp_states_on_reload (off). */
  readonly fifoWriteStatesOnReload: boolean;
  /** vrrp_startup_delay: adverts are not sent nor heeded for this long after start (0). */
  readonly startupDelay: Microseconds;
  /** dynamic_interfaces [allow_if_changes]: instances on missing interfaces wait for them. */
  readonly dynamicInterfaces: 'off' | 'on' | 'allowInterfaceChanges';
  /** default_interface (eth0): for static addresses without dev. */
  readonly defaultInterface: string;
  /** vmac_prefix (vrrp): name prefix of generated VMAC interfaces. */
  readonly vmacPrefix: string;
  /** log_unknown_vrids (off). */
  readonly logUnknownVrids: boolean;
  /** state_dump_file / stats_dump_file / json_dump_file (reference §1: man5 says *_file_location). */
  readonly stateDumpFile: string | null;
  readonly statsDumpFile: string | null;
  readonly jsonDumpFile: string | null;
  /** Other global_defs keywords (email, SNMP, DBus, firewall, scheduling, …): recorded as written, not acted on. */
  readonly otherKeywords: readonly RecordedStatement[];
}

/** vrrp_garp_extra_if [all] DELAY (keepalived.conf(5) global_defs). */
export interface GarpExtraInterfaces {
  readonly allInterfaces: boolean;
  readonly delaySeconds: number;
}

/** A notify FIFO: `PATH [USER [GROUP]]`. */
export interface FifoSpec {
  readonly path: string;
  readonly runAs: RunAs | null;
}

/**
 * A keyword vipd recognises and keeps as written without acting on it (each
 * occurrence is reported "not supported yet"), so `vipd -d` shows it and
 * nothing is silently dropped.
 */
export interface RecordedStatement {
  readonly keyword: string;
  readonly words: readonly string[];
  /** The block's lines, when the keyword opens one. */
  readonly block: readonly RecordedStatement[] | null;
  readonly location: SourceLocation;
}

/** ip-address(8) scopes keepalived accepts in virtual_ipaddress. */
export type AddressScope = 'global' | 'site' | 'link' | 'host' | 'nowhere';

/** One line of virtual_ipaddress: `ADDR[/LEN] [brd A|+|-] [dev IF] [scope S] [label L]`. */
export interface VirtualAddressSpec {
  readonly address: IpAddress;
  /** /32 or /128 when omitted. */
  readonly prefixLength: number;
  /** `brd`: an address, `+` (all host bits set), `-` (none); null when not given. */
  readonly broadcast: Ipv4Address | '+' | '-' | null;
  /** `dev`: the interface to put it on; null = the instance's interface. */
  readonly device: string | null;
  readonly scope: AddressScope;
  readonly label: string | null;
  /** `peer A`: point-to-point peer address. */
  readonly peer: IpAddress | null;
  /** `home` (IPv6). */
  readonly home: boolean;
  /** `-nodad` / `nodad` (IPv6). */
  readonly noDad: boolean;
  /** `mngtmpaddr` (IPv6). */
  readonly manageTemporaryAddress: boolean;
  readonly noPrefixRoute: boolean;
  readonly autoJoin: boolean;
  /** `no_track`: the address going away does not put the instance in FAULT. */
  readonly noTrack: boolean;
  /** `preferred_lft N|forever` (IPv6); null when not given. */
  readonly preferredLifetime: number | 'forever' | null;
  /** `use_vmac`: on the instance's VMAC interface. */
  readonly useVmac: boolean;
  /** `track_group NAME`. */
  readonly trackGroup: string | null;
  readonly location: SourceLocation;
}

/** An address with its prefix length, e.g. 10.0.0.0/8. */
export interface IpPrefix {
  readonly address: IpAddress;
  readonly prefixLength: number;
}

/** unicast_peer { ADDR [min_ttl N] [max_ttl N] } (keepalived.conf(5)). */
export interface UnicastPeerSpec {
  readonly address: IpAddress;
  readonly minTtl: number | null;
  readonly maxTtl: number | null;
  readonly location: SourceLocation;
}

/**
 * use_vmac [IFNAME] [MAC], use_vmac_addr, vmac_xmit_base; or use_ipvlan
 * [IFNAME] [ADDR/LEN] [bridge|private|vepa] (keepalived.conf(5) VRRP instance).
 */
export interface VmacSpec {
  readonly kind: 'macvlan' | 'ipvlan';
  /** The interface name; null = keepalived's generated one (vmac_prefix + …). */
  readonly interfaceName: string | null;
  /** macvlan: a MAC other than 00:00:5e:00:01:VRID; null = the VRRP one. */
  readonly macAddress: string | null;
  /** ipvlan: the address to give the interface, and its mode. */
  readonly ipvlanAddress: IpPrefix | null;
  readonly ipvlanMode: 'bridge' | 'private' | 'vepa' | null;
  /** use_vmac_addr: also use the VMAC on the base interface's adverts. */
  readonly useVmacAddress: boolean;
  /** vmac_xmit_base: send adverts from the base interface (needed with unicast). */
  readonly transmitOnBase: boolean;
}

/**
 * What a vrrp_instance and a vrrp_sync_group both track and notify
 * (keepalived.conf(5) track_*, notify_*, notify_priority_changes, smtp_alert).
 */
export interface TrackingAndNotification {
  readonly trackInterfaces: readonly TrackReference[];
  readonly trackScripts: readonly TrackReference[];
  readonly trackFiles: readonly TrackReference[];
  readonly trackProcesses: readonly TrackReference[];
  readonly trackBfd: readonly TrackReference[];
  readonly notify: NotifyCommands;
  /** notify_priority_changes (for an instance, global vrrp_notify_priority_changes by default). */
  readonly notifyPriorityChanges: boolean;
  /** smtp_alert [<BOOL>]; null = global smtp_alert. */
  readonly smtpAlert: boolean | null;
}

/** One vrrp_instance block, validated, with keepalived's defaults applied. */
export interface InstanceDefinition extends TrackingAndNotification {
  readonly name: string;
  readonly location: SourceLocation;
  /** `state` as written (null when omitted); only the owner acts on MASTER. */
  readonly initialState: 'MASTER' | 'BACKUP' | null;
  readonly interface: string;
  readonly family: IpFamily;
  readonly version: VrrpVersion;
  readonly vrid: Vrid;
  readonly priority: Priority;
  readonly advertInterval: Centiseconds;
  readonly authentication: InstanceAuthentication;
  readonly virtualAddresses: readonly VirtualAddressSpec[];
  readonly preempt: boolean;
  readonly preemptDelay: Centiseconds;
  readonly acceptMode: boolean;
  readonly checksumForm: ChecksumForm;
  /** virtual_ipaddress_excluded: set with the others, not advertised; may be the other family. */
  readonly excludedAddresses: readonly VirtualAddressSpec[];
  readonly virtualRoutes: readonly RouteSpec[];
  readonly virtualRules: readonly RuleSpec[];
  readonly promoteSecondaries: boolean;
  readonly dontTrackPrimary: boolean;
  readonly trackSourceIp: boolean;
  /** unicast_src_ip / mcast_src_ip; null = the interface's primary address. */
  readonly unicastSource: IpAddress | null;
  readonly unicastPeers: readonly UnicastPeerSpec[];
  /**
   * unicast_ttl; null = not given: IPv4 unicast adverts go out with TTL 255,
   * IPv6 ones with the kernel's default hop limit (reference §2 IPv6).
   */
  readonly unicastTtl: number | null;
  /** check_unicast_src (global vrrp_check_unicast_src by default). */
  readonly checkUnicastSource: boolean;
  /** unicast_fault_no_peer: unicast even without peers, and then in FAULT. */
  readonly unicastFaultNoPeer: boolean;
  /** old_unicast_checksum [never]. */
  readonly oldUnicastChecksum: 'off' | 'on' | 'never';
  /** mcast_dst_ip; null = the global group (vrrp_mcast_group4/6). */
  readonly multicastDestination: IpAddress | null;
  readonly vmac: VmacSpec | null;
  /** garp_* (global vrrp_garp_* by default). */
  readonly garpMasterDelay: Centiseconds;
  readonly garpMasterRepeat: number;
  readonly garpLowerPriorityDelay: Centiseconds;
  readonly garpLowerPriorityRepeat: number;
  readonly garpMasterRefresh: Centiseconds;
  readonly garpMasterRefreshRepeat: number;
  /** garp_extra_if [all] DELAY; null = global vrrp_garp_extra_if. */
  readonly garpExtraInterfaces: GarpExtraInterfaces | null;
  readonly downTimerAdverts: number;
  readonly lowerPriorityNoAdvert: boolean;
  readonly higherPrioritySendAdvert: boolean;
  readonly ownerIgnoreAdverts: boolean;
  /** timer_expired_backup [PRIO]: null = off. */
  readonly timerExpiredBackup: { readonly priority: number | null } | null;
  readonly strictMode: boolean;
  readonly skipCheckAdvertAddresses: boolean;
  /** kernel_rx_buf_size BYTES; null = the kernel's. */
  readonly kernelRxBufferBytes: number | null;
  readonly vrf: string | null;
  /** Other instance keywords (debug, native_ipv6, auth_hmac, …): recorded as written, not acted on. */
  readonly otherKeywords: readonly RecordedStatement[];
}

/** vrrp_sync_group NAME { group { … } … } (keepalived.conf(5)). */
export interface SyncGroupDefinition extends TrackingAndNotification {
  readonly name: string;
  readonly location: SourceLocation;
  readonly members: readonly string[];
}

/** garp_group { garp_interval; gna_interval; interface|interfaces }. */
export interface GarpGroupDefinition {
  readonly location: SourceLocation;
  readonly garpInterval: Microseconds | null;
  readonly gnaInterval: Microseconds | null;
  readonly interfaces: readonly string[];
}

export interface VipdConfig {
  readonly globalDefs: GlobalDefs;
  readonly instances: readonly InstanceDefinition[];
  readonly syncGroups: readonly SyncGroupDefinition[];
  readonly scripts: readonly VrrpScriptDefinition[];
  readonly trackFiles: readonly TrackFileDefinition[];
  readonly trackProcesses: readonly TrackProcessDefinition[];
  /** static_ipaddress / static_routes / static_rules: recognised, never moved. */
  readonly staticAddresses: readonly VirtualAddressSpec[];
  readonly staticRoutes: readonly RouteSpec[];
  readonly staticRules: readonly RuleSpec[];
  readonly garpGroups: readonly GarpGroupDefinition[];
  /** Other top-level VRRP blocks (bfd_instance, track_group, linkbeat_interfaces, …): recorded as written. */
  readonly otherKeywords: readonly RecordedStatement[];
}

/** vrrp_script NAME { … } (keepalived.conf(5); defaults vrrp_data.c, reference §1). */
export interface VrrpScriptDefinition {
  readonly name: string;
  readonly location: SourceLocation;
  readonly command: CommandSpec | null;
  /** interval (1 s). */
  readonly interval: Microseconds;
  /** timeout (= interval). */
  readonly timeout: Microseconds;
  /** weight ±253 (0: FAULT while failing). */
  readonly weight: number;
  readonly reverse: boolean;
  readonly rise: number;
  readonly fall: number;
  readonly runAs: RunAs | null;
  readonly initFail: boolean;
}

/** track_file NAME { file PATH; weight W [reverse]; init_file [V] [overwrite] }. */
export interface TrackFileDefinition {
  readonly name: string;
  readonly location: SourceLocation;
  readonly path: string | null;
  /** weight ±254 (1). */
  readonly weight: number;
  readonly reverse: boolean;
  readonly initFile: { readonly value: number; readonly overwrite: boolean } | null;
}

/** vrrp_track_process NAME { process NAME [ARGS]; … } (keepalived.conf(5)). */
export interface TrackProcessDefinition {
  readonly name: string;
  readonly location: SourceLocation;
  /** The process name and, optionally, its arguments. */
  readonly process: readonly string[];
  readonly fullCommand: boolean;
  readonly parameterMatch: 'exact' | 'initial' | 'partial';
  /** weight ±254 (0). */
  readonly weight: number;
  readonly reverse: boolean;
  readonly quorum: number;
  readonly quorumMax: number | null;
  readonly forkDelay: Microseconds | null;
  readonly terminateDelay: Microseconds | null;
}

/** A parse always yields its messages; a config only when there is no error. */
export interface ParseOutcome {
  readonly config: VipdConfig | null;
  readonly messages: readonly ConfigMessage[];
}
