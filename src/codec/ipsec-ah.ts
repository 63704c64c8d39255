/**
 * The IP Authentication Header as keepalived uses it for VRRPv2
 * `auth_type AH` (RFC 2402 §2, RFC 4302 §2; reference §2 IPSEC-AH):
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    | Next Header   |  Payload Len  |          RESERVED             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                 Security Parameters Index (SPI)               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Sequence Number Field                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +        Integrity Check Value (ICV), 96 bits                   |
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * keepalived's use of it, checked against its own packets (the fixture
 * test/fixtures/keepalived-2.2.7-ah.pcap):
 * - IP protocol 51, Next Header 112 (VRRP), Payload Len 4 ((24 / 4) − 2,
 *   RFC 4302 §2.2), reserved 0;
 * - SPI = the sender's IPv4 address, in network byte order;
 * - the ICV is HMAC-MD5-96 (RFC 2403) keyed with the 8-byte zero-padded
 *   auth_pass over: the 20-byte IPv4 header with TOS, flags/fragment offset
 *   and header checksum zeroed (RFC 4302 §3.3.3.1.1.1 mutable fields; TTL
 *   too, but keepalived zeroes it only in unicast mode) ‖ this header with the
 *   ICV zeroed ‖ the VRRPv2 message (Auth Type 2, Authentication Data zero).
 *
 * Pure: decoding never throws; which sequence numbers to accept is the
 * protocol layer's business.
 */
import { ipAddressBytes, type Ipv4Address } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { HMAC_MD5_96_BYTES, hmacMd5_96 } from './hmac-md5.js';
import { encodeIpv4Packet, type Ipv4HeaderFields } from './ipv4-header.js';
import { VRRP_IP_PROTOCOL } from './advert.js';
import { fieldValue } from './wire-field.js';

/** IANA protocol number of AH (RFC 4302 §2.1 as "Next Header" of the IP header). */
export const IPSEC_AH_PROTOCOL = 51;
export const IPSEC_AH_HEADER_BYTES = 24;
/** RFC 4302 §2.2: the header length in 32-bit words minus 2: (24 / 4) − 2. */
export const IPSEC_AH_PAYLOAD_LENGTH = 4;
export const IPSEC_AH_ICV_OFFSET = 12;
/** The auth_pass key is always 8 bytes, zero padded (keepalived; RFC 3768 §5.3.10's 8 bytes). */
export const IPSEC_AH_KEY_BYTES = 8;

/** IPv4 header bytes RFC 4302 §3.3.3.1.1.1 calls mutable, zeroed for the ICV. */
const IPV4_TOS_OFFSET = 1;
const IPV4_FLAGS_OFFSET = 6;
const IPV4_TTL_OFFSET = 8;
const IPV4_CHECKSUM_OFFSET = 10;

export interface IpsecAhHeader {
  /** 112 (VRRP) for every header keepalived sends. */
  readonly nextHeader: number;
  readonly payloadLength: number;
  readonly reserved: number;
  /** Unsigned 32 bits; keepalived sends the sender's IPv4 address. */
  readonly spi: number;
  /** Unsigned 32 bits. */
  readonly sequence: number;
  /** 12 bytes (copied). */
  readonly icv: Uint8Array;
}

export type IpsecAhDecodeError =
  /** Fewer than 24 bytes after the IP header. */
  | { readonly kind: 'ahTruncated'; readonly length: number }
  /** Not protecting a VRRP message (keepalived: "AH header for some other protocol - ignore packet"). */
  | { readonly kind: 'ahWrongNextHeader'; readonly nextHeader: number }
  /** Payload Len other than 4: not the 96-bit-ICV header keepalived sends. */
  | { readonly kind: 'ahBadPayloadLength'; readonly payloadLength: number };

export interface IpsecAhPacket {
  readonly header: IpsecAhHeader;
  /** The VRRP message after the header (a view into the input). */
  readonly payload: Uint8Array;
}

