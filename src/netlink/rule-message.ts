/**
 * Policy routing rule requests, RTM_NEWRULE and RTM_DELRULE (rtnetlink(7),
 * ip-rule(8)): struct fib_rule_hdr followed by FRA_* attributes
 * (linux/fib_rules.h). vipd installs keepalived's virtual_rules with it,
 * tagged FRA_PROTOCOL 18 (RTPROT_KEEPALIVED) as keepalived 2.2.7 tags them
 * (`ip rule` shows "proto keepalived"; seen in a namespace); a delete names
 * the protocol too, so an operator's identical rule is left alone.
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    family     |    dst_len    |    src_len    |      tos      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     table     |     res1      |     res2      |    action     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      flags (FIB_RULE_*)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        FRA_* attributes                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { ipAddressBytes, ipFamilyOf, type IpFamily } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { addressFamilyOf } from './address-family.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { stringValue, u32Value, u8Value, type AttributeSpec } from './netlink-attribute.js';
import { NetlinkFlag } from './netlink-header.js';
import type { RoutePrefix } from './route-message.js';
import { RtnetlinkMessageType } from './rtnetlink-message.js';
import { request, type RequestError } from './rtnetlink-request.js';

export const FIB_RULE_HDR_BYTES = 12;

/** FRA_* (linux/fib_rules.h), the ones vipd sends. */
export const RuleAttribute = {
  destination: 1,
  source: 2,
  inputInterfaceName: 3,
  goto: 4,
  priority: 6,
  firewallMark: 10,
  suppressInterfaceGroup: 13,
  suppressPrefixLength: 14,
  table: 15,
  firewallMask: 16,
  outputInterfaceName: 17,
  uidRange: 20,
  protocol: 21,
  ipProtocol: 22,
  sourcePortRange: 23,
  destinationPortRange: 24,
} as const;

/** FR_ACT_* (linux/fib_rules.h). */
export const RuleActionValue = {
  table: 1,
  goto: 2,
  nop: 3,
  blackhole: 6,
  unreachable: 7,
  prohibit: 8,
} as const;

export type RuleActionName = keyof typeof RuleActionValue;

/** FIB_RULE_INVERT: `not`. */
const FIB_RULE_INVERT = 0x2;

export interface NumberRange {
  readonly start: number;
  readonly end: number;
}

/** One rule as the kernel is to hold it: ip-rule(8) words resolved to numbers. */
export interface Rule {
  readonly family: IpFamily;
  readonly invert: boolean;
  readonly source: RoutePrefix | null;
  readonly destination: RoutePrefix | null;
  readonly inputInterface: string | null;
  readonly outputInterface: string | null;
  readonly firewallMark: { readonly value: number; readonly mask: number | null } | null;
  /** The rule's preference; keepalived gives 16384 to a rule without one. */
  readonly priority: number;
  readonly action: RuleActionName;
  /** For action `table`. */
  readonly table: number | null;
  /** For action `goto`: the preference to continue at. */
  readonly gotoPriority: number | null;
  readonly protocol: number;
  readonly tos: number | null;
  readonly suppressPrefixLength: number | null;
  readonly suppressInterfaceGroup: number | null;
  readonly uidRange: NumberRange | null;
  readonly ipProtocol: number | null;
  readonly sourcePorts: NumberRange | null;
  readonly destinationPorts: NumberRange | null;
}

/** RTM_NEWRULE with NLM_F_CREATE | NLM_F_EXCL: the same rule twice fails with EEXIST. */
export function encodeNewRuleRequest(sequence: number, rule: Rule): Result<Uint8Array, RequestError> {
  return encodeRule(RtnetlinkMessageType.newRule, NetlinkFlag.request | NetlinkFlag.ack | NetlinkFlag.create | NetlinkFlag.exclusive, sequence, rule);
}

/** RTM_DELRULE for the rule installed as `rule`; the kernel answers ENOENT if there is none. */
export function encodeDeleteRuleRequest(sequence: number, rule: Rule): Result<Uint8Array, RequestError> {
  return encodeRule(RtnetlinkMessageType.deleteRule, NetlinkFlag.request | NetlinkFlag.ack, sequence, rule);
}

