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
import type { InstanceConfig } from './instance-config.js';
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
  const now = new Set(config.virtualAddresses);
  const was = new Set(previous.virtualAddresses);
  const released = previous.virtualAddresses.filter((a) => !now.has(a) || reinstalled.has(a));
  const installed = config.virtualAddresses.filter((a) => !was.has(a) || reinstalled.has(a));
  const announced = config.virtualAddresses.filter((a) => !was.has(a));

  if (released.length > 0) step.emit({ kind: 'removeVirtualAddresses', addresses: released });
  // Going to FAULT under the new weights: enterFault resigns and releases the rest.
  if (step.faulted) return;
  if (installed.length > 0) {
    step.emit({
      kind: 'addVirtualAddresses',
      addresses: installed,
      acceptTraffic: config.acceptMode || config.priority === OWNER_PRIORITY,
    });
  }

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

function sameAddressList(a: readonly IpAddress[], b: readonly IpAddress[]): boolean {
  return a.length === b.length && a.every((address, i) => address === b[i]);
}
