/**
 * Netlink attributes, struct nlattr (netlink(7), linux/netlink.h): a
 * type-length-value record, padded to 4 bytes. Attributes follow the fixed
 * family header of a message (ifinfomsg, ifaddrmsg, ...) and may nest.
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   nla_len (header + value)    |N|O|       nla_type            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                value, then padding to 4 bytes                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   N = NLA_F_NESTED, O = NLA_F_NET_BYTEORDER
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { NetlinkDecodeError, NetlinkStructure } from './decode-error.js';
import { HOST_IS_LITTLE_ENDIAN, viewOf } from './host-byte-order.js';
import { netlinkAlign } from './netlink-header.js';

export const NLA_HEADER_BYTES = 4;
const NLA_F_NESTED = 0x8000;
const NLA_F_NET_BYTEORDER = 0x4000;
const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

export interface NetlinkAttribute {
  /** nla_type without the two flag bits. */
  readonly type: number;
  /** NLA_F_NESTED was set. Older kernel code nests without setting it, so callers decide by type. */
  readonly nestedFlag: boolean;
  /** The value without padding; a view into the decoded datagram. */
  readonly value: Uint8Array;
}

/**
 * Decodes a run of attributes filling `bytes` (for example a message payload
 * after its fixed header, or the value of a nested attribute).
 */
export function decodeAttributes(
  bytes: Uint8Array,
  structure: NetlinkStructure,
): Result<readonly NetlinkAttribute[], NetlinkDecodeError> {
  const view = viewOf(bytes);
  const attributes: NetlinkAttribute[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const available = bytes.length - offset;
    if (available < NLA_HEADER_BYTES) {
      return err({ kind: 'truncated', structure, offset, neededBytes: NLA_HEADER_BYTES, availableBytes: available });
    }
    const lengthBytes = view.getUint16(offset, HOST_IS_LITTLE_ENDIAN);
    const rawType = view.getUint16(offset + 2, HOST_IS_LITTLE_ENDIAN);
    if (lengthBytes < NLA_HEADER_BYTES || lengthBytes > available) {
      return err({ kind: 'badLength', structure, offset, lengthBytes });
    }
    attributes.push({
      type: rawType & NLA_TYPE_MASK,
      nestedFlag: (rawType & NLA_F_NESTED) !== 0,
      value: bytes.subarray(offset + NLA_HEADER_BYTES, offset + lengthBytes),
    });
    offset += netlinkAlign(lengthBytes);
  }
  return ok(attributes);
}

export function findAttribute(attributes: readonly NetlinkAttribute[], type: number): NetlinkAttribute | undefined {
  return attributes.find((attribute) => attribute.type === type);
}

/** A fixed-size unsigned integer value in host byte order (NLA_U8, NLA_U16, NLA_U32). */
export function attributeUnsigned(
  attribute: NetlinkAttribute,
  sizeBytes: 1 | 2 | 4,
  structure: NetlinkStructure,
  name: string,
): Result<number, NetlinkDecodeError> {
  if (attribute.value.length !== sizeBytes) {
    return err({ kind: 'badAttribute', structure, attribute: name, lengthBytes: attribute.value.length });
  }
  const view = viewOf(attribute.value);
  switch (sizeBytes) {
    case 1:
      return ok(view.getUint8(0));
    case 2:
      return ok(view.getUint16(0, HOST_IS_LITTLE_ENDIAN));
    case 4:
      return ok(view.getUint32(0, HOST_IS_LITTLE_ENDIAN));
  }
}

/**
 * An NLA_STRING / NLA_NUL_STRING value: the bytes up to the first NUL (the
 * kernel includes the terminator; user space may omit it). Decoded as UTF-8,
 * replacing invalid sequences, so decoding itself cannot fail.
 */
export function attributeString(attribute: NetlinkAttribute): string {
  const end = attribute.value.indexOf(0);
  return new TextDecoder().decode(end < 0 ? attribute.value : attribute.value.subarray(0, end));
}

// ===== encoding =====

/**
 * One attribute to encode: a leaf value, or children to nest. NLA_F_NESTED is
 * set on nests unless `nestedFlag` is false: iproute2 leaves it off
 * (IFLA_LINKINFO, IFLA_AF_SPEC …), and the kernel's legacy nested policies
 * accept either.
 */
export type AttributeSpec =
  | { readonly type: number; readonly value: Uint8Array }
  | { readonly type: number; readonly children: readonly AttributeSpec[]; readonly nestedFlag?: boolean };

export function encodedAttributesLength(specs: readonly AttributeSpec[]): number {
  return specs.reduce((total, spec) => total + netlinkAlign(NLA_HEADER_BYTES + specValueLength(spec)), 0);
}

/** Writes attributes at `offset` of `target`; returns the offset after the last one's padding. */
export function writeAttributes(target: Uint8Array, offset: number, specs: readonly AttributeSpec[]): number {
  const view = viewOf(target);
  let at = offset;
  for (const spec of specs) {
    const valueLength = specValueLength(spec);
    const lengthBytes = NLA_HEADER_BYTES + valueLength;
    view.setUint16(at, lengthBytes, HOST_IS_LITTLE_ENDIAN);
    if ('children' in spec) {
      view.setUint16(at + 2, spec.nestedFlag === false ? spec.type : spec.type | NLA_F_NESTED, HOST_IS_LITTLE_ENDIAN);
      writeAttributes(target, at + NLA_HEADER_BYTES, spec.children);
    } else {
      view.setUint16(at + 2, spec.type, HOST_IS_LITTLE_ENDIAN);
      target.set(spec.value, at + NLA_HEADER_BYTES);
    }
    target.fill(0, at + lengthBytes, at + netlinkAlign(lengthBytes));
    at += netlinkAlign(lengthBytes);
  }
  return at;
}

function specValueLength(spec: AttributeSpec): number {
  return 'children' in spec ? encodedAttributesLength(spec.children) : spec.value.length;
}

export function u8Value(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff);
}

export function u32Value(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  viewOf(bytes).setUint32(0, value >>> 0, HOST_IS_LITTLE_ENDIAN);
  return bytes;
}

/** NLA_STRING without a terminator, as iproute2 sends IFLA_INFO_KIND. */
export function unterminatedStringValue(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** NLA_NUL_STRING: UTF-8 and a terminating NUL, as iproute2 sends names. */
export function stringValue(value: string): Uint8Array {
  const text = new TextEncoder().encode(value);
  const bytes = new Uint8Array(text.length + 1);
  bytes.set(text);
  return bytes;
}
