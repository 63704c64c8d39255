/**
 * Whether an instance advertises by unicast (keepalived: a unicast_peer, or
 * unicast_fault_no_peer, which keeps it unicast with no peer left, in FAULT),
 * and when two instances with the same VRID on one interface can still be
 * told apart (reference §2 Unicast: "Duplicate VRIDs are allowed if the peer
 * sets don't overlap"; keepalived 2.2.7 -t accepts a unicast and a multicast
 * instance with the same VRID, and two unicast ones with disjoint peers, and
 * reports "duplicate VRID conflict" otherwise).
 */
import type { InstanceDefinition } from './config-types.js';

export function usesUnicast(definition: Pick<InstanceDefinition, 'unicastPeers' | 'unicastFaultNoPeer'>): boolean {
  return definition.unicastPeers.length > 0 || definition.unicastFaultNoPeer;
}

type PeerSet = Pick<InstanceDefinition, 'unicastPeers' | 'unicastFaultNoPeer'>;

/** Adverts for one of the two can never be taken for the other's. */
export function distinguishable(a: PeerSet, b: PeerSet): boolean {
  if (usesUnicast(a) !== usesUnicast(b)) return true;
  if (!usesUnicast(a)) return false;
  const peers = new Set(a.unicastPeers.map((p) => p.address));
  return !b.unicastPeers.some((p) => peers.has(p.address));
}
