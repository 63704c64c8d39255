/** Adverts and addressing as in the captures (VRID 51, 10.99.0.0/24), shared by the codec tests. */
import type { AdvertAddressing, AdvertV2, AdvertV3 } from '../../src/codec/advert.js';
import type { Ipv4Address, Ipv6Address } from '../../src/primitives/ip-address.js';
import { centiseconds } from '../../src/primitives/time.js';
import type { Priority, Vrid } from '../../src/primitives/vrrp-numbers.js';

export const IPV4: AdvertAddressing = {
  family: 'ipv4',
  source: '10.99.0.1' as Ipv4Address,
  destination: '224.0.0.18' as Ipv4Address,
};

export const IPV6: AdvertAddressing = {
  family: 'ipv6',
  source: 'fe80::384f:baff:fed2:342f' as Ipv6Address,
  destination: 'ff02::12' as Ipv6Address,
};

export const V2: AdvertV2 = {
  version: 2,
  vrid: 51 as Vrid,
  priority: 150 as Priority,
  interval: centiseconds(100),
  addresses: ['10.99.0.100' as Ipv4Address],
  authentication: { type: 'simpleText', data: Uint8Array.from([...new TextEncoder().encode('secret1'), 0]) },
};

export const V3_IPV4: AdvertV3 = {
  version: 3,
  vrid: 51 as Vrid,
  priority: 150 as Priority,
  interval: centiseconds(100),
  addresses: ['10.99.0.100' as Ipv4Address],
};

export const V3_IPV6: AdvertV3 = { ...V3_IPV4, addresses: ['fd00:99::100' as Ipv6Address, 'fe80::99:1' as Ipv6Address] };
