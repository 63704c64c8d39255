import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, FILE, GLOBAL_DEFS_EXTRA_DEFAULTS, instance, messagesOf } from '../config-test-helpers.js';

/** global_defs holding `lines` (from line 2 on), followed by a valid instance. */
function globalDefs(lines: string): string {
  return `global_defs {\n${lines}\n}\n${instance('')}`;
}

const KEPT = 'is not supported yet: vipd keeps it as written (vipd -d shows it) but does not act on it';
const STRICT = 'vipd does not enforce strict RFC compliance (it neither refuses nor changes what vrrp_strict would)';

/** keepalived's defaults, in vipd's units (centiseconds, microseconds). */
const DEFAULTS = {
  routerId: null,
  vrrpVersion: 2,
  multicastGroup4: '224.0.0.18',
  multicastGroup6: 'ff02::12',
  garpMasterDelay: 500,
  garpMasterRepeat: 5,
  garpInterval: 0,
  gnaInterval: 0,
  v3ChecksumAsV2: false,
  ...GLOBAL_DEFS_EXTRA_DEFAULTS,
};

describe('global_defs', () => {
  it("applies keepalived's defaults when there is no global_defs", () => {
    assert.deepEqual(configOf(instance('')).globalDefs, DEFAULTS);
  });

  it('reads every supported keyword in keepalived units', () => {
    const text = globalDefs(
      [
        '  router_id lb-1',
        '  vrrp_version 3',
        '  vrrp_mcast_group4 224.0.0.19',
        '  vrrp_mcast_group6 FF02::0012',
        '  vrrp_garp_master_delay 10',
        '  vrrp_garp_master_repeat 2',
        '  vrrp_garp_interval 0.001',
        '  vrrp_gna_interval 0.000001',
        '  v3_checksum_as_v2',
      ].join('\n'),
    );
    assert.deepEqual(messagesOf(text), []);
    assert.deepEqual(configOf(text).globalDefs, {
      routerId: 'lb-1',
      vrrpVersion: 3,
      multicastGroup4: '224.0.0.19',
      multicastGroup6: 'ff02::12',
      garpMasterDelay: 1000,
      garpMasterRepeat: 2,
      garpInterval: 1000,
      gnaInterval: 1,
      v3ChecksumAsV2: true,
      ...GLOBAL_DEFS_EXTRA_DEFAULTS,
      // vrrp_garp_lower_prio_* default to vrrp_garp_master_* (reference §1).
      garpLowerPriorityDelay: 1000,
      garpLowerPriorityRepeat: 2,
    });
  });

  it('types the VRRP keys whose behaviour has not landed, warning once each, and records the rest as written', () => {
    const text = globalDefs(
      [
        '  vrrp_strict',
        '  enable_script_security',
        '  script_user keepalived_script users',
        '  notify_fifo /run/keepalived.fifo',
        '  vrrp_garp_extra_if all 10',
        '  vrrp_startup_delay 2.5',
        '  dynamic_interfaces allow_if_changes',
        '  vrrp_down_timer_adverts 5',
        '  vrrp_iptables INPUT',
      ].join('\n'),
    );
    const defs = configOf(text).globalDefs;
    assert.equal(defs.strict, true);
    assert.equal(defs.enableScriptSecurity, true);
    assert.deepEqual(defs.scriptUser, { user: 'keepalived_script', group: 'users' });
    assert.deepEqual(defs.notifyFifo, { path: '/run/keepalived.fifo', runAs: null });
    assert.deepEqual(defs.garpExtraInterfaces, { allInterfaces: true, delaySeconds: 10 });
    assert.equal(defs.startupDelay, 2_500_000);
    assert.equal(defs.dynamicInterfaces, 'allowInterfaceChanges');
    assert.equal(defs.downTimerAdverts, 5);
    assert.deepEqual(defs.otherKeywords.map((k) => [k.keyword, ...k.words]), [['vrrp_iptables', 'INPUT']]);
    const messages = messagesOf(text);
    // Everything but what has landed (vrrp_down_timer_adverts: the core's down timer; vrrp_garp_extra_if:
    // periodic announcements on other interfaces; the script and notify keys: runtime/tracking,
    // runtime/notify) is reported, each once.
    assert.equal(messages.length, 4);
    assert.ok(messages.every((m) => m.includes('is not supported yet')));
    for (const landed of ['vrrp_down_timer_adverts', 'vrrp_garp_extra_if', 'enable_script_security', 'script_user', 'notify_fifo']) {
      assert.ok(!messages.some((m) => m.includes(landed)), landed);
    }
  });

  it('takes v3_checksum_as_v2 with an optional <BOOL>', () => {
    for (const [value, expected] of [['', true], [' on', true], [' yes', true], [' true', true], [' off', false], [' no', false], [' false', false]] as const) {
      assert.equal(configOf(globalDefs(`  v3_checksum_as_v2${value}`)).globalDefs.v3ChecksumAsV2, expected, value);
    }
  });

  it('adds up several global_defs blocks, wherever they stand, the later value winning', () => {
    const text = `${instance('')}global_defs {\n  router_id a\n}\nglobal_defs {\n  router_id b\n  vrrp_version 3\n}\n`;
    assert.deepEqual(messagesOf(text), [
      `${FILE}:13:13: warning: (global_defs) router_id is already set at line 10; this later value replaces it`,
    ]);
    const config = configOf(text);
    assert.equal(config.globalDefs.routerId, 'b');
    assert.equal(config.instances[0]?.version, 3, 'vrrp_version applies to an instance written before it');
  });

  it('rejects vrrp_garp_interval 0 and vrrp_gna_interval 0, saying how to fix it', () => {
    assert.deepEqual(messagesOf(globalDefs('  vrrp_garp_interval 0\n  vrrp_gna_interval 0.000')), [
      `${FILE}:2:22: error: (global_defs) vrrp_garp_interval 0 is a configuration error (keepalived rejects it too): ` +
        'remove the line for no pause between gratuitous ARPs, or give a positive number of seconds such as 0.001',
      `${FILE}:3:21: error: (global_defs) vrrp_gna_interval 0 is a configuration error (keepalived rejects it too): ` +
        'remove the line for no pause between unsolicited neighbour advertisements, or give a positive number of seconds such as 0.001',
    ]);
  });

  it('warns about an announcement pause of a second or more', () => {
    assert.deepEqual(messagesOf(globalDefs('  vrrp_garp_interval 1')), [
      `${FILE}:2:22: warning: (global_defs) vrrp_garp_interval 1 is very large: a pause of a second or more between gratuitous ARPs`,
    ]);
  });

  it('rejects values keepalived rejects, with the allowed values', () => {
    const cases: [string, string][] = [
      ['vrrp_version 4', '2:16: error: (global_defs) vrrp_version must be 2 or 3, not "4"'],
      ['vrrp_mcast_group4 10.0.0.1', '2:21: error: (global_defs) vrrp_mcast_group4 "10.0.0.1" is not an IPv4 multicast address (224.0.0.0/4)'],
      ['vrrp_mcast_group4 ff02::12', '2:21: error: (global_defs) vrrp_mcast_group4 "ff02::12" is not an IPv4 multicast address (224.0.0.0/4)'],
      ['vrrp_mcast_group6 2001:db8::1', '2:21: error: (global_defs) vrrp_mcast_group6 "2001:db8::1" is not an IPv6 multicast address (ff00::/8)'],
      ['vrrp_garp_master_delay 1.5', '2:26: error: (global_defs) vrrp_garp_master_delay "1.5" is not a whole number; use a value from 0 to 4294'],
      ['vrrp_garp_master_delay 4295', '2:26: error: (global_defs) vrrp_garp_master_delay 4295 is out of range; use a value from 0 to 4294'],
      ['vrrp_garp_master_repeat 0', '2:27: error: (global_defs) vrrp_garp_master_repeat 0 is out of range; use a value from 1 to 4294967295'],
      ['vrrp_garp_interval -1', '2:22: error: (global_defs) vrrp_garp_interval "-1" is not a number of seconds (write e.g. 1 or 0.5)'],
      ['vrrp_garp_interval 0.0000001', "2:22: error: (global_defs) vrrp_garp_interval 0.0000001 has more than 6 decimal places; keepalived's timers count microseconds"],
      ['vrrp_gna_interval 4294.000001', '2:21: error: (global_defs) vrrp_gna_interval 4294.000001 is out of range; use 0.000001 to 4294 seconds'],
      ['v3_checksum_as_v2 maybe', '2:21: error: (global_defs) v3_checksum_as_v2 takes on, off, true, false, yes or no (or nothing, meaning on), not "maybe"'],
      ['router_id', '2:3: error: (global_defs) router_id is missing its value (expected "router_id NAME")'],
      ['vrrp_version 3 { }', '2:18: error: (global_defs) vrrp_version does not take a { … } block; remove the block (its contents are ignored)'],
    ];
    for (const [line, message] of cases) {
      const outcome = messagesOf(globalDefs(`  ${line}`));
      assert.ok(outcome.includes(`${FILE}:${message}`), `${line}:\n${outcome.join('\n')}`);
      assert.equal(outcome.filter((m) => m.includes(': error: ')).length, 1, line);
    }
  });

  it('warns once per occurrence of a keepalived keyword it does not implement, and reads on', () => {
    const text = globalDefs(
      [
        '  notification_email {',
        '    admin@example.com',
        '  }',
        '  notification_email_from keepalived@example.com',
        '  smtp_server 192.168.200.1',
        '  smtp_connect_timeout 30',
        '  enable_script_security',
        '  script_user keepalived_script',
        '  vrrp_strict',
        '  vrrp_iptables',
        '  vrrp_strict',
        '  router_id still-read',
      ].join('\n'),
    );
    assert.deepEqual(messagesOf(text), [
      `${FILE}:2:3: warning: (global_defs) notification_email ${KEPT}`,
      `${FILE}:5:3: warning: (global_defs) notification_email_from ${KEPT}`,
      `${FILE}:6:3: warning: (global_defs) smtp_server ${KEPT}`,
      `${FILE}:7:3: warning: (global_defs) smtp_connect_timeout ${KEPT}`,
      `${FILE}:10:3: warning: (global_defs) vrrp_strict is not supported yet: ${STRICT}`,
      `${FILE}:11:3: warning: (global_defs) vrrp_iptables ${KEPT}`,
      `${FILE}:12:3: warning: (global_defs) vrrp_strict is not supported yet: ${STRICT}`,
      `${FILE}:12:3: warning: (global_defs) vrrp_strict is already set at line 10; this later value replaces it`,
    ]);
    assert.equal(configOf(text).globalDefs.routerId, 'still-read');
  });

  it('tells unknown keywords from misplaced ones and suggests a likely typo', () => {
    assert.deepEqual(messagesOf(globalDefs('  frobnicate 1\n  vrrp_garp_intervl 1\n  garp_master_delay 3\n  priority 100')), [
      `${FILE}:2:3: warning: (global_defs) unknown keyword "frobnicate"; the line is ignored`,
      `${FILE}:3:3: warning: (global_defs) unknown keyword "vrrp_garp_intervl" (did you mean "vrrp_garp_interval"?); the line is ignored`,
      `${FILE}:4:3: warning: (global_defs) garp_master_delay is not valid inside global_defs; it belongs inside vrrp_instance, so the line is ignored`,
      `${FILE}:5:3: warning: (global_defs) priority is not valid inside global_defs; it belongs inside vrrp_instance, so the line is ignored`,
    ]);
  });
});
