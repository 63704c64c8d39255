/**
 * `vipd -d` (keepalived --dump-conf): the effective configuration, after
 * include, `@`, `$`, `~SEQ`/`~LST` and keepalived's defaults, written back as
 * keepalived.conf(5) blocks. The text is itself a valid keepalived.conf:
 * parsing it gives the same VipdConfig (source locations aside), so what an
 * operator reads is exactly what vipd runs.
 *
 * Every effective value of what vipd runs is written, defaults included, in
 * the unit keepalived.conf(5) gives it: advert_int and preempt_delay in
 * (decimal) seconds, the GARP delays in whole seconds, vrrp_garp_interval and
 * vrrp_gna_interval as <TIMER> seconds (written only when set, since an
 * explicit 0 is an error). What vipd types but does not act on yet is written
 * only where it differs from keepalived's default, and an instance's setting
 * only where it differs from its global_defs default. Words that are not plain
 * are quoted, with `\xHH` escapes for what the configuration language would
 * otherwise read (dump-words.ts).
 */
import type {
  GarpExtraInterfaces,
  GarpGroupDefinition,
  GlobalDefs,
  InstanceDefinition,
  SyncGroupDefinition,
  TrackFileDefinition,
  TrackProcessDefinition,
  VipdConfig,
  VmacSpec,
  VrrpScriptDefinition,
} from './config-types.js';
import { formatSeconds } from './decimal-seconds.js';
import {
  addressLine,
  commandLine,
  notifyLines,
  recordedLines,
  routeLine,
  ruleLine,
  runAsWords,
  trackBlock,
} from './dump-lines.js';
import { block, blockIfAny, flagLine, onOff, seconds, word } from './dump-words.js';
import { KEEPALIVED_DEFAULTS } from './keepalived-defaults.js';
import { joinCommand } from './schema/command-line.js';
import { formatPrefix } from './schema/ip-prefix.js';
import type { InstanceAuthentication } from '../protocol/instance-config.js';
import type { Centiseconds, Microseconds } from '../primitives/time.js';

export function dumpConfig(config: VipdConfig): string {
  const blocks = [
    globalDefsBlock(config.globalDefs),
    ...staticBlocks(config),
    ...config.garpGroups.map(garpGroupBlock),
    ...config.scripts.map(scriptBlock),
    ...config.trackFiles.map(trackFileBlock),
    ...config.trackProcesses.map(trackProcessBlock),
    ...config.instances.map((i) => instanceBlock(i, config.globalDefs)),
    ...config.syncGroups.map(syncGroupBlock),
    ...config.otherKeywords.map(recordedLines),
  ];
  return blocks.map((lines) => `${lines.join('\n')}\n`).join('\n');
}

