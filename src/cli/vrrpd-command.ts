/**
 * `vipd vrrpd …`: Advanced vrrpd's command line (fredbcode/Vrrpd vrrpd.c
 * parse_cmdline, getopt string "f:M:Vhnsi:v:a:p:z:x:d:D:U:I:O:"; vrrpd.8),
 * with vrrpd's meanings, parsed into a typed command. Pure: no I/O.
 *
 * As with getopt(3) on Linux, single-letter flags may be grouped (`-ns`),
 * a value may be glued to its flag (`-v51`) or follow it, and the virtual
 * addresses may stand anywhere (vrrpd's README puts one right after -i);
 * `--` ends the flags. vipd's own additions are long options only, so that
 * they can never shadow a vrrpd letter.
 *
 * Defaults are Advanced vrrpd 1.15's (reference §3, "Changes": a 2 s advert
 * interval, virtual MAC off); priority 100 and preemption on are vrrpd.h's
 * VRRP_PRIO_DFL and VRRP_PREEMPT_DFL in every version.
 */
import { parseIpv4, type Ipv4Address } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';

/** vrrpd.h VRRP_PRIO_DFL. */
export const VRRPD_DEFAULT_PRIORITY = 100 as Priority;
/** Advanced vrrpd 1.15 (1 s up to 1.14, vrrpd.h VRRP_ADVER_DFL). */
export const VRRPD_DEFAULT_ADVERT_INTERVAL_SECONDS = 2;
/** vrrpd.c parse_authopt: "pw/" then up to 8 characters, copied as they are. */
export const VRRPD_PASSWORD_MAX_CHARACTERS = 8;
/** vrrpd.c parse_cmdline: "bad argument monitoring max 9". */
export const VRRPD_MAX_MONITORED_PROCESSES = 9;
export const DEFAULT_VRRPD_RUN_DIRECTORY = '/run/vipd';

/** `-a`: vrrpd.c parse_authopt. */
export type VrrpdAuthentication =
  | { readonly kind: 'none' }
  /** `pw/TEXT`: TEXT itself (not hex, whatever the usage line says), its first 8 characters. */
  | { readonly kind: 'password'; readonly password: string }
  /**
   * `ah/TEXT`: IPSEC-AH (keepalived auth_type AH) keyed by TEXT as it stands,
   * its first 8 characters, read as `pw/` is (vrrpd itself never implemented
   * AH, so vipd gives it keepalived's meaning: the same auth_pass on a
   * keepalived peer interoperates).
   */
  | { readonly kind: 'ipsecAh'; readonly password: string };

export interface VrrpdVirtualAddress {
  readonly address: Ipv4Address;
  /** `/len`; 32 when omitted (vrrpd.c main). */
  readonly prefixLength: number;
}

/** `-I vip -O gw`: vrrpd.c hello_send_pkt, a TCP connect from vip to gw port 1100 on becoming master. */
export interface MagicPacketTarget {
  readonly source: Ipv4Address;
  readonly gateway: Ipv4Address;
}

export interface VrrpdOptions {
  /** -i */
  readonly interfaceName: string;
  /** -v */
  readonly vrid: Vrid;
  /** -p */
  readonly priority: Priority;
  /** -d: whole seconds, as VRRPv2 carries them. */
  readonly advertIntervalSeconds: number;
  /** Preemption; -s switches it (each -s toggles, as in vrrpd.c). */
  readonly preempt: boolean;
  /** -a */
  readonly authentication: VrrpdAuthentication;
  /** -n was given: accepted, changes nothing (vipd never rewrites the NIC's MAC address). */
  readonly noVirtualMac: boolean;
  /** -z: the priority atropos --reduce sets (null: vrrpd's default, −10). */
  readonly reducePriority: Priority | null;
  /** -x: the priority atropos --increase sets (null: vrrpd's default, +10). */
  readonly increasePriority: Priority | null;
  /** -U: run (no arguments) on becoming master. */
  readonly masterScript: string | null;
  /** -D: run (no arguments) on ceasing to be master. */
  readonly backupScript: string | null;
  /** -M n: fate sharing with the other -M processes of this router, n of them expected (runtime/fate/). */
  readonly monitoredProcesses: number | null;
  /** -I/-O */
  readonly magicPacket: MagicPacketTarget | null;
  /** -f piddir (vrrpd's default is /var/run). */
  readonly pidDirectory: string | null;
  /** The trailing `ipaddr[/len]` arguments. */
  readonly virtualAddresses: readonly VrrpdVirtualAddress[];
  /** vipd: --control-socket PATH */
  readonly controlSocket: string | null;
  /** vipd: --log-console, --log-detail, --no-syslog (as the keepalived form's -l, -D, -G). */
  readonly logConsole: boolean;
  readonly logDetail: boolean;
  readonly noSyslog: boolean;
}

