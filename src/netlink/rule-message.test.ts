import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IpAddress } from '../primitives/ip-address.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { decodeAttributes } from './netlink-attribute.js';
import { decodeNetlinkMessages } from './netlink-message.js';
import { encodeDeleteRuleRequest, encodeNewRuleRequest, FIB_RULE_HDR_BYTES, RuleAttribute, type Rule } from './rule-message.js';

const ip = (text: string): IpAddress => text as IpAddress;
const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');

/** `from 10.9.60.0/24 table 100 priority 1000`, keepalived's protocol. */
const RULE: Rule = {
  family: 'ipv4',
  invert: false,
  source: { address: ip('10.9.60.0'), prefixLength: 24 },
  destination: null,
  inputInterface: null,
  outputInterface: null,
  firewallMark: null,
  priority: 1000,
  action: 'table',
  table: 100,
  gotoPriority: null,
  protocol: 18,
  tos: null,
  suppressPrefixLength: null,
  suppressInterfaceGroup: null,
  uidRange: null,
  ipProtocol: null,
  sourcePorts: null,
  destinationPorts: null,
};

function decode(bytes: Uint8Array): { type: number; flags: number; header: Uint8Array; attributes: Map<number, string> } {
  const messages = decodeNetlinkMessages(bytes);
  assert.ok(messages.ok);
  const [message] = messages.value;
  assert.ok(message !== undefined);
  const attributes = decodeAttributes(message.payload.subarray(FIB_RULE_HDR_BYTES), 'nlattr');
  assert.ok(attributes.ok);
  return {
    type: message.header.type,
    flags: message.header.flags,
    header: message.payload.subarray(0, FIB_RULE_HDR_BYTES),
    attributes: new Map(attributes.value.map((a) => [a.type, hex(a.value)])),
  };
}

const u32 = (value: number): string => {
  const bytes = new Uint8Array(4);
  viewOf(bytes).setUint32(0, value, HOST_IS_LITTLE_ENDIAN);
  return hex(bytes);
};

describe('rule requests', () => {
  // Compared with what `ip rule add from 10.9.60.0/24 table 100 priority 1000 protocol 18` sends (strace):
  // the same header, FRA_SRC, FRA_PRIORITY and FRA_PROTOCOL; vipd adds FRA_TABLE, which the kernel prefers.
  it('RTM_NEWRULE: fib_rule_hdr, FRA_SRC, FRA_PRIORITY, FRA_PROTOCOL 18, FRA_TABLE', () => {
    const encoded = encodeNewRuleRequest(3, RULE);
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(message.type, 32);
    assert.equal(message.flags, 0x1 | 0x4 | 0x200 | 0x400);
    // AF_INET, dst_len 0, src_len 24, tos 0, table 100, res, res, FR_ACT_TO_TBL, flags 0
    assert.equal(hex(message.header), '020018006400000100000000');
    assert.equal(message.attributes.get(RuleAttribute.source), '0a093c00');
    assert.equal(message.attributes.get(RuleAttribute.priority), u32(1000));
    assert.equal(message.attributes.get(RuleAttribute.protocol), '12');
    assert.equal(message.attributes.get(RuleAttribute.table), u32(100));
  });

  it('RTM_DELRULE carries the same selectors, so only this rule (of this protocol) goes', () => {
    const encoded = encodeDeleteRuleRequest(4, RULE);
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(message.type, 33);
    assert.equal(message.flags, 0x1 | 0x4);
    assert.equal(message.attributes.get(RuleAttribute.protocol), '12');
  });

  it('not, iif/oif names, fwmark with mask, goto, port and uid ranges', () => {
    const encoded = encodeNewRuleRequest(1, {
      ...RULE,
      family: 'ipv6',
      source: null,
      invert: true,
      inputInterface: 'eth0',
      outputInterface: 'eth1',
      firewallMark: { value: 0x10, mask: 0xff },
      action: 'goto',
      table: null,
      gotoPriority: 2000,
      sourcePorts: { start: 1000, end: 2000 },
      uidRange: { start: 5, end: 10 },
      ipProtocol: 6,
    });
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(hex(message.header.subarray(0, 8)), '0a00000000000002');
    assert.equal(viewOf(message.header).getUint32(8, HOST_IS_LITTLE_ENDIAN), 2);
    assert.equal(message.attributes.get(RuleAttribute.inputInterfaceName), hex(new TextEncoder().encode('eth0\0')));
    assert.equal(message.attributes.get(RuleAttribute.outputInterfaceName), hex(new TextEncoder().encode('eth1\0')));
    assert.equal(message.attributes.get(RuleAttribute.firewallMark), u32(0x10));
    assert.equal(message.attributes.get(RuleAttribute.firewallMask), u32(0xff));
    assert.equal(message.attributes.get(RuleAttribute.goto), u32(2000));
    assert.equal(message.attributes.get(RuleAttribute.ipProtocol), '06');
    assert.equal(message.attributes.get(RuleAttribute.table), undefined);
  });

  it('refuses a table action without a table, a family mismatch and a reversed range', () => {
    const kind = (rule: Rule): string | undefined => {
      const encoded = encodeNewRuleRequest(1, rule);
      return encoded.ok ? undefined : encoded.error.kind === 'invalidRoutingField' ? encoded.error.field : encoded.error.kind;
    };
    assert.equal(kind({ ...RULE, table: null }), 'table');
    assert.equal(kind({ ...RULE, family: 'ipv6' }), 'source');
    assert.equal(kind({ ...RULE, destinationPorts: { start: 10, end: 5 } }), 'destinationPorts');
  });
});
