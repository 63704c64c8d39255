/**
 * Ethernet II frames (RFC 894; IEEE 802.3 §3.1.1) without preamble and FCS,
 * as a packet socket hands them over, optionally with one IEEE 802.1Q tag:
 *
 *    +------------------+------------------+-----------+-------------
 *    | Destination MAC  |    Source MAC    | EtherType | Payload ...
 *    |       (6)        |       (6)        |    (2)    |
 *    +------------------+------------------+-----------+-------------
 *
 *    +---------+---------+--------+---+---+---------+-----------+----
 *    | Dst (6) | Src (6) | 0x8100 |PCP|DEI|VID (12) | EtherType | ...
 *    |         |         |  TPID  | 3 | 1 |   TCI   |    (2)    |
 *    +---------+---------+--------+---+---+---------+-----------+----
 *
 * Frames are neither padded to the 60-byte minimum on encode (the kernel or
 * NIC pads; keepalived's 42-byte GARPs are captured unpadded on the sending
 * host) nor stripped of padding on decode: the IP decoders cut the payload by
 * the IP length. Only an outer 0x8100 tag is decoded; any other EtherType,
 * including 802.1ad (0x88a8) and 802.3 length values, is returned as is.
 */
import { macAddressBytes, macFromBytes, MAC_ADDRESS_BYTES, type MacAddress } from '../primitives/mac-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import { fieldValue } from './wire-field.js';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_IPV6 = 0x86dd;
/** Tag Protocol Identifier of an IEEE 802.1Q customer VLAN tag. */
export const ETHERTYPE_VLAN = 0x8100;

export const ETHERNET_HEADER_BYTES = 2 * MAC_ADDRESS_BYTES + 2;
export const VLAN_TAG_BYTES = 4;

/** The Tag Control Information of an 802.1Q tag. */
export interface VlanTag {
  /** VLAN Identifier, 12 bits. */
  readonly id: number;
  /** Priority Code Point, 3 bits (IEEE 802.1p). */
  readonly priority: number;
  /** Drop Eligible Indicator. */
  readonly dropEligible: boolean;
}

export interface EthernetHeader {
  readonly destination: MacAddress;
  readonly source: MacAddress;
  /** The EtherType after the tag, if any (ETHERTYPE_IPV4, _IPV6, _ARP, ...). */
  readonly etherType: number;
  readonly vlan?: VlanTag;
}

export interface EthernetFrame {
  readonly header: EthernetHeader;
  /** Everything after the header, padding included (a view into the input). */
  readonly payload: Uint8Array;
}

export type EthernetDecodeError =
  /** Shorter than the header (14 bytes, 18 with a VLAN tag). */
  { readonly kind: 'truncated'; readonly length: number; readonly required: number };

/** Decode a frame. Never throws. */
export function decodeEthernetFrame(bytes: Uint8Array): Result<EthernetFrame, EthernetDecodeError> {
  if (bytes.length < ETHERNET_HEADER_BYTES) {
    return err({ kind: 'truncated', length: bytes.length, required: ETHERNET_HEADER_BYTES });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const destination = macFromBytes(bytes, 0);
  const source = macFromBytes(bytes, MAC_ADDRESS_BYTES);
  const typeOffset = 2 * MAC_ADDRESS_BYTES;
  const outerType = view.getUint16(typeOffset);
  if (outerType !== ETHERTYPE_VLAN) {
    return ok({
      header: { destination, source, etherType: outerType },
      payload: bytes.subarray(ETHERNET_HEADER_BYTES),
    });
  }

  const taggedLength = ETHERNET_HEADER_BYTES + VLAN_TAG_BYTES;
  if (bytes.length < taggedLength) return err({ kind: 'truncated', length: bytes.length, required: taggedLength });
  const tci = view.getUint16(typeOffset + 2);
  const vlan: VlanTag = { id: tci & 0x0fff, priority: tci >> 13, dropEligible: (tci & 0x1000) !== 0 };
  return ok({
    header: { destination, source, etherType: view.getUint16(typeOffset + 4), vlan },
    payload: bytes.subarray(taggedLength),
  });
}

/**
 * The frame carrying `payload`, tagged if `header.vlan` is given.
 *
 * @throws RangeError if the EtherType or a tag field does not fit.
 */
export function encodeEthernetFrame(header: EthernetHeader, payload: Uint8Array): Uint8Array {
  const headerLength = ETHERNET_HEADER_BYTES + (header.vlan === undefined ? 0 : VLAN_TAG_BYTES);
  const bytes = new Uint8Array(headerLength + payload.length);
  const view = new DataView(bytes.buffer);
  bytes.set(macAddressBytes(header.destination), 0);
  bytes.set(macAddressBytes(header.source), MAC_ADDRESS_BYTES);
  let offset = 2 * MAC_ADDRESS_BYTES;
  if (header.vlan !== undefined) {
    const { id, priority, dropEligible } = header.vlan;
    view.setUint16(offset, ETHERTYPE_VLAN);
    view.setUint16(
      offset + 2,
      (fieldValue('VLAN priority', priority, 7) << 13) |
        (dropEligible ? 0x1000 : 0) |
        fieldValue('VLAN id', id, 0x0fff),
    );
    offset += VLAN_TAG_BYTES;
  }
  view.setUint16(offset, fieldValue('EtherType', header.etherType, 0xffff));
  bytes.set(payload, headerLength);
  return bytes;
}
