import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINKTYPE_ETHERNET, parsePcap, readPcapFile } from '../../src/lab/pcap-reader.js';
import { pcapFixturesDir } from '../support/repo-root.js';

/** A one-packet capture in the given byte order and timestamp resolution. */
function capture(littleEndian: boolean, magic: number, fraction: number): Uint8Array {
  const data = [0xde, 0xad, 0xbe];
  const bytes = new Uint8Array(24 + 16 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic, littleEndian);
  view.setUint16(4, 2, littleEndian);
  view.setUint16(6, 4, littleEndian);
  view.setUint32(16, 65535, littleEndian);
  view.setUint32(20, LINKTYPE_ETHERNET, littleEndian);
  view.setUint32(24, 1_700_000_000, littleEndian);
  view.setUint32(28, fraction, littleEndian);
  view.setUint32(32, data.length, littleEndian);
  view.setUint32(36, 60, littleEndian);
  bytes.set(data, 40);
  return bytes;
}

describe('pcap reader', () => {
  for (const littleEndian of [false, true]) {
    const order = littleEndian ? 'little-endian' : 'big-endian';
    it(`reads ${order} microsecond files`, () => {
      const { linkType, snapLength, packets } = parsePcap(capture(littleEndian, 0xa1b2c3d4, 123_456));
      assert.equal(linkType, LINKTYPE_ETHERNET);
      assert.equal(snapLength, 65535);
      assert.deepEqual(packets, [
        { timestampMicroseconds: 1_700_000_000_123_456, data: Uint8Array.of(0xde, 0xad, 0xbe), originalLength: 60 },
      ]);
    });
    it(`reads ${order} nanosecond files`, () => {
      const { packets } = parsePcap(capture(littleEndian, 0xa1b23c4d, 123_456_789));
      assert.equal(packets[0]?.timestampMicroseconds, 1_700_000_000_123_456);
    });
  }

  it('rejects unknown magic and truncated records', () => {
    assert.throws(() => parsePcap(capture(false, 0x0a0d0d0a, 0)), /unknown magic/);
    assert.throws(() => parsePcap(capture(true, 0xa1b2c3d4, 0).subarray(0, 42)), /truncated record data/);
    assert.throws(() => parsePcap(capture(true, 0xa1b2c3d4, 0).subarray(0, 30)), /truncated record header/);
  });

  it('reads the fixture files (little-endian, microseconds, Ethernet, increasing timestamps)', () => {
    const { linkType, packets } = readPcapFile(join(pcapFixturesDir(), 'v2_pass_multicast.pcap'));
    assert.equal(linkType, LINKTYPE_ETHERNET);
    assert.equal(packets.length, 17);
    for (let i = 1; i < packets.length; i++) {
      assert.ok((packets[i]?.timestampMicroseconds ?? 0) >= (packets[i - 1]?.timestampMicroseconds ?? Infinity));
    }
  });
});

describe('parsePcap on a file still being written', () => {
  it('leaves out an incomplete last record when asked, and refuses it otherwise', () => {
    const whole = readFileSync(join(pcapFixturesDir(), 'v2_pass_multicast.pcap'));
    const bytes = new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength - 10);
    const complete = parsePcap(new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength)).packets.length;
    assert.equal(parsePcap(bytes, { growing: true }).packets.length, complete - 1);
    assert.throws(() => parsePcap(bytes), /truncated record data/);
  });
});
