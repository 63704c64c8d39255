/**
 * The states of a VRRP router: RFC 5798 §6.4 Initialize, Backup and Master
 * (RFC 9568 renames Master to Active), plus keepalived's Fault, entered while
 * a weight-0 tracker is down.
 */
export type VrrpStateName = 'initialize' | 'backup' | 'master' | 'fault';

/** Why a transition happened; close to RFC 8347's new-master-reason. */
export type TransitionReason =
  /** Startup event (RFC 5798 §6.4.1). */
  | 'startup'
  /** Master_Down_Timer fired: the master went silent or resigned (§6.4.2). */
  | 'masterDownTimer'
  /** A higher-priority advert, or an equal one from a higher address (§6.4.3). */
  | 'higherPriorityAdvert'
  /** A weight-0 tracker went down (keepalived FAULT). */
  | 'trackerFault'
  /** All weight-0 trackers are up again. */
  | 'trackerRecovered'
  /** Another member of the instance's sync group changed state (keepalived vrrp_sync.c). */
  | 'syncGroup'
  /** A reload made this router the address owner (priority 255), or faulted or healed it. */
  | 'reconfigured'
  /** Shutdown event (§6.4.2, §6.4.3). */
  | 'shutdown'
  /** An operator held the instance in BACKUP (vipctl backup, atropos --backup). */
  | 'administrativeBackup';

export type TimerName =
  /** Adver_Timer: the master's next advert (RFC 5798 §6.2). */
  | 'adver'
  /** Master_Down_Timer: a backup's patience (RFC 5798 §6.2). */
  | 'masterDown'
  /** The second burst of announcements after becoming master (keepalived garp_master_delay). */
  | 'masterAnnounceRepeat'
  /** The second burst after reasserting against a lower priority (keepalived garp_lower_prio_delay). */
  | 'lowerPriorityAnnounceRepeat';

export const TIMER_NAMES: readonly TimerName[] = ['adver', 'masterDown', 'masterAnnounceRepeat', 'lowerPriorityAnnounceRepeat'];
