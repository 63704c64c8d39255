/**
 * Why a netlink datagram could not be decoded. Decoders return these as
 * values (Result); they never throw on what the kernel, or anyone, sent.
 */
import { assertNever } from '../primitives/result.js';

/** The C structure being read when decoding failed (linux/netlink.h, linux/rtnetlink.h). */
export type NetlinkStructure = 'nlmsghdr' | 'nlattr' | 'nlmsgerr' | 'ifinfomsg' | 'ifaddrmsg' | 'done';

export type NetlinkDecodeError =
  | {
      readonly kind: 'truncated';
      readonly structure: NetlinkStructure;
      readonly offset: number;
      readonly neededBytes: number;
      readonly availableBytes: number;
    }
  | {
      /** A length field that is smaller than its own header, or runs past its container. */
      readonly kind: 'badLength';
      readonly structure: NetlinkStructure;
      readonly offset: number;
      readonly lengthBytes: number;
    }
  | { readonly kind: 'missingAttribute'; readonly structure: NetlinkStructure; readonly attribute: string }
  | {
      /** An attribute whose value has the wrong size for its type. */
      readonly kind: 'badAttribute';
      readonly structure: NetlinkStructure;
      readonly attribute: string;
      readonly lengthBytes: number;
    }
  | { readonly kind: 'unsupportedFamily'; readonly structure: NetlinkStructure; readonly family: number };

export function describeNetlinkDecodeError(error: NetlinkDecodeError): string {
  switch (error.kind) {
    case 'truncated':
      return `${error.structure} at byte ${error.offset} needs ${error.neededBytes} bytes, ${error.availableBytes} left`;
    case 'badLength':
      return `${error.structure} at byte ${error.offset} has an impossible length of ${error.lengthBytes} bytes`;
    case 'missingAttribute':
      return `${error.structure} lacks attribute ${error.attribute}`;
    case 'badAttribute':
      return `${error.structure} attribute ${error.attribute} has a ${error.lengthBytes}-byte value of the wrong size`;
    case 'unsupportedFamily':
      return `${error.structure} has address family ${error.family}, neither AF_INET nor AF_INET6`;
    default:
      return assertNever(error);
  }
}
