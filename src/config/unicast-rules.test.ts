import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, instance, messagesOf } from './config-test-helpers.js';
import { toInstanceConfig } from './to-instance-config.js';
import type { IpAddress } from '../primitives/ip-address.js';

const peers = (...lines: string[]): string => `    unicast_peer {\n${lines.map((l) => `        ${l}\n`).join('')}    }\n`;

/** What keepalived 2.2.7 -t says about each of these (exit 5) is quoted in unicast-rules.ts. */
describe('unicast keywords (keepalived unicast_peer)', () => {
  it('is valid with a source and peers, and maps to the core: peers, source check forced by min/max_ttl, old checksum detection', () => {
    const config = configOf(instance(`    unicast_src_ip 10.0.0.2\n${peers('10.0.0.3 min_ttl 250', '10.0.0.4')}`));
    const [definition] = config.instances;
    assert.ok(definition !== undefined);
    const core = toInstanceConfig(definition, config.globalDefs, '10.0.0.2' as IpAddress);
    assert.deepEqual(core.unicast, {
      peers: [
        { address: '10.0.0.3', minTtl: 250, maxTtl: null },
        { address: '10.0.0.4', minTtl: null, maxTtl: null },
      ],
      checkSource: true,
      oldChecksum: 'detect',
      faultNoPeer: false,
    });
  });

  it('maps old_unicast_checksum, never and check_unicast_src; a multicast instance has no unicast', () => {
    const core = (body: string) => {
      const config = configOf(instance(body));
      const [definition] = config.instances;
      assert.ok(definition !== undefined);
      return toInstanceConfig(definition, config.globalDefs, '10.0.0.2' as IpAddress);
    };
    assert.equal(core(`    old_unicast_checksum\n${peers('10.0.0.3')}`).unicast?.oldChecksum, 'old');
    assert.equal(core(`    old_unicast_checksum never\n    check_unicast_src\n${peers('10.0.0.3')}`).unicast?.oldChecksum, 'never');
    assert.equal(core(`    check_unicast_src\n${peers('10.0.0.3')}`).unicast?.checkSource, true);
    assert.equal(core(`    mcast_src_ip 10.0.0.2`).unicast, undefined);
    assert.deepEqual(core('    unicast_fault_no_peer').unicast, { peers: [], checkSource: false, oldChecksum: 'detect', faultNoPeer: true });
  });

  it('refuses peers and a source of the other family', () => {
    const messages = messagesOf(instance(`    unicast_src_ip fd00::2\n${peers('fd00::3', '10.0.0.3')}`));
    assert.equal(messages.filter((m) => /unicast_peer fd00::3 is IPv6 but the instance is IPv4/.test(m)).length, 1, messages.join('\n'));
    assert.equal(messages.filter((m) => /source address fd00::2 is IPv6 but the instance is IPv4/.test(m)).length, 1, messages.join('\n'));
    assert.ok(!messages.some((m) => m.includes('10.0.0.3')), messages.join('\n'));
  });

  it('refuses unicast keywords without peers, unless unicast_fault_no_peer; unicast_ttl needs peers regardless', () => {
    for (const body of ['    unicast_src_ip 10.0.0.2', '    check_unicast_src', '    old_unicast_checksum', `    unicast_src_ip 10.0.0.2\n${peers()}`]) {
      const messages = messagesOf(instance(body));
      assert.ok(messages.some((m) => /given but no unicast peer: keepalived refuses this/.test(m)), `${body}\n${messages.join('\n')}`);
    }
    assert.deepEqual(messagesOf(instance(`    unicast_fault_no_peer\n    unicast_src_ip 10.0.0.2\n${peers()}`)), []);
    assert.deepEqual(messagesOf(instance('    mcast_src_ip 10.0.0.2')), []);
    const ttl = messagesOf(instance('    unicast_fault_no_peer\n    unicast_ttl 10'));
    assert.ok(ttl.some((m) => /unicast_ttl without unicast peers/.test(m)), ttl.join('\n'));
  });

  it('lets one VRID serve a multicast instance and unicast ones with disjoint peers, but not overlapping peers', () => {
    const second = (body: string) => instance(body, 'VI_2').replace('10.0.0.1', '10.0.0.9');
    const disjoint = `${instance(peers('10.0.0.3'))}${second(peers('10.0.0.4'))}${second('').replace('VI_2', 'VI_3').replace('10.0.0.9', '10.0.0.8')}`;
    assert.deepEqual(messagesOf(disjoint), []);
    const overlapping = messagesOf(`${instance(peers('10.0.0.3'))}${second(peers('10.0.0.4', '10.0.0.3'))}`);
    assert.ok(overlapping.some((m) => /virtual_router_id 51 on eth0 \(IPv4\) is already used by vrrp_instance VI_1/.test(m)), overlapping.join('\n'));
  });
});
