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

export type AdministrativeEvent =
  /** Hold the instance in BACKUP (atropos --backup, vrrpd SIGUSR2). */
  | { readonly kind: 'holdBackup' }
  /** Release the hold (vipctl resume). */
  | { readonly kind: 'releaseHold' }
  | { readonly kind: 'adjustPriority'; readonly change: PriorityChange }
  /** Send the gratuitous ARPs / unsolicited NAs again (vipctl garp); a master only. */
  | { readonly kind: 'announce' };
