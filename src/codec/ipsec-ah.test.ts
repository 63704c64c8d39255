import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readPcapFile } from '../lab/pcap-reader.js';
import { ownFixturesDir } from '../../test/support/repo-root.js';
import { decodeAdvert } from './advert-decoder.js';
import { decodeEthernetFrame } from './ethernet-frame.js';
import { decodeIpv4Packet } from './ipv4-header.js';
import {
  decodeIpsecAh,
  encodeIpsecAhDatagram,
  encodeIpsecAhHeader,
  IPSEC_AH_PROTOCOL,
  ipsecAhIcv,
  ipsecAhIcvVerifies,
  ipsecAhSpi,
} from './ipsec-ah.js';
import type { Ipv4Address } from '../primitives/ip-address.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
/** keepalived's key: auth_pass "secret12345" truncated to 8 bytes. */
const KEY = new TextEncoder().encode('secret12');

/** The first frame of the fixture: h1's advert with sequence number 1, as IPv4 datagram. */
const FIRST = fromHex(`
  45c0 0040 0001 0000 ff33 d017 0a9f 0001 e000 0012
  7004 0000 0a9f 0001 0000 0001 e66f 8a5f e905 bf1e ec10 6a29
  2133 9601 0201 3bc7 0a9f 0064 0000 0000 0000 0000`);

interface CapturedAh {
  readonly ipHeader: Uint8Array;
  readonly source: Ipv4Address;
  readonly ttl: number;
  readonly identification: number;
  readonly datagram: Uint8Array;
}

function capturedAhDatagrams(): CapturedAh[] {
  const capture = readPcapFile(join(ownFixturesDir(), 'keepalived-2.2.7-ah.pcap'));
  return capture.packets.map((packet) => {
    const frame = decodeEthernetFrame(packet.data);
    assert.ok(frame.ok);
    const ip = decodeIpv4Packet(frame.value.payload);
    assert.ok(ip.ok);
    const { header } = ip.value;
    assert.equal(header.protocol, IPSEC_AH_PROTOCOL);
    const headerLength = header.ihl * 4;
    return {
      ipHeader: frame.value.payload.subarray(0, headerLength),
      source: header.source as Ipv4Address,
      ttl: header.ttl,
      identification: header.identification,
      datagram: frame.value.payload.subarray(0, header.totalLength),
    };
  });
}

describe('decodeIpsecAh', () => {
  it('decodes the AH header of a keepalived advert (byte vector)', () => {
    const decoded = decodeIpsecAh(FIRST.subarray(20));
    assert.ok(decoded.ok);
    const { header, payload } = decoded.value;
    assert.equal(header.nextHeader, 112);
    assert.equal(header.payloadLength, 4);
    assert.equal(header.reserved, 0);
    assert.equal(header.spi, 0x0a9f0001); // 10.159.0.1, the sender
    assert.equal(header.sequence, 1);
    assert.equal(hex(header.icv), 'e66f8a5fe905bf1eec106a29');
    assert.equal(hex(payload), '2133960102013bc70a9f00640000000000000000');
    assert.equal(hex(encodeIpsecAhHeader(header)), hex(FIRST.subarray(20, 44)));
  });

  it('returns typed errors for a short header, another next header and another payload length', () => {
    assert.deepEqual(decodeIpsecAh(FIRST.subarray(20, 43)), { ok: false, error: { kind: 'ahTruncated', length: 23 } });
    const udp = FIRST.slice(20);
    udp[0] = 17;
    assert.deepEqual(decodeIpsecAh(udp), { ok: false, error: { kind: 'ahWrongNextHeader', nextHeader: 17 } });
    const longer = FIRST.slice(20);
    longer[1] = 6;
    assert.deepEqual(decodeIpsecAh(longer), { ok: false, error: { kind: 'ahBadPayloadLength', payloadLength: 6 } });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => void decodeIpsecAh(bytes)));
  });
});

