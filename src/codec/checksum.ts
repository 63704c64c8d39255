/**
 * The Internet checksum (RFC 1071) and the pseudo-header sums that IPv4 and
 * IPv6 upper-layer checksums add to it.
 *
 * A *sum* here is the 16-bit one's-complement sum of big-endian 16-bit words,
 * with the carries folded back in (RFC 1071 §4.1). Sums compose by addition,
 * so a pseudo-header sum is computed once and passed as the starting value of
 * the sum over the message. The *checksum* is the complement of the final sum.
 *
 * A sender writes 0 into the checksum field, sums, and stores the checksum. A
 * receiver sums the message as received (checksum field included) and accepts
 * when the folded sum is 0xffff, i.e. one's-complement zero (RFC 1071 §1).
 */

const WORD_MASK = 0xffff;

/**
 * One's-complement sum of `bytes` read as big-endian 16-bit words, folded to
 * 16 bits and added to `initial` (itself a sum). An odd trailing byte is
 * padded on the right with a zero byte (RFC 1071 §1, §4.1).
 *
 * The running total is an unfolded double: it stays exact up to 2^53, that is
 * for inputs far larger than any IP datagram, so folding once at the end is
 * enough.
 */
export function onesComplementSum(bytes: Uint8Array, initial = 0): number {
  let total = initial;
  const evenLength = bytes.length - (bytes.length % 2);
  for (let i = 0; i < evenLength; i += 2) {
    total += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  }
  if (evenLength !== bytes.length) total += (bytes[evenLength] ?? 0) << 8;
  return fold(total);
}

/** The checksum to store: the complement of a folded sum. */
export function checksumFromSum(sum: number): number {
  return ~sum & WORD_MASK;
}

/** The checksum of `bytes` (checksum field zeroed), optionally over a pseudo-header sum. */
export function internetChecksum(bytes: Uint8Array, pseudoHeaderSum = 0): number {
  return checksumFromSum(onesComplementSum(bytes, pseudoHeaderSum));
}

/** True when `bytes` as received (checksum field included) verify, optionally over a pseudo-header sum. */
export function checksumVerifies(bytes: Uint8Array, pseudoHeaderSum = 0): boolean {
  return onesComplementSum(bytes, pseudoHeaderSum) === WORD_MASK;
}

/**
 * Sum of the IPv4 pseudo-header (RFC 768, as used by RFC 5798 §5.2.8 for
 * VRRPv3 over IPv4 by keepalived and FRR):
 *
 *     0      7 8     15 16    23 24    31
 *    +--------+--------+--------+--------+
 *    |          source address           |
 *    +--------+--------+--------+--------+
 *    |        destination address        |
 *    +--------+--------+--------+--------+
 *    |  zero  |protocol|     length      |
 *    +--------+--------+--------+--------+
 *
 * `source` and `destination` are the 4 network-order address bytes; `length`
 * is the upper-layer message length in bytes (16 bits).
 */
export function ipv4PseudoHeaderSum(
  source: Uint8Array,
  destination: Uint8Array,
  protocol: number,
  length: number,
): number {
  const sum = onesComplementSum(destination, onesComplementSum(source));
  return fold(sum + (protocol & 0xff) + (length & WORD_MASK));
}

/**
 * Sum of the IPv6 pseudo-header (RFC 8200 §8.1), used by VRRPv3 over IPv6
 * (next header 112, RFC 5798 §5.2.8) and by ICMPv6 (next header 58, RFC 4443
 * §2.3):
 *
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                     Source Address (16)                       +
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    +                  Destination Address (16)                     +
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                   Upper-Layer Packet Length                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                      zero                     |  Next Header  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * `upperLayerLength` is 32 bits wide; it is added as its two 16-bit halves.
 */
export function ipv6PseudoHeaderSum(
  source: Uint8Array,
  destination: Uint8Array,
  nextHeader: number,
  upperLayerLength: number,
): number {
  const sum = onesComplementSum(destination, onesComplementSum(source));
  const length = upperLayerLength >>> 0;
  return fold(sum + (length >>> 16) + (length & WORD_MASK) + (nextHeader & 0xff));
}

/** Fold the carries of an unfolded non-negative total into 16 bits (RFC 1071 §4.1). */
function fold(total: number): number {
  let sum = total;
  while (sum > WORD_MASK) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}
