import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostics, formatConfigMessage } from '../config-message.js';
import { FILE, statementsOf } from '../config-test-helpers.js';
import { readRouteLine } from './route-line.js';
import { SchemaContext } from './schema-context.js';

function read(line: string, what = 'virtual_routes') {
  const diagnostics = new Diagnostics();
  const [statement] = statementsOf(line);
  assert.ok(statement !== undefined);
  const route = readRouteLine(statement, what, new SchemaContext(diagnostics, undefined));
  return { route, messages: diagnostics.messages.map(formatConfigMessage) };
}

describe('route lines (ip-route(8) syntax)', () => {
  it("reads keepalived.conf(5)'s example, src before the destination", () => {
    const { route, messages } = read('src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 dev eth1');
    assert.deepEqual(messages, []);
    assert.equal(route?.source, '192.168.100.1');
    assert.deepEqual(route?.destination, { address: '192.168.109.0', prefixLength: 24 });
    assert.equal(route?.via, '192.168.200.254');
    assert.equal(route?.device, 'eth1');
  });

  it('reads the type, default, table, metric, scope, protocol, flags and other options', () => {
    assert.equal(read('unreachable 10.0.0.0/8 dev eth0').route?.type, 'unreachable');
    assert.equal(read('default via 10.0.0.1 dev eth0').route?.destination, null);
    const { route } = read('10.1.0.0/16 via 10.0.0.1 dev eth0 table 100 metric 5 scope link protocol bird onlink mtu 1400 no_track');
    assert.equal(route?.table, '100');
    assert.equal(route?.metric, 5);
    assert.equal(route?.scope, 'link');
    assert.equal(route?.protocol, 'bird');
    assert.equal(route?.noTrack, true);
    assert.deepEqual(route?.moreOptions, ['onlink', 'mtu', '1400']);
  });

  it('does not track a virtual route without dev, as keepalived, in a warning that fails vipd -t', () => {
    const { route, messages } = read('blackhole 10.9.0.0/16');
    assert.equal(route?.noTrack, true);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /a route without dev cannot be tracked/);
    assert.deepEqual(read('blackhole 10.9.0.0/16', 'static_routes').messages, [], 'static routes are never tracked');
  });

  it("rejects what keepalived rejects: a bad via, mixed families, ip-route's proto, a missing destination", () => {
    const cases: [string, RegExp][] = [
      ['10.1.0.0/16 via bogus', /invalid route via address bogus/],
      ['10.1.0.0/16 via 2001:db8::1 dev eth0', /mixes IPv4 and IPv6/],
      ['10.1.0.0/16 dev eth0 proto static', /unknown route option "proto"; write protocol/],
      ['via 10.0.0.1 dev eth0', /has no destination/],
      ['10.1.0.0/16 dev eth0 metric x', /metric "x" is not a whole number/],
      ['10.1.0.0/16 dev', /dev is missing its value/],
    ];
    for (const [line, message] of cases) {
      const { route, messages } = read(line);
      assert.equal(route, null, line);
      assert.match(messages.join('\n'), message, line);
      assert.ok(messages.every((m) => m.startsWith(`${FILE}:1:`)), line);
    }
  });
});
