import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostics, formatConfigMessage } from '../config-message.js';
import { statementsOf } from '../config-test-helpers.js';
import { readRuleLine } from './rule-line.js';
import { SchemaContext } from './schema-context.js';

function read(line: string) {
  const diagnostics = new Diagnostics();
  const [statement] = statementsOf(line);
  assert.ok(statement !== undefined);
  const rule = readRuleLine(statement, 'virtual_rules', new SchemaContext(diagnostics, undefined));
  return { rule, messages: diagnostics.messages.map(formatConfigMessage) };
}

describe('rule lines (ip-rule(8) syntax)', () => {
  it('reads selectors, priority and action', () => {
    const { rule, messages } = read('not from 10.0.0.0/8 to 192.168.0.0/16 iif eth0 oif eth1 fwmark 0x10/0xff tos 10 preference 50 lookup 100 no_track');
    assert.deepEqual(messages, []);
    assert.deepEqual(rule && { ...rule, location: undefined }, {
      not: true,
      from: { address: '10.0.0.0', prefixLength: 8 },
      to: { address: '192.168.0.0', prefixLength: 16 },
      inputInterface: 'eth0',
      outputInterface: 'eth1',
      firewallMark: '0x10/0xff',
      priority: 50,
      action: 'table',
      table: '100',
      gotoPriority: null,
      noTrack: true,
      moreOptions: ['tos', '10'],
      location: undefined,
    });
    assert.equal(read('from all priority 7 goto 100').rule?.gotoPriority, 100);
    assert.equal(read('from all priority 7 blackhole').rule?.action, 'blackhole');
  });

  it("uses keepalived's priority 16384 for a rule without one, in a warning that fails vipd -t", () => {
    const { rule, messages } = read('from 10.0.0.0/8 table 100');
    assert.equal(rule?.priority, 16384);
    assert.match(messages[0] ?? '', /the rule has no priority, so 16384 is used/);
  });

  it('rejects an unknown option, two actions, no action and mixed families', () => {
    for (const [line, message] of [
      ['from 10.0.0.0/8 table 100 priority 1 bogus 1', /unknown rule option "bogus"/],
      ['from 10.0.0.0/8 table 100 goto 5 priority 1', /already has the action table/],
      ['from 10.0.0.0/8 priority 1', /has no action/],
      ['from 10.0.0.0/8 to 2001:db8::/32 table 1 priority 1', /different families/],
      ['fwmark x table 1 priority 1', /fwmark "x" is not VALUE\[\/MASK\]/],
    ] as const) {
      const { rule, messages } = read(line);
      assert.equal(rule, null, line);
      assert.match(messages.join('\n'), message, line);
    }
  });
});
