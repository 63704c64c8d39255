/**
 * Builds the packet of an `rx` line through the real encoder, then applies the
 * requested damage, so that every receive check is exercised on bytes.
 *
 *   from=IP         source address (required)
 *   prio=N          priority (default: the instance's configured priority)
 *   vrid=N          (default: the instance's)    ver=2|3   (default: the instance's)
 *   int=N           interval in centiseconds (default: the instance's)
 *   addrs=a,b       address list (default: the instance's virtual addresses)
 *   auth=none|pass:TEXT|ah   v2 authentication (default: the instance's)
 *   ttl=N           TTL / hop limit (default 255)
 *   dst=IP          (default the VRRP group; for a unicast instance its own address)
 * Damage, applied to the encoded bytes (the checksum is then recomputed):
 *   version=N type=N count=N rawvrid=N rawint=N authtype=N   overwrite that field
 *   truncate=N      keep only the first N bytes     extra=N  append N zero bytes
 *   checksum=bad|messageOnly|oldUnicast   corrupt it, use the message-only form (v3/IPv4),
 *                   or keepalived's old unicast form (224.0.0.18 as pseudo-header destination)
 * IPSEC-AH (keepalived auth_type AH), present iff seq= is given: the IPv4
 * header (ID 1, TOS 0xc0, the TTL above) and the AH header are built as
 * keepalived sends them and the ICV computed over them:
 *   seq=N           AH sequence number        ahkey=TEXT  key (default: the instance's)
 *   spi=IP          SPI (default: the source) icv=bad     flip a bit of the ICV
 */
import { V2_AUTH_DATA_BYTES, type Advert, type AdvertAddressing, type ChecksumForm } from '../../../src/codec/advert.js';
import { advertPseudoHeaderSum } from '../../../src/codec/advert-checksum.js';
import { encodeAdvert } from '../../../src/codec/advert-encoder.js';
import { internetChecksum } from '../../../src/codec/checksum.js';
import { KEEPALIVED_DEFAULTS } from '../../../src/config/keepalived-defaults.js';
import { isIpv4, parseIpAddress, type IpAddress } from '../../../src/primitives/ip-address.js';
import { centiseconds } from '../../../src/primitives/time.js';
import type { Priority, Vrid } from '../../../src/primitives/vrrp-numbers.js';
import { authenticationData } from '../../../src/protocol/advert-builder.js';
import type { ReceivedIpsecAh, ReceivedPacket } from '../../../src/protocol/events.js';
import { decodeIpsecAh, encodeIpsecAhDatagram, ipsecAhSpi } from '../../../src/codec/ipsec-ah.js';
import { IPV4_MIN_HEADER_BYTES } from '../../../src/codec/ipv4-header.js';
import type { InstanceConfig } from '../../../src/protocol/instance-config.js';

const KNOWN = new Set([
  'from', 'prio', 'vrid', 'ver', 'int', 'addrs', 'auth', 'ttl', 'dst',
  'version', 'type', 'count', 'rawvrid', 'rawint', 'authtype', 'truncate', 'extra', 'checksum',
  'seq', 'ahkey', 'spi', 'icv',
]);

