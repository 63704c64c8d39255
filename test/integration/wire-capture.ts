/**
 * The interop tests' view of a capture on the lab switch: every VRRP packet
 * with its Ethernet and IP facts and checksum form (or why it did not
 * decode), every announcement with the MAC that sent it, and the compact
 * frames that failover-timing.ts reads.
 */
import { capturedFrames, decodeCapture, type CapturedAnnouncement, type CapturedFrame, type CapturedVrrp } from '../../src/lab/captured-frames.js';
import type { PacketCapture } from '../../src/lab/packet-capture.js';

export type WireAdvert = CapturedVrrp;
export type WireAnnouncement = CapturedAnnouncement;

export interface Wire {
  /** What PacketCapture.stop() returns (for failoverGap). */
  readonly frames: CapturedFrame[];
  readonly adverts: readonly WireAdvert[];
  readonly announcements: readonly WireAnnouncement[];
}

/** Stops the capture and decodes it; later calls return the same result. */
export async function readWire(capture: PacketCapture): Promise<Wire> {
  const pcap = await capture.stopAndRead();
  const { vrrp, announcements } = decodeCapture(pcap);
  return { frames: capturedFrames(pcap), adverts: vrrp, announcements };
}

/**
 * A compact timeline of the VRRP packets on the wire, for failure messages:
 * one line per run of identical adverts from one sender (first time relative
 * to the first packet, count, source, priority, or the decode error).
 */
export function wireTimeline(wire: Wire, maxLines = 40): string {
  const first = wire.adverts[0]?.atUs ?? 0;
  const lines: string[] = [];
  let previous = '';
  let count = 0;
  let start = 0;
  const flush = (): void => {
    if (count > 0) lines.push(`${((start - first) / 1000).toFixed(1).padStart(9)} ms  ×${String(count).padEnd(4)} ${previous}`);
  };
  for (const advert of wire.adverts) {
    const what = `${advert.source} (${advert.sourceMac}) ttl ${advert.ttl} ${
      advert.decoded === null ? `undecodable: ${JSON.stringify(advert.error)}` : `v${advert.decoded.advert.version} vrid ${advert.decoded.advert.vrid} prio ${advert.decoded.advert.priority}`
    }`;
    if (what === previous) {
      count++;
      continue;
    }
    flush();
    previous = what;
    count = 1;
    start = advert.atUs;
  }
  flush();
  return lines.length > maxLines ? [...lines.slice(0, maxLines / 2), '…', ...lines.slice(-maxLines / 2)].join('\n') : lines.join('\n');
}
