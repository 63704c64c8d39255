/**
 * What the core observed and an operator may want to read. The core only
 * describes; the runtime renders each kind in keepalived's wording and decides
 * the level and rate limit.
 */
import type { IpAddress } from '../primitives/ip-address.js';
import type { Centiseconds } from '../primitives/time.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import type { RejectReason } from './reject-reason.js';

export type LogEvent =
  /** A received advert failed a receive check or did not decode. */
  | { readonly kind: 'advertRejected'; readonly source: IpAddress; readonly reason: RejectReason }
  /** Backup, preempting: "received lower priority (N) advert from X - discarding". */
  | { readonly kind: 'lowerPriorityAdvertDiscarded'; readonly source: IpAddress; readonly priority: Priority }
  /** Master: "Received advert from X with lower priority N, ours M, forcing new election". */
  | {
      readonly kind: 'forcingNewElection';
      readonly source: IpAddress;
      readonly priority: Priority;
      readonly ourPriority: Priority;
    }
  /** Master: "Master received advert from A with higher priority P, ours Q". */
  | {
      readonly kind: 'higherPriorityAdvert';
      readonly source: IpAddress;
      readonly priority: Priority;
      readonly ourPriority: Priority;
    }
  /** v3 interval differs from ours: only logged; a backup adopts it (RFC 5798 §6.4.2). */
  | {
      readonly kind: 'intervalMismatch';
      readonly source: IpAddress;
      readonly received: Centiseconds;
      readonly configured: Centiseconds;
    }
  /** v3 address list differs from ours: only logged (RFC 5798 §7.1). */
  | { readonly kind: 'addressListMismatch'; readonly source: IpAddress }
  /** "(VI_1) Changing effective priority from A to B". */
  | { readonly kind: 'effectivePriorityChanged'; readonly from: Priority; readonly to: Priority }
  /** A master resigned with priority 0 (RFC 5798 §6.4.2: wait Skew_Time only). */
  | { readonly kind: 'priorityZeroReceived'; readonly source: IpAddress }
  /** "(VI_1) Receive advertisement timeout". */
  | { readonly kind: 'masterDownTimerExpired' }
  /** An operator held the instance in BACKUP (vipctl backup). */
  | { readonly kind: 'holdSet' }
  /** An operator released the hold (vipctl resume). */
  | { readonly kind: 'holdReleased' }
  /** Master_Down_Timer fired while held: the instance stays a backup. */
  | { readonly kind: 'masterDownWhileHeld' }
  /**
   * keepalived vrrp_track.c: why the instance enters FAULT, before the state
   * line: "(VI_1): entering FAULT state (interface eth0 down)". `tracker` is
   * the tracker's name ("interface eth0", "script chk", …).
   */
  | { readonly kind: 'trackerFault'; readonly tracker: string; readonly value?: number }
  /** keepalived: "Setting unicast VRRPv3 checksum to old version" (a peer sent the 224.0.0.18 pseudo-header form). */
  | { readonly kind: 'oldUnicastChecksumDetected'; readonly source: IpAddress };
