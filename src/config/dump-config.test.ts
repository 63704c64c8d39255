import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatConfigMessage } from './config-message.js';
import type {
  CommandSpec,
  GarpExtraInterfaces,
  GlobalDefs,
  InstanceDefinition,
  IpPrefix,
  NotifyCommands,
  RecordedStatement,
  RouteSpec,
  RuleSpec,
  RunAs,
  SyncGroupDefinition,
  TrackReference,
  VipdConfig,
  VirtualAddressSpec,
  VmacSpec,
} from './config-types.js';
import { configOf, FILE, instance, withoutLocations } from './config-test-helpers.js';
import { dumpConfig } from './dump-config.js';
import type { InstanceExtras } from './instance-extras.js';
import { parseKeepalivedConfig } from './parse-config.js';
import { ipv4FromBytes, ipv6FromBytes, type IpAddress, type IpFamily } from '../primitives/ip-address.js';
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
        '    vrrp_garp_lower_prio_delay 5',
        '    vrrp_garp_lower_prio_repeat 5',
        '    vrrp_down_timer_adverts 3',
        '    vrrp_lower_prio_no_advert off',
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
const ipv4 = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => ipv4FromBytes(b));
const ipv6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => ipv6FromBytes(b));
const wholeSecondsArb = fc.integer({ min: 0, max: 4294 }).map((s) => centiseconds(s * 100));
const timer = fc.integer({ min: 1, max: 4294 * 1_000_000 }).map(microseconds);
const runAs: fc.Arbitrary<RunAs> = fc.record({ user: fc.constantFrom('root', 'nobody', 'keepalived script'), group: fc.option(fc.constantFrom('root', 'daemon')) });
const command: fc.Arbitrary<CommandSpec> = fc.record({
  argv: fc.tuple(fc.constantFrom('/etc/keepalived/notify.sh', '/usr/bin/pgrep', 'my script.sh'), fc.array(fc.constantFrom('arg', 'a b', "it's", '$X', '#1', 'é'), { maxLength: 3 })).map(([head, rest]) => [head, ...rest]),
  runAs: fc.option(runAs),
  location: fc.constant(AT),
});
const recorded = (keywords: readonly string[]): fc.Arbitrary<RecordedStatement[]> =>
  fc.array(
    fc.record({
      keyword: fc.constantFrom(...keywords),
      words: fc.array(fc.constantFrom('INPUT', '2', 'a b', 'root@localhost'), { maxLength: 2 }),
      block: fc.option(fc.array(fc.record({ keyword: fc.constantFrom('root@localhost', 'x'), words: fc.constant([]), block: fc.constant(null), location: fc.constant(AT) }), { maxLength: 2 })),
      location: fc.constant(AT),
    }),
    { maxLength: 2 },
  );
const prefix4: fc.Arbitrary<IpPrefix> = fc.record({ address: ipv4, prefixLength: fc.integer({ min: 0, max: 32 }) });
const garpExtra: fc.Arbitrary<GarpExtraInterfaces | null> = fc.option(fc.record({ allInterfaces: fc.boolean(), delaySeconds: fc.integer({ min: 0, max: 4294 }) }));

