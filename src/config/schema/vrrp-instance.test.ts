import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE, instance, messagesOf, onlyInstance } from '../config-test-helpers.js';

const BLOCK = '(vrrp_instance VI_1)';

/** The messages of an instance with `body`, which must hold exactly the errors/warnings given. */
function expectMessages(body: string, expected: string[]): void {
  assert.deepEqual(messagesOf(instance(body)), expected.map((m) => `${FILE}:${m}`));
}

describe('vrrp_instance keywords', () => {
  it('reads state, interface, virtual_router_id, priority, advert_int, version, accept and the preemption settings', () => {
    const definition = onlyInstance(
      instance(
        [
          '    state BACKUP',
          '    interface bond0.100',
          '    virtual_router_id 7',
          '    priority 254',
          '    advert_int 2',
          '    version 2',
          '    no_accept',
          '    nopreempt',
        ].join('\n'),
      ),
    );
    assert.equal(definition.initialState, 'BACKUP');
    assert.equal(definition.interface, 'bond0.100');
    assert.equal(definition.vrid, 7);
    assert.equal(definition.priority, 254);
    assert.equal(definition.advertInterval, 200);
    assert.equal(definition.version, 2);
    assert.equal(definition.acceptMode, false);
    assert.equal(definition.preempt, false);
  });

  it('lets the last of nopreempt/preempt and accept/no_accept win (preempt undoes nopreempt, keepalived.conf(5))', () => {
    const definition = onlyInstance(instance('    nopreempt\n    preempt\n    no_accept\n    accept'));
    assert.equal(definition.preempt, true);
    assert.equal(definition.acceptMode, true);
    assert.equal(onlyInstance(instance('    preempt\n    nopreempt')).preempt, false);
  });

  it('reads preempt_delay in seconds, up to 1000', () => {
    assert.equal(onlyInstance(instance('    preempt_delay 300')).preemptDelay, 30_000);
    assert.equal(onlyInstance(instance('    preempt_delay 4.12')).preemptDelay, 412);
    assert.equal(onlyInstance(instance('    preempt_delay 0')).preemptDelay, 0);
  });

  it('takes v3_checksum_as_v2 with an optional <BOOL>, overriding global_defs', () => {
    assert.equal(onlyInstance(instance('    version 3\n    v3_checksum_as_v2')).checksumForm, 'messageOnly');
    assert.equal(
      onlyInstance(`global_defs {\n  v3_checksum_as_v2\n}\n${instance('    version 3\n    v3_checksum_as_v2 off')}`).checksumForm,
      'pseudoHeader',
    );
    assert.equal(onlyInstance(`global_defs {\n  v3_checksum_as_v2 yes\n}\n${instance('    version 3')}`).checksumForm, 'messageOnly');
  });

  it('rejects values out of range, naming the allowed range', () => {
    expectMessages('    priority 256', [`2:14: error: ${BLOCK} priority 256 is out of range; use a value from 1 to 255`]);
    expectMessages('    priority 0', [`2:14: error: ${BLOCK} priority 0 is out of range; use a value from 1 to 255`]);
    expectMessages('    priority -5', [`2:14: error: ${BLOCK} priority "-5" is not a whole number; use a value from 1 to 255`]);
    expectMessages('    virtual_router_id 0', [`2:23: error: ${BLOCK} virtual_router_id 0 is out of range; use a value from 1 to 255`]);
    expectMessages('    virtual_router_id 0x10', [`2:23: error: ${BLOCK} virtual_router_id "0x10" is not a whole number; use a value from 1 to 255`]);
    expectMessages('    advert_int 0.001', [`2:16: error: ${BLOCK} advert_int 0.001 is out of range; use 0.01 to 255 seconds`]);
    expectMessages('    advert_int 256', [`2:16: error: ${BLOCK} advert_int 256 is out of range; use 0.01 to 255 seconds`]);
    expectMessages('    advert_int 1s', [`2:16: error: ${BLOCK} advert_int "1s" is not a number of seconds (write e.g. 1 or 0.5)`]);
    expectMessages('    preempt_delay 1001', [`2:19: error: ${BLOCK} preempt_delay 1001 is out of range; use 0 to 1000 seconds`]);
    expectMessages('    version 1', [`2:13: error: ${BLOCK} version must be 2 or 3, not "1"`]);
    expectMessages('    state master', [
      `2:11: error: ${BLOCK} state must be MASTER or BACKUP (in capitals, as keepalived requires), not "master"`,
    ]);
    expectMessages('    interface a_very_long_interface', [
      `2:15: error: ${BLOCK} interface name "a_very_long_interface" is 21 bytes long; Linux allows at most 15`,
    ]);
    expectMessages('    interface eth0:1', [`2:15: error: ${BLOCK} interface name "eth0:1" cannot contain "/", ":" or white space`]);
    expectMessages('    interface ..', [`2:15: error: ${BLOCK} ".." cannot be an interface name`]);
    expectMessages('    interface ""', [`2:15: error: ${BLOCK} an interface name cannot be empty`]);
    expectMessages('    accept yes', [`2:12: warning: ${BLOCK} unexpected "yes" after accept is ignored`]);
  });

  it('reports a keyword missing its value, with the expected form', () => {
    expectMessages('    priority', [`2:5: error: ${BLOCK} priority is missing its value (expected "priority 1..255")`]);
    expectMessages('    state', [`2:5: error: ${BLOCK} state is missing its value (expected "state MASTER|BACKUP")`]);
    expectMessages('    advert_int', [`2:5: error: ${BLOCK} advert_int is missing its value (expected "advert_int SECONDS")`]);
    expectMessages('    preempt_delay', [`2:5: error: ${BLOCK} preempt_delay is missing its value (expected "preempt_delay SECONDS")`]);
    expectMessages('    version', [`2:5: error: ${BLOCK} version is missing its value (expected "version 2|3")`]);
    assert.deepEqual(messagesOf('vrrp_instance VI_1 {\n    interface\n    virtual_router_id\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n'), [
      `${FILE}:2:5: error: ${BLOCK} interface is missing its value (expected "interface NAME")`,
      `${FILE}:3:5: error: ${BLOCK} virtual_router_id is missing its value (expected "virtual_router_id 1..255")`,
    ]);
    expectMessages('    virtual_ipaddress', [
      `2:5: error: ${BLOCK} virtual_ipaddress needs a block (expected "virtual_ipaddress { ADDRESS[/PREFIX] … }")`,
    ]);
    expectMessages('    virtual_ipaddress 10.0.0.1', [
      `2:5: error: ${BLOCK} virtual_ipaddress needs a block (expected "virtual_ipaddress { ADDRESS[/PREFIX] … }")`,
      `2:23: warning: ${BLOCK} unexpected "10.0.0.1" after virtual_ipaddress is ignored`,
    ]);
  });

  it('warns about a repeated keyword and uses the later value, as keepalived does', () => {
    expectMessages('    priority 50\n    priority 60', [`3:14: warning: ${BLOCK} priority is already set at line 2; this later value replaces it`]);
    assert.equal(onlyInstance(instance('    priority 50\n    priority 60')).priority, 60);
  });

  it('rejects contradicting state and version lines (keepalived reports them and keeps one)', () => {
    expectMessages('    state BACKUP\n    state MASTER', [`3:11: error: ${BLOCK} state MASTER contradicts state BACKUP at line 2; keep one of them`]);
    expectMessages('    version 3\n    version 2', [`3:13: error: ${BLOCK} version 2 contradicts version 3 at line 2; keep one of them`]);
    expectMessages('    state MASTER\n    state MASTER', [`3:11: warning: ${BLOCK} state is already set at line 2; this later value replaces it`]);
  });

  it('collects the addresses of several virtual_ipaddress blocks, in order, one address per line', () => {
    // On one line, "10.0.0.2" is an (unknown) option of 10.0.0.3/24, not a second address.
    const definition = onlyInstance(instance('    virtual_ipaddress {\n        10.0.0.1\n    }\n    virtual_ipaddress { 10.0.0.3/24 10.0.0.2 }'));
    assert.deepEqual(
      definition.virtualAddresses.map((a) => `${a.address}/${a.prefixLength}`),
      ['10.0.0.1/32', '10.0.0.3/24'],
    );
  });

  it('reads the keywords whose behaviour has not landed, warning once per line with what that means', () => {
    expectMessages(
      [
        '    track_interface {',
        '        eth1 weight -20',
        '    }',
        '    track_script {',
        '        chk_haproxy',
        '    }',
        '    notify_master "/etc/keepalived/master.sh"',
        '    unicast_src_ip 10.0.0.2',
        '    unicast_peer {',
        '        10.0.0.3',
        '    }',
        '    use_vmac',
        '    garp_master_delay 1',
        '    priority 120',
      ].join('\n'),
      [
        `6:9: error: ${BLOCK} track_script names chk_haproxy, but no vrrp_script chk_haproxy is defined (keepalived: "track script chk_haproxy not found"); define vrrp_script chk_haproxy { … } or fix the name`,
      ],
    );
  });

  it('types what it reads although its behaviour has not landed', () => {
    const definition = onlyInstance(
      instance(
        [
          '    track_interface {',
          '        eth1 weight -20 reverse',
          '    }',
          '    notify_master "/etc/keepalived/master.sh a" root',
          '    use_vmac vrrp.51 02:00:5E:00:01:33',
          '    vmac_xmit_base',
          '    garp_master_delay 1',
          '    down_timer_adverts 5',
          '    virtual_routes {',
          '        src 10.0.0.1 to 10.9.0.0/16 via 10.0.0.254 dev eth1 no_track',
          '    }',
          '    virtual_rules {',
          '        from 10.9.0.0/16 table 100 priority 10',
          '    }',
        ].join('\n'),
      ),
    );
    assert.deepEqual(definition.trackInterfaces.map(({ location: _, ...r }) => r), [{ name: 'eth1', weight: -20, reverse: true }]);
    assert.deepEqual(definition.notify.master?.argv, ['/etc/keepalived/master.sh', 'a']);
    assert.deepEqual(definition.notify.master?.runAs, { user: 'root', group: null });
    assert.deepEqual(definition.vmac, {
      kind: 'macvlan', interfaceName: 'vrrp.51', macAddress: '02:00:5e:00:01:33', ipvlanAddress: null, ipvlanMode: null,
      useVmacAddress: false, transmitOnBase: true,
    });
    assert.equal(definition.garpMasterDelay, 100);
    assert.equal(definition.garpLowerPriorityDelay, 500);
    assert.equal(definition.downTimerAdverts, 5);
    assert.deepEqual(
      definition.virtualRoutes.map(({ location: _, ...r }) => r),
      [{
        type: 'unicast', destination: { address: '10.9.0.0', prefixLength: 16 }, source: '10.0.0.1', via: '10.0.0.254', device: 'eth1',
        table: null, metric: null, scope: null, protocol: null, noTrack: true, moreOptions: [],
      }],
    );
    assert.deepEqual(
      definition.virtualRules.map(({ location: _, ...r }) => r),
      [{
        not: false, from: { address: '10.9.0.0', prefixLength: 16 }, to: null, inputInterface: null, outputInterface: null,
        firewallMark: null, priority: 10, action: 'table', table: '100', gotoPriority: null, noTrack: false, moreOptions: [],
      }],
    );
  });

  it('tells unknown keywords from misplaced ones, and suggests the keyword a typo meant', () => {
    expectMessages('    priorty 120\n    vrrp_garp_master_delay 1\n    router_id x\n    wibble', [
      `2:5: warning: ${BLOCK} unknown keyword "priorty" (did you mean "priority"?); the line is ignored`,
      `3:5: warning: ${BLOCK} vrrp_garp_master_delay is not valid inside vrrp_instance; it belongs inside global_defs, so the line is ignored`,
      `4:5: warning: ${BLOCK} router_id is not valid inside vrrp_instance; it belongs inside global_defs, so the line is ignored`,
      `5:5: warning: ${BLOCK} unknown keyword "wibble"; the line is ignored`,
    ]);
    expectMessages('    vrrp_instance VI_2 {\n    }', [
      `2:5: warning: ${BLOCK} vrrp_instance is not valid inside vrrp_instance; it belongs at the top level, so the block is ignored`,
    ]);
  });

  it('calls an include line with two file names an unknown keyword, as keepalived does', () => {
    expectMessages('    include vips.conf more.conf', [
      `2:5: warning: ${BLOCK} include is read only as an unquoted keyword with exactly one file name (quote a name with blanks); the line is ignored`,
    ]);
  });

  it('needs a name and a block', () => {
    assert.deepEqual(messagesOf('vrrp_instance {\n    interface eth0\n}\nvrrp_instance VI_2\n'), [
      `${FILE}:1:1: error: vrrp_instance needs a name, e.g. "vrrp_instance VI_1 { … }"`,
      `${FILE}:4:1: error: vrrp_instance needs a block (expected "vrrp_instance NAME { … }")`,
    ]);
    assert.deepEqual(messagesOf(instance('').replace('VI_1', 'VI_1 extra')), [
      `${FILE}:1:20: warning: unexpected "extra" after the instance name is ignored`,
    ]);
  });
});

