import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IpAddress } from '../primitives/ip-address.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { decodeAttributes, findAttribute } from './netlink-attribute.js';
import { decodeNetlinkMessages } from './netlink-message.js';
import { encodeDeleteRouteRequest, encodeNewRouteRequest, RouteAttribute, RTMSG_BYTES, type Route } from './route-message.js';

const ip = (text: string): IpAddress => text as IpAddress;
const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');

/** `10.9.50.0/24 via 10.9.0.3 dev (ifindex 2) protocol 18 metric 5 table 100`. */
const ROUTE: Route = {
  family: 'ipv4',
  type: 'unicast',
  destination: { address: ip('10.9.50.0'), prefixLength: 24 },
  gateway: ip('10.9.0.3'),
  preferredSource: null,
  outputIfindex: 2,
  table: 100,
  metric: 5,
  scope: null,
  protocol: 18,
  onLink: false,
  metrics: [],
};

function decode(bytes: Uint8Array): { type: number; flags: number; header: Uint8Array; attribute: (type: number) => Uint8Array | undefined } {
  const messages = decodeNetlinkMessages(bytes);
  assert.ok(messages.ok);
  const [message] = messages.value;
  assert.ok(message !== undefined);
  const header = message.payload.subarray(0, RTMSG_BYTES);
  const attributes = decodeAttributes(message.payload.subarray(RTMSG_BYTES), 'nlattr');
  assert.ok(attributes.ok);
  return {
    type: message.header.type,
    flags: message.header.flags,
    header,
    attribute: (type) => findAttribute(attributes.value, type)?.value,
  };
}

describe('route requests', () => {
  // Compared with what `ip route add|del 10.9.50.0/24 via 10.9.0.3 dev d0 proto 18 metric 5 table 100` sends (strace).
  it('RTM_NEWROUTE: rtmsg as ip-route(8) fills it (scope universe with a gateway), RTA_DST, RTA_GATEWAY, RTA_PRIORITY, RTA_OIF, RTA_TABLE', () => {
    const encoded = encodeNewRouteRequest(7, ROUTE);
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(message.type, 24);
    assert.equal(message.flags, 0x1 | 0x4 | 0x200 | 0x400); // REQUEST | ACK | EXCL | CREATE
    // family AF_INET, dst_len 24, src_len 0, tos 0, table 100, protocol 18 (keepalived), scope universe, type unicast, flags 0
    assert.equal(hex(message.header), '021800006412000100000000');
    assert.equal(hex(message.attribute(RouteAttribute.destination)), '0a093200');
    assert.equal(hex(message.attribute(RouteAttribute.gateway)), '0a090003');
    const u32 = (bytes: Uint8Array | undefined): number => viewOf(bytes ?? new Uint8Array(4)).getUint32(0, HOST_IS_LITTLE_ENDIAN);
    assert.equal(u32(message.attribute(RouteAttribute.priority)), 5);
    assert.equal(u32(message.attribute(RouteAttribute.outputInterface)), 2);
    assert.equal(u32(message.attribute(RouteAttribute.table)), 100);
  });

  it('RTM_DELROUTE: scope nowhere and type unspec match any, the protocol only ours', () => {
    const encoded = encodeDeleteRouteRequest(8, ROUTE);
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(message.type, 25);
    assert.equal(message.flags, 0x1 | 0x4);
    assert.equal(hex(message.header), '021800006412ff0000000000');
  });

  it('a route without a gateway is scope link; a table above 255 goes in RTA_TABLE only; onlink and metrics', () => {
    const encoded = encodeNewRouteRequest(1, {
      ...ROUTE,
      gateway: null,
      table: 1000,
      onLink: true,
      metrics: [{ metric: 'mtu', value: 1400 }],
    });
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    // table 0 (RT_TABLE_UNSPEC) in rtmsg, scope link, type unicast, RTNH_F_ONLINK
    assert.equal(hex(message.header.subarray(0, 8)), '021800000012fd01');
    assert.equal(viewOf(message.header).getUint32(8, HOST_IS_LITTLE_ENDIAN), 4);
    assert.equal(viewOf(message.attribute(RouteAttribute.table) ?? new Uint8Array(4)).getUint32(0, HOST_IS_LITTLE_ENDIAN), 1000);
    const metrics = decodeAttributes(message.attribute(RouteAttribute.metrics) ?? new Uint8Array(), 'nlattr');
    assert.ok(metrics.ok);
    assert.deepEqual(metrics.value.map((m) => [m.type, viewOf(m.value).getUint32(0, HOST_IS_LITTLE_ENDIAN)]), [[2, 1400]]);
  });

  it('a default IPv6 blackhole route has no RTA_DST and is scope universe', () => {
    const encoded = encodeNewRouteRequest(1, { ...ROUTE, family: 'ipv6', type: 'blackhole', destination: null, gateway: null, outputIfindex: null, metric: null });
    assert.ok(encoded.ok);
    const message = decode(encoded.value);
    assert.equal(hex(message.header), '0a00000064120006' + '00000000');
    assert.equal(message.attribute(RouteAttribute.destination), undefined);
  });

  it('refuses what the kernel would: a prefix too long, mixed families, table 0', () => {
    const bad = (route: Route): string | undefined => {
      const encoded = encodeNewRouteRequest(1, route);
      return encoded.ok ? undefined : encoded.error.kind === 'invalidRoutingField' ? encoded.error.field : encoded.error.kind;
    };
    assert.equal(bad({ ...ROUTE, destination: { address: ip('10.9.50.0'), prefixLength: 33 } }), 'prefixLength');
    assert.equal(bad({ ...ROUTE, gateway: ip('fe80::1') }), 'gateway');
    assert.equal(bad({ ...ROUTE, table: 0 }), 'table');
  });
});