const globalDefs: fc.Arbitrary<GlobalDefs> = fc.record({
  routerId: fc.option(text),
  vrrpVersion: fc.constantFrom(2 as const, 3 as const),
  multicastGroup4: fc.integer({ min: 0, max: 0x0fffffff }).map((n) => ipv4FromBytes(Uint8Array.of(224 | (n >>> 24), n >>> 16, n >>> 8, n))),
  multicastGroup6: fc.uint8Array({ minLength: 15, maxLength: 15 }).map((rest) => ipv6FromBytes(Uint8Array.of(0xff, ...rest))),
  garpMasterDelay: wholeSecondsArb,
  garpMasterRepeat: fc.integer({ min: 1, max: 4_294_967_295 }),
  garpInterval: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4294 * 1_000_000 })).map(microseconds),
  gnaInterval: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4294 * 1_000_000 })).map(microseconds),
  v3ChecksumAsV2: fc.boolean(),
  garpLowerPriorityDelay: wholeSecondsArb,
  garpLowerPriorityRepeat: fc.integer({ min: 1, max: 100 }),
  garpMasterRefresh: wholeSecondsArb,
  garpMasterRefreshRepeat: fc.integer({ min: 1, max: 100 }),
  minGarp: fc.boolean(),
  garpExtraInterfaces: garpExtra,
  downTimerAdverts: fc.integer({ min: 1, max: 100 }),
  lowerPriorityNoAdvert: fc.boolean(),
  higherPrioritySendAdvert: fc.boolean(),
  ownerIgnoreAdverts: fc.boolean(),
  strict: fc.boolean(),
  skipCheckAdvertAddresses: fc.boolean(),
  checkUnicastSource: fc.boolean(),
  scriptUser: fc.option(runAs),
  enableScriptSecurity: fc.boolean(),
  notifyFifo: fc.option(fc.record({ path: fc.constantFrom('/run/k.fifo', '/tmp/a b'), runAs: fc.option(runAs) })),
  vrrpNotifyFifo: fc.option(fc.record({ path: fc.constantFrom('/run/v.fifo'), runAs: fc.option(runAs) })),
  notifyFifoScript: fc.option(command),
  vrrpNotifyFifoScript: fc.option(command),
  notifyPriorityChanges: fc.boolean(),
  fifoWriteStatesOnReload: fc.boolean(),
  startupDelay: fc.oneof(fc.constant(microseconds(0)), timer),
  dynamicInterfaces: fc.constantFrom('off' as const, 'on' as const, 'allowInterfaceChanges' as const),
  defaultInterface: fc.constantFrom(...INTERFACES),
  vmacPrefix: fc.constantFrom('vrrp', 'vm'),
  logUnknownVrids: fc.boolean(),
  stateDumpFile: fc.option(fc.constantFrom('/tmp/keepalived.data')),
  statsDumpFile: fc.option(fc.constantFrom('/tmp/keepalived.stats')),
  jsonDumpFile: fc.option(fc.constantFrom('/tmp/keepalived.json')),
  otherKeywords: recorded(['vrrp_iptables', 'notification_email', 'enable_snmp_vrrp', 'max_auto_priority']),
});

function addressesOf(family: IpFamily, maxLength = 4): fc.Arbitrary<VirtualAddressSpec[]> {
  const isV4 = family === 'ipv4';
  const address: fc.Arbitrary<IpAddress> = isV4 ? ipv4 : ipv6;
  const spec: fc.Arbitrary<VirtualAddressSpec> = fc.record({
    address,
    prefixLength: fc.integer({ min: 0, max: isV4 ? 32 : 128 }),
    broadcast: isV4 ? fc.option(fc.oneof(fc.constantFrom('+' as const, '-' as const), ipv4)) : fc.constant(null),
    device: fc.option(fc.constantFrom(...INTERFACES)),
    // keepalived ignores a scope on IPv6 addresses.
    scope: isV4 ? fc.constantFrom('global' as const, 'site' as const, 'link' as const, 'host' as const, 'nowhere' as const) : fc.constant('global' as const),
    label: fc.option(fc.constantFrom('eth0:1', 'vip', 'a b', 'lb#1', '$x')),
    peer: fc.option(address),
    home: fc.boolean(),
    noDad: fc.boolean(),
    manageTemporaryAddress: fc.boolean(),
    noPrefixRoute: fc.boolean(),
    autoJoin: fc.boolean(),
    noTrack: fc.boolean(),
    preferredLifetime: fc.option(fc.oneof(fc.constant('forever' as const), fc.nat())),
    useVmac: fc.boolean(),
    trackGroup: fc.option(fc.constantFrom('G1', 'g 2')),
    location: fc.constant(AT),
  });
  return fc.uniqueArray(spec, { minLength: isV4 || maxLength > 0 ? 1 : 0, maxLength, selector: (s) => s.address });
}

const route: fc.Arbitrary<RouteSpec> = fc.record({
  type: fc.constantFrom('unicast' as const, 'blackhole' as const, 'unreachable' as const, 'prohibit' as const, 'throw' as const),
  destination: fc.option(prefix4),
  source: fc.option(ipv4),
  via: fc.option(ipv4),
  device: fc.option(fc.constantFrom(...INTERFACES)),
  table: fc.option(fc.constantFrom('100', 'main')),
  metric: fc.option(fc.nat()),
  scope: fc.option(fc.constantFrom('link', 'host')),
  protocol: fc.option(fc.constantFrom('static', '18')),
  noTrack: fc.boolean(),
  moreOptions: fc.constantFrom([], ['onlink'], ['mtu', '1400']),
  location: fc.constant(AT),
})
  // A virtual route without dev is not tracked (keepalived).
  .map((r) => (r.device === null ? { ...r, noTrack: true } : r));

