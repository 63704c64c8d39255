/**
 * The codec against real traffic: keepalived 2.2.7 and FRR 8.4.4 captures
 * (/work/shared/fixtures/pcap, described in its README).
 *
 * Every frame is decoded and accounted for; every VRRP message, IP header,
 * gratuitous ARP and unsolicited NA is re-encoded and must give the captured
 * bytes back exactly. Then the decoded fields are checked against what the
 * captures show.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  VRRP_IP_PROTOCOL,
  type AdvertAddressing,
  type ChecksumForm,
  type DecodedAdvert,
} from '../../src/codec/advert.js';
import { decodeAdvert } from '../../src/codec/advert-decoder.js';
import { encodeAdvert } from '../../src/codec/advert-encoder.js';
import {
  decodeEthernetFrame,
  encodeEthernetFrame,
  ETHERTYPE_ARP,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  type EthernetHeader,
} from '../../src/codec/ethernet-frame.js';
import { decodeArpFrame, encodeGratuitousArp, type ArpFrame } from '../../src/codec/gratuitous-arp.js';
import { decodeIpv4Packet, encodeIpv4Header, encodeIpv4Packet, type Ipv4Header } from '../../src/codec/ipv4-header.js';
import { decodeIpv6Packet, encodeIpv6Header, encodeIpv6Packet, type Ipv6Header } from '../../src/codec/ipv6-header.js';
import { ICMPV6_NEXT_HEADER, NEIGHBOUR_ADVERT_TYPE } from '../../src/codec/neighbour-advert-message.js';
import {
  decodeNeighbourAdvert,
  encodeUnsolicitedNeighbourAdvert,
  type NeighbourAdvertFrame,
} from '../../src/codec/unsolicited-na.js';
import { virtualRouterMac } from '../../src/primitives/mac-address.js';
import { LINKTYPE_ETHERNET, readPcapFile } from '../../src/lab/pcap-reader.js';
import { pcapFixturesDir } from '../support/repo-root.js';

interface CapturedAdvert {
  readonly ethernet: EthernetHeader;
  readonly ip:
    { readonly version: 4; readonly header: Ipv4Header } | { readonly version: 6; readonly header: Ipv6Header };
  readonly source: string;
  readonly decoded: DecodedAdvert;
}

interface CaptureSummary {
  readonly adverts: CapturedAdvert[];
  readonly garps: ArpFrame[];
  readonly neighbourAdverts: NeighbourAdvertFrame[];
  /** Frames that are none of the above (router solicitations and advertisements). */
  readonly otherIcmpv6Types: number[];
}

/** RFC 3768 and the captures: v2 is message-only; keepalived and FRR send v3 with the pseudo-header. */
function expectedChecksumForm(decoded: DecodedAdvert): ChecksumForm {
  return decoded.advert.version === 2 ? 'messageOnly' : 'pseudoHeader';
}

function checkAdvert(payload: Uint8Array, addressing: AdvertAddressing, where: string): DecodedAdvert {
  const decoded = decodeAdvert(payload, addressing);
  assert.ok(decoded.ok, `${where}: ${JSON.stringify(decoded)}`);
  assert.equal(decoded.value.checksumForm, expectedChecksumForm(decoded.value), where);
  assert.deepEqual(encodeAdvert(decoded.value.advert, addressing, decoded.value.checksumForm), payload, where);
  if (decoded.value.advert.version === 3 && addressing.family === 'ipv4') {
    // The same advert with an RFC 9568 message-only checksum decodes as such.
    const messageOnly = decodeAdvert(encodeAdvert(decoded.value.advert, addressing, 'messageOnly'), addressing);
    assert.deepEqual(messageOnly, { ok: true, value: { advert: decoded.value.advert, checksumForm: 'messageOnly' } });
  }
  return decoded.value;
}