function globalDefsBlock(defs: GlobalDefs): string[] {
  const body = [
    ...(defs.routerId === null ? [] : [`router_id ${word(defs.routerId)}`]),
    `vrrp_version ${defs.vrrpVersion}`,
    `vrrp_mcast_group4 ${defs.multicastGroup4}`,
    `vrrp_mcast_group6 ${defs.multicastGroup6}`,
    // Whole seconds (global-defs.ts reads an unsigned int), so the centiseconds are a multiple of 100.
    `vrrp_garp_master_delay ${wholeSeconds(defs.garpMasterDelay)}`,
    `vrrp_garp_master_repeat ${defs.garpMasterRepeat}`,
    `vrrp_garp_lower_prio_delay ${wholeSeconds(defs.garpLowerPriorityDelay)}`,
    `vrrp_garp_lower_prio_repeat ${defs.garpLowerPriorityRepeat}`,
    // 0 is "no pause", which keepalived.conf expresses by leaving the keyword out.
    ...(defs.garpInterval === 0 ? [] : [`vrrp_garp_interval ${formatSeconds(defs.garpInterval)}`]),
    ...(defs.gnaInterval === 0 ? [] : [`vrrp_gna_interval ${formatSeconds(defs.gnaInterval)}`]),
    `vrrp_down_timer_adverts ${defs.downTimerAdverts}`,
    `vrrp_lower_prio_no_advert ${onOff(defs.lowerPriorityNoAdvert)}`,
    `v3_checksum_as_v2 ${onOff(defs.v3ChecksumAsV2)}`,
    // Typed, not acted on yet: written where they differ from keepalived's defaults.
    ...(defs.garpMasterRefresh === 0 ? [] : [`vrrp_garp_master_refresh ${wholeSeconds(defs.garpMasterRefresh)}`]),
    ...(defs.garpMasterRefreshRepeat === 1 ? [] : [`vrrp_garp_master_refresh_repeat ${defs.garpMasterRefreshRepeat}`]),
    ...flagLine('vrrp_min_garp', defs.minGarp),
    ...garpExtraLine('vrrp_garp_extra_if', defs.garpExtraInterfaces),
    ...flagLine('vrrp_higher_prio_send_advert', defs.higherPrioritySendAdvert),
    ...flagLine('vrrp_owner_ignore_adverts', defs.ownerIgnoreAdverts),
    ...flagLine('vrrp_strict', defs.strict),
    ...flagLine('vrrp_skip_check_adv_addr', defs.skipCheckAdvertAddresses),
    ...flagLine('vrrp_check_unicast_src', defs.checkUnicastSource),
    ...(defs.scriptUser === null ? [] : [['script_user', ...runAsWords(defs.scriptUser)].join(' ')]),
    ...flagLine('enable_script_security', defs.enableScriptSecurity),
    ...(defs.notifyFifo === null ? [] : [['notify_fifo', word(defs.notifyFifo.path), ...runAsWords(defs.notifyFifo.runAs)].join(' ')]),
    ...commandLine('notify_fifo_script', defs.notifyFifoScript),
    ...(defs.vrrpNotifyFifo === null
      ? []
      : [['vrrp_notify_fifo', word(defs.vrrpNotifyFifo.path), ...runAsWords(defs.vrrpNotifyFifo.runAs)].join(' ')]),
    ...commandLine('vrrp_notify_fifo_script', defs.vrrpNotifyFifoScript),
    ...flagLine('vrrp_notify_priority_changes', defs.notifyPriorityChanges),
    ...flagLine('fifo_write_vrrp_states_on_reload', defs.fifoWriteStatesOnReload),
    ...(defs.startupDelay === 0 ? [] : [`vrrp_startup_delay ${formatSeconds(defs.startupDelay)}`]),
    ...(defs.dynamicInterfaces === 'off' ? [] : [`dynamic_interfaces${defs.dynamicInterfaces === 'on' ? '' : ' allow_if_changes'}`]),
    ...(defs.defaultInterface === KEEPALIVED_DEFAULTS.defaultInterface ? [] : [`default_interface ${word(defs.defaultInterface)}`]),
    ...(defs.vmacPrefix === KEEPALIVED_DEFAULTS.vmacPrefix ? [] : [`vmac_prefix ${word(defs.vmacPrefix)}`]),
    ...flagLine('log_unknown_vrids', defs.logUnknownVrids),
    ...(defs.stateDumpFile === null ? [] : [`state_dump_file ${word(defs.stateDumpFile)}`]),
    ...(defs.statsDumpFile === null ? [] : [`stats_dump_file ${word(defs.statsDumpFile)}`]),
    ...(defs.jsonDumpFile === null ? [] : [`json_dump_file ${word(defs.jsonDumpFile)}`]),
    ...defs.otherKeywords.flatMap(recordedLines),
  ];
  return block('global_defs', body);
}

function staticBlocks(config: VipdConfig): string[][] {
  return [
    blockIfAny('static_ipaddress', config.staticAddresses.map(addressLine)),
    blockIfAny('static_routes', config.staticRoutes.map(routeLine)),
    blockIfAny('static_rules', config.staticRules.map(ruleLine)),
  ].filter((lines) => lines.length > 0);
}

function garpGroupBlock(group: GarpGroupDefinition): string[] {
  return block('garp_group', [
    ...(group.garpInterval === null ? [] : [`garp_interval ${formatSeconds(group.garpInterval)}`]),
    ...(group.gnaInterval === null ? [] : [`gna_interval ${formatSeconds(group.gnaInterval)}`]),
    ...block('interfaces', group.interfaces.map(word)),
  ]);
}

function scriptBlock(script: VrrpScriptDefinition): string[] {
  return block(`vrrp_script ${word(script.name)}`, [
    ...(script.command === null ? [] : [`script ${word(joinCommand(script.command.argv))}`]),
    `interval ${formatSeconds(script.interval)}`,
    `timeout ${formatSeconds(script.timeout)}`,
    `weight ${script.weight}${script.reverse ? ' reverse' : ''}`,
    `rise ${script.rise}`,
    `fall ${script.fall}`,
    ...(script.runAs === null ? [] : [['user', ...runAsWords(script.runAs)].join(' ')]),
    ...flagLine('init_fail', script.initFail),
  ]);
}

