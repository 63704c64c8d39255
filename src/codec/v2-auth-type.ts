/**
 * The VRRPv2 Auth Type field (RFC 3768 §5.3.6; the values of RFC 2338 §5.3.6,
 * which RFC 3768 marks reserved for backwards compatibility and keepalived
 * still sends):
 *
 *    0  No Authentication
 *    1  Simple Text Password   ('simpleText', keepalived "PASS")
 *    2  IP Authentication Header ('ipAh', keepalived "AH")
 */
import type { V2AuthType } from './advert.js';

export function v2AuthTypeCode(type: V2AuthType): number {
  switch (type) {
    case 'none':
      return 0;
    case 'simpleText':
      return 1;
    case 'ipAh':
      return 2;
  }
}

/** The auth type of a wire code, or null for a code outside 0..2. */
export function v2AuthTypeFromCode(code: number): V2AuthType | null {
  switch (code) {
    case 0:
      return 'none';
    case 1:
      return 'simpleText';
    case 2:
      return 'ipAh';
    default:
      return null;
  }
}
