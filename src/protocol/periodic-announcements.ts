/**
 * Announcements a master repeats for as long as it is master (keepalived
 * vrrp.c vrrp_state_master_tx):
 *
 * - garp_master_refresh: every address again, garp_master_refresh_repeat
 *   times each;
 * - garp_extra_if: one announcement on each other interface carrying an
 *   (excluded) virtual address, so that switches keep its MAC.
 *
 * keepalived does not run separate timers for these: it checks, each time the
 * Adver_Timer makes it send an advert, whether one is due, announces before
 * the advert, and sets the next one from now. So a refresh goes out with the
 * first advert once it is due (seen in a namespace: keepalived 2.2.7 with
 * advert_int 1 and garp_master_refresh 3 announced 3.002 s, then 3.001 s
 * after becoming master, each time just before an advert). The due instants
 * are kept in the state; `>=` stands for keepalived's "later than" because
 * its adverts always leave a little after their deadline.
 */
import { addCentiseconds } from '../primitives/time.js';
import { announcedAddresses } from './master-holdings.js';
import type { StepBuilder } from './step-builder.js';

/** On becoming master: the first refresh and extra-interface announcements are one interval away. */
export function startPeriodicAnnouncements(step: StepBuilder): void {
  const { refreshInterval, extraInterfaces } = step.config.announce;
  step.update({
    refreshAnnounceAt: refreshInterval > 0 ? addCentiseconds(step.now, refreshInterval) : null,
    extraInterfaceAnnounceAt: extraInterfaces !== null && extraInterfaces.interval > 0 ? addCentiseconds(step.now, extraInterfaces.interval) : null,
  });
}

export function stopPeriodicAnnouncements(step: StepBuilder): void {
  if (step.state.refreshAnnounceAt === null && step.state.extraInterfaceAnnounceAt === null) return;
  step.update({ refreshAnnounceAt: null, extraInterfaceAnnounceAt: null });
}

/** The Adver_Timer fired on a master: whatever is due goes out before the advert. */
export function announceIfDue(step: StepBuilder): void {
  const { refreshInterval, refreshRepeat, extraInterfaces } = step.config.announce;
  const refreshAt = step.state.refreshAnnounceAt;
  if (refreshAt !== null && step.now >= refreshAt) {
    if (refreshRepeat > 0) step.emit({ kind: 'announce', addresses: announcedAddresses(step.config), repeat: refreshRepeat, reason: 'refresh' });
    step.update({ refreshAnnounceAt: refreshInterval > 0 ? addCentiseconds(step.now, refreshInterval) : null });
  }
  const extraAt = step.state.extraInterfaceAnnounceAt;
  if (extraAt !== null && step.now >= extraAt) {
    if (extraInterfaces !== null && extraInterfaces.addresses.length > 0) {
      step.emit({ kind: 'announce', addresses: extraInterfaces.addresses, repeat: 1, reason: 'extraInterfaces' });
    }
    step.update({
      extraInterfaceAnnounceAt: extraInterfaces !== null && extraInterfaces.interval > 0 ? addCentiseconds(step.now, extraInterfaces.interval) : null,
    });
  }
}