function ip(text: string): IpAddress {
  const parsed = parseIpAddress(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function int(fields: Readonly<Record<string, string>>, key: string): number | undefined {
  const text = fields[key];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${key}=${text} is not an integer`);
  return value;
}

function v2Auth(text: string, config: InstanceConfig): Extract<Advert, { version: 2 }>['authentication'] {
  if (text === 'none') return { type: 'none', data: new Uint8Array(V2_AUTH_DATA_BYTES) };
  if (text === 'ah') return { type: 'ipAh', data: new Uint8Array(V2_AUTH_DATA_BYTES) };
  if (text.startsWith('pass:')) {
    return { type: 'simpleText', data: authenticationData({ kind: 'simpleText', password: new TextEncoder().encode(text.slice(5)) }) };
  }
  if (text === 'config') {
    const auth = config.authentication;
    const type = auth.kind === 'none' ? 'none' : auth.kind === 'simpleText' ? 'simpleText' : 'ipAh';
    return { type, data: authenticationData(auth) };
  }
  throw new Error(`auth=${text}: expected none, pass:TEXT or ah`);
}

export function buildReceivedPacket(config: InstanceConfig, fields: Readonly<Record<string, string>>): ReceivedPacket {
  const unknown = Object.keys(fields).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) throw new Error(`unknown rx field(s): ${unknown.join(', ')}`);
  const fromText = fields['from'];
  if (fromText === undefined) throw new Error('rx needs from=IP');
  const source = ip(fromText);
  const group = config.family === 'ipv4' ? KEEPALIVED_DEFAULTS.multicastGroup4 : KEEPALIVED_DEFAULTS.multicastGroup6;
  const destination = ip(fields['dst'] ?? (config.unicast === undefined ? group : config.sourceAddress));
  const checksumDestination = fields['checksum'] === 'oldUnicast' ? ip(KEEPALIVED_DEFAULTS.multicastGroup4) : destination;
  // The addressing the checksum is computed with; the packet itself is received from `source` to `destination`.
  const addressing: AdvertAddressing = { family: config.family, source, destination: checksumDestination };
  const version = int(fields, 'ver') ?? config.version;
  const common = {
    vrid: (int(fields, 'vrid') ?? config.vrid) as Vrid,
    priority: (int(fields, 'prio') ?? config.priority) as Priority,
    interval: centiseconds(int(fields, 'int') ?? config.advertInterval),
  };
  const addresses = fields['addrs'] === undefined ? config.virtualAddresses : fields['addrs'].split(',').map(ip);
  const advert: Advert =
    version === 2
      ? { version: 2, ...common, addresses: addresses.filter(isIpv4), authentication: v2Auth(fields['auth'] ?? 'config', config) }
      : { version: 3, ...common, addresses };
  const form: ChecksumForm = fields['checksum'] === 'messageOnly' ? 'messageOnly' : 'pseudoHeader';
  let bytes = encodeAdvert(advert, addressing, form);

  const damaged = damage(bytes, fields);
  if (damaged !== bytes) {
    bytes = damaged;
    rewriteChecksum(bytes, version, addressing, form);
  }
  if (fields['checksum'] === 'bad' && bytes.length >= 8) bytes[7] = (bytes[7] ?? 0) ^ 0xff;
  const truncate = int(fields, 'truncate');
  if (truncate !== undefined) bytes = bytes.slice(0, truncate);
  const ttl = int(fields, 'ttl') ?? 255;
  const sequence = int(fields, 'seq');
  if (sequence === undefined) return { payload: bytes, source, destination, ttl };
  return { payload: bytes, source, destination, ttl, ipsecAh: ipsecAhOf(config, fields, bytes, sequence, ttl) };
}

function ipsecAhOf(
  config: InstanceConfig,
  fields: Readonly<Record<string, string>>,
  vrrp: Uint8Array,
  sequence: number,
  ttl: number,
): ReceivedIpsecAh {
  const source = ip(fields['from'] ?? '');
  const destination = ip(fields['dst'] ?? KEEPALIVED_DEFAULTS.multicastGroup4);
  if (!isIpv4(source) || !isIpv4(destination)) throw new Error('AH adverts are IPv4 only');
  const spiAddress = ip(fields['spi'] ?? source);
  if (!isIpv4(spiAddress)) throw new Error('spi= must be an IPv4 address');
  const key =
    fields['ahkey'] !== undefined
      ? new TextEncoder().encode(fields['ahkey'])
      : config.authentication.kind === 'ipsecAh'
        ? config.authentication.key
        : new Uint8Array(8);
  const datagram = encodeIpsecAhDatagram(
    key,
    { tos: 0xc0, identification: 1, dontFragment: false, ttl, source, destination },
    { spi: ipsecAhSpi(spiAddress), sequence },
    vrrp,
  );
  const decoded = decodeIpsecAh(datagram.subarray(IPV4_MIN_HEADER_BYTES));
  if (!decoded.ok) throw new Error(`AH packet builder: ${decoded.error.kind}`);
  const header = decoded.value.header;
  const icv = header.icv.slice();
  if (fields['icv'] === 'bad') icv[0] = (icv[0] ?? 0) ^ 0x01;
  return { ipHeader: datagram.subarray(0, IPV4_MIN_HEADER_BYTES), header: { ...header, icv } };
}

function damage(original: Uint8Array, fields: Readonly<Record<string, string>>): Uint8Array {
  let bytes = original;
  const patch = (apply: (b: Uint8Array) => void): void => {
    if (bytes === original) bytes = original.slice();
    apply(bytes);
  };
  const version = int(fields, 'version');
  if (version !== undefined) patch((b) => (b[0] = (version << 4) | ((b[0] ?? 0) & 0x0f)));
  const type = int(fields, 'type');
  if (type !== undefined) patch((b) => (b[0] = ((b[0] ?? 0) & 0xf0) | type));
  const rawVrid = int(fields, 'rawvrid');
  if (rawVrid !== undefined) patch((b) => (b[1] = rawVrid));
  const count = int(fields, 'count');
  if (count !== undefined) patch((b) => (b[3] = count));
  const rawInterval = int(fields, 'rawint');
  if (rawInterval !== undefined) {
    patch((b) => {
      if (((b[0] ?? 0) >> 4) === 2) b[5] = rawInterval;
      else {
        b[4] = ((b[4] ?? 0) & 0xf0) | ((rawInterval >> 8) & 0x0f);
        b[5] = rawInterval & 0xff;
      }
    });
  }
  const authType = int(fields, 'authtype');
  if (authType !== undefined) patch((b) => (b[4] = authType));
  const extra = int(fields, 'extra');
  if (extra !== undefined) {
    const longer = new Uint8Array(bytes.length + extra);
    longer.set(bytes);
    bytes = longer;
  }
  return bytes;
}

function rewriteChecksum(bytes: Uint8Array, version: number, addressing: AdvertAddressing, form: ChecksumForm): void {
  if (bytes.length < 8) return;
  bytes[6] = 0;
  bytes[7] = 0;
  const pseudo = version === 3 && (addressing.family === 'ipv6' || form === 'pseudoHeader');
  const sum = internetChecksum(bytes, pseudo ? advertPseudoHeaderSum(addressing, bytes.length) : 0);
  bytes[6] = sum >> 8;
  bytes[7] = sum & 0xff;
}
