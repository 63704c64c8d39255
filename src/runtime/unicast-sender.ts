/**
 * keepalived unicast (reference §2 Unicast): one advert per peer, each sent
 * to that peer's address, from unicast_src_ip, with TTL unicast_ttl.
 *
 * The v3 checksum covers the destination (RFC 5798 §5.2.8 pseudo-header), so
 * each peer gets its own bytes; keepalived patches them incrementally per
 * peer, vipd encodes each once and keeps it (by priority, checksum form and
 * peer). keepalived's old unicast checksum puts 224.0.0.18 there instead of
 * the peer, the same for every peer (protocol/unicast-checks.ts).
 */
import { encodeAdvert } from '../codec/advert-encoder.js';
import type { Advert, ChecksumForm } from '../codec/advert.js';
import type { IpAddress, IpFamily } from '../primitives/ip-address.js';
import { OLD_UNICAST_CHECKSUM_DESTINATION } from '../protocol/unicast-checks.js';
import type { VrrpSocket } from '../io/vrrp-socket.js';

/** An instance's unicast settings as the runtime sends them. */
export interface UnicastLink {
  /** unicast_peer addresses, in configuration order. */
  readonly peers: readonly IpAddress[];
  /**
   * The TTL / hop limit each advert carries: unicast_ttl, else 255 for IPv4
   * (keepalived builds the IPv4 header itself); null = the kernel's default
   * (IPv6 without unicast_ttl, reference §2 IPv6).
   */
  readonly ttl: number | null;
}

export interface UnicastAddressing {
  readonly family: IpFamily;
  readonly source: IpAddress;
  readonly checksumForm: ChecksumForm;
}

/** What happened to one peer's copy: sent, or the error the socket threw. */
export type UnicastSendOutcome = { readonly peer: IpAddress; readonly error: unknown | null };

export class UnicastSender {
  /** `${priority}/${old}/${peer}` → the encoded advert for that peer. */
  private readonly encoded = new Map<string, Uint8Array>();

  constructor(
    private readonly unicast: UnicastLink,
    private readonly addressing: UnicastAddressing,
  ) {}

  /** Encode the advert for every peer now, so that sending is only the system calls. */
  prepare(advert: Advert, oldChecksum: boolean): void {
    for (const peer of this.unicast.peers) this.bytesFor(advert, oldChecksum, peer);
  }

  /** One sendmsg per peer; a failure for one peer does not keep the others from theirs. */
  send(socket: VrrpSocket, advert: Advert, oldChecksum: boolean): UnicastSendOutcome[] {
    return this.unicast.peers.map((peer) => {
      try {
        const bytes = this.bytesFor(advert, oldChecksum, peer);
        socket.send(bytes, {
          source: this.addressing.source,
          destination: peer,
          ...(this.unicast.ttl === null ? {} : { ttl: this.unicast.ttl }),
        });
        return { peer, error: null };
      } catch (error) {
        return { peer, error };
      }
    });
  }

  private bytesFor(advert: Advert, oldChecksum: boolean, peer: IpAddress): Uint8Array {
    const key = `${advert.priority}/${oldChecksum ? 'old' : 'peer'}/${peer}`;
    const known = this.encoded.get(key);
    if (known !== undefined) return known;
    const { family, source, checksumForm } = this.addressing;
    const destination = oldChecksum && family === 'ipv4' ? OLD_UNICAST_CHECKSUM_DESTINATION : peer;
    const bytes = encodeAdvert(advert, { family, source, destination }, checksumForm);
    this.encoded.set(key, bytes);
    return bytes;
  }
}