const rule: fc.Arbitrary<RuleSpec> = fc
  .record({
    not: fc.boolean(),
    from: fc.option(prefix4),
    to: fc.option(prefix4),
    inputInterface: fc.option(fc.constantFrom(...INTERFACES)),
    outputInterface: fc.option(fc.constantFrom(...INTERFACES)),
    firewallMark: fc.option(fc.constantFrom('0x10', '5/0xff')),
    priority: fc.nat(),
    action: fc.constantFrom('table' as const, 'goto' as const, 'nop' as const, 'blackhole' as const, 'unreachable' as const, 'prohibit' as const),
    noTrack: fc.boolean(),
    moreOptions: fc.constantFrom([], ['tos', '10'], ['l3mdev']),
    location: fc.constant(AT),
    number: fc.nat(),
  })
  .map(({ number, ...r }) => ({ ...r, table: r.action === 'table' ? String(number) : null, gotoPriority: r.action === 'goto' ? number : null }));

const trackReferences = (names: readonly string[], limit: number): fc.Arbitrary<TrackReference[]> =>
  names.length === 0
    ? fc.constant([])
    : fc.array(
        fc.record({ name: fc.constantFrom(...names), weight: fc.option(fc.integer({ min: -limit, max: limit })), reverse: fc.boolean(), location: fc.constant(AT) }),
        { maxLength: 2 },
      );

const notify: fc.Arbitrary<NotifyCommands> = fc.record({
  master: fc.option(command),
  backup: fc.option(command),
  fault: fc.option(command),
  stop: fc.option(command),
  deleted: fc.oneof(fc.constant(null), fc.constant('reportDeletedState' as const), command),
  masterRxLowerPriority: fc.option(command),
  any: fc.option(command),
});

const vmac: fc.Arbitrary<VmacSpec | null> = fc.option(
  fc.oneof(
    fc.record({
      kind: fc.constant('macvlan' as const),
      interfaceName: fc.option(fc.constantFrom('vrrp.51', 'vmac1')),
      macAddress: fc.option(fc.constantFrom('02:00:00:00:00:33')),
      ipvlanAddress: fc.constant(null),
      ipvlanMode: fc.constant(null),
      useVmacAddress: fc.boolean(),
      transmitOnBase: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('ipvlan' as const),
      interfaceName: fc.option(fc.constantFrom('ipvl1')),
      macAddress: fc.constant(null),
      ipvlanAddress: fc.option(prefix4),
      ipvlanMode: fc.option(fc.constantFrom('bridge' as const, 'private' as const, 'vepa' as const)),
      useVmacAddress: fc.boolean(),
      transmitOnBase: fc.boolean(),
    }),
  ),
);

