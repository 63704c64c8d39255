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
 * What kind of keyword trouble a message reports, when it is one:
 * `vipd -t` fails on unknown keywords as keepalived's -t does, and lists what
 * is not supported yet.
 */
export type ConfigMessageCode = 'unknownKeyword' | 'notSupportedYet' | 'outOfScope';

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
  readonly location: SourceLocation;
}

/** One vrrp_instance block, validated, with keepalived's defaults applied. */
export interface InstanceDefinition {
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
}

export interface VipdConfig {
  readonly globalDefs: GlobalDefs;
  readonly instances: readonly InstanceDefinition[];
}

/** A parse always yields its messages; a config only when there is no error. */
export interface ParseOutcome {
  readonly config: VipdConfig | null;
  readonly messages: readonly ConfigMessage[];
}
