import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatedVmacName } from './vmac-name.js';

describe('generatedVmacName (as keepalived 2.2.7 names VMACs)', () => {
  it('is PREFIX.VRID when free', () => {
    assert.equal(generatedVmacName('vrrp', 'ipv4', 51, new Set()), 'vrrp.51');
    assert.equal(generatedVmacName('vrrp', 'ipv6', 52, new Set()), 'vrrp.52');
  });

  it('an IPv6 instance falls back to PREFIX6.VRID', () => {
    assert.equal(generatedVmacName('vrrp', 'ipv6', 51, new Set(['vrrp.51'])), 'vrrp6.51');
  });

  it('the same VRID on another interface (VLAN) gets PREFIX1.VRID, PREFIX2.VRID …', () => {
    assert.equal(generatedVmacName('vrrp', 'ipv4', 51, new Set(['vrrp.51'])), 'vrrp1.51');
    assert.equal(generatedVmacName('vrrp', 'ipv4', 51, new Set(['vrrp.51', 'vrrp1.51'])), 'vrrp2.51');
  });

  it('never exceeds IFNAMSIZ - 1 bytes', () => {
    assert.equal(generatedVmacName('averylongpfx', 'ipv4', 255, new Set()), null);
    assert.equal(generatedVmacName('longprefix1', 'ipv4', 255, new Set()), 'longprefix1.255');
  });
});
