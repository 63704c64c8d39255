/**
 * keepalived's configuration language through the whole parser: include, @,
 * $, ~SEQ and ~LST together, down to the typed configuration and the exact
 * messages `vipd -t` prints.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigMessage } from './config-message.js';
import type { ParseOptions, VipdConfig } from './config-types.js';
import { memoryFiles } from './config-test-helpers.js';
import { parseKeepalivedConfig } from './parse-config.js';

const MAIN = '/etc/keepalived/keepalived.conf';

/** A site: one file for both routers, instances in conf.d, addresses generated. */
const SITE: Record<string, string> = {
  [MAIN]: [
    '! shared by lb1 and lb2',
    '@lb1 $PRIO=150',
    '@^lb1 $PRIO=100',
    '$VIP_NET=10.${VRID}.0',
    'global_defs {',
    '    router_id ${_INSTANCE}',
    '}',
    'include conf.d/{web,db}/*.conf',
  ].join('\n'),
  '/etc/keepalived/conf.d/web/10-web.conf': [
    '$VRID=10',
    '$WEB= \\',
    'vrrp_instance web_${SIDE} { \\',
    '    interface eth0 \\',
    '    virtual_router_id ${VRID} \\',
    '    priority $PRIO \\',
    '    virtual_ipaddress { \\',
    '        ~SEQ(HOST, 1, 2) ${VIP_NET}.${HOST}/24 \\',
    '    } \\',
    '}',
    '~LST({SIDE, VRID}, {a, 10}, {b, 11}) $WEB',
  ].join('\n'),
  '/etc/keepalived/conf.d/db/20-db.conf': [
    'vrrp_instance db {',
    '    interface eth1',
    '    virtual_router_id 20',
    '    @lb2 state MASTER',
    '    priority $PRIO',
    '    virtual_ipaddress {',
    '        ~SEQx(H, 0xa, 0xb) fe80::${H}/64',
    '    }',
    '}',
  ].join('\n'),
};

const parse = (files: Record<string, string>, options: ParseOptions, file = MAIN) =>
  parseKeepalivedConfig(files[file] ?? '', file, { ...memoryFiles(files), ...options });

function summary(config: VipdConfig | null): unknown {
  return {
    routerId: config?.globalDefs.routerId,
    instances: config?.instances.map((i) => ({
      name: i.name,
      vrid: i.vrid,
      priority: i.priority,
      state: i.initialState,
      interface: i.interface,
      addresses: i.virtualAddresses.map((a) => `${a.address}/${a.prefixLength}`),
      at: `${i.location.file}:${i.location.line}`,
    })),
  };
}

/** What SITE gives a router whose $PRIO is `priority`, db's state being `dbState`. */
const siteFor = (routerId: string, priority: number, dbState: 'MASTER' | null): unknown => {
  const web = (side: string, vrid: number) => ({
    name: `web_${side}`,
    vrid,
    priority,
    state: null,
    interface: 'eth0',
    addresses: [`10.${vrid}.0.1/24`, `10.${vrid}.0.2/24`],
    at: '/etc/keepalived/conf.d/web/10-web.conf:11',
  });
  return {
    routerId,
    instances: [
      web('a', 10),
      web('b', 11),
      { name: 'db', vrid: 20, priority, state: dbState, interface: 'eth1', addresses: ['fe80::a/64', 'fe80::b/64'], at: '/etc/keepalived/conf.d/db/20-db.conf:1' },
    ],
  };
};

describe('the configuration language, end to end', () => {
  it('gives lb1 its configuration', () => {
    const outcome = parse(SITE, { configId: 'lb1' });
    assert.deepEqual(outcome.messages.map(formatConfigMessage), []);
    assert.deepEqual(summary(outcome.config), siteFor('lb1', 150, null));
  });

  it('gives lb2 its configuration from the same files', () => {
    const outcome = parse(SITE, { configId: 'lb2' });
    assert.deepEqual(outcome.messages.map(formatConfigMessage), []);
    assert.deepEqual(summary(outcome.config), siteFor('lb2', 100, 'MASTER'));
  });

  it('names the included file, its line and the include line in messages, in reading order', () => {
    const files = {
      [MAIN]: 'vrrp_instance VI_1 {\n    interface eth0\n    include vi1.conf\n    priority 300\n}\n',
      '/etc/keepalived/vi1.conf': 'virtual_router_id 256\nvirtual_ipaddress {\n    10.0.0.1\n}\n',
    };
    const outcome = parse(files, { configId: 'lb1' });
    assert.equal(outcome.config, null);
    assert.deepEqual(outcome.messages.map(formatConfigMessage), [
      '/etc/keepalived/vi1.conf:1:19: error: (vrrp_instance VI_1) virtual_router_id 256 is out of range; use a value from 1 to 255 ' +
        `(included from ${MAIN}:3:5)`,
      `${MAIN}:4:14: error: (vrrp_instance VI_1) priority 300 is out of range; use a value from 1 to 255`,
    ]);
    const [first] = outcome.messages;
    assert.deepEqual(first?.location, {
      file: '/etc/keepalived/vi1.conf',
      line: 1,
      column: 19,
      includedFrom: { file: MAIN, line: 3, column: 5 },
    });
  });

  it('refuses an include line made by @, which keepalived versions read differently', () => {
    const files = { [MAIN]: '@lb1 include other.conf\n', '/etc/keepalived/other.conf': '' };
    const outcome = parse(files, { configId: 'lb1' });
    assert.equal(outcome.config, null);
    assert.deepEqual(outcome.messages.map(formatConfigMessage), [
      `${MAIN}:1: warning: no vrrp_instance is defined, so vipd has nothing to run`,
      `${MAIN}:1:6: error: this include line is made by @, $, ~SEQ or ~LST; keepalived.conf(5) says such a line is not read ` +
        'as an include, but keepalived 2.2 reads it, so vipd does not guess and ignores it: write the include line itself',
    ]);
  });

  it('calls an include line with two file names an unknown keyword, so that vipd -t fails as keepalived -t does', () => {
    const outcome = parse({ [MAIN]: 'include a.conf b.conf\n' }, {});
    assert.deepEqual(
      outcome.messages.map((m) => `${formatConfigMessage(m)} [${m.code ?? '-'}]`),
      [
        `${MAIN}:1: warning: no vrrp_instance is defined, so vipd has nothing to run [-]`,
        `${MAIN}:1:1: warning: include is read only as an unquoted keyword with exactly one file name (quote a name with blanks); the line is ignored [unknownKeyword]`,
      ],
    );
  });

  it('reads a file without language features exactly as before', () => {
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n';
    assert.deepEqual(parseKeepalivedConfig(text, MAIN), parseKeepalivedConfig(text, MAIN, { ...memoryFiles({}), configId: 'x', environment: {} }));
  });
});