export type VrrpdCommand =
  | { readonly kind: 'run'; readonly options: VrrpdOptions }
  /** --dump: print the keepalived.conf this command line amounts to. */
  | { readonly kind: 'dump'; readonly options: VrrpdOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

/** Flags that take a value (vrrpd's getopt string, letters followed by ':'). */
const VALUE_FLAGS = new Set(['f', 'M', 'i', 'v', 'a', 'p', 'z', 'x', 'd', 'D', 'U', 'I', 'O']);
const SWITCH_FLAGS = new Set(['V', 'h', 'n', 's']);
const LONG_SWITCHES = new Set(['dump', 'log-console', 'log-detail', 'no-syslog', 'help', 'version']);
const LONG_VALUES = new Set(['control-socket']);

interface Collected {
  readonly values: Map<string, string>;
  readonly switches: Map<string, number>;
  readonly long: Map<string, string | true>;
  readonly positionals: string[];
}

export function parseVrrpdCommandLine(args: readonly string[]): Result<VrrpdCommand, string> {
  const collected = collect(args);
  if (!collected.ok) return collected;
  const { values, switches, long, positionals } = collected.value;
  // vrrpd exits at -V or -h as soon as getopt reaches them; with both, the first wins there. Help wins here.
  if ((switches.get('h') ?? 0) > 0 || long.has('help')) return ok({ kind: 'help' });
  if ((switches.get('V') ?? 0) > 0 || long.has('version')) return ok({ kind: 'version' });

  const interfaceName = values.get('i');
  if (interfaceName === undefined) return err('-i ifname is required (the interface to run on)');
  const ifProblem = interfaceNameProblemOf(interfaceName);
  if (ifProblem !== null) return err(`-i ${interfaceName}: ${ifProblem}`);

  const vridText = values.get('v');
  if (vridText === undefined) return err('-v vrid is required (the virtual router id, 1-255)');
  const vrid = integerIn(vridText, 1, 255, '-v', 'the virtual router id');
  if (!vrid.ok) return vrid;

  const priority = optionalPriority(values.get('p'), '-p', 'the priority');
  if (!priority.ok) return priority;
  const reduce = optionalPriority(values.get('z'), '-z', 'the priority after atropos --reduce');
  if (!reduce.ok) return reduce;
  const increase = optionalPriority(values.get('x'), '-x', 'the priority after atropos --increase');
  if (!increase.ok) return increase;

  const delayText = values.get('d');
  const delay = delayText === undefined ? ok(VRRPD_DEFAULT_ADVERT_INTERVAL_SECONDS) : integerIn(delayText, 1, 255, '-d', 'the advert interval in whole seconds');
  if (!delay.ok) return delay;

  const authText = values.get('a');
  const authentication = authText === undefined ? ok<VrrpdAuthentication>({ kind: 'none' }) : parseAuthentication(authText);
  if (!authentication.ok) return authentication;

  const monitorText = values.get('M');
  const monitored = monitorText === undefined ? ok(null) : integerIn(monitorText, 1, VRRPD_MAX_MONITORED_PROCESSES, '-M', 'the number of vrrpd processes to share fate with');
  if (!monitored.ok) return monitored;

  if (positionals.length === 0) return err('no virtual address: give at least one ipaddr[/len] after the flags');
  const virtualAddresses: VrrpdVirtualAddress[] = [];
  for (const text of positionals) {
    const vip = parseVirtualAddress(text);
    if (!vip.ok) return vip;
    if (virtualAddresses.some((v) => v.address === vip.value.address)) return err(`${text}: virtual address given twice`);
    virtualAddresses.push(vip.value);
  }

  const magic = parseMagicPacket(values.get('I'), values.get('O'), virtualAddresses);
  if (!magic.ok) return magic;

  for (const flag of ['U', 'D', 'f'] as const) {
    if (values.get(flag) === '') return err(`-${flag}: needs a file name, got an empty one`);
  }
  const controlSocket = long.get('control-socket');
  if (controlSocket === '') return err('--control-socket: needs a path, got an empty one');

  const options: VrrpdOptions = {
    interfaceName,
    vrid: vrid.value as Vrid,
    priority: priority.value ?? VRRPD_DEFAULT_PRIORITY,
    advertIntervalSeconds: delay.value,
    // vrrpd.c: `vsrv->preempt = !vsrv->preempt` for each -s.
    preempt: (switches.get('s') ?? 0) % 2 === 0,
    authentication: authentication.value,
    noVirtualMac: (switches.get('n') ?? 0) > 0,
    reducePriority: reduce.value,
    increasePriority: increase.value,
    masterScript: values.get('U') ?? null,
    backupScript: values.get('D') ?? null,
    monitoredProcesses: monitored.value,
    magicPacket: magic.value,
    pidDirectory: values.get('f') ?? null,
    virtualAddresses,
    controlSocket: typeof controlSocket === 'string' ? controlSocket : null,
    logConsole: long.has('log-console'),
    logDetail: long.has('log-detail'),
    noSyslog: long.has('no-syslog'),
  };
  return ok({ kind: long.has('dump') ? 'dump' : 'run', options });
}

/** The vrrp_instance name (and file name stem) of one vrrpd-form process: one VRID on one interface, as vrrpd runs. */
export function vrrpdInstanceName(options: Pick<VrrpdOptions, 'interfaceName' | 'vrid'>): string {
  return `vrrpd_${options.interfaceName}_${options.vrid}`;
}

/** getopt(3)-style scan with permutation; a repeated value flag keeps its last value, as vrrpd does. */
function collect(args: readonly string[]): Result<Collected, string> {
  const values = new Map<string, string>();
  const switches = new Map<string, number>();
  const long = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', inline] = splitLong(arg.slice(2));
      if (LONG_SWITCHES.has(name)) {
        if (inline !== undefined) return err(`--${name} takes no value`);
        long.set(name, true);
      } else if (LONG_VALUES.has(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) return err(`--${name} needs a value`);
        long.set(name, value);
      } else {
        return err(`unknown option ${arg}`);
      }
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j] ?? '';
      if (SWITCH_FLAGS.has(flag)) {
        switches.set(flag, (switches.get(flag) ?? 0) + 1);
        continue;
      }
      if (!VALUE_FLAGS.has(flag)) return err(`unknown flag -${flag}`);
      const glued = arg.slice(j + 1);
      const value = glued !== '' ? glued : args[++i];
      if (value === undefined) return err(`-${flag} needs a value`);
      values.set(flag, value);
      break;
    }
  }
  return ok({ values, switches, long, positionals });
}

