/**
 * What an instance or sync group watches and runs (keepalived.conf(5)
 * track_interface, track_script, track_file, track_process, track_bfd,
 * notify_*; reference §1 and §4 "Notify scripts").
 */
import type { SourceLocation } from './config-types.js';

/** Who a script runs as: `USER [GROUP]` (keepalived.conf(5) script_user, notify_*). */
export interface RunAs {
  readonly user: string;
  /** null = the user's primary group. */
  readonly group: string | null;
}

/** A command line as keepalived runs it: the words of the quoted string, then who runs it. */
export interface CommandSpec {
  /** argv: the script path first. */
  readonly argv: readonly string[];
  readonly runAs: RunAs | null;
  readonly location: SourceLocation;
}

/**
 * One line of a track_* block: `NAME [weight W [reverse|noreverse]]`. For
 * track_interface a missing weight is 0 (FAULT while down); for the others
 * null means the tracked object's own weight.
 */
export interface TrackReference {
  readonly name: string;
  readonly weight: number | null;
  readonly reverse: boolean;
  readonly location: SourceLocation;
}

/** notify_master|backup|fault|stop|deleted|master_rx_lower_pri and notify. */
export interface NotifyCommands {
  readonly master: CommandSpec | null;
  readonly backup: CommandSpec | null;
  readonly fault: CommandSpec | null;
  readonly stop: CommandSpec | null;
  /** notify_deleted CMD; or, written without a command, DELETED is reported instead of STOP. */
  readonly deleted: CommandSpec | 'reportDeletedState' | null;
  readonly masterRxLowerPriority: CommandSpec | null;
  /** notify: gets TYPE NAME STATE PRIORITY appended. */
  readonly any: CommandSpec | null;
}
