/**
 * Which instance a received advert is for, when several share its interface,
 * family and VRID (reference §2 Unicast: "Duplicate VRIDs are allowed if the
 * peer sets don't overlap"; the configuration refuses overlapping ones,
 * config/unicast-mode.ts). In order:
 *
 * 1. the unicast instance that has the sender among its peers;
 * 2. by the destination: an advert sent to the group goes to the multicast
 *    instance, one sent to us to the unicast instance, if there is exactly
 *    one of that kind;
 * 3. otherwise the only instance there is, so that the core's receive checks
 *    (destination mode, check_unicast_src) count and log why it is dropped.
 *
 * An advert that none of these picks belongs to no instance.
 */
import type { InstanceDefinition } from '../config/config-types.js';
import { KEEPALIVED_DEFAULTS } from '../config/keepalived-defaults.js';
import { usesUnicast } from '../config/unicast-mode.js';
import { isMulticastAddress, type IpAddress } from '../primitives/ip-address.js';
import type { InstanceLink } from './linux-instance-effects.js';
import type { UnicastLink } from './unicast-sender.js';

interface Candidate {
  readonly link: InstanceLink;
}

export function instanceForPacket<T extends Candidate>(sharing: readonly T[], source: IpAddress, destination: IpAddress): T | undefined {
  const byPeer = sharing.find((instance) => instance.link.unicast?.peers.includes(source) === true);
  if (byPeer !== undefined) return byPeer;
  const wantsUnicast = !isMulticastAddress(destination);
  const sameMode = sharing.filter((instance) => (instance.link.unicast !== null) === wantsUnicast);
  if (sameMode.length === 1) return sameMode[0];
  return sharing.length === 1 ? sharing[0] : undefined;
}

/**
 * The runtime's unicast settings of an instance, or null for multicast. TTL:
 * unicast_ttl, else 255 for IPv4 (keepalived's own IPv4 header, reference §2)
 * and the kernel's default hop limit for IPv6.
 */
export function unicastLinkOf(definition: InstanceDefinition): UnicastLink | null {
  if (!usesUnicast(definition)) return null;
  const ttl = definition.unicastTtl ?? (definition.family === 'ipv4' ? KEEPALIVED_DEFAULTS.unicastTtl : null);
  return { peers: definition.unicastPeers.map((peer) => peer.address), ttl };
}
