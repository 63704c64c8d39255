import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostics, formatConfigMessage } from '../config-message.js';
import type { VirtualAddressSpec } from '../config-types.js';
import { ADDRESS_OPTION_DEFAULTS, FILE, statementsOf } from '../config-test-helpers.js';
import { SchemaContext } from './schema-context.js';
import { readVirtualAddressLine } from './virtual-ipaddress.js';

/** Reads `line` as the only line of a virtual_ipaddress block of VI_1. */
function read(line: string): { spec: VirtualAddressSpec | null; messages: string[] } {
  const [statement] = statementsOf(line);
  assert.ok(statement !== undefined);
  const diagnostics = new Diagnostics();
  const spec = readVirtualAddressLine(statement, new SchemaContext(diagnostics, 'vrrp_instance VI_1'));
  return { spec, messages: diagnostics.messages.map(formatConfigMessage) };
}

const AT = { file: FILE, line: 1, column: 1 };

describe('virtual_ipaddress lines', () => {
  it('defaults to a host prefix, global scope and the instance interface', () => {
    assert.deepEqual(read('192.168.200.16'), {
      spec: {
        address: '192.168.200.16',
        prefixLength: 32,
        broadcast: null,
        device: null,
        scope: 'global',
        label: null,
        ...ADDRESS_OPTION_DEFAULTS,
        location: AT,
      },
      messages: [],
    });
    assert.equal(read('2001:db8::10').spec?.prefixLength, 128);
  });

  it('reads every core option, in any order, and canonicalises the address', () => {
    assert.equal(read('label eth1:vip dev eth1 192.168.200.18/24').spec, null, 'the address comes first');
    assert.deepEqual(read('192.168.200.18/24 label eth1:vip scope link dev eth1 brd +'), {
      spec: {
        address: '192.168.200.18',
        prefixLength: 24,
        broadcast: '+',
        device: 'eth1',
        scope: 'link',
        label: 'eth1:vip',
        ...ADDRESS_OPTION_DEFAULTS,
        location: AT,
      },
      messages: [],
    });
    assert.equal(read('10.0.0.1/8 brd -').spec?.broadcast, '-');
    assert.equal(read('10.0.0.1/8 brd 10.255.255.255').spec?.broadcast, '10.255.255.255');
    assert.equal(read('2001:DB8:0:0::0010/64').spec?.address, '2001:db8::10');
    assert.equal(read('2001:db8::10/64 scope link').spec?.scope, 'global', 'keepalived ignores a scope on IPv6 addresses');
    for (const scope of ['global', 'site', 'link', 'host', 'nowhere']) {
      assert.equal(read(`10.0.0.1 scope ${scope}`).spec?.scope, scope);
    }
  });

  it('types the options that have not landed, naming each in a warning', () => {
    const { spec, messages } = read('10.0.0.1/24 peer 10.0.0.2 -nodad noprefixroute preferred_lft forever dev eth0 no_track');
    assert.equal(spec?.device, 'eth0');
    assert.equal(spec?.peer, '10.0.0.2');
    assert.equal(read('10.0.0.1 peer 10.0.0.2/24').spec, null, 'keepalived: "Invalid peer address"');
    assert.equal(spec?.noDad, true);
    assert.equal(spec?.noPrefixRoute, true);
    assert.equal(spec?.preferredLifetime, 'forever');
    assert.equal(spec?.noTrack, true);
    const notYet = (column: number, option: string): string =>
      `${FILE}:1:${column}: warning: (vrrp_instance VI_1) virtual_ipaddress option "${option}" is not supported yet: vipd adds the address without it`;
    assert.deepEqual(messages, [notYet(13, 'peer'), notYet(27, '-nodad'), notYet(34, 'noprefixroute'), notYet(48, 'preferred_lft')]);
    for (const [option, field] of [['use_vmac', 'useVmac'], ['home', 'home'], ['nodad', 'noDad'], ['mngtmpaddr', 'manageTemporaryAddress'], ['autojoin', 'autoJoin']] as const) {
      const line = read(`10.0.0.1 ${option}`);
      assert.deepEqual(line.messages, [notYet(10, option)]);
      assert.equal(line.spec?.[field], true);
    }
    assert.equal(read('10.0.0.1 preferred_lft 30').spec?.preferredLifetime, 30);
    assert.equal(read('10.0.0.1 peer 2001:db8::1').spec, null, 'a peer of the other family is an error');
  });

  it('warns about an unknown option and a repeated one', () => {
    assert.deepEqual(read('10.0.0.1 frob dev a dev b'), {
      spec: { address: '10.0.0.1', prefixLength: 32, broadcast: null, device: 'b', scope: 'global', label: null, ...ADDRESS_OPTION_DEFAULTS, location: AT },
      messages: [
        `${FILE}:1:10: warning: (vrrp_instance VI_1) virtual_ipaddress: unknown option "frob" is ignored`,
        `${FILE}:1:21: warning: (vrrp_instance VI_1) virtual_ipaddress: dev is given twice on this line; the later one is used`,
      ],
    });
  });

  it('rejects what is not an address or prefix', () => {
    const cases: [string, string][] = [
      ['10.0.0.300', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: "10.0.0.300" is not an IP address (expected ADDRESS[/PREFIX], e.g. 192.168.1.10/24 or 2001:db8::10/64)'],
      ['eth0', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: "eth0" is not an IP address (expected ADDRESS[/PREFIX], e.g. 192.168.1.10/24 or 2001:db8::10/64)'],
      ['10.0.0.1/33', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: prefix length "/33" of 10.0.0.1 is not valid; use /0 to /32 for an IPv4 address'],
      ['2001:db8::1/129', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: prefix length "/129" of 2001:db8::1 is not valid; use /0 to /128 for an IPv6 address'],
      ['10.0.0.1/255.255.255.0', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: prefix length "/255.255.255.0" of 10.0.0.1 is not valid; use /0 to /32 for an IPv4 address'],
      ['10.0.0.1/', '1:1: error: (vrrp_instance VI_1) virtual_ipaddress: prefix length "/" of 10.0.0.1 is not valid; use /0 to /32 for an IPv4 address'],
    ];
    for (const [line, message] of cases) assert.deepEqual(read(line), { spec: null, messages: [`${FILE}:${message}`] }, line);
  });

  it('rejects bad option values, naming the value', () => {
    const cases: [string, string][] = [
      ['10.0.0.1 dev', '1:10: error: (vrrp_instance VI_1) virtual_ipaddress: dev is missing its value (expected "dev INTERFACE")'],
      ['10.0.0.1 scope', '1:10: error: (vrrp_instance VI_1) virtual_ipaddress: scope is missing its value (expected "scope global|site|link|host|nowhere")'],
      ['10.0.0.1 scope universe', '1:16: error: (vrrp_instance VI_1) virtual_ipaddress: scope "universe" is not one of global, site, link, host, nowhere'],
      ['10.0.0.1 brd 10.0.0.999', '1:14: error: (vrrp_instance VI_1) virtual_ipaddress: brd "10.0.0.999" is not +, - or an IPv4 address'],
      ['2001:db8::1 brd +', '1:17: error: (vrrp_instance VI_1) virtual_ipaddress: brd applies only to IPv4 addresses; remove it from 2001:db8::1'],
      ['10.0.0.1 dev eth0/1', '1:14: error: (vrrp_instance VI_1) virtual_ipaddress dev: interface name "eth0/1" cannot contain "/", ":" or white space'],
      ['10.0.0.1 label a_label_that_is_too_long', '1:16: error: (vrrp_instance VI_1) virtual_ipaddress: label "a_label_that_is_too_long" must be 1 to 15 bytes long (an interface alias such as eth0:1)'],
    ];
    for (const [line, message] of cases) assert.deepEqual(read(line), { spec: null, messages: [`${FILE}:${message}`] }, line);
  });

  it('rejects a block after an address but still reads the address', () => {
    const { spec, messages } = read('10.0.0.1 { }');
    assert.equal(spec?.address, '10.0.0.1');
    assert.deepEqual(messages, [
      `${FILE}:1:10: error: (vrrp_instance VI_1) virtual_ipaddress: an address line cannot open a { … } block; remove it`,
    ]);
  });
});