function splitLong(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

function integerIn(text: string, min: number, max: number, flag: string, what: string): Result<number, string> {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    return err(`${flag} ${text}: ${what} must be a whole number from ${min} to ${max}`);
  }
  return ok(value);
}

/** vrrpd.h VRRP_IS_BAD_PRIORITY: 1..255. */
function optionalPriority(text: string | undefined, flag: string, what: string): Result<Priority | null, string> {
  if (text === undefined) return ok(null);
  const value = integerIn(text, 1, 255, flag, what);
  return value.ok ? ok(value.value as Priority) : value;
}

/**
 * vrrpd.c parse_authopt: `none`; `pw/TEXT`, whose characters are copied as
 * they are, at most 8 (the hex reading of "hexkey" is compiled out, `#if 0`);
 * `ah/0x…`, which vrrpd refuses too ("not yet implemented").
 */
function parseAuthentication(text: string): Result<VrrpdAuthentication, string> {
  if (text === 'none') return ok({ kind: 'none' });
  const kind = text.startsWith('pw/') ? 'password' : text.startsWith('ah/') ? 'ipsecAh' : null;
  if (kind === null) return err(`-a ${text}: expected none, pw/PASSWORD or ah/KEY`);
  const prefix = text.slice(0, 3);
  const password = text.slice(3);
  if (password === '') return err(`-a ${prefix}: the ${kind === 'password' ? 'password' : 'key'} is empty`);
  if (!/^[\x20-\x7e]+$/.test(password)) return err(`-a ${prefix}…: the ${kind === 'password' ? 'password' : 'key'} must be printable ASCII`);
  return ok({ kind, password: password.slice(0, VRRPD_PASSWORD_MAX_CHARACTERS) });
}

/** `ipaddr[/len]`, IPv4 only (vrrpd is VRRPv2 over IPv4). */
function parseVirtualAddress(text: string): Result<VrrpdVirtualAddress, string> {
  const [addressText = '', lengthText, ...rest] = text.split('/');
  if (rest.length > 0) return err(`${text}: expected ipaddr or ipaddr/len`);
  const address = parseIpv4(addressText);
  if (!address.ok) return err(`${text}: not an IPv4 address (vrrpd runs VRRPv2 over IPv4)`);
  if (lengthText === undefined) return ok({ address: address.value, prefixLength: 32 });
  const length = /^\d+$/.test(lengthText) ? Number(lengthText) : Number.NaN;
  if (!(length >= 1 && length <= 32)) return err(`${text}: the prefix length must be a whole number from 1 to 32`);
  return ok({ address: address.value, prefixLength: length });
}

function parseMagicPacket(
  sourceText: string | undefined,
  gatewayText: string | undefined,
  vips: readonly VrrpdVirtualAddress[],
): Result<MagicPacketTarget | null, string> {
  if (sourceText === undefined && gatewayText === undefined) return ok(null);
  if (sourceText === undefined) return err(`-O ${gatewayText ?? ''}: needs -I vip, the address the magic packet is sent from`);
  if (gatewayText === undefined) return err(`-I ${sourceText}: needs -O gw, the gateway the magic packet is sent to`);
  const source = parseIpv4(sourceText);
  if (!source.ok) return err(`-I ${sourceText}: not an IPv4 address`);
  if (!vips.some((v) => v.address === source.value)) return err(`-I ${sourceText}: not one of the virtual addresses`);
  const gateway = parseIpv4(gatewayText);
  if (!gateway.ok) return err(`-O ${gatewayText}: not an IPv4 address`);
  return ok({ source: source.value, gateway: gateway.value });
}

/**
 * The name becomes part of a keepalived.conf instance name and of file
 * names; Linux allows more, vrrpd users use these.
 */
function interfaceNameProblemOf(name: string): string | null {
  if (!/^[A-Za-z0-9_.@+-]{1,15}$/.test(name) || name === '.' || name === '..') {
    return 'an interface name of 1 to 15 letters, digits, ".", "_", "-", "@" or "+" is expected';
  }
  return null;
}
