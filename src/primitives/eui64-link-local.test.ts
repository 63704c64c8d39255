import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eui64LinkLocal } from './eui64-link-local.js';
import { virtualRouterMac, type MacAddress } from './mac-address.js';

describe('eui64LinkLocal', () => {
  it('forms the address the kernel gave a veth with this MAC (addrgenmode eui64)', () => {
    // `ip link add d0 address 02:11:22:33:44:55 type veth …` got fe80::11:22ff:fe33:4455.
    assert.equal(eui64LinkLocal('02:11:22:33:44:55' as MacAddress), 'fe80::11:22ff:fe33:4455');
  });

  it('inverts the universal/local bit (RFC 4291 Appendix A)', () => {
    assert.equal(eui64LinkLocal('00:00:5e:00:02:33' as MacAddress), 'fe80::200:5eff:fe00:233');
    assert.equal(eui64LinkLocal(virtualRouterMac('ipv6', 255)), 'fe80::200:5eff:fe00:2ff');
  });
});

describe('virtualRouterMac', () => {
  it('is 00:00:5e:00:01:VRID for IPv4 and 00:00:5e:00:02:VRID for IPv6 (RFC 5798 §7.3)', () => {
    assert.equal(virtualRouterMac('ipv4', 51), '00:00:5e:00:01:33');
    assert.equal(virtualRouterMac('ipv6', 1), '00:00:5e:00:02:01');
  });
});
