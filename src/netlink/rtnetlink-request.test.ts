import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IpAddress, Ipv4Address } from '../primitives/ip-address.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { decodeRtnetlinkDatagram } from './rtnetlink-message.js';
import {
  encodeDeleteAddressRequest,
  encodeGetAddressesRequest,
  encodeGetLinkByNameRequest,
  encodeGetLinksRequest,
  encodeNewAddressRequest,
} from './rtnetlink-request.js';

const hostOrder = HOST_IS_LITTLE_ENDIAN ? false : 'expected bytes are written for a little-endian host';
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ip = (text: string): IpAddress => text as IpAddress;

describe('rtnetlink requests', () => {
  it('RTM_NEWADDR: ifaddrmsg, IFA_LOCAL, IFA_ADDRESS, IFA_FLAGS, IFA_BROADCAST, IFA_LABEL', { skip: hostOrder }, () => {
    const request = encodeNewAddressRequest(7, {
      ifindex: 2,
      address: ip('192.0.2.10'),
      prefixLength: 24,
      broadcast: '192.0.2.255' as Ipv4Address,
      label: 'eth0:vip',
    });
    assert.ok(request.ok);
    assert.equal(
      hex(request.value),
      [
        '48000000' + '1400' + '0506' + '07000000' + '00000000', // nlmsghdr: 72 bytes, RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE
        '02180000' + '02000000', // ifaddrmsg: AF_INET, /24, no flags, RT_SCOPE_UNIVERSE, ifindex 2
        '08000200c000020a', // IFA_LOCAL
        '08000100c000020a', // IFA_ADDRESS
        '0800080000000000', // IFA_FLAGS 0
        '08000400c00002ff', // IFA_BROADCAST
        '0d000300657468303a76697000000000', // IFA_LABEL "eth0:vip\0", padded
      ].join(''),
    );
  });

  it('RTM_NEWADDR for IPv6 with IFA_F_NODAD, decoding back to the same address', () => {
    const request = encodeNewAddressRequest(9, { ifindex: 5, address: ip('fd00:1::7'), prefixLength: 64, noDad: true, scope: 'universe' });
    assert.ok(request.ok);
    const decoded = decodeRtnetlinkDatagram(request.value);
    assert.ok(decoded.ok);
    const [message] = decoded.value;
    assert.ok(message?.kind === 'address');
    assert.equal(message.header.sequence, 9);
    assert.deepEqual(
      [message.address.family, message.address.ifindex, message.address.address, message.address.prefixLength, message.address.flags.noDad],
      ['ipv6', 5, 'fd00:1::7', 64, true],
    );
  });

  it('RTM_NEWADDR with lifetimes carries IFA_CACHEINFO', () => {
    const request = encodeNewAddressRequest(1, {
      ifindex: 1,
      address: ip('10.0.0.1'),
      prefixLength: 8,
      lifetimes: { preferredSeconds: 30, validSeconds: 'forever' },
    });
    assert.ok(request.ok);
    const decoded = decodeRtnetlinkDatagram(request.value);
    assert.ok(decoded.ok && decoded.value[0]?.kind === 'address');
    assert.deepEqual(decoded.value[0].address.lifetimes, { preferredSeconds: 30, validSeconds: 'forever' });
  });

  it('refuses what the kernel would refuse', () => {
    const base = { ifindex: 1, address: ip('10.0.0.1'), prefixLength: 24 };
    const reasons = [
      encodeNewAddressRequest(1, { ...base, prefixLength: 33 }),
      encodeNewAddressRequest(1, { ...base, address: ip('fd00::1'), prefixLength: 129 }),
      encodeNewAddressRequest(1, { ...base, ifindex: 0 }),
      encodeNewAddressRequest(1, { ...base, label: 'a-label-of-16-by' }),
      encodeNewAddressRequest(1, { ...base, address: ip('fd00::1'), label: 'eth0' }),
      encodeNewAddressRequest(1, { ...base, address: ip('fd00::1'), broadcast: '10.0.0.255' as Ipv4Address }),
      encodeNewAddressRequest(1, { ...base, lifetimes: { preferredSeconds: 60, validSeconds: 30 } }),
      encodeNewAddressRequest(1, { ...base, scope: 256 }),
      encodeDeleteAddressRequest(1, { ...base, prefixLength: -1 }),
    ].map((result) => (result.ok ? 'accepted' : result.error.kind));
    assert.deepEqual(reasons, [
      'invalidPrefixLength',
      'invalidPrefixLength',
      'invalidIfindex',
      'nameTooLong',
      'labelOnIpv6',
      'broadcastOnIpv6',
      'invalidLifetimes',
      'invalidScope',
      'invalidPrefixLength',
    ]);
  });

  it('RTM_DELADDR names the address by IFA_LOCAL and IFA_ADDRESS', { skip: hostOrder }, () => {
    const request = encodeDeleteAddressRequest(3, { ifindex: 2, address: ip('192.0.2.10'), prefixLength: 24 });
    assert.ok(request.ok);
    assert.equal(
      hex(request.value),
      '28000000' + '1500' + '0500' + '03000000' + '00000000' + '02180000' + '02000000' + '08000200c000020a' + '08000100c000020a',
    );
  });

  it('RTM_GETLINK dump and by-name requests', { skip: hostOrder }, () => {
    assert.equal(
      hex(encodeGetLinksRequest(1)),
      '28000000' + '1200' + '0103' + '01000000' + '00000000' + '00'.repeat(16) + '08001d0008000000',
    );
    const byName = encodeGetLinkByNameRequest(2, 'eth0');
    assert.ok(byName.ok);
    assert.equal(
      hex(byName.value),
      '34000000' + '1200' + '0500' + '02000000' + '00000000' + '00'.repeat(16) + '08001d0008000000' + '0900030065746830' + '00000000',
    );
    const tooLong = encodeGetLinkByNameRequest(2, 'sixteen-letters!');
    assert.deepEqual(tooLong, { ok: false, error: { kind: 'nameTooLong', field: 'name', lengthBytes: 16 } });
  });

  it('RTM_GETADDR dump for all families', { skip: hostOrder }, () => {
    assert.equal(hex(encodeGetAddressesRequest(4)), '18000000' + '1600' + '0103' + '04000000' + '00000000' + '0000000000000000');
  });
});
