import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigMessage } from './config-message.js';
import {
  ADDRESS_OPTION_DEFAULTS,
  configOf,
  FILE,
  GLOBAL_DEFS_EXTRA_DEFAULTS,
  INSTANCE_EXTRA_DEFAULTS,
  messagesOf,
  NO_OTHER_BLOCKS,
} from './config-test-helpers.js';
import { parseKeepalivedConfig } from './parse-config.js';

const at = (line: number, column: number) => ({ file: FILE, line, column });
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** keepalived's classic two-router example (keepalived.conf(5), doc/samples): the master … */
const CLASSIC_MASTER = `! Configuration File for keepalived

global_defs {
   notification_email {
     acassen@firewall.loc
     failover@firewall.loc
   }
   notification_email_from Alexandre.Cassen@firewall.loc
   smtp_server 192.168.200.1
   smtp_connect_timeout 30
   router_id LVS_DEVEL
}

vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        192.168.200.16
        192.168.200.17
        192.168.200.18
    }
}
`;

/** … and the backup, which differs in state and priority. */
const CLASSIC_BACKUP = CLASSIC_MASTER.replace('state MASTER', 'state BACKUP').replace('priority 150', 'priority 100');

const KEPT = 'is not supported yet: vipd keeps it as written (vipd -d shows it) but does not act on it';
const CLASSIC_GLOBAL_WARNINGS = [
  `${FILE}:4:4: warning: (global_defs) notification_email ${KEPT}`,
  `${FILE}:8:4: warning: (global_defs) notification_email_from ${KEPT}`,
  `${FILE}:9:4: warning: (global_defs) smtp_server ${KEPT}`,
  `${FILE}:10:4: warning: (global_defs) smtp_connect_timeout ${KEPT}`,
];

