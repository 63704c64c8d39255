/**
 * The lines `vipd -d` writes for the parts of a configuration that are more
 * than one value: address, route and rule lines, commands, track blocks,
 * notify lines and recorded keywords, each in the syntax its reader takes.
 */
import type {
  CommandSpec,
  NotifyCommands,
  RecordedStatement,
  RouteSpec,
  RuleSpec,
  RunAs,
  TrackReference,
  VirtualAddressSpec,
} from './config-types.js';
import { block, blockIfAny, word } from './dump-words.js';
import { joinCommand } from './schema/command-line.js';
import { formatPrefix } from './schema/ip-prefix.js';

/** `ADDR/LEN [brd A|+|-] [dev IF] [scope S] [label L] [peer P] [flags…]` (keepalived.conf(5) virtual_ipaddress). */
export function addressLine(spec: VirtualAddressSpec): string {
  return [
    `${spec.address}/${spec.prefixLength}`,
    ...(spec.broadcast === null ? [] : [`brd ${spec.broadcast}`]),
    ...(spec.device === null ? [] : [`dev ${word(spec.device)}`]),
    ...(spec.scope === 'global' ? [] : [`scope ${spec.scope}`]),
    ...(spec.label === null ? [] : [`label ${word(spec.label)}`]),
    ...(spec.peer === null ? [] : [`peer ${spec.peer}`]),
    ...(spec.home ? ['home'] : []),
    ...(spec.noDad ? ['-nodad'] : []),
    ...(spec.manageTemporaryAddress ? ['mngtmpaddr'] : []),
    ...(spec.noPrefixRoute ? ['noprefixroute'] : []),
    ...(spec.autoJoin ? ['autojoin'] : []),
    ...(spec.noTrack ? ['no_track'] : []),
    ...(spec.preferredLifetime === null ? [] : [`preferred_lft ${spec.preferredLifetime}`]),
    ...(spec.useVmac ? ['use_vmac'] : []),
    ...(spec.trackGroup === null ? [] : [`track_group ${word(spec.trackGroup)}`]),
  ].join(' ');
}

/** ip-route(8) syntax, as route-line.ts reads it. */
export function routeLine(route: RouteSpec): string {
  return [
    ...(route.type === 'unicast' ? [] : [route.type]),
    route.destination === null ? 'default' : formatPrefix(route.destination),
    ...(route.source === null ? [] : [`src ${route.source}`]),
    ...(route.via === null ? [] : [`via ${route.via}`]),
    ...(route.device === null ? [] : [`dev ${word(route.device)}`]),
    ...(route.table === null ? [] : [`table ${word(route.table)}`]),
    ...(route.metric === null ? [] : [`metric ${route.metric}`]),
    ...(route.scope === null ? [] : [`scope ${word(route.scope)}`]),
    ...(route.protocol === null ? [] : [`protocol ${word(route.protocol)}`]),
    ...route.moreOptions.map(word),
    ...(route.noTrack ? ['no_track'] : []),
  ].join(' ');
}

/** ip-rule(8) syntax, as rule-line.ts reads it. */
export function ruleLine(rule: RuleSpec): string {
  return [
    ...(rule.not ? ['not'] : []),
    ...(rule.from === null ? [] : [`from ${formatPrefix(rule.from)}`]),
    ...(rule.to === null ? [] : [`to ${formatPrefix(rule.to)}`]),
    ...(rule.inputInterface === null ? [] : [`iif ${word(rule.inputInterface)}`]),
    ...(rule.outputInterface === null ? [] : [`oif ${word(rule.outputInterface)}`]),
    ...(rule.firewallMark === null ? [] : [`fwmark ${rule.firewallMark}`]),
    ...(rule.priority === null ? [] : [`priority ${rule.priority}`]),
    ...rule.moreOptions.map(word),
    ...ruleAction(rule),
    ...(rule.noTrack ? ['no_track'] : []),
  ].join(' ');
}

function ruleAction(rule: RuleSpec): string[] {
  switch (rule.action) {
    case 'table':
      return [`table ${word(rule.table ?? 'main')}`];
    case 'goto':
      return [`goto ${rule.gotoPriority ?? 0}`];
    case 'nop':
    case 'blackhole':
    case 'unreachable':
    case 'prohibit':
      return [rule.action];
  }
}

export function runAsWords(runAs: RunAs | null): string[] {
  if (runAs === null) return [];
  return [word(runAs.user), ...(runAs.group === null ? [] : [word(runAs.group)])];
}

/** `KEYWORD "CMD ARGS" [USER [GROUP]]`. */
export function commandLine(keyword: string, command: CommandSpec | null): string[] {
  if (command === null) return [];
  return [[keyword, word(joinCommand(command.argv)), ...runAsWords(command.runAs)].join(' ')];
}

/** `KEYWORD { NAME [weight W] [reverse] … }` when there are any. */
export function trackBlock(keyword: string, references: readonly TrackReference[]): string[] {
  return blockIfAny(
    keyword,
    references.map((r) => [word(r.name), ...(r.weight === null ? [] : [`weight ${r.weight}`]), ...(r.reverse ? ['reverse'] : [])].join(' ')),
  );
}

export function notifyLines(notify: NotifyCommands): string[] {
  return [
    ...commandLine('notify_master', notify.master),
    ...commandLine('notify_backup', notify.backup),
    ...commandLine('notify_fault', notify.fault),
    ...commandLine('notify_stop', notify.stop),
    ...(notify.deleted === 'reportDeletedState' ? ['notify_deleted'] : commandLine('notify_deleted', notify.deleted)),
    ...commandLine('notify_master_rx_lower_pri', notify.masterRxLowerPriority),
    ...commandLine('notify', notify.any),
  ];
}

/** A recorded keyword as it was written (its words quoted where needed). */
export function recordedLines(statement: RecordedStatement): string[] {
  const head = [word(statement.keyword), ...statement.words.map(word)].join(' ');
  return statement.block === null ? [head] : block(head, statement.block.flatMap(recordedLines));
}