describe('the ICV against keepalived 2.2.7 (test/fixtures/keepalived-2.2.7-ah.pcap)', () => {
  const captured = capturedAhDatagrams();

  it('holds 12 AH adverts from two senders, SPI = source, sequence numbers 1..12 (the backup learned 8)', () => {
    assert.equal(captured.length, 12);
    const sequences = captured.map((c) => {
      const ah = decodeIpsecAh(c.datagram.subarray(c.ipHeader.length));
      assert.ok(ah.ok);
      assert.equal(ah.value.header.spi, ipsecAhSpi(c.source), 'SPI is the sender address');
      return ah.value.header.sequence;
    });
    assert.deepEqual(sequences, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('recomputes every ICV byte for byte with the 8-byte key and TTL kept (multicast)', () => {
    for (const c of captured) {
      const ah = decodeIpsecAh(c.datagram.subarray(c.ipHeader.length));
      assert.ok(ah.ok);
      const input = { ipHeader: c.ipHeader, header: ah.value.header, vrrp: ah.value.payload, zeroTtl: false };
      assert.equal(hex(ipsecAhIcv(KEY, input)), hex(ah.value.header.icv));
      assert.ok(ipsecAhIcvVerifies(KEY, input));
      assert.ok(!ipsecAhIcvVerifies(new TextEncoder().encode('secret13'), input), 'another key does not verify');
      assert.ok(!ipsecAhIcvVerifies(KEY, { ...input, zeroTtl: true }), 'TTL is covered in multicast mode');
      // The same ICV by node:crypto, from the bytes as described in reference §2.
      const zeroed = c.ipHeader.slice();
      zeroed[1] = 0;
      zeroed.fill(0, 6, 8);
      zeroed.fill(0, 10, 12);
      const ahZeroed = encodeIpsecAhHeader({ ...ah.value.header, icv: new Uint8Array(12) });
      const node = createHmac('md5', KEY).update(zeroed).update(ahZeroed).update(ah.value.payload).digest().subarray(0, 12);
      assert.equal(hex(node), hex(ah.value.header.icv));
    }
  });

  it('re-encodes each datagram exactly: TOS 0xc0, TTL 255, DF clear, ID as sent', () => {
    for (const c of captured) {
      const ah = decodeIpsecAh(c.datagram.subarray(c.ipHeader.length));
      assert.ok(ah.ok);
      const encoded = encodeIpsecAhDatagram(
        KEY,
        { tos: 0xc0, identification: c.identification, dontFragment: false, ttl: 255, source: c.source, destination: '224.0.0.18' as Ipv4Address },
        { spi: ipsecAhSpi(c.source), sequence: ah.value.header.sequence },
        ah.value.payload,
      );
      assert.equal(hex(encoded), hex(c.datagram));
    }
  });

  it('a changed byte anywhere but the mutable fields breaks the ICV', () => {
    const ip = decodeIpv4Packet(FIRST);
    assert.ok(ip.ok);
    const ah = decodeIpsecAh(ip.value.payload);
    assert.ok(ah.ok);
    const priority = ah.value.payload.slice();
    priority[2] = 254;
    const input = { ipHeader: FIRST.subarray(0, 20), header: ah.value.header, vrrp: priority, zeroTtl: false };
    assert.ok(!ipsecAhIcvVerifies(KEY, input));
    const replayedLater = { ...ah.value.header, sequence: 2 };
    assert.ok(!ipsecAhIcvVerifies(KEY, { ...input, vrrp: ah.value.payload, header: replayedLater }));
    const tos = FIRST.slice(0, 20);
    tos[1] = 0;
    assert.ok(ipsecAhIcvVerifies(KEY, { ...input, vrrp: ah.value.payload, ipHeader: tos }), 'TOS is mutable');
    const decoded = decodeAdvert(ah.value.payload, { family: 'ipv4', source: ip.value.header.source, destination: ip.value.header.destination });
    assert.ok(decoded.ok);
    assert.equal(decoded.value.advert.version === 2 && decoded.value.advert.authentication.type, 'ipAh');
  });
});
