/**
 * HMAC-MD5 (RFC 2104) and its 96-bit truncation HMAC-MD5-96 (RFC 2403 §2),
 * the Integrity Check Value of keepalived's IPSEC-AH adverts (reference §2).
 */
import { MD5_BLOCK_BYTES, md5 } from './md5.js';

/** RFC 2403 §2: the ICV is the first 96 bits of the HMAC-MD5 output. */
export const HMAC_MD5_96_BYTES = 12;

const INNER_PAD = 0x36;
const OUTER_PAD = 0x5c;

/** HMAC-MD5(key, message) = MD5((K ^ opad) ‖ MD5((K ^ ipad) ‖ message)), 16 bytes (RFC 2104 §2). */
export function hmacMd5(key: Uint8Array, message: Uint8Array): Uint8Array {
  // "Applications that use keys longer than B bytes will first hash the key."
  const k = key.length > MD5_BLOCK_BYTES ? md5(key) : key;
  const inner = new Uint8Array(MD5_BLOCK_BYTES + message.length);
  const outer = new Uint8Array(MD5_BLOCK_BYTES + 16);
  for (let i = 0; i < MD5_BLOCK_BYTES; i++) {
    const byte = k[i] ?? 0;
    inner[i] = byte ^ INNER_PAD;
    outer[i] = byte ^ OUTER_PAD;
  }
  inner.set(message, MD5_BLOCK_BYTES);
  outer.set(md5(inner), MD5_BLOCK_BYTES);
  return md5(outer);
}

/** HMAC-MD5-96: the first 12 bytes of HMAC-MD5 (RFC 2403 §2, RFC 2104 §5). */
export function hmacMd5_96(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmacMd5(key, message).slice(0, HMAC_MD5_96_BYTES);
}
