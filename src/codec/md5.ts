/**
 * MD5 (RFC 1321), the hash under HMAC-MD5-96, the ICV keepalived's IPSEC-AH
 * adverts carry (RFC 2403; reference §2 IPSEC-AH). Pure TypeScript over
 * Uint8Array: the codec may not use node:crypto (it stays free of Node).
 *
 * MD5 is broken for collision resistance; HMAC-MD5 is still what keepalived
 * puts on the wire, and interoperating with it is the only reason this exists.
 */

export const MD5_DIGEST_BYTES = 16;
/** The compression function consumes 64-byte blocks (RFC 1321 §3.4). */
export const MD5_BLOCK_BYTES = 64;

/** RFC 1321 §3.4: T[i] = floor(2^32 × |sin(i + 1)|), as a table rather than computed at load. */
const T = new Uint32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);

/** Per-round left-rotation amounts (RFC 1321 §3.4, rounds 1–4). */
const SHIFTS = [
  [7, 12, 17, 22],
  [5, 9, 14, 20],
  [4, 11, 16, 23],
  [6, 10, 15, 21],
] as const;

/** The MD5 digest of `message` (16 bytes). */
export function md5(message: Uint8Array): Uint8Array {
  // §3.1–3.2: append 0x80, zeros to 56 mod 64, then the bit length as 64 bits little-endian.
  const paddedLength = Math.ceil((message.length + 9) / MD5_BLOCK_BYTES) * MD5_BLOCK_BYTES;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLength = message.length * 8;
  view.setUint32(paddedLength - 8, bitLength >>> 0, true);
  view.setUint32(paddedLength - 4, Math.floor(bitLength / 0x1_0000_0000) >>> 0, true);

  // §3.3: the MD buffer.
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const words = new Uint32Array(16);
  for (let block = 0; block < paddedLength; block += MD5_BLOCK_BYTES) {
    for (let i = 0; i < 16; i++) words[i] = view.getUint32(block + i * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number;
      let g: number;
      switch (round) {
        case 0: // F(X,Y,Z) = XY v not(X) Z
          f = (b & c) | (~b & d);
          g = i;
          break;
        case 1: // G(X,Y,Z) = XZ v Y not(Z)
          f = (b & d) | (c & ~d);
          g = (5 * i + 1) & 15;
          break;
        case 2: // H(X,Y,Z) = X xor Y xor Z
          f = b ^ c ^ d;
          g = (3 * i + 5) & 15;
          break;
        default: // I(X,Y,Z) = Y xor (X v not(Z))
          f = c ^ (b | ~d);
          g = (7 * i) & 15;
          break;
      }
      const shift = SHIFTS[round]?.[i & 3] ?? 0;
      const sum = (a + f + (T[i] ?? 0) + (words[g] ?? 0)) >>> 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }

  // §3.5: the output is A, B, C, D, each little-endian.
  const digest = new Uint8Array(MD5_DIGEST_BYTES);
  const out = new DataView(digest.buffer);
  out.setUint32(0, a0, true);
  out.setUint32(4, b0, true);
  out.setUint32(8, c0, true);
  out.setUint32(12, d0, true);
  return digest;
}
