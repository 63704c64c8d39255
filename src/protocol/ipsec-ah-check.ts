/**
 * Authenticating a received advert by its IP Authentication Header, in
 * keepalived's order (reference §2 IPSEC-AH): the header is present iff
 * auth_type AH is configured; the ICV verifies with our key; the SPI is the
 * sender's address; the sequence number is above the instance's counter.
 *
 * As RFC 4302 §3.4 has it, this happens before the VRRP message is looked at:
 * an advert is only decoded and checked once its ICV and sequence number have
 * passed. A failure is a typed reject reason with its own counter; it never
 * changes the instance's state.
 */
import { ipsecAhIcvVerifies, ipsecAhSpi } from '../codec/ipsec-ah.js';
import { isIpv4 } from '../primitives/ip-address.js';
import { err, ok, type Result } from '../primitives/result.js';
import type { ReceivedPacket } from './events.js';
import type { InstanceConfig } from './instance-config.js';
import { isFreshSequence, type IpsecAhCounter } from './ipsec-ah-counter.js';
import type { RejectReason } from './reject-reason.js';

/**
 * Null: no AH configured and none received. Otherwise the sequence number to
 * take into the counter, or why the advert is discarded.
 */
export function checkIpsecAh(
  config: InstanceConfig,
  counter: IpsecAhCounter,
  packet: ReceivedPacket,
): Result<number, RejectReason> | null {
  const auth = config.authentication;
  const ah = packet.ipsecAh;
  if (auth.kind !== 'ipsecAh') return ah === undefined ? null : err({ kind: 'ahUnexpected' });
  if (ah === undefined) return err({ kind: 'ahMissing' });

  // RFC 4302 §3.4.4 Integrity Check Value Verification. keepalived sends
  // multicast only here (no unicast peers), so the TTL is covered as sent.
  const input = { ipHeader: ah.ipHeader, header: ah.header, vrrp: packet.payload, zeroTtl: false };
  if (!ipsecAhIcvVerifies(auth.key, input)) return err({ kind: 'ahBadIcv' });
  // keepalived: "Now verify that the SPI value is equal to src IP".
  if (!isIpv4(packet.source) || ah.header.spi !== ipsecAhSpi(packet.source)) {
    return err({ kind: 'ahSpiMismatch', spi: ah.header.spi });
  }
  // RFC 4302 §3.4.3 Sequence Number Verification, with keepalived's single
  // per-instance counter and no window: strictly greater, or a replay.
  if (!isFreshSequence(counter, ah.header.sequence)) {
    return err({ kind: 'ahReplay', sequence: ah.header.sequence, counter: counter.sequence });
  }
  return ok(ah.header.sequence);
}