/** The typed settings beyond the core, given the names of what can be tracked. */
function extrasOf(defs: GlobalDefs, tracked: TrackedNames): fc.Arbitrary<InstanceExtras> {
  return fc.record({
    excludedAddresses: fc.oneof(addressesOf('ipv4', 2), addressesOf('ipv6', 2), fc.constant([])),
    virtualRoutes: fc.array(route, { maxLength: 2 }),
    virtualRules: fc.array(rule, { maxLength: 2 }),
    promoteSecondaries: fc.boolean(),
    trackInterfaces: trackReferences(INTERFACES, 253),
    trackScripts: trackReferences(tracked.scripts, 253),
    trackFiles: trackReferences(tracked.files, 254),
    trackProcesses: trackReferences(tracked.processes, 254),
    trackBfd: trackReferences(['bfd1'], 254),
    dontTrackPrimary: fc.boolean(),
    trackSourceIp: fc.boolean(),
    notify,
    notifyPriorityChanges: fc.boolean(),
    smtpAlert: fc.option(fc.boolean()),
    unicastSource: fc.option(ipv4),
    unicastPeers: fc.array(
      fc
        .record({ address: ipv4, minTtl: fc.option(fc.integer({ min: 0, max: 255 })), maxTtl: fc.option(fc.integer({ min: 0, max: 255 })) })
        .map(({ address, minTtl, maxTtl }) => ({
          address,
          location: AT,
          ...(minTtl !== null && maxTtl !== null && minTtl > maxTtl ? { minTtl: maxTtl, maxTtl: minTtl } : { minTtl, maxTtl }),
        })),
      { maxLength: 2 },
    ),
    unicastTtl: fc.option(fc.integer({ min: 1, max: 255 })),
    checkUnicastSource: fc.boolean(),
    unicastFaultNoPeer: fc.boolean(),
    oldUnicastChecksum: fc.constantFrom('off' as const, 'on' as const, 'never' as const),
    multicastDestination: fc.option(ipv4),
    vmac,
    garpMasterDelay: fc.oneof(fc.constant(defs.garpMasterDelay), wholeSecondsArb),
    garpMasterRepeat: fc.integer({ min: 1, max: 100 }),
    garpLowerPriorityDelay: wholeSecondsArb,
    garpLowerPriorityRepeat: fc.integer({ min: 1, max: 100 }),
    garpMasterRefresh: wholeSecondsArb,
    garpMasterRefreshRepeat: fc.integer({ min: 1, max: 100 }),
    garpExtraInterfaces: fc.oneof(fc.constant(defs.garpExtraInterfaces), garpExtra.filter((g) => g !== null)),
    downTimerAdverts: fc.integer({ min: 1, max: 100 }),
    lowerPriorityNoAdvert: fc.boolean(),
    higherPrioritySendAdvert: fc.boolean(),
    ownerIgnoreAdverts: fc.boolean(),
    timerExpiredBackup: fc.option(fc.record({ priority: fc.option(fc.integer({ min: 1, max: 254 })) })),
    strictMode: fc.boolean(),
    skipCheckAdvertAddresses: fc.boolean(),
    kernelRxBufferBytes: fc.option(fc.integer({ min: 1, max: 1 << 30 })),
    vrf: fc.option(fc.constantFrom(...INTERFACES)),
    otherKeywords: recorded(['native_ipv6', 'debug', 'auth_hmac']),
  });
}

interface TrackedNames {
  readonly scripts: readonly string[];
  readonly files: readonly string[];
  readonly processes: readonly string[];
}

const names = (prefix: string) => fc.uniqueArray(fc.constantFrom(`${prefix}1`, `${prefix} 2`, `${prefix}_3`), { maxLength: 3 });

const definitions = fc.record({ scripts: names('chk'), files: names('file'), processes: names('proc') }).chain((tracked) =>
  fc.record({
    tracked: fc.constant(tracked),
    scripts: fc.tuple(...tracked.scripts.map((name) =>
      fc.record({
        name: fc.constant(name),
        location: fc.constant(AT),
        command: command.map((c) => ({ ...c, runAs: null })),
        interval: fc.integer({ min: 1, max: 4294 }).map((s) => microseconds(s * 1_000_000)),
        timeout: fc.integer({ min: 1, max: 4294 }).map((s) => microseconds(s * 1_000_000)),
        weight: fc.integer({ min: -253, max: 253 }),
        reverse: fc.boolean(),
        rise: fc.integer({ min: 1, max: 10 }),
        fall: fc.integer({ min: 1, max: 10 }),
        runAs: fc.option(runAs),
        initFail: fc.boolean(),
      }),
    )),
    trackFiles: fc.tuple(...tracked.files.map((name) =>
      fc.record({
        name: fc.constant(name),
        location: fc.constant(AT),
        path: fc.constantFrom('/var/run/w', 'a b'),
        weight: fc.integer({ min: -254, max: 254 }),
        reverse: fc.boolean(),
        initFile: fc.option(fc.record({ value: fc.integer({ min: -10, max: 10 }), overwrite: fc.boolean() })),
      }),
    )),
    trackProcesses: fc.tuple(...tracked.processes.map((name) =>
      fc.record({
        name: fc.constant(name),
        location: fc.constant(AT),
        process: fc.array(fc.constantFrom('haproxy', '-f', 'a b'), { minLength: 1, maxLength: 3 }),
        fullCommand: fc.boolean(),
        parameterMatch: fc.constantFrom('exact' as const, 'initial' as const, 'partial' as const),
        weight: fc.integer({ min: -254, max: 254 }),
        reverse: fc.boolean(),
        quorum: fc.integer({ min: 1, max: 5 }),
        quorumMax: fc.option(fc.integer({ min: 5, max: 10 })),
        forkDelay: fc.option(timer),
        terminateDelay: fc.option(timer),
      }),
    )),
  }),
);

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

