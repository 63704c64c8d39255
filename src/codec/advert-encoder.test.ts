import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ipv4Address, Ipv6Address } from '../primitives/ip-address.js';
import { centiseconds } from '../primitives/time.js';
import type { Priority, Vrid } from '../primitives/vrrp-numbers.js';
import type { AdvertV3 } from './advert.js';
import { encodeAdvert } from './advert-encoder.js';
import { IPV4, IPV6, V2, V3_IPV4 as V3 } from '../../test/support/advert-samples.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('encodeAdvert', () => {
  it('encodes the first keepalived VRRPv2 advert of v2_pass_multicast.pcap', () => {
    assert.equal(
      hex(encodeAdvert(V2, IPV4, 'pseudoHeader')),
      '2133960101 01cfb6 0a630064 7365637265743100'.replace(/ /g, ''),
    );
  });

  it('encodes the first keepalived VRRPv3/IPv4 advert of v3_ipv4.pcap, and its message-only twin', () => {
    assert.equal(hex(encodeAdvert(V3, IPV4, 'pseudoHeader')), '313396010064' + '42ad' + '0a630064');
    assert.equal(hex(encodeAdvert(V3, IPV4, 'messageOnly')), '313396010064' + '2da0' + '0a630064');
  });

  it('always uses the pseudo-header over IPv6, whatever is asked', () => {
    const advert: AdvertV3 = { ...V3, addresses: ['fd00:99::100' as Ipv6Address, 'fe80::99:1' as Ipv6Address] };
    const expected = '3133960200641632' + 'fd000099000000000000000000000100' + 'fe800000000000000000000000990001';
    assert.equal(hex(encodeAdvert(advert, IPV6, 'pseudoHeader')), expected);
    assert.equal(hex(encodeAdvert(advert, IPV6, 'messageOnly')), expected);
  });

  it('writes the v3 reserved bits as zero, even for the widest interval', () => {
    const bytes = encodeAdvert({ ...V3, interval: centiseconds(4095) }, IPV4, 'messageOnly');
    assert.equal(bytes[4], 0x0f);
    assert.equal(bytes[5], 0xff);
  });

  it('cuts v2 Authentication Data to 8 bytes, or zero-pads it', () => {
    const long = encodeAdvert(
      { ...V2, authentication: { type: 'simpleText', data: new TextEncoder().encode('0123456789') } },
      IPV4,
      'messageOnly',
    );
    assert.equal(Buffer.from(long.subarray(12)).toString(), '01234567');
    const short = encodeAdvert(
      { ...V2, authentication: { type: 'none', data: Uint8Array.of(0xaa) } },
      IPV4,
      'messageOnly',
    );
    assert.deepEqual(short.subarray(12), Uint8Array.of(0xaa, 0, 0, 0, 0, 0, 0, 0));
    assert.equal(short[4], 0);
  });

  it('writes v2 Adver Int in seconds', () => {
    assert.equal(encodeAdvert({ ...V2, interval: centiseconds(25_500) }, IPV4, 'messageOnly')[5], 255);
  });

  describe('throws RangeError on values that do not fit the wire', () => {
    const cases: ReadonlyArray<[string, () => Uint8Array]> = [
      ['v2 over IPv6', () => encodeAdvert(V2, IPV6, 'messageOnly')],
      [
        'v2 interval not whole seconds',
        () => encodeAdvert({ ...V2, interval: centiseconds(150) }, IPV4, 'messageOnly'),
      ],
      ['v2 interval over 255 s', () => encodeAdvert({ ...V2, interval: centiseconds(25_600) }, IPV4, 'messageOnly')],
      ['v3 interval over 4095 cs', () => encodeAdvert({ ...V3, interval: centiseconds(4096) }, IPV4, 'messageOnly')],
      ['v3 fractional interval', () => encodeAdvert({ ...V3, interval: centiseconds(1.5) }, IPV4, 'messageOnly')],
      [
        '256 addresses',
        () =>
          encodeAdvert(
            { ...V3, addresses: Array<Ipv4Address>(256).fill('10.0.0.1' as Ipv4Address) },
            IPV4,
            'messageOnly',
          ),
      ],
      [
        'an IPv6 address over IPv4',
        () => encodeAdvert({ ...V3, addresses: ['fd00::1' as Ipv6Address] }, IPV4, 'messageOnly'),
      ],
      ['an IPv4 address over IPv6', () => encodeAdvert(V3, IPV6, 'pseudoHeader')],
      ['VRID 256', () => encodeAdvert({ ...V3, vrid: 256 as Vrid }, IPV4, 'messageOnly')],
      ['priority -1', () => encodeAdvert({ ...V3, priority: -1 as Priority }, IPV4, 'messageOnly')],
    ];
    for (const [name, encode] of cases) {
      it(name, () => assert.throws(encode, RangeError));
    }
  });
});
