import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatConfigMessage } from './config-message.js';
import type { GlobalDefs, InstanceDefinition, VipdConfig, VirtualAddressSpec } from './config-types.js';
import { configOf, FILE, instance, withoutLocations } from './config-test-helpers.js';
import { dumpConfig } from './dump-config.js';
import { parseKeepalivedConfig } from './parse-config.js';
import { ipv4FromBytes, ipv6FromBytes, type IpFamily } from '../primitives/ip-address.js';
import { centiseconds, microseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';

/** The configuration `dumpConfig(config)` reads back as; it must have no error. */
function reparsed(config: VipdConfig): VipdConfig {
  const text = dumpConfig(config);
  const outcome = parseKeepalivedConfig(text, FILE);
  if (outcome.config === null) {
    throw new Error(`the dump does not parse:\n${text}\n${outcome.messages.map(formatConfigMessage).join('\n')}`);
  }
  return outcome.config;
}

/** An authentication block as written, which the dump writes the same way. */
const AUTHENTICATION = ['    authentication {', '        auth_type PASS', '        auth_pass secret', '    }'];

describe('dumpConfig', () => {
  it('writes every effective value, defaults included, as keepalived.conf blocks', () => {
    const config = configOf(
      instance(
        [
          '    state MASTER',
          ...AUTHENTICATION,
          '    virtual_ipaddress {',
          '        192.168.1.10/24 brd + dev eth1 scope link label eth1:vip',
          '        192.168.1.11',
          '    }',
        ].join('\n'),
      ),
    );
    assert.equal(
      dumpConfig(config),
      [
        'global_defs {',
        '    vrrp_version 2',
        '    vrrp_mcast_group4 224.0.0.18',
        '    vrrp_mcast_group6 ff02::12',
        '    vrrp_garp_master_delay 5',
        '    vrrp_garp_master_repeat 5',
        '    v3_checksum_as_v2 off',
        '}',
        '',
        'vrrp_instance VI_1 {',
        '    state MASTER',
        '    interface eth0',
        '    virtual_router_id 51',
        '    priority 255',
        '    advert_int 1',
        '    version 2',
        ...AUTHENTICATION,
        '    virtual_ipaddress {',
        '        192.168.1.10/24 brd + dev eth1 scope link label eth1:vip',
        '        192.168.1.11/32',
        '    }',
        '    preempt_delay 0',
        '    accept',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes v3 intervals in decimal seconds, global timers when set, and the checksum form where it differs', () => {
    const text = [
      'global_defs {',
      '    router_id "lb one"',
      '    vrrp_version 3',
      '    vrrp_garp_interval 0.001',
      '    vrrp_gna_interval 0.25',
      '    v3_checksum_as_v2',
      '}',
      instance('    advert_int 0.05\n    nopreempt\n    no_accept\n    v3_checksum_as_v2 off'),
    ].join('\n');
    const dump = dumpConfig(configOf(text));
    for (const line of [
      '    router_id "lb one"',
      '    vrrp_garp_interval 0.001',
      '    vrrp_gna_interval 0.25',
      '    v3_checksum_as_v2 on',
      '    advert_int 0.05',
      '    version 3',
      '    nopreempt',
      '    no_accept',
      '    v3_checksum_as_v2 off',
    ]) {
      assert.ok(dump.split('\n').includes(line), `${line} in\n${dump}`);
    }
    assert.deepEqual(withoutLocations(reparsed(configOf(text))), withoutLocations(configOf(text)));
  });

  it('quotes names and passwords the language would otherwise read, and they read back unchanged', () => {
    const text = instance(
      ['    authentication {', '        auth_type PASS', '        auth_pass "a b$X#~"', '    }'].join('\n'),
      '"VI {1}"',
    );
    const config = configOf(text);
    const dump = dumpConfig(config);
    assert.match(dump, /^vrrp_instance "VI \{1\}" \{$/m);
    assert.match(dump, /^ {8}auth_pass "a b\\x24X\\x23\\x7e"$/m);
    assert.deepEqual(withoutLocations(reparsed(config)), withoutLocations(config));
  });

  it('completes a password cut inside a multi-byte character so that its first 8 bytes are the same', () => {
    // "abcdefg€": the euro sign is 3 bytes, of which only the first is kept.
    const config = configOf(instance('    authentication {\n        auth_type PASS\n        auth_pass abcdefg€\n    }'));
    assert.deepEqual(withoutLocations(reparsed(config)), withoutLocations(config));
  });

  it('reads back as the same configuration, for any configuration', () => {
    fc.assert(
      fc.property(configs, (config) => {
        assert.deepEqual(withoutLocations(reparsed(config)), withoutLocations(config));
      }),
      { numRuns: 300 },
    );
  });
});

// ── generated configurations: what the parser could have produced ──

const AT = { file: FILE, line: 1 } as const;
const INTERFACES = ['eth0', 'eth1', 'bond0.100', 'ens3f0', 'br-lan', 'wg_ü'] as const;
const text = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' });

const globalDefs: fc.Arbitrary<GlobalDefs> = fc.record({
  routerId: fc.option(text),
  vrrpVersion: fc.constantFrom(2 as const, 3 as const),
  multicastGroup4: fc.integer({ min: 0, max: 0x0fffffff }).map((n) => ipv4FromBytes(Uint8Array.of(224 | (n >>> 24), n >>> 16, n >>> 8, n))),
  multicastGroup6: fc.uint8Array({ minLength: 15, maxLength: 15 }).map((rest) => ipv6FromBytes(Uint8Array.of(0xff, ...rest))),
  garpMasterDelay: fc.integer({ min: 0, max: 4294 }).map((s) => centiseconds(s * 100)),
  garpMasterRepeat: fc.integer({ min: 1, max: 4_294_967_295 }),
  garpInterval: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4294 * 1_000_000 })).map(microseconds),
  gnaInterval: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4294 * 1_000_000 })).map(microseconds),
  v3ChecksumAsV2: fc.boolean(),
});