function trackFileBlock(file: TrackFileDefinition): string[] {
  return block(`track_file ${word(file.name)}`, [
    ...(file.path === null ? [] : [`file ${word(file.path)}`]),
    `weight ${file.weight}${file.reverse ? ' reverse' : ''}`,
    ...(file.initFile === null ? [] : [`init_file ${file.initFile.value}${file.initFile.overwrite ? ' overwrite' : ''}`]),
  ]);
}

function trackProcessBlock(process: TrackProcessDefinition): string[] {
  return block(`vrrp_track_process ${word(process.name)}`, [
    ...(process.process.length === 0 ? [] : [['process', ...process.process.map(word)].join(' ')]),
    ...flagLine('full_command', process.fullCommand),
    ...(process.parameterMatch === 'exact' ? [] : [`param_match ${process.parameterMatch}`]),
    `weight ${process.weight}${process.reverse ? ' reverse' : ''}`,
    `quorum ${process.quorum}`,
    ...(process.quorumMax === null ? [] : [`quorum_max ${process.quorumMax}`]),
    ...optionalSeconds('fork_delay', process.forkDelay),
    ...optionalSeconds('terminate_delay', process.terminateDelay),
  ]);
}

function syncGroupBlock(group: SyncGroupDefinition): string[] {
  return block(`vrrp_sync_group ${word(group.name)}`, [
    ...block('group', group.members.map(word)),
    ...trackBlock('track_interface', group.trackInterfaces),
    ...trackBlock('track_script', group.trackScripts),
    ...trackBlock('track_file', group.trackFiles),
    ...trackBlock('track_process', group.trackProcesses),
    ...trackBlock('track_bfd', group.trackBfd),
    ...notifyLines(group.notify),
    ...flagLine('notify_priority_changes', group.notifyPriorityChanges),
    ...(group.smtpAlert === null ? [] : [`smtp_alert ${onOff(group.smtpAlert)}`]),
  ]);
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
    ...differing('garp_master_delay', instance.garpMasterDelay, defs.garpMasterDelay, wholeSeconds),
    ...differing('garp_master_repeat', instance.garpMasterRepeat, defs.garpMasterRepeat, String),
    ...differing('garp_lower_prio_delay', instance.garpLowerPriorityDelay, defs.garpLowerPriorityDelay, wholeSeconds),
    ...differing('garp_lower_prio_repeat', instance.garpLowerPriorityRepeat, defs.garpLowerPriorityRepeat, String),
    ...differing('down_timer_adverts', instance.downTimerAdverts, defs.downTimerAdverts, String),
    ...differing('lower_prio_no_advert', instance.lowerPriorityNoAdvert, defs.lowerPriorityNoAdvert, onOff),
    ...typedNotLanded(instance, defs),
    ...instance.otherKeywords.flatMap(recordedLines),
  ];
  return block(`vrrp_instance ${word(instance.name)}`, body);
}

