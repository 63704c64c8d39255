/**
 * The IPv4 header (RFC 791 §3.1), as VRRP sends and receives it on a raw
 * socket:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version|  IHL  |Type of Service|          Total Length         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         Identification        |0|D|M|      Fragment Offset    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Time to Live |    Protocol   |         Header Checksum       |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                       Source Address                          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Destination Address                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Options                    |    Padding    |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * keepalived sends TOS 0xc0 (Internetwork Control), TTL 255, DF clear and an
 * Identification incremented per advert; FRR sends DF set. The reserved flag
 * bit (RFC 791 §3.1, "must be zero") is ignored on decode and sent as zero.
 *
 * Reassembly, option parsing and TTL policy are not done here.
 */
import { ipAddressBytes, ipv4FromBytes, type Ipv4Address } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { checksumVerifies, internetChecksum } from './checksum.js';
import { fieldValue } from './wire-field.js';

export const IPV4_VERSION = 4;
/** Header length without options, in bytes (IHL 5). */
export const IPV4_MIN_HEADER_BYTES = 20;
/** IHL is 4 bits of 32-bit words: at most 60 bytes, 40 of them options. */
export const IPV4_MAX_HEADER_BYTES = 60;

const DONT_FRAGMENT = 0x4000;
const MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/** What a sender chooses; lengths and the checksum are computed by the encoder. */
export interface Ipv4HeaderFields {
  /** The whole Type of Service / DS+ECN byte. */
  readonly tos: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments?: boolean;
  /** In units of 8 bytes (13 bits). */
  readonly fragmentOffset?: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  /** Option bytes including their padding; a multiple of 4, at most 40. */
  readonly options?: Uint8Array;
}

/** A received header: every field, as on the wire. */
export interface Ipv4Header extends Ipv4HeaderFields {
  readonly version: typeof IPV4_VERSION;
  /** Internet Header Length in 32-bit words (5..15). */
  readonly ihl: number;
  readonly totalLength: number;
  readonly moreFragments: boolean;
  readonly fragmentOffset: number;
  readonly headerChecksum: number;
  readonly options: Uint8Array;
}

export interface Ipv4Packet {
  readonly header: Ipv4Header;
  /** The bytes after the header up to Total Length (a view into the input; link padding dropped). */
  readonly payload: Uint8Array;
}

export type Ipv4DecodeError =
  /** Fewer bytes than the header needs (20, or IHL × 4). */
  | { readonly kind: 'truncated'; readonly length: number; readonly required: number }
  /** Version nibble is not 4. */
  | { readonly kind: 'notIpv4'; readonly version: number }
  /** IHL below 5 words (RFC 791 §3.1). */
  | { readonly kind: 'badHeaderLength'; readonly ihl: number }
  /** Total Length is shorter than the header or longer than the bytes received. */
  | { readonly kind: 'totalLengthMismatch'; readonly totalLength: number; readonly available: number }
  /** The header checksum does not verify (RFC 791 §3.1, RFC 1071). */
  | { readonly kind: 'badHeaderChecksum'; readonly received: number };

/** Decode an IPv4 packet, possibly followed by link-layer padding. Never throws. */
export function decodeIpv4Packet(bytes: Uint8Array): Result<Ipv4Packet, Ipv4DecodeError> {
  if (bytes.length < IPV4_MIN_HEADER_BYTES) {
    return err({ kind: 'truncated', length: bytes.length, required: IPV4_MIN_HEADER_BYTES });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0) >> 4;
  if (version !== IPV4_VERSION) return err({ kind: 'notIpv4', version });

  const ihl = view.getUint8(0) & 0x0f;
  const headerLength = ihl * 4;
  if (headerLength < IPV4_MIN_HEADER_BYTES) return err({ kind: 'badHeaderLength', ihl });
  if (bytes.length < headerLength) return err({ kind: 'truncated', length: bytes.length, required: headerLength });

  const totalLength = view.getUint16(2);
  if (totalLength < headerLength || totalLength > bytes.length) {
    return err({ kind: 'totalLengthMismatch', totalLength, available: bytes.length });
  }
  if (!checksumVerifies(bytes.subarray(0, headerLength))) {
    return err({ kind: 'badHeaderChecksum', received: view.getUint16(10) });
  }

  const flagsAndOffset = view.getUint16(6);
  const header: Ipv4Header = {
    version: IPV4_VERSION,
    ihl,
    tos: view.getUint8(1),
    totalLength,
    identification: view.getUint16(4),
    dontFragment: (flagsAndOffset & DONT_FRAGMENT) !== 0,
    moreFragments: (flagsAndOffset & MORE_FRAGMENTS) !== 0,
    fragmentOffset: flagsAndOffset & FRAGMENT_OFFSET_MASK,
    ttl: view.getUint8(8),
    protocol: view.getUint8(9),
    headerChecksum: view.getUint16(10),
    source: ipv4FromBytes(bytes, 12),
    destination: ipv4FromBytes(bytes, 16),
    options: bytes.slice(IPV4_MIN_HEADER_BYTES, headerLength),
  };
  return ok({ header, payload: bytes.subarray(headerLength, totalLength) });
}

/**
 * The header, checksum included, for a payload of `payloadLength` bytes.
 *
 * @throws RangeError if a field does not fit, the options are not whole words
 *   or longer than 40 bytes, or the total length exceeds 65535.
 */
export function encodeIpv4Header(fields: Ipv4HeaderFields, payloadLength: number): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  if (options.length % 4 !== 0 || options.length > IPV4_MAX_HEADER_BYTES - IPV4_MIN_HEADER_BYTES) {
    throw new RangeError(`IPv4 options must be whole 32-bit words, at most 40 bytes, got ${options.length}`);
  }
  const headerLength = IPV4_MIN_HEADER_BYTES + options.length;
  const bytes = new Uint8Array(headerLength);
  const view = new DataView(bytes.buffer);

  view.setUint8(0, (IPV4_VERSION << 4) | (headerLength / 4));
  view.setUint8(1, fieldValue('TOS', fields.tos, 0xff));
  view.setUint16(2, fieldValue('total length', headerLength + payloadLength, 0xffff));
  view.setUint16(4, fieldValue('identification', fields.identification, 0xffff));
  view.setUint16(
    6,
    (fields.dontFragment ? DONT_FRAGMENT : 0) |
      (fields.moreFragments === true ? MORE_FRAGMENTS : 0) |
      fieldValue('fragment offset', fields.fragmentOffset ?? 0, FRAGMENT_OFFSET_MASK),
  );
  view.setUint8(8, fieldValue('TTL', fields.ttl, 0xff));
  view.setUint8(9, fieldValue('protocol', fields.protocol, 0xff));
  bytes.set(ipAddressBytes(fields.source), 12);
  bytes.set(ipAddressBytes(fields.destination), 16);
  bytes.set(options, IPV4_MIN_HEADER_BYTES);
  view.setUint16(10, internetChecksum(bytes));
  return bytes;
}

/** Header and payload in one buffer. @throws RangeError as encodeIpv4Header. */
export function encodeIpv4Packet(fields: Ipv4HeaderFields, payload: Uint8Array): Uint8Array {
  const header = encodeIpv4Header(fields, payload.length);
  const packet = new Uint8Array(header.length + payload.length);
  packet.set(header, 0);
  packet.set(payload, header.length);
  return packet;
}