function summarise(file: string): CaptureSummary {
  const capture = readPcapFile(join(pcapFixturesDir(), file));
  assert.equal(capture.linkType, LINKTYPE_ETHERNET);
  const found: CaptureSummary = { adverts: [], garps: [], neighbourAdverts: [], otherIcmpv6Types: [] };

  capture.packets.forEach((packet, index) => {
    const where = `${file} frame ${index + 1}`;
    assert.equal(packet.data.length, packet.originalLength, `${where}: cut by the snap length`);
    const frame = decodeEthernetFrame(packet.data);
    assert.ok(frame.ok, where);
    const ethernet = frame.value.header;
    const ethernetHeaderLength = packet.data.length - frame.value.payload.length;

    switch (ethernet.etherType) {
      case ETHERTYPE_IPV4: {
        const ip = decodeIpv4Packet(frame.value.payload);
        assert.ok(ip.ok, where);
        const { header, payload } = ip.value;
        assert.equal(header.protocol, VRRP_IP_PROTOCOL, where);
        const decoded = checkAdvert(
          payload,
          { family: 'ipv4', source: header.source, destination: header.destination },
          where,
        );
        assert.deepEqual(
          encodeIpv4Header(header, payload.length),
          frame.value.payload.subarray(0, header.ihl * 4),
          where,
        );
        const rebuilt = encodeEthernetFrame(
          ethernet,
          encodeIpv4Packet(
            header,
            encodeAdvert(
              decoded.advert,
              { family: 'ipv4', source: header.source, destination: header.destination },
              decoded.checksumForm,
            ),
          ),
        );
        assert.deepEqual(rebuilt, packet.data.subarray(0, ethernetHeaderLength + header.totalLength), where);
        found.adverts.push({ ethernet, ip: { version: 4, header }, source: header.source, decoded });
        break;
      }
      case ETHERTYPE_IPV6: {
        const ip = decodeIpv6Packet(frame.value.payload);
        assert.ok(ip.ok, where);
        const { header, payload } = ip.value;
        assert.deepEqual(encodeIpv6Header(header, payload.length), frame.value.payload.subarray(0, 40), where);
        if (header.nextHeader === VRRP_IP_PROTOCOL) {
          const addressing: AdvertAddressing = {
            family: 'ipv6',
            source: header.source,
            destination: header.destination,
          };
          const decoded = checkAdvert(payload, addressing, where);
          const rebuilt = encodeEthernetFrame(
            ethernet,
            encodeIpv6Packet(header, encodeAdvert(decoded.advert, addressing, decoded.checksumForm)),
          );
          assert.deepEqual(rebuilt, packet.data.subarray(0, ethernetHeaderLength + 40 + header.payloadLength), where);
          found.adverts.push({ ethernet, ip: { version: 6, header }, source: header.source, decoded });
        } else if (header.nextHeader === ICMPV6_NEXT_HEADER && payload[0] === NEIGHBOUR_ADVERT_TYPE) {
          const na = decodeNeighbourAdvert(packet.data);
          assert.ok(na.ok, where);
          const { advert, ipv6 } = na.value;
          assert.equal(advert.targetLinkLayerAddress, ethernet.source, where);
          const rebuilt = encodeUnsolicitedNeighbourAdvert({
            sourceMac: ethernet.source,
            source: ipv6.source,
            target: advert.target,
            router: advert.router,
          });
          assert.deepEqual(rebuilt, packet.data, where);
          found.neighbourAdverts.push(na.value);
        } else {
          assert.equal(header.nextHeader, ICMPV6_NEXT_HEADER, where);
          found.otherIcmpv6Types.push(payload[0] ?? -1);
        }
        break;
      }
      case ETHERTYPE_ARP: {
        const arp = decodeArpFrame(packet.data);
        assert.ok(arp.ok, where);
        const { senderMac, senderAddress } = arp.value.arp;
        assert.deepEqual(encodeGratuitousArp({ senderMac, address: senderAddress }), packet.data, where);
        found.garps.push(arp.value);
        break;
      }
      default:
        assert.fail(`${where}: unexpected EtherType 0x${ethernet.etherType.toString(16)}`);
    }
  });
  return found;
}

/** Priorities in capture order, per sender. */
function prioritiesBySource(adverts: readonly CapturedAdvert[]): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const { source, decoded } of adverts) (result[source] ??= []).push(decoded.advert.priority);
  return result;
}

function ipv4Headers(adverts: readonly CapturedAdvert[], source: string): Ipv4Header[] {
  return adverts.flatMap((a) => (a.source === source && a.ip.version === 4 ? [a.ip.header] : []));
}

function ipv6Headers(adverts: readonly CapturedAdvert[]): Ipv6Header[] {
  return adverts.flatMap((a) => (a.ip.version === 6 ? [a.ip.header] : []));
}

/** Decode a capture once, on first use inside a test, so that a failure is reported by the test. */
function captureSummary(file: string): () => CaptureSummary {
  let summary: CaptureSummary | undefined;
  return () => (summary ??= summarise(file));
}

const repeat = <T>(value: T, times: number): T[] => new Array<T>(times).fill(value);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const SECRET1 = Uint8Array.from([...new TextEncoder().encode('secret1'), 0]);
const VIP4 = '10.99.0.100';
const KEEPALIVED_TA_MAC = '3a:4f:ba:d2:34:2f';

