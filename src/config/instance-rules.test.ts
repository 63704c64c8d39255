import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE, instance, messagesOf, onlyInstance } from './config-test-helpers.js';

const BLOCK = '(vrrp_instance VI_1)';

function expectMessages(body: string, expected: string[]): void {
  assert.deepEqual(messagesOf(instance(body)), expected.map((m) => `${FILE}:${m}`));
}

describe("keepalived's instance rules", () => {
  describe('required settings', () => {
    it('needs an interface, a virtual_router_id and a virtual address, each reported at the instance', () => {
      assert.deepEqual(messagesOf('vrrp_instance VI_1 {\n    priority 100\n}\n'), [
        `${FILE}:1:1: error: ${BLOCK} vrrp_instance VI_1 has no interface; add the interface it runs on, e.g. "interface eth0"`,
        `${FILE}:1:1: error: ${BLOCK} vrrp_instance VI_1 has no virtual_router_id; add one from 1 to 255, the same on every router of this virtual router`,
        `${FILE}:1:1: error: ${BLOCK} vrrp_instance VI_1 has no virtual_ipaddress; add a virtual_ipaddress { … } block with at least one address`,
      ]);
    });

    it('reports an empty virtual_ipaddress block as such', () => {
      expectMessages('    virtual_ipaddress {\n    }', [
        `1:1: error: ${BLOCK} vrrp_instance VI_1 has no virtual address: its virtual_ipaddress block is empty; add at least one address`,
      ]);
    });

    it('does not report a setting as missing when its line is there but wrong', () => {
      expectMessages('    interface eth0/1\n    virtual_router_id 300\n    virtual_ipaddress {\n        10.0.0.256\n    }', [
        `2:15: error: ${BLOCK} interface name "eth0/1" cannot contain "/", ":" or white space`,
        `3:23: error: ${BLOCK} virtual_router_id 300 is out of range; use a value from 1 to 255`,
        `5:9: error: ${BLOCK} virtual_ipaddress: "10.0.0.256" is not an IP address (expected ADDRESS[/PREFIX], e.g. 192.168.1.10/24 or 2001:db8::10/64)`,
      ]);
    });
  });

  describe('address family', () => {
    it('comes from the virtual addresses', () => {
      assert.equal(onlyInstance(instance('')).family, 'ipv4');
      assert.equal(onlyInstance(instance('    virtual_ipaddress {\n        fe80::1\n    }')).family, 'ipv6');
    });

    it('must be the same for every address; the error names both lines', () => {
      expectMessages('    virtual_ipaddress {\n        10.0.0.1\n        fe80::1\n        10.0.0.2\n        2001:db8::1/64\n    }', [
        `4:9: error: ${BLOCK} virtual_ipaddress fe80::1 is IPv6 but 10.0.0.1 (line 3) is IPv4; the addresses of one instance must be one family, so put the IPv6 ones in a vrrp_instance of their own`,
        `6:9: error: ${BLOCK} virtual_ipaddress 2001:db8::1 is IPv6 but 10.0.0.1 (line 3) is IPv4; the addresses of one instance must be one family, so put the IPv6 ones in a vrrp_instance of their own`,
      ]);
      expectMessages('    virtual_ipaddress {\n        fe80::1\n        10.0.0.1\n    }', [
        `4:9: error: ${BLOCK} virtual_ipaddress 10.0.0.1 is IPv4 but fe80::1 (line 3) is IPv6; the addresses of one instance must be one family, so put the IPv4 ones in a vrrp_instance of their own`,
      ]);
    });

    it('counts an address listed twice once, with a warning', () => {
      const body = '    virtual_ipaddress {\n        10.0.0.1/24\n        10.0.0.2\n        10.0.0.1/32\n    }';
      assert.deepEqual(
        onlyInstance(instance(body)).virtualAddresses.map((a) => `${a.address}/${a.prefixLength}`),
        ['10.0.0.1/24', '10.0.0.2/32'],
      );
      expectMessages(body, [`5:9: warning: ${BLOCK} virtual_ipaddress 10.0.0.1 is already listed at line 3; the repeat is ignored`]);
    });

    it('allows at most 255 addresses, as an advert carries no more', () => {
      const addresses = (n: number): string =>
        `    virtual_ipaddress {\n${Array.from({ length: n }, (_, i) => `        10.0.${i >> 8}.${i & 0xff}`).join('\n')}\n    }`;
      assert.equal(onlyInstance(instance(addresses(255))).virtualAddresses.length, 255);
      expectMessages(addresses(256), [
        `258:9: error: ${BLOCK} 256 virtual addresses are more than an advert can carry (255); keepalived would move the rest to excluded addresses, which vipd does not support yet`,
      ]);
    });

    it('wants a link-local first address with IPv6 (RFC 5798 §5.2.9), and says so', () => {
      expectMessages('    virtual_ipaddress {\n        2001:db8::1\n        fe80::1\n    }', [
        `3:9: warning: ${BLOCK} the first IPv6 virtual address should be a link-local address (fe80::/10), as RFC 5798 §5.2.9 requires; 2001:db8::1 is not`,
      ]);
    });
  });

  describe('version', () => {
    it('is the instance version, else global_defs vrrp_version, else 2', () => {
      assert.equal(onlyInstance(instance('')).version, 2);
      assert.equal(onlyInstance(`global_defs {\n vrrp_version 3\n}\n${instance('')}`).version, 3);
      assert.equal(onlyInstance(`global_defs {\n vrrp_version 3\n}\n${instance('    version 2')}`).version, 2);
    });

    it('is always 3 with IPv6; an explicit version 2 is warned about', () => {
      const ipv6 = '    virtual_ipaddress {\n        fe80::1\n    }';
      assert.equal(onlyInstance(instance(ipv6)).version, 3);
      assert.deepEqual(messagesOf(`global_defs {\n vrrp_version 2\n}\n${instance(ipv6)}`), []);
      const explicit = instance(`    version 2\n${ipv6}`);
      assert.equal(onlyInstance(explicit).version, 3);
      assert.deepEqual(messagesOf(explicit), [
        `${FILE}:2:13: warning: ${BLOCK} VRRPv2 cannot carry IPv6 addresses, so version 3 is used (as keepalived does); write "version 3" to say so`,
      ]);
    });
  });

  describe('priority', () => {
    it('defaults to 100, and to 255 with state MASTER (reference §1)', () => {
      assert.equal(onlyInstance(instance('')).priority, 100);
      assert.equal(onlyInstance(instance('    state BACKUP')).priority, 100);
      assert.equal(onlyInstance(instance('    state MASTER')).priority, 255);
      assert.equal(onlyInstance(instance('    state MASTER\n    priority 150')).priority, 150);
    });

    it('keeps the state as written, null when omitted', () => {
      assert.equal(onlyInstance(instance('')).initialState, null);
      assert.equal(onlyInstance(instance('    priority 255')).initialState, null);
      assert.equal(onlyInstance(instance('    state MASTER')).initialState, 'MASTER');
    });
  });

  describe('advert_int', () => {
    it('defaults to 1 s', () => {
      assert.equal(onlyInstance(instance('')).advertInterval, 100);
      assert.equal(onlyInstance(instance('    version 3')).advertInterval, 100);
    });

    it('is whole seconds for VRRPv2, rounded half up with a warning', () => {
      assert.equal(onlyInstance(instance('    advert_int 255')).advertInterval, 25_500);
      assert.equal(onlyInstance(instance('    advert_int 1.5')).advertInterval, 200);
      assert.equal(onlyInstance(instance('    advert_int 2.49')).advertInterval, 200);
      assert.equal(onlyInstance(instance('    advert_int 0.5')).advertInterval, 100);
      expectMessages('    advert_int 1.5', [
        `2:16: warning: ${BLOCK} VRRPv2 advertises whole seconds, so advert_int 1.5 is rounded to 2 (as keepalived does); use version 3 for fractions of a second`,
      ]);
    });

    it('rejects a VRRPv2 interval that rounds to 0 s', () => {
      expectMessages('    advert_int 0.49', [
        `2:16: error: ${BLOCK} advert_int 0.49 rounds to 0 s, but VRRPv2 advertises whole seconds from 1 to 255; use at least 1, or version 3 for intervals under a second`,
      ]);
    });

    it('is centiseconds for VRRPv3, 0.01 to 40.95 s', () => {
      assert.equal(onlyInstance(instance('    version 3\n    advert_int 0.01')).advertInterval, 1);
      assert.equal(onlyInstance(instance('    version 3\n    advert_int 40.95')).advertInterval, 4095);
      assert.equal(onlyInstance(instance('    version 3\n    advert_int 0.125')).advertInterval, 13);
      expectMessages('    version 3\n    advert_int 0.125', [
        `3:16: warning: ${BLOCK} VRRPv3 advertises hundredths of a second, so advert_int 0.125 is rounded to 0.13 (as keepalived does)`,
      ]);
      expectMessages('    version 3\n    advert_int 40.96', [`3:16: error: ${BLOCK} advert_int 40.96 is out of range for VRRPv3; use 0.01 to 40.95 seconds`]);
      expectMessages('    version 3\n    advert_int 40.955', [`3:16: error: ${BLOCK} advert_int 40.955 is out of range for VRRPv3; use 0.01 to 40.95 seconds`]);
    });
  });

  describe('preemption', () => {
    it('is on without delay by default', () => {
      const definition = onlyInstance(instance(''));
      assert.equal(definition.preempt, true);
      assert.equal(definition.preemptDelay, 0);
    });

    it('clears nopreempt and preempt_delay under state MASTER, as keepalived does', () => {
      const text = instance('    state MASTER\n    priority 150\n    nopreempt\n    preempt_delay 5');
      const definition = onlyInstance(text);
      assert.equal(definition.preempt, true);
      assert.equal(definition.preemptDelay, 0);
      assert.deepEqual(messagesOf(text), [
        `${FILE}:4:5: warning: ${BLOCK} nopreempt does not work with state MASTER, so it is cleared, as keepalived does; use state BACKUP on every router to run without preemption`,
        `${FILE}:5:19: warning: ${BLOCK} preempt_delay does not work with state MASTER, so it is cleared, as keepalived does; use state BACKUP to delay preemption`,
      ]);
    });

    it('clears nopreempt for the address owner, saying when the priority came from state MASTER', () => {
      expectMessages('    priority 255\n    nopreempt', [
        `3:5: warning: ${BLOCK} nopreempt has no effect with priority 255 (the address owner always takes over), so it is cleared, as keepalived does`,
      ]);
      expectMessages('    state MASTER\n    nopreempt', [
        `3:5: warning: ${BLOCK} nopreempt has no effect with priority 255 (the address owner always takes over; state MASTER without a priority means priority 255), so it is cleared, as keepalived does`,
      ]);
    });

    it('clears preempt_delay under nopreempt', () => {
      const text = instance('    state BACKUP\n    nopreempt\n    preempt_delay 2.5');
      const definition = onlyInstance(text);
      assert.equal(definition.preempt, false);
      assert.equal(definition.preemptDelay, 0);
      assert.deepEqual(messagesOf(text), [`${FILE}:4:19: warning: ${BLOCK} preempt_delay has no effect with nopreempt, so it is cleared, as keepalived does`]);
    });

    it('keeps preempt_delay with state BACKUP, in centiseconds, rounding finer values with a warning', () => {
      assert.equal(onlyInstance(instance('    state BACKUP\n    preempt_delay 300')).preemptDelay, 30_000);
      assert.equal(onlyInstance(instance('    preempt_delay 0.005')).preemptDelay, 1);
      expectMessages('    preempt_delay 0.005', [
        `2:19: warning: ${BLOCK} preempt_delay 0.005 is rounded to 0.01: vipd times preemption in hundredths of a second`,
      ]);
    });
  });

  it('accepts by default and uses the pseudo-header checksum unless told otherwise', () => {
    const definition = onlyInstance(instance(''));
    assert.equal(definition.acceptMode, true);
    assert.equal(definition.checksumForm, 'pseudoHeader');
  });
});
