/**
 * The kernel's process events connector (NETLINK_CONNECTOR, CN_IDX_PROC;
 * linux/connector.h and linux/cn_proc.h), which keepalived's
 * vrrp_track_process listens to. Encoding and decoding only; the socket is
 * proc-event-source.ts.
 *
 *   nlmsghdr (16)  len u32 | type u16 | flags u16 | seq u32 | pid u32
 *   cn_msg   (20)  idx u32 | val u32 | seq u32 | ack u32 | len u16 | flags u16
 *   payload        subscribe: op u32 (1 listen, 2 ignore)
 *                  event: what u32 | cpu u32 | timestamp_ns u64 | data…
 *
 * All fields are host byte order (little-endian on the machines we run on).
 */
export const NETLINK_CONNECTOR = 11;
export const CN_IDX_PROC = 1;
const CN_VAL_PROC = 1;
const NLMSG_DONE = 3;
const NLMSG_HEADER_BYTES = 16;
const CN_MSG_BYTES = 20;
const EVENT_HEADER_BYTES = 16;

const PROC_EVENT_NONE = 0x0;
const PROC_EVENT_FORK = 0x1;
const PROC_EVENT_EXEC = 0x2;
const PROC_EVENT_COMM = 0x200;
const PROC_EVENT_EXIT = 0x80000000;

export type ProcEvent =
  /** The kernel's answer to a subscription (err 0 = done). */
  | { readonly kind: 'ack'; readonly error: number }
  | { readonly kind: 'fork'; readonly parentTgid: number; readonly childPid: number; readonly childTgid: number }
  | { readonly kind: 'exec'; readonly pid: number; readonly tgid: number }
  | { readonly kind: 'comm'; readonly pid: number; readonly tgid: number; readonly comm: string }
  | { readonly kind: 'exit'; readonly pid: number; readonly tgid: number }
  | { readonly kind: 'other'; readonly what: number };

/** PROC_CN_MCAST_LISTEN (or IGNORE) from our port. */
export function encodeProcSubscription(portId: number, sequence: number, listen: boolean): Uint8Array {
  const bytes = new Uint8Array(NLMSG_HEADER_BYTES + CN_MSG_BYTES + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, bytes.length, true);
  view.setUint16(4, NLMSG_DONE, true);
  view.setUint16(6, 0, true);
  view.setUint32(8, sequence, true);
  view.setUint32(12, portId, true);
  view.setUint32(16, CN_IDX_PROC, true);
  view.setUint32(20, CN_VAL_PROC, true);
  view.setUint32(24, sequence, true);
  view.setUint32(28, 0, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 0, true);
  view.setUint32(36, listen ? 1 : 2, true);
  return bytes;
}

/** Every proc event in one datagram; truncated or foreign messages are skipped. */
export function decodeProcEvents(datagram: Uint8Array): ProcEvent[] {
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const events: ProcEvent[] = [];
  let offset = 0;
  while (offset + NLMSG_HEADER_BYTES + CN_MSG_BYTES + EVENT_HEADER_BYTES <= datagram.byteLength) {
    const length = view.getUint32(offset, true);
    if (length < NLMSG_HEADER_BYTES || offset + length > datagram.byteLength) break;
    const cn = offset + NLMSG_HEADER_BYTES;
    const idx = view.getUint32(cn, true);
    const val = view.getUint32(cn + 4, true);
    const payloadBytes = view.getUint16(cn + 16, true);
    const event = cn + CN_MSG_BYTES;
    if (idx === CN_IDX_PROC && val === CN_VAL_PROC && payloadBytes >= EVENT_HEADER_BYTES && event + payloadBytes <= offset + length) {
      events.push(decodeEvent(view, event, payloadBytes));
    }
    offset += (length + 3) & ~3;
  }
  return events;
}

function decodeEvent(view: DataView, at: number, bytes: number): ProcEvent {
  const what = view.getUint32(at, true);
  const data = at + EVENT_HEADER_BYTES;
  const has = (n: number): boolean => EVENT_HEADER_BYTES + n <= bytes;
  const u32 = (field: number): number => view.getUint32(data + field * 4, true);
  switch (what) {
    case PROC_EVENT_NONE:
      return has(4) ? { kind: 'ack', error: u32(0) } : { kind: 'other', what };
    case PROC_EVENT_FORK:
      return has(16) ? { kind: 'fork', parentTgid: u32(1), childPid: u32(2), childTgid: u32(3) } : { kind: 'other', what };
    case PROC_EVENT_EXEC:
      return has(8) ? { kind: 'exec', pid: u32(0), tgid: u32(1) } : { kind: 'other', what };
    case PROC_EVENT_COMM: {
      if (!has(24)) return { kind: 'other', what };
      const raw = new Uint8Array(view.buffer, view.byteOffset + data + 8, 16);
      const end = raw.indexOf(0);
      return { kind: 'comm', pid: u32(0), tgid: u32(1), comm: new TextDecoder().decode(raw.subarray(0, end === -1 ? 16 : end)) };
    }
    case PROC_EVENT_EXIT:
      return has(8) ? { kind: 'exit', pid: u32(0), tgid: u32(1) } : { kind: 'other', what };
    default:
      return { kind: 'other', what };
  }
}