type InstanceShape = typeof instanceShape extends fc.Arbitrary<infer T> ? T : never;

/** An instance as instance-rules.ts leaves it: IPv6 is v3, v2 has whole seconds, the preemption clean-ups done. */
function toDefinition(name: string, shape: InstanceShape, extras: InstanceExtras): InstanceDefinition {
  const version = shape.family === 'ipv4' && shape.v2 ? 2 : 3;
  const preempt = shape.preempt || shape.priority === 255 || shape.initialState === 'MASTER';
  const vips = new Set<string>(shape.virtualAddresses.map((a) => a.address));
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
    ...extras,
    excludedAddresses: extras.excludedAddresses.filter((a) => !vips.has(a.address)),
  };
}

/**
 * The unicast keywords as unicast-rules.ts lets them be: peers and source of the
 * instance's family; unicast_ttl only with peers; check_unicast_src and
 * old_unicast_checksum only in unicast mode (peers or unicast_fault_no_peer).
 */
function consistentUnicast(def: InstanceDefinition, defs: GlobalDefs): InstanceDefinition {
  const ipv4 = def.family === 'ipv4';
  const peers = ipv4 ? def.unicastPeers : [];
  const unicast = peers.length > 0 || def.unicastFaultNoPeer;
  return {
    ...def,
    unicastSource: ipv4 ? def.unicastSource : null,
    unicastPeers: peers,
    unicastTtl: peers.length > 0 ? def.unicastTtl : null,
    checkUnicastSource: unicast ? def.checkUnicastSource : defs.checkUnicastSource,
    oldUnicastChecksum: unicast ? def.oldUnicastChecksum : 'off',
  };
}

/** Instances with distinct names and no two on one interface, family and VRID, and what they track. */
const configs: fc.Arbitrary<VipdConfig> = fc
  .tuple(globalDefs, definitions)
  .chain(([defs, defined]) =>
    fc.tuple(
      fc.constant(defs),
      fc.constant(defined),
      fc.uniqueArray(fc.tuple(text, instanceShape, extrasOf(defs, defined.tracked)), { minLength: 1, maxLength: 4, selector: ([name]) => name }),
      fc.array(addressesOf('ipv4', 2), { maxLength: 1 }),
      fc.array(route, { maxLength: 2 }),
      fc.array(rule, { maxLength: 2 }),
      fc.array(fc.record({ location: fc.constant(AT), garpInterval: fc.option(timer), gnaInterval: fc.option(timer), interfaces: fc.uniqueArray(fc.constantFrom(...INTERFACES), { minLength: 1, maxLength: 2 }) }), { maxLength: 1 }),
      recorded(['track_group', 'linkbeat_interfaces', 'bfd_instance']),
    ),
  )
  .map(([defs, defined, named, statics, staticRoutes, staticRules, garpGroups, otherKeywords]) => {
    const taken = new Set<string>();
    const instances = named
      .map(([name, shape, extras]) => consistentUnicast(toDefinition(name, shape, extras), defs))
      .filter((i) => {
        const key = `${i.interface} ${i.family} ${i.vrid}`;
        if (taken.has(key)) return false;
        taken.add(key);
        return true;
      });
    const members = instances.map((i) => i.name);
    const syncGroups: SyncGroupDefinition[] =
      members.length < 2
        ? []
        : [{
            name: 'G 1', location: AT, members, trackInterfaces: [], trackScripts: [], trackFiles: [], trackProcesses: [], trackBfd: [],
            notify: { master: null, backup: null, fault: null, stop: null, deleted: null, masterRxLowerPriority: null, any: null },
            notifyPriorityChanges: false, smtpAlert: true,
          }];
    return {
      globalDefs: defs,
      instances,
      syncGroups,
      scripts: defined.scripts,
      trackFiles: defined.trackFiles,
      trackProcesses: defined.trackProcesses,
      staticAddresses: statics.flat(),
      staticRoutes,
      staticRules,
      garpGroups,
      otherKeywords,
    };
  });
