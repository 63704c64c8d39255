/**
 * Reload of an instance that the new configuration kept (keepalived SIGHUP,
 * keepalived.8 "reload"; reference §3 Reload): its state carries over, so a
 * master stays master. What the new configuration changed is applied on top:
 *
 * - a master diffs its virtual addresses: removed ones are released, added
 *   ones installed and announced, unchanged ones are left alone (never
 *   removed and added again, which would drop connections to them);
 * - a master whose advert changes (priority, addresses, interval) says so at
 *   once with an advert, so backups see the new priority without waiting an
 *   interval (and preempt, if it is now below them);
 * - a backup's running Master_Down_Timer follows the new Skew_Time; a reload
 *   that makes it the owner (priority 255) takes over as the owner does at
 *   startup (RFC 5798 §6.4.1);
 * - tracker health is kept by name; new trackers start healthy; FAULT follows
 *   the new weights (a master about to enter FAULT first releases the
 *   addresses the new configuration dropped, then resigns as usual).
 */
import type { IpAddress } from '../primitives/ip-address.js';
import { OWNER_PRIORITY } from '../primitives/vrrp-numbers.js';
import { effectivePriority, isFaulted } from './effective-priority.js';
import { followFault, shiftMasterDownTimer } from './health-follow-up.js';
import type { AnnouncePolicy, InstanceConfig } from './instance-config.js';
import { installAfterVirtualAddresses, removeAfterVirtualAddresses, removeBeforeVirtualAddresses } from './master-holdings.js';
import { startPeriodicAnnouncements } from './periodic-announcements.js';
import type { StepBuilder } from './step-builder.js';
import { skewTime } from './timing.js';
import { becomeMaster } from './transitions.js';

export function reconfigure(
  step: StepBuilder,
  previous: InstanceConfig,
  reinstalledAddresses: readonly IpAddress[],
): void {
  const { config } = step;
  const before = step.state;
  // An administrative priority and hold (vipctl) carry over like the rest of the state.
  const priorityBefore = effectivePriority(previous, before.trackersUp, before.administrativePriority, before.trackerValues);
  const faultedBefore = isFaulted(previous, before.trackersUp, before.trackerValues);
  const skewBefore = skewTime(previous.version, priorityBefore, before.masterAdverInterval);

  step.update({
    trackersUp: Object.fromEntries(config.trackers.map((t) => [t.name, before.trackersUp[t.name] ?? true])),
    trackerValues: Object.fromEntries(config.trackers.flatMap((t) => (t.valued === true ? [[t.name, before.trackerValues[t.name] ?? 0]] : []))),
    // A v3 backup keeps the interval it learned from the master (RFC 5798
    // §6.4.2); everyone else uses its own Advertisement_Interval.
    masterAdverInterval: before.state === 'backup' && config.version === 3 ? before.masterAdverInterval : config.advertInterval,
  });

  switch (before.state) {
    case 'master':
      reconfigureMaster(step, previous, priorityBefore, reinstalledAddresses);
      break;
    case 'backup':
      if (config.priority === OWNER_PRIORITY && !step.faulted && !step.state.held) {
        becomeMaster(step, 'reconfigured');
        return;
      }
      shiftMasterDownTimer(step, skewBefore);
      break;
    case 'fault':
    case 'initialize':
      break;
  }
  followFault(step, faultedBefore, 'reconfigured');
}

function reconfigureMaster(
  step: StepBuilder,
  previous: InstanceConfig,
  priorityBefore: number,
  reinstalledAddresses: readonly IpAddress[],
): void {
  const { config } = step;
  const reinstalled = new Set(reinstalledAddresses);
  const vips = difference(previous.virtualAddresses, config.virtualAddresses, reinstalled);
  const evips = difference(previous.excludedAddresses, config.excludedAddresses, reinstalled);
  // A route or rule is known by its whole line: a changed one is another one.
  const routes = difference(previous.virtualRoutes, config.virtualRoutes, new Set());
  const rules = difference(previous.virtualRules, config.virtualRules, new Set());

  // keepalived's order (master-holdings.ts): rules and routes out before the addresses they may use.
  removeBeforeVirtualAddresses(step, routes.released, rules.released);
  if (vips.released.length > 0) step.emit({ kind: 'removeVirtualAddresses', addresses: vips.released });
  removeAfterVirtualAddresses(step, evips.released);
  // Going to FAULT under the new weights: enterFault resigns and releases the rest.
  if (step.faulted) return;
  if (vips.installed.length > 0) {
    step.emit({
      kind: 'addVirtualAddresses',
      addresses: vips.installed,
      acceptTraffic: config.acceptMode || config.priority === OWNER_PRIORITY,
    });
  }
  installAfterVirtualAddresses(step, evips.installed, routes.installed, rules.installed);
  const announced = [...vips.added, ...evips.added];
  if (!samePeriodicAnnouncements(previous.announce, config.announce)) startPeriodicAnnouncements(step);

  const priority = step.priority;
  step.update({ masterPriority: priority, masterAddress: config.sourceAddress });
  const advertChanged =
    priority !== priorityBefore ||
    config.advertInterval !== previous.advertInterval ||
    config.version !== previous.version ||
    !sameAddressList(config.virtualAddresses, previous.virtualAddresses);
  if (advertChanged) {
    step.sendAdvert(priority);
    step.armAfter('adver', config.advertInterval);
  }

  // keepalived: "GARPs are sent if addresses were added" (vrrp.c reload).
  const repeat = config.announce.masterRepeat;
  if (announced.length > 0 && repeat > 0) {
    step.emit({ kind: 'announce', addresses: announced, repeat, reason: 'addressesAdded' });
  }
}

interface Difference<T> {
  /** In the old list only, or reinstalled: taken away. */
  readonly released: readonly T[];
  /** In the new list only, or reinstalled: put in place. */
  readonly installed: readonly T[];
  /** In the new list only: news to announce. */
  readonly added: readonly T[];
}

function difference<T>(before: readonly T[], after: readonly T[], reinstalled: ReadonlySet<T>): Difference<T> {
  const now = new Set(after);
  const was = new Set(before);
  return {
    released: before.filter((item) => !now.has(item) || reinstalled.has(item)),
    installed: after.filter((item) => !was.has(item) || reinstalled.has(item)),
    added: after.filter((item) => !was.has(item)),
  };
}

function samePeriodicAnnouncements(a: AnnouncePolicy, b: AnnouncePolicy): boolean {
  const extraA = a.extraInterfaces;
  const extraB = b.extraInterfaces;
  return (
    a.refreshInterval === b.refreshInterval &&
    (extraA === null ? extraB === null : extraB !== null && extraA.interval === extraB.interval)
  );
}

function sameAddressList(a: readonly IpAddress[], b: readonly IpAddress[]): boolean {
  return a.length === b.length && a.every((address, i) => address === b[i]);
}
