/**
 * Inputs to the pure core. Everything that can change an instance arrives as
 * one of these; a timer expiry is an input like any other.
 */
import type { IpsecAhHeader } from '../codec/ipsec-ah.js';
import type { IpAddress } from '../primitives/ip-address.js';
import type { InstanceConfig } from './instance-config.js';
import type { SyncDirective } from './sync-group.js';
import type { TimerName } from './vrrp-state.js';
import type { AdministrativeEvent } from './administrative-event.js';

/** A VRRP message as the runtime received it, with the IP facts the checks need. */
export interface ReceivedPacket {
  /** The VRRP message: the IP payload, sliced by the IP length (no link padding). */
  readonly payload: Uint8Array;
  readonly source: IpAddress;
  readonly destination: IpAddress;
  /** IPv4 TTL or IPv6 hop limit as received (RFC 5798 §7.1 wants 255). */
  readonly ttl: number;
  /**
   * The IP Authentication Header in front of the VRRP message (IP protocol
   * 51, keepalived auth_type AH); absent for plain VRRP (protocol 112). The
   * core authenticates it (protocol/ipsec-ah-check.ts): the ICV covers the IP
   * header, so that comes along as received.
   */
  readonly ipsecAh?: ReceivedIpsecAh;
}

export interface ReceivedIpsecAh {
  /** The IPv4 header bytes as received. */
  readonly ipHeader: Uint8Array;
  readonly header: IpsecAhHeader;
}

export type VrrpEvent =
  /** RFC 5798 §6.4.1: the instance is enabled. */
  | { readonly kind: 'startup' }
  /** RFC 5798 §6.4.2/§6.4.3: the instance is disabled (daemon stop). */
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'packetReceived'; readonly packet: ReceivedPacket }
  /** A timer armed by an armTimer action reached its deadline. */
  | { readonly kind: 'timerExpired'; readonly timer: TimerName }
  /** A tracked object changed health (interface, script, file …). */
  | { readonly kind: 'trackerChanged'; readonly tracker: string; readonly up: boolean }
  /** A valued tracker (track_file) has a new value. */
  | { readonly kind: 'trackerValueChanged'; readonly tracker: string; readonly value: number }
  /** What the instance's sync group decided (sync-group.ts): follow the other members. */
  | { readonly kind: 'syncGroup'; readonly directive: SyncDirective }
  /**
   * Reload (keepalived SIGHUP): this instance was matched in the new
   * configuration, which `step` now receives; `previous` is the one it ran
   * with. `reinstalledAddresses` are kept addresses whose installation
   * (prefix, device, scope, label, broadcast) changed: removed and added again.
   */
  | {
      readonly kind: 'reconfigured';
      readonly previous: InstanceConfig;
      readonly reinstalledAddresses: readonly IpAddress[];
    }
  /** An operator request through the control socket (administrative-control.ts). */
  | AdministrativeEvent;
