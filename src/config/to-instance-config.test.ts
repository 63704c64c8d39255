import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, instance } from './config-test-helpers.js';
import { toInstanceConfig } from './to-instance-config.js';
import type { IpAddress } from '../primitives/ip-address.js';

const SOURCE = '10.0.0.2' as IpAddress;

describe('toInstanceConfig', () => {
  it("builds the core's InstanceConfig, with keepalived's defaults for what the file cannot set yet", () => {
    const text = `global_defs {\n  vrrp_garp_master_delay 10\n  vrrp_garp_master_repeat 2\n}\n${instance(
      '    state BACKUP\n    priority 120\n    advert_int 2\n    nopreempt\n    no_accept\n    authentication {\n        auth_type PASS\n        auth_pass pw\n    }\n' +
        '    virtual_ipaddress {\n        10.0.0.10/24 dev eth1\n        10.0.0.11\n    }',
    )}`;
    const config = configOf(text);
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    assert.deepEqual(toInstanceConfig(definition, config.globalDefs, SOURCE), {
      name: 'VI_1',
      version: 2,
      family: 'ipv4',
      vrid: 51,
      priority: 120,
      advertInterval: 200,
      preempt: false,
      preemptDelay: 0,
      acceptMode: false,
      sourceAddress: '10.0.0.2',
      virtualAddresses: ['10.0.0.10', '10.0.0.11'],
      excludedAddresses: [],
      virtualRoutes: [],
      virtualRules: [],
      authentication: { kind: 'simpleText', password: new TextEncoder().encode('pw') },
      checksumForm: 'pseudoHeader',
      downTimerAdverts: 3,
      lowerPriorityNoAdvert: false,
      announce: {
        masterDelay: 1000,
        masterRepeat: 2,
        lowerPriorityDelay: 1000,
        lowerPriorityRepeat: 2,
        refreshInterval: 0,
        refreshRepeat: 1,
        extraInterfaces: null,
        sourceOnLeavingFault: false,
      },
      trackers: [],
    });
  });

  it('uses the default GARP policy (5 s, 5) without global_defs', () => {
    const config = configOf(instance('    version 3\n    v3_checksum_as_v2'));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    const core = toInstanceConfig(definition, config.globalDefs, SOURCE);
    assert.deepEqual(core.announce, {
      masterDelay: 500,
      masterRepeat: 5,
      lowerPriorityDelay: 500,
      lowerPriorityRepeat: 5,
      refreshInterval: 0,
      refreshRepeat: 1,
      extraInterfaces: null,
      sourceOnLeavingFault: false,
    });
    assert.equal(core.checksumForm, 'messageOnly');
  });

  it('carries eVIPs (of either family), routes and rules by their lines', () => {
    const config = configOf(
      instance(
        '    virtual_ipaddress {\n        10.0.0.10/24\n    }\n' +
          '    virtual_ipaddress_excluded {\n        fd00::10/64\n        10.0.1.10/24 dev eth1\n    }\n' +
          '    virtual_routes {\n        10.0.50.0/24 via 10.0.0.3 dev eth0\n    }\n' +
          '    virtual_rules {\n        from 10.0.60.0/24 table 100 priority 1000\n    }',
      ),
    );
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    const core = toInstanceConfig(definition, config.globalDefs, SOURCE);
    assert.deepEqual(core.virtualAddresses, ['10.0.0.10']);
    assert.deepEqual(core.excludedAddresses, ['fd00::10', '10.0.1.10']);
    assert.deepEqual(core.virtualRoutes, ['10.0.50.0/24 via 10.0.0.3 dev eth0']);
    assert.deepEqual(core.virtualRules, ['from 10.0.60.0/24 priority 1000 table 100']);
  });

  it('garp_master_refresh and garp_extra_if all: the refresh, and the first address on each other interface', () => {
    const config = configOf(
      instance(
        '    garp_master_refresh 60\n    garp_master_refresh_repeat 2\n    garp_extra_if all 100\n' +
          '    virtual_ipaddress {\n        10.0.0.10/24\n        10.0.1.10/24 dev eth1\n        10.0.1.11/24 dev eth1\n    }\n' +
          '    virtual_ipaddress_excluded {\n        10.0.2.10/24 dev eth2\n    }',
      ),
    );
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    const { announce } = toInstanceConfig(definition, config.globalDefs, SOURCE);
    assert.equal(announce.refreshInterval, 6000);
    assert.equal(announce.refreshRepeat, 2);
    assert.deepEqual(announce.extraInterfaces, { interval: 10000, addresses: ['10.0.1.10', '10.0.2.10'] });
  });

  it('garp_extra_if without all concerns VMAC interfaces only, which vipd makes none of yet', () => {
    const config = configOf(instance('    garp_extra_if 100\n    virtual_ipaddress {\n        10.0.1.10/24 dev eth1\n    }'));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    assert.equal(toInstanceConfig(definition, config.globalDefs, SOURCE).announce.extraInterfaces, null);
  });

  it('vrrp_min_garp: one announcement and no second burst, unless the file sets them', () => {
    const minimal = configOf(`global_defs {\n  vrrp_min_garp\n}\n${instance('')}`);
    const [definition] = minimal.instances;
    assert.ok(definition !== undefined);
    const { announce } = toInstanceConfig(definition, minimal.globalDefs, SOURCE);
    assert.deepEqual([announce.masterRepeat, announce.masterDelay, announce.lowerPriorityRepeat, announce.lowerPriorityDelay], [1, 0, 1, 0]);
    const explicit = configOf(`global_defs {\n  vrrp_min_garp\n  vrrp_garp_master_repeat 3\n}\n${instance('')}`);
    const [other] = explicit.instances;
    assert.ok(other !== undefined);
    assert.equal(toInstanceConfig(other, explicit.globalDefs, SOURCE).announce.masterRepeat, 3);
  });

  it('refuses a source address of the other family (a caller bug)', () => {
    const config = configOf(instance(''));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    assert.throws(() => toInstanceConfig(definition, config.globalDefs, 'fe80::2' as IpAddress), /VI_1 is ipv4/);
  });
});
