/**
 * IPSEC-AH on the lab LAN for ah-interop.test.ts: the AH adverts a capture
 * holds, checked the way keepalived checks them, and a third host that
 * injects forged or replayed ones.
 */
import { fileURLToPath } from 'node:url';
import { decodeAdvert } from '../../src/codec/advert-decoder.js';
import type { DecodedAdvert } from '../../src/codec/advert.js';
import { decodeEthernetFrame } from '../../src/codec/ethernet-frame.js';
import { decodeIpv4Packet, type Ipv4Header } from '../../src/codec/ipv4-header.js';
import { decodeIpsecAh, IPSEC_AH_PROTOCOL, ipsecAhIcvVerifies, type IpsecAhHeader } from '../../src/codec/ipsec-ah.js';
import type { Lab, LabHost } from '../../src/lab/namespace-lan.js';
import type { PcapCapture } from '../../src/lab/pcap-reader.js';

export interface WireAhAdvert {
  readonly atUs: number;
  readonly ip: Ipv4Header;
  readonly ah: IpsecAhHeader;
  /** The whole IPv4 datagram as captured (for replaying it). */
  readonly datagram: Uint8Array;
  /** Whether the ICV verifies with the key the test configured. */
  readonly icvValid: boolean;
  readonly decoded: DecodedAdvert | null;
}

/** Every IP protocol 51 frame of the capture, decoded; the ICV checked with `key` (8 bytes). */
export function ahAdvertsOf(pcap: PcapCapture, key: Uint8Array): WireAhAdvert[] {
  const adverts: WireAhAdvert[] = [];
  for (const packet of pcap.packets) {
    const frame = decodeEthernetFrame(packet.data);
    if (!frame.ok) continue;
    const ip = decodeIpv4Packet(frame.value.payload);
    if (!ip.ok || ip.value.header.protocol !== IPSEC_AH_PROTOCOL) continue;
    const ah = decodeIpsecAh(ip.value.payload);
    if (!ah.ok) throw new Error(`an AH frame does not decode: ${JSON.stringify(ah.error)}`);
    const { header } = ip.value;
    const ipHeader = frame.value.payload.subarray(0, header.ihl * 4);
    const decoded = decodeAdvert(ah.value.payload, { family: 'ipv4', source: header.source, destination: header.destination });
    adverts.push({
      atUs: packet.timestampMicroseconds,
      ip: header,
      ah: ah.value.header,
      datagram: frame.value.payload.slice(0, header.totalLength),
      icvValid: ipsecAhIcvVerifies(key, { ipHeader, header: ah.value.header, vrrp: ah.value.payload, zeroTtl: false }),
      decoded: decoded.ok ? decoded.value : null,
    });
  }
  return adverts;
}

/** The 8-byte key keepalived derives from auth_pass: its first 8 bytes, zero padded. */
export function ahKey(password: string): Uint8Array {
  const key = new Uint8Array(8);
  key.set(new TextEncoder().encode(password).subarray(0, 8));
  return key;
}

const INJECTOR = fileURLToPath(new URL('./inject-datagram.js', import.meta.url));

/** Sends the datagrams (IPv4 header included) from `host`'s eth0, in order. */
export async function injectDatagrams(lab: Lab, host: LabHost, datagrams: readonly Uint8Array[]): Promise<void> {
  const link = await lab.ip(host.namespace, '-o', 'link', 'show', 'dev', host.interfaceName);
  const ifindex = /^(\d+):/.exec(link)?.[1];
  if (ifindex === undefined) throw new Error(`cannot read h${host.index}'s ifindex:\n${link}`);
  const hex = datagrams.map((d) => Buffer.from(d).toString('hex'));
  await lab.exec(host.namespace, process.execPath, INJECTOR, ifindex, ...hex);
}
