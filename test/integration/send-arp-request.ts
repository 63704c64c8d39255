/**
 * A client on the lab LAN asks "who has TARGET?" once: an ordinary ARP
 * request (RFC 826) from SENDER-MAC / SENDER-IP, broadcast out of IFINDEX.
 * Sent raw rather than provoked by traffic to TARGET, because a reply to that
 * traffic (ICMP port unreachable) would make the target host ARP from its own
 * interface and muddle what answered. Run inside the client's namespace as
 * `node send-arp-request.js IFINDEX SENDER-MAC SENDER-IP TARGET`; exits once sent.
 */
import { ARP_OPERATION_REQUEST, encodeArpPacket } from '../../src/codec/arp-packet.js';
import { encodeEthernetFrame, ETHERTYPE_ARP } from '../../src/codec/ethernet-frame.js';
import { loadNativeBinding } from '../../src/io/native-binding.js';
import { PacketSocket } from '../../src/io/packet-socket.js';
import type { Ipv4Address } from '../../src/primitives/ip-address.js';
import { BROADCAST_MAC, type MacAddress } from '../../src/primitives/mac-address.js';

const [ifindex, senderMac, senderAddress, targetAddress] = process.argv.slice(2) as [string, MacAddress, Ipv4Address, Ipv4Address];
const arp = encodeArpPacket({
  operation: ARP_OPERATION_REQUEST,
  senderMac,
  senderAddress,
  targetMac: '00:00:00:00:00:00' as MacAddress,
  targetAddress,
});
const socket = PacketSocket.openSender(loadNativeBinding());
try {
  socket.sendFrame(encodeEthernetFrame({ destination: BROADCAST_MAC, source: senderMac, etherType: ETHERTYPE_ARP }, arp), Number(ifindex));
} finally {
  socket.close();
}
