/**
 * A reader for classic libpcap capture files (not pcapng), enough for the
 * codec fixtures. Format: draft-ietf-opsawg-pcap §4 (file header) and §5
 * (packet records):
 *
 *    file header, 24 bytes            packet record, 16 bytes + data
 *    +---------------------------+    +-------------------------------+
 *    | magic (4)                 |    | timestamp seconds (4)         |
 *    | major (2) | minor (2)     |    | timestamp fraction (4)        |
 *    | reserved (4)              |    | captured length (4)           |
 *    | reserved (4)              |    | original length (4)           |
 *    | snap length (4)           |    +-------------------------------+
 *    | link type (4)             |    | captured bytes ...            |
 *    +---------------------------+    +-------------------------------+
 *
 * The magic, as read in the writer's byte order, is 0xa1b2c3d4 for
 * microsecond and 0xa1b23c4d for nanosecond timestamps; the byte order is
 * whichever makes it read so. Malformed files throw: this is test support.
 */
import { readFileSync } from 'node:fs';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** LINKTYPE_ETHERNET (IEEE 802.3 frames without preamble and FCS). */
export const LINKTYPE_ETHERNET = 1;

export interface PcapPacket {
  readonly timestampMicroseconds: number;
  /** The captured bytes (at most the snap length). */
  readonly data: Uint8Array;
  /** The length of the packet on the wire. */
  readonly originalLength: number;
}

export interface PcapCapture {
  readonly linkType: number;
  readonly snapLength: number;
  readonly packets: readonly PcapPacket[];
}

export interface PcapReadOptions {
  /**
   * The file is still being written (a running tcpdump): an incomplete last
   * record is the part not yet written, so it is left out rather than an error.
   */
  readonly growing?: boolean;
}

export function readPcapFile(path: string, options: PcapReadOptions = {}): PcapCapture {
  const file = readFileSync(path);
  return parsePcap(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), options);
}

export function parsePcap(bytes: Uint8Array, options: PcapReadOptions = {}): PcapCapture {
  if (bytes.length < FILE_HEADER_BYTES) throw new Error(`pcap: ${bytes.length} bytes, shorter than the file header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { littleEndian, nanoseconds } = byteOrderAndResolution(view.getUint32(0, false));
  const u32 = (offset: number): number => view.getUint32(offset, littleEndian);

  const snapLength = u32(16);
  // The upper bits of the link-type field carry FCS information; the type is the low 16.
  const linkType = u32(20) & 0xffff;
  const packets: PcapPacket[] = [];
  for (let offset = FILE_HEADER_BYTES; offset < bytes.length;) {
    if (offset + RECORD_HEADER_BYTES > bytes.length) {
      if (options.growing === true) break;
      throw new Error(`pcap: truncated record header at ${offset}`);
    }
    const seconds = u32(offset);
    const fraction = u32(offset + 4);
    const capturedLength = u32(offset + 8);
    const originalLength = u32(offset + 12);
    const dataStart = offset + RECORD_HEADER_BYTES;
    if (dataStart + capturedLength > bytes.length) {
      if (options.growing === true) break;
      throw new Error(`pcap: truncated record data at ${offset}`);
    }
    packets.push({
      timestampMicroseconds: seconds * 1_000_000 + (nanoseconds ? Math.floor(fraction / 1000) : fraction),
      data: bytes.slice(dataStart, dataStart + capturedLength),
      originalLength,
    });
    offset = dataStart + capturedLength;
  }
  return { linkType, snapLength, packets };
}

function byteOrderAndResolution(bigEndianMagic: number): { littleEndian: boolean; nanoseconds: boolean } {
  switch (bigEndianMagic) {
    case MAGIC_MICROSECONDS:
      return { littleEndian: false, nanoseconds: false };
    case MAGIC_NANOSECONDS:
      return { littleEndian: false, nanoseconds: true };
    case byteSwapped(MAGIC_MICROSECONDS):
      return { littleEndian: true, nanoseconds: false };
    case byteSwapped(MAGIC_NANOSECONDS):
      return { littleEndian: true, nanoseconds: true };
    default:
      throw new Error(`pcap: unknown magic 0x${bigEndianMagic.toString(16)} (pcapng is not supported)`);
  }
}

function byteSwapped(value: number): number {
  return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | ((value >>> 24) & 0xff)) >>> 0;
}