describe('captures: v2_pass_multicast.pcap (keepalived VRRPv2, auth PASS)', () => {
  const summary = captureSummary('v2_pass_multicast.pcap');

  it('every frame decodes, and re-encodes byte for byte', () => {
    summary();
  });

  it('holds 7 adverts, 10 GARPs and nothing else', () => {
    assert.equal(summary().adverts.length, 7);
    assert.equal(summary().garps.length, 10);
    assert.equal(summary().neighbourAdverts.length, 0);
    assert.deepEqual(summary().otherIcmpv6Types, []);
  });

  it('master at 150 resigns with priority 0; the backup takes over at 100 and later resigns too', () => {
    assert.deepEqual(prioritiesBySource(summary().adverts), {
      '10.99.0.1': [150, 0],
      '10.99.0.2': [100, 100, 100, 100, 0],
    });
  });

  it('every advert: VRID 51, 1 s, VIP 10.99.0.100, auth PASS "secret1" zero-padded, message-only checksum', () => {
    for (const { decoded } of summary().adverts) {
      assert.deepEqual(decoded, {
        advert: {
          version: 2,
          vrid: 51,
          priority: decoded.advert.priority,
          interval: 100,
          addresses: [VIP4],
          authentication: { type: 'simpleText', data: SECRET1 },
        },
        checksumForm: 'messageOnly',
      });
    }
  });

  it('IPv4 headers: TOS 0xc0, TTL 255, DF clear, to 224.0.0.18, id counting from 1 per sender', () => {
    for (const { ip } of summary().adverts) {
      assert.equal(ip.version, 4);
      if (ip.version !== 4) continue;
      assert.equal(ip.header.tos, 0xc0);
      assert.equal(ip.header.ttl, 255);
      assert.equal(ip.header.dontFragment, false);
      assert.equal(ip.header.destination, '224.0.0.18');
    }
    assert.deepEqual(
      ipv4Headers(summary().adverts, '10.99.0.1').map((h) => h.identification),
      [1, 2],
    );
    assert.deepEqual(
      ipv4Headers(summary().adverts, '10.99.0.2').map((h) => h.identification),
      range(1, 5),
    );
  });

  it('GARPs: 5 from each new master, for the VIP, from the interface MAC', () => {
    assert.deepEqual(
      summary().garps.map((g) => [g.ethernet.source, g.arp.senderAddress]),
      [...repeat([KEEPALIVED_TA_MAC, VIP4], 5), ...repeat(['12:57:fd:31:19:72', VIP4], 5)],
    );
  });
});

describe('captures: v3_ipv4.pcap (keepalived VRRPv3 over IPv4)', () => {
  const summary = captureSummary('v3_ipv4.pcap');

  it('every frame decodes, and re-encodes byte for byte', () => {
    summary();
  });

  it('holds 11 adverts, 10 GARPs and one router solicitation', () => {
    assert.equal(summary().adverts.length, 11);
    assert.equal(summary().garps.length, 10);
    assert.equal(summary().neighbourAdverts.length, 0);
    assert.deepEqual(summary().otherIcmpv6Types, [133]);
  });

  it('priorities per sender', () => {
    assert.deepEqual(prioritiesBySource(summary().adverts), {
      '10.99.0.1': [...repeat(150, 4), 0],
      '10.99.0.2': [...repeat(100, 5), 0],
    });
  });

  it('every advert: VRID 51, 100 cs, VIP 10.99.0.100, checksum with the IPv4 pseudo-header', () => {
    for (const { decoded } of summary().adverts) {
      assert.deepEqual(decoded, {
        advert: { version: 3, vrid: 51, priority: decoded.advert.priority, interval: 100, addresses: [VIP4] },
        checksumForm: 'pseudoHeader',
      });
    }
  });

  it('IPv4 headers: DF clear, id counting from 1 per sender', () => {
    assert.deepEqual(
      ipv4Headers(summary().adverts, '10.99.0.1').map((h) => [h.identification, h.dontFragment]),
      range(1, 5).map((id) => [id, false]),
    );
    assert.deepEqual(
      ipv4Headers(summary().adverts, '10.99.0.2').map((h) => [h.identification, h.dontFragment]),
      range(1, 6).map((id) => [id, false]),
    );
  });
});

