/**
 * Encoding of typed advertisements into VRRP messages (the IP payload), byte
 * for byte as keepalived and FRR send them. Wire layouts are drawn in
 * advert.ts; the checksum policy is in advert-checksum.ts.
 *
 * The encoder writes any value its field can carry, including the ones a
 * receiver rejects (VRID 0, no addresses, interval 0): which values to send is
 * the protocol layer's decision. A value that does not fit its field (more
 * than 255 addresses, a v2 interval that is not whole seconds, an address of
 * the other family) is a bug in the caller and throws a RangeError.
 */
import { addressBytesOf, ipAddressBytes, type IpAddress } from '../primitives/ip-address.js';
import {
  ADVERT_FIELD_OFFSET as OFFSET,
  ADVERTISEMENT_TYPE,
  CENTISECONDS_PER_SECOND,
  MAX_ADDRESS_COUNT,
  MAX_V2_INTERVAL_SECONDS,
  MAX_V3_INTERVAL_CENTISECONDS,
  V2_AUTH_DATA_BYTES,
  VRRP_FIXED_HEADER_BYTES,
  advertByteLength,
  type Advert,
  type AdvertAddressing,
  type AdvertV2,
  type AdvertV3,
  type ChecksumForm,
} from './advert.js';
import { advertPseudoHeaderSum, sentChecksumForm } from './advert-checksum.js';
import { internetChecksum } from './checksum.js';
import { v2AuthTypeCode } from './v2-auth-type.js';
import { fieldValue } from './wire-field.js';

/**
 * The VRRP message for `advert` sent with `addressing`. `checksumForm` is
 * honoured for v3 over IPv4 only: v2 is always message-only and v3 over IPv6
 * always includes the pseudo-header (RFC 3768 §5.3.8, RFC 5798 §5.2.8).
 *
 * @throws RangeError if a value does not fit its wire field (see above).
 */
export function encodeAdvert(advert: Advert, addressing: AdvertAddressing, checksumForm: ChecksumForm): Uint8Array {
  if (advert.version === 2 && addressing.family !== 'ipv4') {
    throw new RangeError('VRRPv2 is defined for IPv4 only (RFC 3768 §1)');
  }
  const count = fieldValue('address count', advert.addresses.length, MAX_ADDRESS_COUNT);
  const bytes = new Uint8Array(advertByteLength(advert.version, addressing.family, count));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  view.setUint8(OFFSET.versionAndType, (advert.version << 4) | ADVERTISEMENT_TYPE);
  view.setUint8(OFFSET.vrid, fieldValue('VRID', advert.vrid, 0xff));
  view.setUint8(OFFSET.priority, fieldValue('priority', advert.priority, 0xff));
  view.setUint8(OFFSET.addressCount, count);
  writeAddresses(bytes, advert.addresses, addressing);
  switch (advert.version) {
    case 2:
      writeV2Fields(bytes, view, advert);
      break;
    case 3:
      writeV3Fields(view, advert);
      break;
  }

  const pseudoHeaderSum =
    sentChecksumForm(advert.version, addressing, checksumForm) === 'pseudoHeader'
      ? advertPseudoHeaderSum(addressing, bytes.length)
      : 0;
  view.setUint16(OFFSET.checksum, internetChecksum(bytes, pseudoHeaderSum));
  return bytes;
}

/**
 * RFC 3768 §5.3.6, §5.3.7, §5.3.10: Auth Type, Adver Int in whole seconds,
 * and the 8 bytes of Authentication Data after the addresses (the given data
 * cut to, or zero-padded to, 8 bytes).
 */
function writeV2Fields(bytes: Uint8Array, view: DataView, advert: AdvertV2): void {
  const seconds = advert.interval / CENTISECONDS_PER_SECOND;
  view.setUint8(OFFSET.v2AuthType, v2AuthTypeCode(advert.authentication.type));
  view.setUint8(OFFSET.v2Interval, fieldValue('v2 interval in seconds', seconds, MAX_V2_INTERVAL_SECONDS));
  bytes.set(advert.authentication.data.subarray(0, V2_AUTH_DATA_BYTES), bytes.length - V2_AUTH_DATA_BYTES);
}

/** RFC 5798 §5.2.6, §5.2.7: 4 reserved bits sent as zero, then the 12-bit Max Adver Int in centiseconds. */
function writeV3Fields(view: DataView, advert: AdvertV3): void {
  view.setUint16(
    OFFSET.v3Interval,
    fieldValue('v3 interval in centiseconds', advert.interval, MAX_V3_INTERVAL_CENTISECONDS),
  );
}

function writeAddresses(bytes: Uint8Array, addresses: readonly IpAddress[], addressing: AdvertAddressing): void {
  const width = addressBytesOf(addressing.family);
  addresses.forEach((address, i) => {
    const addressBytes = ipAddressBytes(address);
    if (addressBytes.length !== width) {
      throw new RangeError(`address ${address} is not an ${addressing.family} address`);
    }
    bytes.set(addressBytes, VRRP_FIXED_HEADER_BYTES + i * width);
  });
}
