/**
 * A third host on the lab LAN that sends arbitrary IPv4 datagrams (header
 * included) out of its eth0 to 224.0.0.18, IP protocol 51: the forged and
 * replayed IPSEC-AH adverts of ah-interop.test.ts. Run inside the host's
 * namespace as `node inject-datagram.js IFINDEX HEX…`; exits once sent.
 */
import { loadNativeBinding } from '../../src/io/native-binding.js';
import { VrrpSocket, VRRP_IPV4_GROUP } from '../../src/io/vrrp-socket.js';
import { IPSEC_AH_PROTOCOL } from '../../src/codec/ipsec-ah.js';

const [ifindexText, ...datagrams] = process.argv.slice(2);
const socket = VrrpSocket.open(
  loadNativeBinding(),
  { family: 'ipv4', ifindex: Number(ifindexText), group: VRRP_IPV4_GROUP, protocol: IPSEC_AH_PROTOCOL },
  { onPacket: () => undefined, onError: () => undefined },
);
try {
  for (const hex of datagrams) socket.sendDatagram(Uint8Array.from(Buffer.from(hex, 'hex')));
} finally {
  socket.close();
}