/** The instance settings vipd types but does not act on yet, where they differ from their defaults. */
function typedNotLanded(instance: InstanceDefinition, defs: GlobalDefs): string[] {
  return [
    ...blockIfAny('virtual_ipaddress_excluded', instance.excludedAddresses.map(addressLine)),
    ...blockIfAny('virtual_routes', instance.virtualRoutes.map(routeLine)),
    ...blockIfAny('virtual_rules', instance.virtualRules.map(ruleLine)),
    ...flagLine('promote_secondaries', instance.promoteSecondaries),
    ...trackBlock('track_interface', instance.trackInterfaces),
    ...trackBlock('track_script', instance.trackScripts),
    ...trackBlock('track_file', instance.trackFiles),
    ...trackBlock('track_process', instance.trackProcesses),
    ...trackBlock('track_bfd', instance.trackBfd),
    ...flagLine('dont_track_primary', instance.dontTrackPrimary),
    ...flagLine('track_src_ip', instance.trackSourceIp),
    ...notifyLines(instance.notify),
    ...differing('notify_priority_changes', instance.notifyPriorityChanges, defs.notifyPriorityChanges, onOff),
    ...(instance.smtpAlert === null ? [] : [`smtp_alert ${onOff(instance.smtpAlert)}`]),
    // mcast_src_ip is unicast_src_ip's synonym, and unlike it valid without peers (keepalived 2.2.7 -t).
    ...(instance.unicastSource === null ? [] : [`mcast_src_ip ${instance.unicastSource}`]),
    ...blockIfAny(
      'unicast_peer',
      instance.unicastPeers.map((p) =>
        [p.address, ...(p.minTtl === null ? [] : [`min_ttl ${p.minTtl}`]), ...(p.maxTtl === null ? [] : [`max_ttl ${p.maxTtl}`])].join(' '),
      ),
    ),
    ...(instance.unicastTtl === null ? [] : [`unicast_ttl ${instance.unicastTtl}`]),
    ...differing('check_unicast_src', instance.checkUnicastSource, defs.checkUnicastSource, onOff),
    ...flagLine('unicast_fault_no_peer', instance.unicastFaultNoPeer),
    ...(instance.oldUnicastChecksum === 'off' ? [] : [`old_unicast_checksum${instance.oldUnicastChecksum === 'never' ? ' never' : ''}`]),
    ...(instance.multicastDestination === null ? [] : [`mcast_dst_ip ${instance.multicastDestination}`]),
    ...vmacLines(instance.vmac),
    ...differing('garp_master_refresh', instance.garpMasterRefresh, defs.garpMasterRefresh, wholeSeconds),
    ...differing('garp_master_refresh_repeat', instance.garpMasterRefreshRepeat, defs.garpMasterRefreshRepeat, String),
    ...(sameGarpExtra(instance.garpExtraInterfaces, defs.garpExtraInterfaces) ? [] : garpExtraLine('garp_extra_if', instance.garpExtraInterfaces)),
    ...differing('higher_prio_send_advert', instance.higherPrioritySendAdvert, defs.higherPrioritySendAdvert, onOff),
    ...differing('owner_ignore_adverts', instance.ownerIgnoreAdverts, defs.ownerIgnoreAdverts, onOff),
    ...(instance.timerExpiredBackup === null
      ? []
      : [`timer_expired_backup${instance.timerExpiredBackup.priority === null ? '' : ` ${instance.timerExpiredBackup.priority}`}`]),
    ...differing('strict_mode', instance.strictMode, defs.strict, onOff),
    ...differing('skip_check_adv_addr', instance.skipCheckAdvertAddresses, defs.skipCheckAdvertAddresses, onOff),
    ...(instance.kernelRxBufferBytes === null ? [] : [`kernel_rx_buf_size ${instance.kernelRxBufferBytes}`]),
    ...(instance.vrf === null ? [] : [`vrf ${word(instance.vrf)}`]),
  ];
}

function vmacLines(vmac: VmacSpec | null): string[] {
  if (vmac === null) return [];
  const name = vmac.interfaceName === null ? [] : [word(vmac.interfaceName)];
  const head =
    vmac.kind === 'macvlan'
      ? ['use_vmac', ...name, ...(vmac.macAddress === null ? [] : [vmac.macAddress])]
      : [
          'use_ipvlan',
          ...name,
          ...(vmac.ipvlanAddress === null ? [] : [formatPrefix(vmac.ipvlanAddress)]),
          ...(vmac.ipvlanMode === null ? [] : [vmac.ipvlanMode]),
        ];
  return [head.join(' '), ...flagLine('use_vmac_addr', vmac.useVmacAddress), ...flagLine('vmac_xmit_base', vmac.transmitOnBase)];
}

function garpExtraLine(keyword: string, extra: GarpExtraInterfaces | null): string[] {
  return extra === null ? [] : [`${keyword}${extra.allInterfaces ? ' all' : ''} ${extra.delaySeconds}`];
}

function sameGarpExtra(a: GarpExtraInterfaces | null, b: GarpExtraInterfaces | null): boolean {
  return a === b || (a !== null && b !== null && a.allInterfaces === b.allInterfaces && a.delaySeconds === b.delaySeconds);
}

/** `KEYWORD VALUE` when the instance's value differs from its global_defs default. */
function differing<T>(keyword: string, value: T, globalValue: T, format: (value: T) => string): string[] {
  return value === globalValue ? [] : [`${keyword} ${format(value)}`];
}

function wholeSeconds(value: Centiseconds): string {
  return String(value / 100);
}

function optionalSeconds(keyword: string, value: Microseconds | null): string[] {
  return value === null ? [] : [`${keyword} ${formatSeconds(value)}`];
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
