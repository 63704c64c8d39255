/**
 * The fixed IPv6 header (RFC 8200 §3):
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |Version| Traffic Class |           Flow Label                  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         Payload Length        |  Next Header  |   Hop Limit   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                     Source Address (16)                       +
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                  Destination Address (16)                     +
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * keepalived and FRR send VRRP with traffic class 0xc0 and hop limit 255
 * (RFC 5798 §5.1.2.3); the NAs keepalived sends use traffic class 0, flow 0.
 *
 * Extension headers are not walked: the payload is everything after the fixed
 * header, and `nextHeader` says what it starts with. Jumbograms (payload
 * length 0 with a Hop-by-Hop Jumbo Payload option, RFC 2675) are not supported.
 */
import { ipAddressBytes, ipv6FromBytes, type Ipv6Address } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { fieldValue } from './wire-field.js';

export const IPV6_VERSION = 6;
export const IPV6_HEADER_BYTES = 40;

const FLOW_LABEL_MASK = 0xfffff;

/** What a sender chooses; the payload length is computed by the encoder. */
export interface Ipv6HeaderFields {
  /** 8 bits: DS field and ECN (RFC 8200 §7). */
  readonly trafficClass: number;
  /** 20 bits (RFC 8200 §6). */
  readonly flowLabel: number;
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
}

/** A received header: every field, as on the wire. */
export interface Ipv6Header extends Ipv6HeaderFields {
  readonly version: typeof IPV6_VERSION;
  readonly payloadLength: number;
}

export interface Ipv6Packet {
  readonly header: Ipv6Header;
  /** The Payload Length bytes after the fixed header (a view into the input; link padding dropped). */
  readonly payload: Uint8Array;
}

export type Ipv6DecodeError =
  /** Fewer than the 40 bytes of the fixed header. */
  | { readonly kind: 'truncated'; readonly length: number; readonly required: number }
  /** Version nibble is not 6. */
  | { readonly kind: 'notIpv6'; readonly version: number }
  /** Payload Length is longer than the bytes received after the header. */
  | { readonly kind: 'payloadLengthMismatch'; readonly payloadLength: number; readonly available: number };

/** Decode an IPv6 packet, possibly followed by link-layer padding. Never throws. */
export function decodeIpv6Packet(bytes: Uint8Array): Result<Ipv6Packet, Ipv6DecodeError> {
  if (bytes.length < IPV6_HEADER_BYTES) {
    return err({ kind: 'truncated', length: bytes.length, required: IPV6_HEADER_BYTES });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(0);
  const version = first >>> 28;
  if (version !== IPV6_VERSION) return err({ kind: 'notIpv6', version });

  const payloadLength = view.getUint16(4);
  const available = bytes.length - IPV6_HEADER_BYTES;
  if (payloadLength > available) return err({ kind: 'payloadLengthMismatch', payloadLength, available });

  const header: Ipv6Header = {
    version: IPV6_VERSION,
    trafficClass: (first >>> 20) & 0xff,
    flowLabel: first & FLOW_LABEL_MASK,
    payloadLength,
    nextHeader: view.getUint8(6),
    hopLimit: view.getUint8(7),
    source: ipv6FromBytes(bytes, 8),
    destination: ipv6FromBytes(bytes, 24),
  };
  return ok({ header, payload: bytes.subarray(IPV6_HEADER_BYTES, IPV6_HEADER_BYTES + payloadLength) });
}

/**
 * The 40-byte fixed header for a payload of `payloadLength` bytes.
 *
 * @throws RangeError if a field does not fit or the payload exceeds 65535 bytes.
 */
export function encodeIpv6Header(fields: Ipv6HeaderFields, payloadLength: number): Uint8Array {
  const bytes = new Uint8Array(IPV6_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const trafficClass = fieldValue('traffic class', fields.trafficClass, 0xff);
  const flowLabel = fieldValue('flow label', fields.flowLabel, FLOW_LABEL_MASK);
  view.setUint32(0, ((IPV6_VERSION << 28) | (trafficClass << 20) | flowLabel) >>> 0);
  view.setUint16(4, fieldValue('payload length', payloadLength, 0xffff));
  view.setUint8(6, fieldValue('next header', fields.nextHeader, 0xff));
  view.setUint8(7, fieldValue('hop limit', fields.hopLimit, 0xff));
  bytes.set(ipAddressBytes(fields.source), 8);
  bytes.set(ipAddressBytes(fields.destination), 24);
  return bytes;
}

/** Header and payload in one buffer. @throws RangeError as encodeIpv6Header. */
export function encodeIpv6Packet(fields: Ipv6HeaderFields, payload: Uint8Array): Uint8Array {
  const packet = new Uint8Array(IPV6_HEADER_BYTES + payload.length);
  packet.set(encodeIpv6Header(fields, payload.length), 0);
  packet.set(payload, IPV6_HEADER_BYTES);
  return packet;
}