/** Decode the AH header at the start of an IP payload. Never throws. */
export function decodeIpsecAh(bytes: Uint8Array): Result<IpsecAhPacket, IpsecAhDecodeError> {
  if (bytes.length < IPSEC_AH_HEADER_BYTES) return err({ kind: 'ahTruncated', length: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nextHeader = view.getUint8(0);
  if (nextHeader !== VRRP_IP_PROTOCOL) return err({ kind: 'ahWrongNextHeader', nextHeader });
  const payloadLength = view.getUint8(1);
  if (payloadLength !== IPSEC_AH_PAYLOAD_LENGTH) return err({ kind: 'ahBadPayloadLength', payloadLength });
  return ok({
    header: {
      nextHeader,
      payloadLength,
      reserved: view.getUint16(2),
      spi: view.getUint32(4),
      sequence: view.getUint32(8),
      icv: bytes.slice(IPSEC_AH_ICV_OFFSET, IPSEC_AH_HEADER_BYTES),
    },
    payload: bytes.subarray(IPSEC_AH_HEADER_BYTES),
  });
}

/** What a sender chooses; the other fields are keepalived's constants. */
export interface IpsecAhFields {
  readonly spi: number;
  readonly sequence: number;
  /** 12 bytes; zero (for computing the ICV) when not given. */
  readonly icv?: Uint8Array;
}

/** The 24 header bytes. @throws RangeError if a field does not fit. */
export function encodeIpsecAhHeader(fields: IpsecAhFields | IpsecAhHeader): Uint8Array {
  const bytes = new Uint8Array(IPSEC_AH_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const full = 'nextHeader' in fields ? fields : null;
  view.setUint8(0, fieldValue('next header', full?.nextHeader ?? VRRP_IP_PROTOCOL, 0xff));
  view.setUint8(1, fieldValue('payload length', full?.payloadLength ?? IPSEC_AH_PAYLOAD_LENGTH, 0xff));
  view.setUint16(2, fieldValue('reserved', full?.reserved ?? 0, 0xffff));
  view.setUint32(4, fieldValue('SPI', fields.spi, 0xffff_ffff));
  view.setUint32(8, fieldValue('sequence number', fields.sequence, 0xffff_ffff));
  const icv = fields.icv ?? new Uint8Array(HMAC_MD5_96_BYTES);
  if (icv.length !== HMAC_MD5_96_BYTES) throw new RangeError(`ICV must be ${HMAC_MD5_96_BYTES} bytes, got ${icv.length}`);
  bytes.set(icv, IPSEC_AH_ICV_OFFSET);
  return bytes;
}

/** keepalived's SPI: the sender's IPv4 address read as a 32-bit number. */
export function ipsecAhSpi(source: Ipv4Address): number {
  const bytes = ipAddressBytes(source);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
}

/** What the ICV covers (see the module comment). */
export interface IpsecAhIcvInput {
  /** The IPv4 header as sent or received (its mutable fields are zeroed here, on a copy). */
  readonly ipHeader: Uint8Array;
  /** The AH header; its ICV is replaced by zeros. */
  readonly header: IpsecAhFields | IpsecAhHeader;
  /** The VRRP message after the AH header. */
  readonly vrrp: Uint8Array;
  /** keepalived zeroes the TTL only for unicast peers; multicast keeps it (255). */
  readonly zeroTtl: boolean;
}

/** HMAC-MD5-96 over keepalived's ICV input, with the 8-byte zero-padded key. */
export function ipsecAhIcv(key: Uint8Array, input: IpsecAhIcvInput): Uint8Array {
  const ip = input.ipHeader.slice();
  ip[IPV4_TOS_OFFSET] = 0;
  ip[IPV4_FLAGS_OFFSET] = 0;
  ip[IPV4_FLAGS_OFFSET + 1] = 0;
  ip[IPV4_CHECKSUM_OFFSET] = 0;
  ip[IPV4_CHECKSUM_OFFSET + 1] = 0;
  if (input.zeroTtl) ip[IPV4_TTL_OFFSET] = 0;
  const ah = encodeIpsecAhHeader({ ...input.header, icv: new Uint8Array(HMAC_MD5_96_BYTES) });
  const message = new Uint8Array(ip.length + ah.length + input.vrrp.length);
  message.set(ip, 0);
  message.set(ah, ip.length);
  message.set(input.vrrp, ip.length + ah.length);
  return hmacMd5_96(paddedKey(key), message);
}

/** Whether the received ICV is the one `key` gives; compares without an early exit. */
export function ipsecAhIcvVerifies(key: Uint8Array, input: IpsecAhIcvInput & { readonly header: IpsecAhHeader }): boolean {
  const expected = ipsecAhIcv(key, input);
  const received = input.header.icv;
  let difference = expected.length ^ received.length;
  for (let i = 0; i < expected.length; i++) difference |= (expected[i] ?? 0) ^ (received[i] ?? 0);
  return difference === 0;
}

/**
 * A whole AH-protected advert as keepalived sends it: IPv4 header (protocol
 * 51) ‖ AH ‖ VRRP message, the ICV computed over it. `ip.protocol` is ignored.
 *
 * @throws RangeError as encodeIpv4Header and encodeIpsecAhHeader.
 */
export function encodeIpsecAhDatagram(
  key: Uint8Array,
  ip: Omit<Ipv4HeaderFields, 'protocol'>,
  ah: Omit<IpsecAhFields, 'icv'>,
  vrrp: Uint8Array,
): Uint8Array {
  const unsigned = new Uint8Array(IPSEC_AH_HEADER_BYTES + vrrp.length);
  unsigned.set(encodeIpsecAhHeader(ah), 0);
  unsigned.set(vrrp, IPSEC_AH_HEADER_BYTES);
  const datagram = encodeIpv4Packet({ ...ip, protocol: IPSEC_AH_PROTOCOL }, unsigned);
  const headerLength = datagram.length - unsigned.length;
  const icv = ipsecAhIcv(key, { ipHeader: datagram.subarray(0, headerLength), header: ah, vrrp, zeroTtl: false });
  datagram.set(icv, headerLength + IPSEC_AH_ICV_OFFSET);
  return datagram;
}

/** The key as keepalived uses it: exactly 8 bytes, cut or zero padded. */
function paddedKey(key: Uint8Array): Uint8Array {
  const padded = new Uint8Array(IPSEC_AH_KEY_BYTES);
  padded.set(key.subarray(0, IPSEC_AH_KEY_BYTES));
  return padded;
}
