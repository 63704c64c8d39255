/**
 * Operator requests that reach the pure core (vipctl backup / resume /
 * priority / garp; Advanced vrrpd's atropos --backup / --reduce / --increase).
 * The control layer validates them first and refuses what makes no sense
 * (an unknown instance, the owner's priority, garp on a backup); the core is
 * still total and ignores or clamps whatever gets through.
 * The semantics live in administrative-control.ts.
 */

/**
 * A change to the administrative base priority: `set` replaces it (`=N`,
 * vrrpd -z/-x), `add` moves it (`+N`/`-N`, vrrpd SIGTTIN/SIGTTOU). The result
 * is clamped to 1..254.
 */
export type PriorityChange =
  | { readonly kind: 'set'; readonly value: number }
  | { readonly kind: 'add'; readonly value: number };

/**
 * Who holds an instance in BACKUP: an operator (vipctl backup / resume), or
 * its fate-sharing group (vrrpd -M). Each releases only its own hold; the
 * instance is free when nobody holds it.
 */
export type HoldSource = 'operator' | 'fateGroup';

export type AdministrativeEvent =
  /** Hold the instance in BACKUP (atropos --backup, vrrpd SIGUSR2); `by` defaults to the operator. */
  | { readonly kind: 'holdBackup'; readonly by?: HoldSource }
  /** Release that hold (vipctl resume). */
  | { readonly kind: 'releaseHold'; readonly by?: HoldSource }
  | { readonly kind: 'adjustPriority'; readonly change: PriorityChange }
  /** Send the gratuitous ARPs / unsolicited NAs again (vipctl garp); a master only. */
  | { readonly kind: 'announce' };
