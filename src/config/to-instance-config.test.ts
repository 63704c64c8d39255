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
      authentication: { kind: 'simpleText', password: new TextEncoder().encode('pw') },
      checksumForm: 'pseudoHeader',
      downTimerAdverts: 3,
      lowerPriorityNoAdvert: false,
      announce: { masterDelay: 1000, masterRepeat: 2, lowerPriorityDelay: 1000, lowerPriorityRepeat: 2 },
      trackers: [],
    });
  });

  it('uses the default GARP policy (5 s, 5) without global_defs', () => {
    const config = configOf(instance('    version 3\n    v3_checksum_as_v2'));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    const core = toInstanceConfig(definition, config.globalDefs, SOURCE);
    assert.deepEqual(core.announce, { masterDelay: 500, masterRepeat: 5, lowerPriorityDelay: 500, lowerPriorityRepeat: 5 });
    assert.equal(core.checksumForm, 'messageOnly');
  });

  it('refuses a source address of the other family (a caller bug)', () => {
    const config = configOf(instance(''));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    assert.throws(() => toInstanceConfig(definition, config.globalDefs, 'fe80::2' as IpAddress), /VI_1 is ipv4/);
  });
});