function addressesOf(family: IpFamily): fc.Arbitrary<VirtualAddressSpec[]> {
  const ipv4 = family === 'ipv4';
  const address = ipv4
    ? fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => ipv4FromBytes(b))
    : fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => ipv6FromBytes(b));
  const spec: fc.Arbitrary<VirtualAddressSpec> = fc.record({
    address,
    prefixLength: fc.integer({ min: 0, max: ipv4 ? 32 : 128 }),
    broadcast: ipv4
      ? fc.option(fc.oneof(fc.constantFrom('+' as const, '-' as const), fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => ipv4FromBytes(b))))
      : fc.constant(null),
    device: fc.option(fc.constantFrom(...INTERFACES)),
    scope: fc.constantFrom('global' as const, 'site' as const, 'link' as const, 'host' as const, 'nowhere' as const),
    label: fc.option(fc.constantFrom('eth0:1', 'vip', 'a b', 'lb#1', '$x')),
    location: fc.constant(AT),
  });
  return fc.uniqueArray(spec, { minLength: 1, maxLength: 4, selector: (s) => s.address });
}

const instanceShape = fc
  .record({
    family: fc.constantFrom('ipv4' as const, 'ipv6' as const),
    v2: fc.boolean(),
    initialState: fc.constantFrom(null, 'MASTER' as const, 'BACKUP' as const),
    interface: fc.constantFrom(...INTERFACES),
    vrid: fc.integer({ min: 1, max: 255 }),
    priority: fc.integer({ min: 1, max: 255 }),
    advert: fc.integer({ min: 1, max: 4095 }),
    password: fc.option(text),
    preempt: fc.boolean(),
    preemptDelay: fc.integer({ min: 0, max: 100_000 }),
    acceptMode: fc.boolean(),
    messageOnly: fc.boolean(),
  })
  .chain((shape) => addressesOf(shape.family).map((virtualAddresses) => ({ ...shape, virtualAddresses })));

/** An instance as instance-rules.ts leaves it: IPv6 is v3, v2 has whole seconds, the preemption clean-ups done. */
function toDefinition(
  name: string,
  shape: {
    family: IpFamily;
    v2: boolean;
    initialState: 'MASTER' | 'BACKUP' | null;
    interface: string;
    vrid: number;
    priority: number;
    advert: number;
    password: string | null;
    preempt: boolean;
    preemptDelay: number;
    acceptMode: boolean;
    messageOnly: boolean;
    virtualAddresses: VirtualAddressSpec[];
  },
): InstanceDefinition {
  const version = shape.family === 'ipv4' && shape.v2 ? 2 : 3;
  const preempt = shape.preempt || shape.priority === 255 || shape.initialState === 'MASTER';
  return {
    name,
    location: AT,
    initialState: shape.initialState,
    interface: shape.interface,
    family: shape.family,
    version,
    vrid: shape.vrid as Vrid,
    priority: shape.priority as Priority,
    advertInterval: centiseconds(version === 2 ? Math.min(255, Math.ceil(shape.advert / 16)) * 100 : shape.advert),
    authentication:
      version === 2 && shape.password !== null
        ? { kind: 'simpleText', password: new TextEncoder().encode(shape.password).slice(0, 8) }
        : { kind: 'none' },
    virtualAddresses: shape.virtualAddresses,
    preempt,
    preemptDelay: centiseconds(preempt && shape.initialState !== 'MASTER' ? shape.preemptDelay : 0),
    acceptMode: shape.acceptMode,
    checksumForm: shape.messageOnly ? 'messageOnly' : 'pseudoHeader',
  };
}

/** Instances with distinct names and no two on one interface, family and VRID. */
const configs: fc.Arbitrary<VipdConfig> = fc
  .tuple(
    globalDefs,
    fc.uniqueArray(fc.tuple(text, instanceShape), {
      minLength: 1,
      maxLength: 5,
      selector: ([name]) => name,
    }),
  )
  .map(([defs, named]) => {
    const taken = new Set<string>();
    const instances = named
      .map(([name, shape]) => toDefinition(name, shape))
      .filter((i) => {
        const key = `${i.interface} ${i.family} ${i.vrid}`;
        if (taken.has(key)) return false;
        taken.add(key);
        return true;
      });
    return { globalDefs: defs, instances };
  });
