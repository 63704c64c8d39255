import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNativeBinding } from '../../src/io/native-binding.js';
import { ipMreqn, ipv6Mreq, SockaddrCodec, SOCKADDR_IN6_BYTES, SOCKADDR_IN_BYTES, SOCKADDR_LL_BYTES, SOCKADDR_NL_BYTES, swapToNetworkOrder16 } from '../../src/io/sockaddr.js';
import type { Ipv4Address, Ipv6Address } from '../../src/primitives/ip-address.js';
import { HOST_IS_LITTLE_ENDIAN } from '../../src/netlink/host-byte-order.js';

const codec = new SockaddrCodec(loadNativeBinding().constants);
const hostOrder = HOST_IS_LITTLE_ENDIAN ? false : 'expected bytes are written for a little-endian host';
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('SockaddrCodec', () => {
  it('lays out sockaddr_in, sockaddr_in6, sockaddr_ll and sockaddr_nl as Linux does', { skip: hostOrder }, () => {
    assert.equal(hex(codec.inet('224.0.0.18' as Ipv4Address)), '0200' + '0000' + 'e0000012' + '00'.repeat(8));
    assert.equal(
      hex(codec.inet6('ff02::12' as Ipv6Address, 7)),
      '0a00' + '0000' + '00000000' + 'ff020000000000000000000000000012' + '07000000',
    );
    assert.equal(hex(codec.packet(3, 0x0806)), '1100' + '0806' + '03000000' + '0000' + '00' + '00' + '00'.repeat(8));
    assert.equal(hex(codec.netlink(0, 0x111)), '1000' + '0000' + '00000000' + '11010000');
    assert.deepEqual(
      [codec.inet('1.2.3.4' as Ipv4Address).length, codec.inet6('::1' as Ipv6Address, 0).length, codec.packet(1, 1).length, codec.netlink(0, 0).length],
      [SOCKADDR_IN_BYTES, SOCKADDR_IN6_BYTES, SOCKADDR_LL_BYTES, SOCKADDR_NL_BYTES],
    );
  });

  it('reads back what it builds', () => {
    assert.deepEqual(codec.decode(codec.inet('10.0.0.1' as Ipv4Address)), { kind: 'inet', address: '10.0.0.1', port: 0 });
    assert.deepEqual(codec.decode(codec.inet6('fe80::1' as Ipv6Address, 4)), { kind: 'inet6', address: 'fe80::1', port: 0, scopeId: 4 });
    assert.deepEqual(codec.decode(codec.netlink(99, 5)), { kind: 'netlink', portId: 99, groups: 5 });
    const packet = codec.decode(codec.packet(3, 0x86dd));
    assert.ok(packet.kind === 'packet');
    assert.deepEqual([packet.ifindex, packet.etherType, packet.hardwareAddress.length], [3, 0x86dd, 0]);
  });

  it('never throws on bytes it does not know', () => {
    assert.equal(codec.decode(new Uint8Array(0)).kind, 'unknown');
    assert.equal(codec.decode(Uint8Array.of(2)).kind, 'unknown');
    assert.equal(codec.decode(Uint8Array.of(0xff, 0xff, 1, 2)).kind, 'unknown');
    assert.equal(codec.decode(codec.inet6('::1' as Ipv6Address, 0).subarray(0, 20)).kind, 'unknown');
  });
});

describe('multicast membership requests', () => {
  it('builds struct ip_mreqn and struct ipv6_mreq', { skip: hostOrder }, () => {
    assert.equal(hex(ipMreqn('224.0.0.18' as Ipv4Address, 2)), 'e0000012' + '00000000' + '02000000');
    assert.equal(hex(ipMreqn(null, 9)), '00000000' + '00000000' + '09000000');
    assert.equal(hex(ipv6Mreq('ff02::12' as Ipv6Address, 2)), 'ff020000000000000000000000000012' + '02000000');
  });

  it('swaps 16-bit values into network order (htons)', { skip: hostOrder }, () => {
    assert.equal(swapToNetworkOrder16(0x0806), 0x0608);
    assert.equal(swapToNetworkOrder16(0x0003), 0x0300);
  });
});
