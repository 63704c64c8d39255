import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, FILE, instance, messagesOf } from './config-test-helpers.js';

/** An instance of 7 lines: the Nth of a file starts on line 7N - 6, its virtual_router_id two lines below. */
const vi = (name: string, vrid: number, iface: string, address = '10.0.0.1'): string =>
  instance(`    interface ${iface}\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        ${address}\n    }`, name);

describe('checks across instances', () => {
  it('reports every later instance that reuses a name, at that instance', () => {
    assert.deepEqual(messagesOf(vi('A', 1, 'eth0') + vi('A', 2, 'eth0') + vi('A', 3, 'eth0')), [
      `${FILE}:8:1: error: (vrrp_instance A) vrrp_instance A is already defined at line 1; instance names must be unique, so rename one of them`,
      `${FILE}:15:1: error: (vrrp_instance A) vrrp_instance A is already defined at line 1; instance names must be unique, so rename one of them`,
    ]);
  });

  it('allows one VRID on different interfaces, or for different families on one interface', () => {
    const text = vi('A', 9, 'eth0') + vi('B', 9, 'eth1', '10.0.0.2') + vi('C', 9, 'eth0', 'fe80::9');
    assert.deepEqual(messagesOf(text), []);
    assert.deepEqual(configOf(text).instances.map((i) => `${i.name} ${i.interface} ${i.family} ${i.vrid}`), [
      'A eth0 ipv4 9',
      'B eth1 ipv4 9',
      'C eth0 ipv6 9',
    ]);
  });

  it('reports a VRID reused on one interface and family at the later instance, naming the earlier one and its line', () => {
    assert.deepEqual(messagesOf(vi('A', 9, 'eth0') + vi('B', 10, 'eth0', '10.0.0.2') + vi('C', 9, 'eth0', '10.0.0.3') + vi('D', 10, 'eth0', 'fe80::1') + vi('E', 10, 'eth0', 'fe80::2')), [
      `${FILE}:17:23: error: (vrrp_instance C) virtual_router_id 9 on eth0 (IPv4) is already used by vrrp_instance A at line 3; give each virtual router on an interface its own virtual_router_id`,
      `${FILE}:31:23: error: (vrrp_instance E) virtual_router_id 10 on eth0 (IPv6) is already used by vrrp_instance D at line 24; give each virtual router on an interface its own virtual_router_id`,
    ]);
  });

  it('warns about a virtual address shared by two instances, as keepalived -t does not', () => {
    assert.deepEqual(messagesOf(vi('A', 9, 'eth0') + vi('B', 10, 'eth0')), [
      `${FILE}:12:9: warning: (vrrp_instance B) virtual_ipaddress 10.0.0.1 is also a virtual address of vrrp_instance A (line 5); whichever instance changes state last decides whether it is present, so give it to one instance only`,
    ]);
  });
});