function encodeRule(type: number, flags: number, sequence: number, rule: Rule): Result<Uint8Array, RequestError> {
  const checked = checkRule(rule);
  if (!checked.ok) return err(checked.error);
  const header = new Uint8Array(FIB_RULE_HDR_BYTES);
  header[0] = addressFamilyOf(rule.family);
  header[1] = rule.destination?.prefixLength ?? 0;
  header[2] = rule.source?.prefixLength ?? 0;
  header[3] = rule.tos ?? 0;
  header[4] = rule.table !== null && rule.table < 256 ? rule.table : 0;
  header[7] = RuleActionValue[rule.action];
  viewOf(header).setUint32(8, rule.invert ? FIB_RULE_INVERT : 0, HOST_IS_LITTLE_ENDIAN);
  const attributes: AttributeSpec[] = [
    { type: RuleAttribute.priority, value: u32Value(rule.priority) },
    { type: RuleAttribute.protocol, value: u8Value(rule.protocol) },
  ];
  if (rule.table !== null) attributes.push({ type: RuleAttribute.table, value: u32Value(rule.table) });
  if (rule.gotoPriority !== null) attributes.push({ type: RuleAttribute.goto, value: u32Value(rule.gotoPriority) });
  if (rule.source !== null) attributes.push({ type: RuleAttribute.source, value: ipAddressBytes(rule.source.address) });
  if (rule.destination !== null) attributes.push({ type: RuleAttribute.destination, value: ipAddressBytes(rule.destination.address) });
  if (rule.inputInterface !== null) attributes.push({ type: RuleAttribute.inputInterfaceName, value: stringValue(rule.inputInterface) });
  if (rule.outputInterface !== null) attributes.push({ type: RuleAttribute.outputInterfaceName, value: stringValue(rule.outputInterface) });
  if (rule.firewallMark !== null) {
    attributes.push({ type: RuleAttribute.firewallMark, value: u32Value(rule.firewallMark.value) });
    if (rule.firewallMark.mask !== null) attributes.push({ type: RuleAttribute.firewallMask, value: u32Value(rule.firewallMark.mask) });
  }
  if (rule.suppressPrefixLength !== null) attributes.push({ type: RuleAttribute.suppressPrefixLength, value: u32Value(rule.suppressPrefixLength) });
  if (rule.suppressInterfaceGroup !== null) attributes.push({ type: RuleAttribute.suppressInterfaceGroup, value: u32Value(rule.suppressInterfaceGroup) });
  if (rule.uidRange !== null) attributes.push({ type: RuleAttribute.uidRange, value: rangeValue(rule.uidRange, 4) });
  if (rule.ipProtocol !== null) attributes.push({ type: RuleAttribute.ipProtocol, value: u8Value(rule.ipProtocol) });
  if (rule.sourcePorts !== null) attributes.push({ type: RuleAttribute.sourcePortRange, value: rangeValue(rule.sourcePorts, 2) });
  if (rule.destinationPorts !== null) attributes.push({ type: RuleAttribute.destinationPortRange, value: rangeValue(rule.destinationPorts, 2) });
  return ok(request(type, flags, sequence, header, attributes));
}

/** struct fib_rule_uid_range (two u32) or fib_rule_port_range (two u16), host byte order. */
function rangeValue(range: NumberRange, sizeBytes: 2 | 4): Uint8Array {
  const bytes = new Uint8Array(sizeBytes * 2);
  const view = viewOf(bytes);
  if (sizeBytes === 4) {
    view.setUint32(0, range.start, HOST_IS_LITTLE_ENDIAN);
    view.setUint32(4, range.end, HOST_IS_LITTLE_ENDIAN);
  } else {
    view.setUint16(0, range.start, HOST_IS_LITTLE_ENDIAN);
    view.setUint16(2, range.end, HOST_IS_LITTLE_ENDIAN);
  }
  return bytes;
}

function checkRule(rule: Rule): Result<true, RequestError> {
  const field = (name: string, value: number | string): Result<true, RequestError> => err({ kind: 'invalidRoutingField', field: name, value });
  const maximum = rule.family === 'ipv4' ? 32 : 128;
  for (const [name, prefix] of [['source', rule.source], ['destination', rule.destination]] as const) {
    if (prefix === null) continue;
    if (ipFamilyOf(prefix.address) !== rule.family) return field(name, prefix.address);
    if (!Number.isInteger(prefix.prefixLength) || prefix.prefixLength < 0 || prefix.prefixLength > maximum) return field(`${name} prefixLength`, prefix.prefixLength);
  }
  if (!isInRange(rule.priority, 0xffffffff)) return field('priority', rule.priority);
  if (rule.action === 'table' && (rule.table === null || rule.table === 0)) return field('table', rule.table ?? 0);
  if (rule.action === 'goto' && rule.gotoPriority === null) return field('goto', 'missing');
  for (const [name, value, maximumValue] of [
    ['table', rule.table, 0xffffffff],
    ['goto', rule.gotoPriority, 0xffffffff],
    ['protocol', rule.protocol, 0xff],
    ['tos', rule.tos, 0xff],
    ['suppressPrefixLength', rule.suppressPrefixLength, 0xffffffff],
    ['suppressInterfaceGroup', rule.suppressInterfaceGroup, 0xffffffff],
    ['ipProtocol', rule.ipProtocol, 0xff],
    ['firewallMark', rule.firewallMark?.value ?? null, 0xffffffff],
    ['firewallMask', rule.firewallMark?.mask ?? null, 0xffffffff],
  ] as const) {
    if (value !== null && !isInRange(value, maximumValue)) return field(name, value);
  }
  for (const [name, range, maximumValue] of [
    ['uidRange', rule.uidRange, 0xffffffff],
    ['sourcePorts', rule.sourcePorts, 0xffff],
    ['destinationPorts', rule.destinationPorts, 0xffff],
  ] as const) {
    if (range !== null && (!isInRange(range.start, maximumValue) || !isInRange(range.end, maximumValue) || range.start > range.end)) {
      return field(name, `${range.start}-${range.end}`);
    }
  }
  for (const [name, text] of [['iif', rule.inputInterface], ['oif', rule.outputInterface]] as const) {
    if (text !== null && (text.length === 0 || stringValue(text).length > 16)) return field(name, text);
  }
  return ok(true);
}

function isInRange(value: number, maximum: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= maximum;
}