describe('parseKeepalivedConfig', () => {
  describe("keepalived's classic master/backup pair", () => {
    it('reads the master', () => {
      assert.deepEqual(messagesOf(CLASSIC_MASTER), CLASSIC_GLOBAL_WARNINGS);
      const config = configOf(CLASSIC_MASTER);
      assert.deepEqual(
        config.globalDefs.otherKeywords.map((k) => [k.keyword, ...k.words, ...(k.block ?? []).map((c) => c.keyword)]),
        [
          ['notification_email', 'acassen@firewall.loc', 'failover@firewall.loc'],
          ['notification_email_from', 'Alexandre.Cassen@firewall.loc'],
          ['smtp_server', '192.168.200.1'],
          ['smtp_connect_timeout', '30'],
        ],
      );
      assert.deepEqual({ ...config, globalDefs: { ...config.globalDefs, otherKeywords: [] } }, {
        ...NO_OTHER_BLOCKS,
        globalDefs: {
          ...GLOBAL_DEFS_EXTRA_DEFAULTS,
          routerId: 'LVS_DEVEL',
          vrrpVersion: 2,
          multicastGroup4: '224.0.0.18',
          multicastGroup6: 'ff02::12',
          garpMasterDelay: 500,
          garpMasterRepeat: 5,
          garpInterval: 0,
          gnaInterval: 0,
          v3ChecksumAsV2: false,
        },
        instances: [
          {
            name: 'VI_1',
            location: at(14, 1),
            initialState: 'MASTER',
            interface: 'eth0',
            family: 'ipv4',
            version: 2,
            vrid: 51,
            priority: 150,
            advertInterval: 100,
            authentication: { kind: 'simpleText', password: bytes('1111') },
            virtualAddresses: [16, 17, 18].map((host, i) => ({
              address: `192.168.200.${host}`,
              prefixLength: 32,
              broadcast: null,
              device: null,
              scope: 'global',
              label: null,
              ...ADDRESS_OPTION_DEFAULTS,
              location: at(25 + i, 9),
            })),
            preempt: true,
            preemptDelay: 0,
            acceptMode: true,
            checksumForm: 'pseudoHeader',
            ...INSTANCE_EXTRA_DEFAULTS,
          },
        ],
      });
    });

    it('reads the backup', () => {
      assert.deepEqual(messagesOf(CLASSIC_BACKUP), CLASSIC_GLOBAL_WARNINGS);
      const [backup] = configOf(CLASSIC_BACKUP).instances;
      assert.equal(backup?.initialState, 'BACKUP');
      assert.equal(backup?.priority, 100);
      assert.equal(backup?.vrid, 51);
      assert.deepEqual(backup?.authentication, { kind: 'simpleText', password: bytes('1111') });
    });
  });

  it('reads a VRRPv3 IPv6 file', () => {
    const text = [
      'global_defs {',
      '    router_id edge-1',
      '    vrrp_version 3',
      '    vrrp_mcast_group6 ff02::12',
      '    vrrp_gna_interval 0.002',
      '}',
      '',
      'vrrp_instance V6_GW {',
      '    state BACKUP',
      '    interface ens3',
      '    virtual_router_id 60',
      '    priority 120',
      '    advert_int 0.5',
      '    no_accept',
      '    preempt_delay 2',
      '    virtual_ipaddress {',
      '        fe80::60/64 dev ens3',
      '        2001:db8:60::1/64',
      '    }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(messagesOf(text), []);
    const config = configOf(text);
    assert.equal(config.globalDefs.gnaInterval, 2000);
    assert.deepEqual(config.instances, [
      {
        name: 'V6_GW',
        location: at(8, 1),
        initialState: 'BACKUP',
        interface: 'ens3',
        family: 'ipv6',
        version: 3,
        vrid: 60,
        priority: 120,
        advertInterval: 50,
        authentication: { kind: 'none' },
        virtualAddresses: [
          { address: 'fe80::60', prefixLength: 64, broadcast: null, device: 'ens3', scope: 'global', label: null, ...ADDRESS_OPTION_DEFAULTS, location: at(17, 9) },
          { address: '2001:db8:60::1', prefixLength: 64, broadcast: null, device: null, scope: 'global', label: null, ...ADDRESS_OPTION_DEFAULTS, location: at(18, 9) },
        ],
        preempt: true,
        preemptDelay: 200,
        acceptMode: false,
        checksumForm: 'pseudoHeader',
        ...INSTANCE_EXTRA_DEFAULTS,
      },
    ]);
  });

  it('reads a VRRPv3 IPv4 pair of instances with the RFC 9568 checksum', () => {
    const text = [
      'global_defs {',
      '    v3_checksum_as_v2',
      '}',
      'vrrp_instance inside {',
      '    interface eth1',
      '    version 3',
      '    virtual_router_id 10',
      '    advert_int 0.2',
      '    virtual_ipaddress {',
      '        10.1.0.1/24 brd 10.1.0.255 dev eth1 label eth1:vip',
      '    }',
      '}',
      'vrrp_instance outside {',
      '    interface eth2',
      '    version 3',
      '    virtual_router_id 10',
      '    virtual_ipaddress {',
      '        198.51.100.1/24',
      '    }',
      '}',
    ].join('\n');
    assert.deepEqual(messagesOf(text), []);
    const [inside, outside] = configOf(text).instances;
    assert.equal(inside?.checksumForm, 'messageOnly');
    assert.equal(inside?.advertInterval, 20);
    assert.deepEqual(inside?.virtualAddresses[0], {
      address: '10.1.0.1',
      prefixLength: 24,
      broadcast: '10.1.0.255',
      device: 'eth1',
      scope: 'global',
      label: 'eth1:vip',
      ...ADDRESS_OPTION_DEFAULTS,
      location: at(10, 9),
    });
    assert.equal(outside?.vrid, 10, 'the same VRID on another interface is fine');
  });

  it('warns about what it does not implement, naming file:line, and still produces the configuration', () => {
    const text = `global_defs {
    router_id lb1
    enable_script_security
    script_user keepalived_script
    vrrp_garp_master_refresh 60
}

include /etc/keepalived/conf.d/*.conf

vrrp_script chk_haproxy {
    script "killall -0 haproxy"   # cheaper than pidof
    interval 2
    weight 2
}

vrrp_sync_group G1 {
    group {
        VI_1
    }
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priorty 120
    priority 110
    vrrp_garp_master_delay 1
    track_script {
        chk_haproxy
    }
    notify "/usr/local/bin/notify.sh"
    virtual_ipaddress {
        10.0.0.100/24 dev eth0 noprefixroute
    }
    virtual_ipaddress_excluded {
        10.0.0.200/24
    }
}

virtual_server 10.0.0.100 80 {
    delay_loop 6
    lb_algo rr
    real_server 10.0.0.11 80 {
        TCP_CHECK {
            connect_timeout 3
        }
    }
}

wibble_block {
    whatever 1
}
`;
    assert.deepEqual(messagesOf(text), [
      `${FILE}:8:1: warning: include "/etc/keepalived/conf.d/*.conf" is not read: the parser was given no file access, so nothing it defines is configured`,
      `${FILE}:16:1: warning: (vrrp_sync_group G1) vrrp_sync_group G1 has only 1 instance, which probably isn't what you want (keepalived -t reports it as a configuration error); add the instances that must change state together, or remove the group`,
      `${FILE}:26:5: warning: (vrrp_instance VI_1) unknown keyword "priorty" (did you mean "priority"?); the line is ignored`,
      `${FILE}:28:5: warning: (vrrp_instance VI_1) vrrp_garp_master_delay is not valid inside vrrp_instance; it belongs inside global_defs, so the line is ignored`,
      `${FILE}:34:32: warning: (vrrp_instance VI_1) virtual_ipaddress option "noprefixroute" is not supported yet: vipd adds the address without it`,
      `${FILE}:41:1: warning: virtual_server belongs to keepalived's checker/LVS half and is outside vipd's scope; the block is ignored`,
      `${FILE}:51:1: warning: unknown keyword "wibble_block"; the block is ignored`,
    ]);
    const config = configOf(text);
    const [vi1] = config.instances;
    assert.equal(vi1?.priority, 110);
    assert.equal(vi1?.virtualAddresses[0]?.address, '10.0.0.100');
    assert.deepEqual(vi1?.trackScripts.map((t) => t.name), ['chk_haproxy']);
    assert.deepEqual(vi1?.notify.any?.argv, ['/usr/local/bin/notify.sh']);
    assert.deepEqual(vi1?.excludedAddresses.map((a) => `${a.address}/${a.prefixLength}`), ['10.0.0.200/24']);
    assert.deepEqual(config.scripts.map((s) => [s.name, s.command?.argv, s.interval, s.weight]), [
      ['chk_haproxy', ['killall', '-0', 'haproxy'], 2_000_000, 2],
    ]);
    assert.deepEqual(config.syncGroups.map((g) => [g.name, g.members]), [['G1', ['VI_1']]]);
    assert.equal(config.globalDefs.garpMasterRefresh, 6000);
  });

  it('warns when there is no vrrp_instance at all', () => {
    const outcome = parseKeepalivedConfig('global_defs {\n  router_id x\n}\n', FILE);
    assert.deepEqual(outcome.messages.map(formatConfigMessage), [`${FILE}:1: warning: no vrrp_instance is defined, so vipd has nothing to run`]);
    assert.deepEqual(outcome.config?.instances, []);
    assert.deepEqual(parseKeepalivedConfig('', 'empty.conf').messages.map(formatConfigMessage), [
      'empty.conf:1: warning: no vrrp_instance is defined, so vipd has nothing to run',
    ]);
  });

  describe('files with an error give no configuration and say exactly what is wrong', () => {
    const vi = (name: string, vrid: number, iface: string, address: string): string =>
      `vrrp_instance ${name} {\n    interface ${iface}\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        ${address}\n    }\n}\n`;

    const cases: { name: string; text: string; messages: string[] }[] = [
      {
        name: 'missing interface',
        text: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: ['1:1: error: (vrrp_instance VI_1) vrrp_instance VI_1 has no interface; add the interface it runs on, e.g. "interface eth0"'],
      },
      {
        name: 'missing virtual_router_id',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: [
          '1:1: error: (vrrp_instance VI_1) vrrp_instance VI_1 has no virtual_router_id; add one from 1 to 255, the same on every router of this virtual router',
        ],
      },
      {
        name: 'no virtual addresses',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n',
        messages: [
          '1:1: error: (vrrp_instance VI_1) vrrp_instance VI_1 has no virtual_ipaddress; add a virtual_ipaddress { … } block with at least one address',
        ],
      },
      {
        name: 'mixed address families',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n        fe80::1\n    }\n}\n',
        messages: [
          '6:9: error: (vrrp_instance VI_1) virtual_ipaddress fe80::1 is IPv6 but 10.0.0.1 (line 5) is IPv4; the addresses of one instance must be one family, so put the IPv6 ones in a vrrp_instance of their own',
        ],
      },
      {
        name: 'duplicate instance name',
        text: vi('VI_1', 51, 'eth0', '10.0.0.1') + vi('VI_1', 52, 'eth0', '10.0.0.2'),
        messages: [
          '8:1: error: (vrrp_instance VI_1) vrrp_instance VI_1 is already defined at line 1; instance names must be unique, so rename one of them',
        ],
      },
      {
        name: 'duplicate VRID on the same interface and family',
        text: vi('VI_1', 51, 'eth0', '10.0.0.1') + vi('VI_2', 51, 'eth1', '10.0.1.1') + vi('VI_3', 51, 'eth0', 'fe80::1') + vi('VI_4', 51, 'eth0', '10.0.0.4'),
        messages: [
          '24:23: error: (vrrp_instance VI_4) virtual_router_id 51 on eth0 (IPv4) is already used by vrrp_instance VI_1 at line 3; give each virtual router on an interface its own virtual_router_id',
        ],
      },
      {
        name: 'value out of range',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 256\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: ['4:14: error: (vrrp_instance VI_1) priority 256 is out of range; use a value from 1 to 255'],
      },
      {
        name: 'keyword missing its argument',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: ['3:5: error: (vrrp_instance VI_1) virtual_router_id is missing its value (expected "virtual_router_id 1..255")'],
      },
      {
        name: 'AH authentication with VRRPv3',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    version 3\n    authentication {\n        auth_type AH\n        auth_pass secret\n    }\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: [
          '6:19: error: (vrrp_instance VI_1) auth_type AH works with VRRPv2 over IPv4 only; use version 2 with IPv4 addresses, or remove the authentication block',
        ],
      },
      {
        name: 'vrrp_garp_interval 0 as in the shipped sample',
        text: `global_defs {\n   vrrp_garp_interval 0\n}\n${vi('VI_1', 51, 'eth0', '10.0.0.1')}`,
        messages: [
          '2:23: error: (global_defs) vrrp_garp_interval 0 is a configuration error (keepalived rejects it too): remove the line for no pause between gratuitous ARPs, or give a positive number of seconds such as 0.001',
        ],
      },
      {
        name: 'unclosed block',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n}\n',
        messages: ['1:20: error: the "{" of vrrp_instance VI_1 (line 1) is never closed; add the missing "}"'],
      },
      {
        name: 'stray closing brace',
        text: `${vi('VI_1', 51, 'eth0', '10.0.0.1')}}\n`,
        messages: ['8:1: error: "}" has no matching "{"; remove it, or add the "{" it was meant to close'],
      },
      {
        name: 'a "{" starting a line opens the block of the line above, and is reported once when there is none',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n        { 10.0.0.2 }\n    }\n    {\n    }\n}\n',
        messages: [
          '6:9: error: (vrrp_instance VI_1) virtual_ipaddress: an address line cannot open a { … } block; remove it',
          '8:5: error: "{" with no keyword before it; put the keyword that owns this block before the "{"',
        ],
      },
      {
        name: 'VRRPv2 advert_int under half a second',
        text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    advert_int 0.2\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
        messages: [
          '4:16: error: (vrrp_instance VI_1) advert_int 0.2 rounds to 0 s, but VRRPv2 advertises whole seconds from 1 to 255; use at least 1, or version 3 for intervals under a second',
        ],
      },
      {
        name: 'a conditional line when no config id was given',
        text: `${vi('VI_1', 51, 'eth0', '10.0.0.1')}@lb2 $PRIORITY=50\n`,
        messages: ['8:1: error: conditional configuration ("@lb2 …") cannot be decided: no config id was given'],
      },
    ];

    for (const { name, text, messages } of cases) {
      it(name, () => {
        const outcome = parseKeepalivedConfig(text, FILE);
        assert.equal(outcome.config, null);
        assert.deepEqual(outcome.messages.map(formatConfigMessage), messages.map((m) => `${FILE}:${m}`));
      });
    }
  });
});

describe('message codes', () => {
  it('mark unknown, not-yet-supported and out-of-scope keywords so vipd -t can act on them', () => {
    const text = [
      'global_defs {',
      '    vrrp_strict',
      '}',
      'virtual_server 10.0.0.1 80 {',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    wibble 1',
      '    virtual_ipaddress {',
      '        10.0.0.100/24',
      '    }',
      '}',
    ].join('\n');
    const codes = parseKeepalivedConfig(text, 'keepalived.conf').messages.map((m) => `${m.location.line} ${m.code ?? '-'}`);
    assert.deepEqual(codes, ['2 notSupportedYet', '4 outOfScope', '9 unknownKeyword']);
  });
});