describe('captures: v3_ipv6.pcap (keepalived VRRPv3 over IPv6)', () => {
  const summary = captureSummary('v3_ipv6.pcap');

  it('every frame decodes, and re-encodes byte for byte', () => {
    summary();
  });
  const TA = 'fe80::384f:baff:fed2:342f';
  const TB = 'fe80::1057:fdff:fe31:1972';
  const VIPS = ['fd00:99::100', 'fe80::99:1'];

  it('holds 11 adverts and 20 unsolicited NAs', () => {
    assert.equal(summary().adverts.length, 11);
    assert.equal(summary().garps.length, 0);
    assert.equal(summary().neighbourAdverts.length, 20);
    assert.deepEqual(summary().otherIcmpv6Types, []);
  });

  it('priorities per link-local sender', () => {
    assert.deepEqual(prioritiesBySource(summary().adverts), {
      [TA]: [...repeat(150, 4), 0],
      [TB]: [...repeat(100, 5), 0],
    });
  });

  it('every advert: VRID 51, 100 cs, addresses fd00:99::100 and fe80::99:1, IPv6 pseudo-header checksum', () => {
    for (const { decoded } of summary().adverts) {
      assert.deepEqual(decoded, {
        advert: { version: 3, vrid: 51, priority: decoded.advert.priority, interval: 100, addresses: VIPS },
        checksumForm: 'pseudoHeader',
      });
    }
  });

  it('IPv6 headers: traffic class 0xc0, hop limit 255, to ff02::12', () => {
    for (const header of ipv6Headers(summary().adverts)) {
      assert.deepEqual([header.trafficClass, header.hopLimit, header.destination], [0xc0, 255, 'ff02::12']);
    }
  });

  it('NAs: 5 rounds over both VIPs per new master, sent from the VIP itself, R=0 S=0 O=1', () => {
    const rounds = (mac: string) =>
      repeat(
        VIPS.map((vip) => [mac, vip, vip, false, false, true]),
        5,
      ).flat();
    assert.deepEqual(
      summary().neighbourAdverts.map((na) => [
        na.ethernet.source,
        na.ipv6.source,
        na.advert.target,
        na.advert.router,
        na.advert.solicited,
        na.advert.override,
      ]),
      [...rounds(KEEPALIVED_TA_MAC), ...rounds('12:57:fd:31:19:72')],
    );
    for (const na of summary().neighbourAdverts) {
      assert.deepEqual(
        [na.ipv6.trafficClass, na.ipv6.flowLabel, na.ipv6.hopLimit, na.ipv6.destination],
        [0, 0, 255, 'ff02::1'],
      );
    }
  });
});

describe('captures: frr_v3_and_keepalived.pcap (FRR vrrpd and keepalived, VRRPv3)', () => {
  const summary = captureSummary('frr_v3_and_keepalived.pcap');

  it('every frame decodes, and re-encodes byte for byte', () => {
    summary();
  });
  const FRR_LINK_LOCAL = 'fe80::33:1';

  it('holds 37 adverts, 6 GARPs, and 3 router advertisements and 2 solicitations from FRR', () => {
    assert.equal(summary().adverts.length, 37);
    assert.equal(summary().garps.length, 6);
    assert.equal(summary().neighbourAdverts.length, 0);
    assert.deepEqual([...summary().otherIcmpv6Types].sort(), [133, 133, 134, 134, 134]);
  });

  it('FRR at 120 on both families; keepalived preempts IPv4 at 150, then resigns', () => {
    assert.deepEqual(prioritiesBySource(summary().adverts), {
      '10.99.0.3': repeat(120, 13),
      [FRR_LINK_LOCAL]: repeat(120, 18),
      '10.99.0.1': [...repeat(150, 5), 0],
    });
  });

  it('every advert: VRID 51, 100 cs, pseudo-header checksum; FRR lists no link-local address over IPv6', () => {
    for (const { decoded, ip } of summary().adverts) {
      const addresses = ip.version === 4 ? [VIP4] : ['fd00:99::100'];
      assert.deepEqual(decoded, {
        advert: { version: 3, vrid: 51, priority: decoded.advert.priority, interval: 100, addresses },
        checksumForm: 'pseudoHeader',
      });
    }
  });

  it('FRR sends from the virtual MACs with DF set; keepalived from its interface MAC with DF clear', () => {
    for (const { ethernet, ip, source } of summary().adverts) {
      if (source === '10.99.0.1') {
        assert.equal(ethernet.source, KEEPALIVED_TA_MAC);
      } else {
        assert.equal(ethernet.source, virtualRouterMac(ip.version === 4 ? 'ipv4' : 'ipv6', 51));
      }
    }
    assert.ok(
      ipv4Headers(summary().adverts, '10.99.0.3').every((h) => h.dontFragment && h.tos === 0xc0 && h.ttl === 255),
    );
    assert.deepEqual(
      ipv4Headers(summary().adverts, '10.99.0.1').map((h) => [h.identification, h.dontFragment]),
      range(1, 6).map((id) => [id, false]),
    );
    for (const header of ipv6Headers(summary().adverts)) {
      assert.deepEqual([header.trafficClass, header.flowLabel, header.hopLimit], [0xc0, 0x20339, 255]);
    }
  });

  it('GARPs: 5 from keepalived (interface MAC), then 1 from FRR (virtual MAC) when it takes back', () => {
    assert.deepEqual(
      summary().garps.map((g) => [g.ethernet.source, g.arp.senderMac, g.arp.senderAddress]),
      [...repeat([KEEPALIVED_TA_MAC, KEEPALIVED_TA_MAC, VIP4], 5), ['00:00:5e:00:01:33', '00:00:5e:00:01:33', VIP4]],
    );
  });
});
