/**
 * `vipd -d` (keepalived --dump-conf): the effective configuration, after
 * include, `@`, `$`, `~SEQ`/`~LST` and keepalived's defaults, written back as
 * keepalived.conf(5) blocks. The text is itself a valid keepalived.conf:
 * parsing it gives the same VipdConfig (source locations aside), so what an
 * operator reads is exactly what vipd runs.
 *
 * Every effective value is written, defaults included, in the unit
 * keepalived.conf(5) gives it: advert_int and preempt_delay in (decimal)
 * seconds, vrrp_garp_master_delay in whole seconds, vrrp_garp_interval and
 * vrrp_gna_interval as <TIMER> seconds (written only when set, since an
 * explicit 0 is an error). Words that are not plain are quoted, with `\xHH`
 * escapes for what the configuration language would otherwise read.
 */
import type { GlobalDefs, InstanceDefinition, VipdConfig, VirtualAddressSpec } from './config-types.js';
import { formatSeconds } from './decimal-seconds.js';
import type { InstanceAuthentication } from '../protocol/instance-config.js';
import { centisecondsToMicroseconds, type Centiseconds } from '../primitives/time.js';

const INDENT = '    ';

export function dumpConfig(config: VipdConfig): string {
  const blocks = [globalDefsBlock(config.globalDefs), ...config.instances.map((i) => instanceBlock(i, config.globalDefs))];
  return blocks.map((lines) => `${lines.join('\n')}\n`).join('\n');
}

function globalDefsBlock(defs: GlobalDefs): string[] {
  const body = [
    ...(defs.routerId === null ? [] : [`router_id ${word(defs.routerId)}`]),
    `vrrp_version ${defs.vrrpVersion}`,
    `vrrp_mcast_group4 ${defs.multicastGroup4}`,
    `vrrp_mcast_group6 ${defs.multicastGroup6}`,
    // Whole seconds (global-defs.ts reads an unsigned int), so the centiseconds are a multiple of 100.
    `vrrp_garp_master_delay ${defs.garpMasterDelay / 100}`,
    `vrrp_garp_master_repeat ${defs.garpMasterRepeat}`,
    // 0 is "no pause", which keepalived.conf expresses by leaving the keyword out.
    ...(defs.garpInterval === 0 ? [] : [`vrrp_garp_interval ${formatSeconds(defs.garpInterval)}`]),
    ...(defs.gnaInterval === 0 ? [] : [`vrrp_gna_interval ${formatSeconds(defs.gnaInterval)}`]),
    `v3_checksum_as_v2 ${onOff(defs.v3ChecksumAsV2)}`,
  ];
  return block('global_defs', body);
}

function instanceBlock(instance: InstanceDefinition, defs: GlobalDefs): string[] {
  const messageOnly = instance.checksumForm === 'messageOnly';
  const body = [
    ...(instance.initialState === null ? [] : [`state ${instance.initialState}`]),
    `interface ${word(instance.interface)}`,
    `virtual_router_id ${instance.vrid}`,
    `priority ${instance.priority}`,
    `advert_int ${seconds(instance.advertInterval)}`,
    `version ${instance.version}`,
    ...authenticationBlock(instance.authentication),
    ...block('virtual_ipaddress', instance.virtualAddresses.map(addressLine)),
    // keepalived.conf(5): `preempt` is the default, `nopreempt` turns it off; preempt_delay only counts with preemption.
    instance.preempt ? `preempt_delay ${seconds(instance.preemptDelay)}` : 'nopreempt',
    instance.acceptMode ? 'accept' : 'no_accept',
    // Only where it differs from global_defs, which is the instance's default.
    ...(messageOnly === defs.v3ChecksumAsV2 ? [] : [`v3_checksum_as_v2 ${onOff(messageOnly)}`]),
  ];
  return block(`vrrp_instance ${word(instance.name)}`, body);
}

function authenticationBlock(authentication: InstanceAuthentication): string[] {
  switch (authentication.kind) {
    case 'none':
      return [];
    case 'simpleText':
      return block('authentication', ['auth_type PASS', `auth_pass ${word(passwordText(authentication.password))}`]);
    case 'ipsecAh':
      return block('authentication', ['auth_type AH', `auth_pass ${word(passwordText(withoutPadding(authentication.key)))}`]);
  }
}

/** `ADDR/LEN [brd A|+|-] [dev IF] [scope S] [label L]` (keepalived.conf(5) virtual_ipaddress). */
function addressLine(spec: VirtualAddressSpec): string {
  return [
    `${spec.address}/${spec.prefixLength}`,
    ...(spec.broadcast === null ? [] : [`brd ${spec.broadcast}`]),
    ...(spec.device === null ? [] : [`dev ${word(spec.device)}`]),
    ...(spec.scope === 'global' ? [] : [`scope ${spec.scope}`]),
    ...(spec.label === null ? [] : [`label ${word(spec.label)}`]),
  ].join(' ');
}

/** `HEAD {`, the body one level deeper (nested blocks included), `}`. */
function block(head: string, body: readonly string[]): string[] {
  return [`${head} {`, ...body.map((line) => `${INDENT}${line}`), '}'];
}

function seconds(value: Centiseconds): string {
  return formatSeconds(centisecondsToMicroseconds(value));
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

/** A word that reads back as itself: plain when it can be, else quoted with escapes. */
function word(text: string): string {
  return PLAIN_WORD.test(text) ? text : `"${[...text].map(quotedCharacter).join('')}"`;
}

/**
 * Characters that stand for themselves outside quotes: no blank, brace, quote,
 * backslash, comment character (`#`, `!`), parameter (`$`), `@` or `~`
 * (keepalived.conf(5) "Quoted strings", "Parameter substitution", "Sequence blocks").
 */
const PLAIN_WORD = /^[A-Za-z0-9_.:/+,=%-]+$/;

/**
 * Inside quotes: printable ASCII other than quotes, `\`, `$`, `~`, `#`, `!` and
 * `@` as itself, other ASCII as a two-digit `\xHH` escape, anything else as its
 * UTF-8 text, which the parser reads back unchanged.
 */
function quotedCharacter(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x80) return c;
  if (code >= 0x20 && code < 0x7f && !'"\\$~#!@\''.includes(c)) return c;
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * The auth_pass text whose first 8 UTF-8 bytes are `bytes` (authentication.ts
 * keeps no more). When those bytes end inside a multi-byte character, the
 * character is completed with the smallest continuation bytes that make it
 * valid UTF-8: the text is then longer than 8 bytes, and its first 8 are
 * `bytes` again.
 */
/** The AH key is kept zero padded to 8 bytes; the password written is without the padding. */
function withoutPadding(key: Uint8Array): Uint8Array {
  let end = key.length;
  while (end > 0 && key[end - 1] === 0) end--;
  return key.subarray(0, end);
}

function passwordText(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const complete = (prefix: Uint8Array): string | null => {
    try {
      return decoder.decode(prefix);
    } catch {
      // A UTF-8 character is at most 4 bytes, so at most 3 continuation bytes are ever missing.
      if (prefix.length >= bytes.length + 3) return null;
      for (let next = 0x80; next <= 0xbf; next++) {
        const text = complete(Uint8Array.of(...prefix, next));
        if (text !== null) return text;
      }
      return null;
    }
  };
  // The bytes are a prefix of TextEncoder output, so some completion exists.
  return complete(bytes) ?? new TextDecoder().decode(bytes);
}
