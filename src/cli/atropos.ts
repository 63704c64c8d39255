/**
 * Advanced vrrpd's atropos verbs on vipd (atropos.c; reference
 * vrrp-landscape-and-rfcs.md §3). atropos signals every vrrpd on the host;
 * vipctl names one instance, and may leave it out when the daemon runs only one.
 *
 *   --state     print the state (vrrpd answers SIGUSR1 with its state file)
 *   --backup    force BACKUP (SIGUSR2): vipctl backup
 *   --reduce    SIGTTIN: priority −10, or vrrpd's -z value when one was given
 *   --increase  SIGTTOU: priority +10, or vrrpd's -x value when one was given
 *
 * vrrpd clamps its ±10 steps to 10..240; so does vipctl, and a step never moves
 * the priority the other way (an --increase at 250 leaves it at 250). The step
 * starts from the administrative base priority (the configured one when none
 * was set), not from the effective one, as vrrpd has no tracker weights.
 */
import { err, ok, type Result } from '../primitives/result.js';
import type { PriorityChange } from '../protocol/administrative-event.js';
import type { InstanceStatus } from '../control/instance-status.js';

export const VRRPD_STEP = 10;
export const VRRPD_MIN_PRIORITY = 10;
export const VRRPD_MAX_PRIORITY = 240;

/** The instance an atropos verb acts on: the one named, or the only one. */
export function atroposInstance(instances: readonly InstanceStatus[], name: string | null): Result<InstanceStatus, string> {
  if (name !== null) {
    const named = instances.find((s) => s.name === name);
    return named === undefined ? err(`no instance named "${name}"`) : ok(named);
  }
  const [only, ...others] = instances;
  if (only === undefined) return err('vipd runs no instance');
  if (others.length > 0) {
    return err(`vipd runs ${instances.length} instances (${instances.map((s) => s.name).join(', ')}); name one`);
  }
  return ok(only);
}

/** The change --reduce / --increase asks for. */
export function atroposPriorityChange(status: InstanceStatus, action: 'reduce' | 'increase'): PriorityChange {
  const explicit = action === 'reduce' ? status.reducePriority : status.increasePriority;
  if (explicit !== undefined) return { kind: 'set', value: explicit };
  const base = status.administrativePriority ?? status.basePriority;
  const stepped = Math.min(VRRPD_MAX_PRIORITY, Math.max(VRRPD_MIN_PRIORITY, base + (action === 'reduce' ? -VRRPD_STEP : VRRPD_STEP)));
  const value = action === 'reduce' ? Math.min(base, stepped) : Math.max(base, stepped);
  return { kind: 'set', value };
}
