import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, instance } from '../config/config-test-helpers.js';
import { routeLine, ruleLine } from '../config/dump-lines.js';
import { RtnetlinkError } from '../io/rtnetlink-error.js';
import type { Route } from '../netlink/route-message.js';
import type { Rule } from '../netlink/rule-message.js';
import { routeOf, ruleOf } from './virtual-routing-request.js';
import { VirtualRouting, type RoutingClient, type RoutingTargets } from './virtual-routing.js';

const kernelError = (errnoName: string): RtnetlinkError =>
  new RtnetlinkError('RTM_TEST', { kind: 'kernel', errno: 1, errnoName, message: null });

function definition(body: string): ReturnType<typeof configOf>['instances'][number] {
  const [first] = configOf(instance(body)).instances;
  assert.ok(first !== undefined);
  return first;
}

const IFINDEX: Record<string, number> = { eth0: 2, eth1: 3 };
const ifindexOf = (name: string): number | null => IFINDEX[name] ?? null;

describe('routeOf / ruleOf', () => {
  it('resolves a virtual_routes line: interface, table, protocol 18 by default, options', () => {
    const def = definition('    virtual_routes {\n        10.1.50.0/24 via 10.1.0.3 dev eth1 table 100 metric 7 onlink mtu 1400\n        blackhole fd00:5::/64 protocol static\n    }');
    const [first, second] = def.virtualRoutes;
    assert.ok(first !== undefined && second !== undefined);
    const a = routeOf(first, 'ipv4', ifindexOf);
    assert.ok(a.ok);
    assert.deepEqual(a.value.value, {
      family: 'ipv4', type: 'unicast', destination: { address: '10.1.50.0', prefixLength: 24 }, gateway: '10.1.0.3',
      preferredSource: null, outputIfindex: 3, table: 100, metric: 7, scope: null, protocol: 18, onLink: true,
      metrics: [{ metric: 'mtu', value: 1400 }],
    });
    const b = routeOf(second, 'ipv4', ifindexOf);
    assert.ok(b.ok);
    assert.deepEqual([b.value.value.family, b.value.value.type, b.value.value.protocol, b.value.value.table], ['ipv6', 'blackhole', 4, 254]);
  });

  it('an unknown interface or table is an error; an option vipd does not carry is a warning', () => {
    const def = definition('    virtual_routes {\n        10.1.50.0/24 dev eth9\n        10.1.51.0/24 dev eth0 table nosuch\n        10.1.52.0/24 dev eth0 realm 5\n    }');
    const [missing, table, realm] = def.virtualRoutes.map((spec) => routeOf(spec, 'ipv4', ifindexOf));
    assert.deepEqual(missing, { ok: false, error: "interface eth9 doesn't exist" });
    assert.equal(table?.ok, false);
    const named = def.virtualRoutes[1] === undefined ? null : routeOf(def.virtualRoutes[1], 'ipv4', ifindexOf, new Map([['nosuch', 77]]));
    assert.ok(named?.ok);
    assert.equal(named.value.value.table, 77, 'a name from rt_tables');
    assert.ok(realm?.ok);
    assert.deepEqual(realm.value.warnings, ['route option realm 5 is not supported yet: left out']);
  });

  it('resolves a virtual_rules line: family from its addresses (else the instance), fwmark/mask, selectors', () => {
    const def = definition('    virtual_rules {\n        from fd00:6::/64 table 100 priority 10\n        fwmark 0x10/0xff iif eth0 ipproto tcp dport 80-90 lookup main priority 11\n    }');
    const [v6, marked] = def.virtualRules.map((spec) => ruleOf(spec, 'ipv4'));
    assert.ok(v6?.ok && marked?.ok);
    assert.deepEqual([v6.value.value.family, v6.value.value.table, v6.value.value.protocol], ['ipv6', 100, 18]);
    const rule = marked.value.value;
    assert.deepEqual([rule.family, rule.firewallMark, rule.inputInterface, rule.ipProtocol, rule.destinationPorts, rule.table], [
      'ipv4', { value: 16, mask: 255 }, 'eth0', 6, { start: 80, end: 90 }, 254,
    ]);
  });
});

describe('VirtualRouting', () => {
  const def = definition('    virtual_routes {\n        10.1.50.0/24 via 10.1.0.3 dev eth0\n    }\n    virtual_rules {\n        from 10.1.60.0/24 table 100 priority 1000\n    }');
  const [routeSpec] = def.virtualRoutes;
  const [ruleSpec] = def.virtualRules;
  assert.ok(routeSpec !== undefined && ruleSpec !== undefined);
  const route = routeOf(routeSpec, 'ipv4', ifindexOf);
  const rule = ruleOf(ruleSpec, 'ipv4');
  assert.ok(route.ok && rule.ok);
  const routeKey = routeLine(routeSpec);
  const ruleKey = ruleLine(ruleSpec);
  const targets: RoutingTargets = { routes: new Map([[routeKey, route.value.value]]), rules: new Map([[ruleKey, rule.value.value]]) };

  function fakeKernel(failures: Partial<Record<keyof RoutingClient, string>> = {}): { client: RoutingClient; calls: string[] } {
    const calls: string[] = [];
    const call = (name: keyof RoutingClient, what: Route | Rule): Promise<void> => {
      calls.push(`${name} ${'gateway' in what ? 'route' : 'rule'}`);
      const failure = failures[name];
      return failure === undefined ? Promise.resolve() : Promise.reject(kernelError(failure));
    };
    return {
      calls,
      client: {
        addRoute: (r) => call('addRoute', r),
        removeRoute: (r) => call('removeRoute', r),
        addRule: (r) => call('addRule', r),
        removeRule: (r) => call('removeRule', r),
      },
    };
  }

  it('adds routes before rules and removes rules before routes', async () => {
    const kernel = fakeKernel();
    const routing = new VirtualRouting(kernel.client, () => assert.fail('no warning expected'));
    await routing.add(targets, [routeKey], [ruleKey]);
    await routing.remove(targets, [routeKey], [ruleKey]);
    assert.deepEqual(kernel.calls, ['addRoute route', 'addRule rule', 'removeRule rule', 'removeRoute route']);
  });

  it('already there (EEXIST) counts as installed; already gone (ESRCH, ENOENT) is what removal wants', async () => {
    const warnings: string[] = [];
    const routing = new VirtualRouting(fakeKernel({ addRoute: 'EEXIST', removeRoute: 'ESRCH', removeRule: 'ENOENT' }).client, (t) => warnings.push(t));
    await routing.add(targets, [routeKey], [ruleKey]);
    await routing.remove(targets, [routeKey], [ruleKey]);
    assert.deepEqual(warnings, []);
  });

  it('any other failure is told, worded with the line', async () => {
    const warnings: string[] = [];
    const routing = new VirtualRouting(fakeKernel({ addRoute: 'ENETUNREACH' }).client, (t) => warnings.push(t));
    await routing.add(targets, [routeKey], []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^cannot add route 10\.1\.50\.0\/24 via 10\.1\.0\.3 dev eth0: /);
  });
});
