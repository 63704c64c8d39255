/**
 * One line of virtual_rules / static_rules, in ip-rule(8) syntax plus
 * keepalived's `no_track` (keepalived.conf(5) "Static routes/addresses/rules",
 * e.g. `from 192.168.2.0/24 table 1`):
 *
 *     [not] [from P|all] [to P|all] [iif IF] [oif IF] [fwmark M[/MASK]]
 *     [priority|preference|order N] [table|lookup T | goto N | TYPE] [no_track] [SELECTOR VALUE …]
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { IpPrefix, RuleSpec } from '../config-types.js';
import type { RuleAction } from '../virtual-route-types.js';
import { ipFamilyOf } from '../../primitives/ip-address.js';
import { interfaceNameProblem } from './interface-name.js';
import { readIpPrefix } from './ip-prefix.js';
import type { SchemaContext } from './schema-context.js';

/** The priority keepalived gives a rule written without one. */
const DEFAULT_RULE_PRIORITY = 16384;
const TYPE_ACTIONS: readonly RuleAction[] = ['nop', 'blackhole', 'unreachable', 'prohibit'];
/** ip-rule(8) selectors and options vipd keeps as words. */
const VALUED_SELECTORS: ReadonlySet<string> = new Set([
  'tos', 'dsfield', 'realms', 'suppress_prefixlength', 'suppress_ifgroup', 'uidrange', 'ipproto', 'sport', 'dport', 'protocol',
]);

interface RuleFields {
  not: boolean;
  from: IpPrefix | null;
  to: IpPrefix | null;
  inputInterface: string | null;
  outputInterface: string | null;
  firewallMark: string | null;
  priority: number | null;
  action: RuleAction | null;
  table: string | null;
  gotoPriority: number | null;
  noTrack: boolean;
  moreOptions: string[];
}

export function readRuleBlock(block: readonly Statement[], what: string, context: SchemaContext): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const line of block) {
    if (isAnonymousBlock(line)) continue;
    const rule = readRuleLine(line, what, context);
    if (rule !== null) rules.push(rule);
  }
  return rules;
}

export function readRuleLine(line: Statement, what: string, context: SchemaContext): RuleSpec | null {
  if (line.block !== undefined) {
    context.error(line.block.open, `${what}: a rule cannot open a { … } block; remove it`);
    return null;
  }
  const words = [line.keyword, ...line.args];
  const fields: RuleFields = {
    not: false, from: null, to: null, inputInterface: null, outputInterface: null, firewallMark: null,
    priority: null, action: null, table: null, gotoPriority: null, noTrack: false, moreOptions: [],
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) break;
    const option = word.text;
    if (option === 'not') { fields.not = true; continue; }
    if (option === 'no_track') { fields.noTrack = true; continue; }
    if (option === 'l3mdev') { fields.moreOptions.push(option); continue; }
    const typeAction = TYPE_ACTIONS.find((a) => a === option);
    if (typeAction !== undefined) {
      if (!setAction(fields, typeAction, word, what, context)) return null;
      continue;
    }
    const value = words[++i];
    if (value === undefined) {
      context.error(word.location, `${what}: ${option} is missing its value`);
      return null;
    }
    if (!applyOption(fields, option, word, value, what, context)) return null;
  }
  if (fields.from !== null && fields.to !== null && ipFamilyOf(fields.from.address) !== ipFamilyOf(fields.to.address)) {
    context.error(line.location, `${what}: from and to are of different families; a rule is IPv4 or IPv6`);
    return null;
  }
  if (fields.action === null) {
    context.error(line.location, `${what}: the rule has no action; add table N (or lookup, goto, blackhole, unreachable, prohibit, nop)`);
    return null;
  }
  if (fields.priority === null) {
    // keepalived: "Rule has no preference specified - setting to 16384. This is probably not what you want."
    context.warning(
      line.location,
      `${what}: the rule has no priority, so ${DEFAULT_RULE_PRIORITY} is used (as keepalived does; its -t counts this as a ` +
        'configuration error); give each rule its own priority N',
      'keepalivedConfigError',
    );
    fields.priority = DEFAULT_RULE_PRIORITY;
  }
  return { ...fields, action: fields.action, location: line.location };
}

function setAction(fields: RuleFields, action: RuleAction, word: Word, what: string, context: SchemaContext): boolean {
  if (fields.action !== null) {
    context.error(word.location, `${what}: the rule already has the action ${fields.action}; keep one`);
    return false;
  }
  fields.action = action;
  return true;
}

function applyOption(fields: RuleFields, option: string, word: Word, value: Word, what: string, context: SchemaContext): boolean {
  switch (option) {
    case 'from':
    case 'to': {
      if (value.text === 'all') return true;
      const prefix = readIpPrefix(value, `${what} ${option}`, context);
      if (prefix === null) return false;
      fields[option] = prefix;
      return true;
    }
    case 'iif':
    case 'dev':
    case 'oif': {
      const problem = interfaceNameProblem(value.text);
      if (problem !== null) {
        context.error(value.location, `${what} ${option}: ${problem}`);
        return false;
      }
      if (option === 'oif') fields.outputInterface = value.text;
      else fields.inputInterface = value.text;
      return true;
    }
    case 'fwmark':
      if (!/^(0x[0-9a-fA-F]+|\d+)(\/(0x[0-9a-fA-F]+|\d+))?$/.test(value.text)) {
        context.error(value.location, `${what}: fwmark "${value.text}" is not VALUE[/MASK]`);
        return false;
      }
      fields.firewallMark = value.text;
      return true;
    case 'priority':
    case 'preference':
    case 'pref':
    case 'order': {
      const number = wholeNumber(value, what, 'priority', context);
      if (number === null) return false;
      fields.priority = number;
      return true;
    }
    case 'table':
    case 'lookup':
      if (!setAction(fields, 'table', word, what, context)) return false;
      fields.table = value.text;
      return true;
    case 'goto': {
      const number = wholeNumber(value, what, 'goto', context);
      if (number === null || !setAction(fields, 'goto', word, what, context)) return false;
      fields.gotoPriority = number;
      return true;
    }
    default:
      if (!VALUED_SELECTORS.has(option)) {
        context.error(word.location, `${what}: unknown rule option "${option}"; use ip-rule(8) syntax, e.g. from 10.0.0.0/24 table 100`);
        return false;
      }
      fields.moreOptions.push(option, value.text);
      return true;
  }
}

function wholeNumber(value: Word, what: string, name: string, context: SchemaContext): number | null {
  if (!/^\d+$/.test(value.text) || Number(value.text) > 4_294_967_295) {
    context.error(value.location, `${what}: ${name} "${value.text}" is not a whole number from 0 to 4294967295`);
    return null;
  }
  return Number(value.text);
}
