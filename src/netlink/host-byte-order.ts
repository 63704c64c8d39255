/**
 * Netlink's own integers (nlmsghdr, nlattr, ifinfomsg, ifaddrmsg, nlmsgerr)
 * are in host byte order: netlink is a host-local protocol, and linux/netlink.h
 * needs a flag, NLA_F_NET_BYTEORDER, to mark the exceptions. Addresses carried
 * inside attributes are in network byte order. The host's order is computed
 * here from a typed array, not assumed and not imported from the platform.
 */
export const HOST_IS_LITTLE_ENDIAN: boolean = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** A DataView over exactly the bytes of `bytes`. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
