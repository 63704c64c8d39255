/**
 * What Backup and Master do with a valid advertisement (RFC 5798 §6.4.2,
 * §6.4.3; RFC 9568 §6.4.3), with keepalived's preempt_delay and
 * lower-priority reassertion.
 */
import { compareIpAddresses, type IpAddress } from '../primitives/ip-address.js';
import { addCentiseconds } from '../primitives/time.js';
import { RESIGN_PRIORITY } from '../primitives/vrrp-numbers.js';
import type { Advert } from '../codec/advert.js';
import type { ReceivedPacket } from './events.js';
import { checkIpsecAh } from './ipsec-ah-check.js';
import { counterAheadOf } from './ipsec-ah-counter.js';
import { checkReceivedAdvert } from './receive-checks.js';
import type { RejectReason } from './reject-reason.js';
import type { StepBuilder } from './step-builder.js';
import { announce, becomeBackup } from './transitions.js';

export function receivePacket(step: StepBuilder, packet: ReceivedPacket): void {
  const { config, state } = step;
  // Initialize and Fault do not take part in the protocol (keepalived ignores
  // adverts there); our own adverts, should they loop back, are not news.
  if (state.state === 'initialize' || state.state === 'fault') return;
  if (packet.source === config.sourceAddress) return;

  // keepalived auth_type AH (reference §2): authenticate before anything else.
  const ah = checkIpsecAh(config, state.ipsecAh, packet);
  if (ah !== null && !ah.ok) {
    reject(step, packet.source, ah.error);
    return;
  }
  const ahSequence = ah === null ? null : ah.value;
  if (ahSequence !== null) {
    // The counter takes the sequence number at once (also if a later check
    // drops the advert); a backup accepting an AH advert clears "cycled".
    step.update({ ipsecAh: { sequence: ahSequence, cycled: state.state === 'backup' ? false : state.ipsecAh.cycled } });
  }

  const checked = checkReceivedAdvert(config, packet);
  if (!checked.ok) {
    reject(step, packet.source, checked.error);
    return;
  }
  const { advert, intervalDiffers, addressListDiffers, oldUnicastChecksum } = checked.value;
  step.count('advertReceived');
  // keepalived: a peer still on the old unicast checksum switches us to it for good (reference §2 Checksums).
  if (oldUnicastChecksum && config.unicast?.oldChecksum === 'detect' && !step.state.oldUnicastChecksum) {
    step.update({ oldUnicastChecksum: true });
    step.log({ kind: 'oldUnicastChecksumDetected', source: packet.source });
  }
  if (intervalDiffers) {
    step.log({ kind: 'intervalMismatch', source: packet.source, received: advert.interval, configured: config.advertInterval });
  }
  if (addressListDiffers) {
    step.count('addressListWarning');
    step.log({ kind: 'addressListMismatch', source: packet.source });
  }
  if (advert.priority === RESIGN_PRIORITY) {
    step.count('priorityZeroReceived');
    step.log({ kind: 'priorityZeroReceived', source: packet.source });
  }

  if (state.state === 'backup') backupReceives(step, advert, packet.source);
  else masterReceives(step, advert, packet.source, ahSequence);
}

function reject(step: StepBuilder, source: IpAddress, reason: RejectReason): void {
  step.count(reason.kind);
  step.log({ kind: 'advertRejected', source, reason });
}

/** RFC 5798 §6.4.2 "If an ADVERTISEMENT is received" in Backup. */
function backupReceives(step: StepBuilder, advert: Advert, source: IpAddress): void {
  const { config, now } = step;
  const ours = step.priority;

  // "If the Priority in the ADVERTISEMENT is zero, then: Set the
  // Master_Down_Timer to Skew_Time."
  if (advert.priority === RESIGN_PRIORITY) {
    step.armAfter('masterDown', step.skewTime);
    return;
  }

  const lower = advert.priority < ours;
  // keepalived preempt_delay: the first lower-priority advert starts the delay;
  // until it ends such adverts are accepted as if preemption were off. A
  // higher or equal priority master resets it.
  let preemptDelayUntil = step.state.preemptDelayUntil;
  if (!lower) preemptDelayUntil = null;
  else if (config.preemptDelay > 0 && preemptDelayUntil === null) {
    preemptDelayUntil = addCentiseconds(now, config.preemptDelay);
  }
  const delaying = lower && preemptDelayUntil !== null && now < preemptDelayUntil;
  step.update({ preemptDelayUntil });

  // "If Preempt_Mode is False, or if the Priority in the ADVERTISEMENT is
  // greater than or equal to the local Priority, then: Set Master_Adver_Interval
  // to Adver Interval contained in the ADVERTISEMENT, Recompute the
  // Master_Down_Interval, Reset the Master_Down_Timer to Master_Down_Interval.
  // Else (preempting): Discard the ADVERTISEMENT."
  // A backup held by an operator does not preempt: it follows whichever
  // master it hears (administrative-control.ts).
  if (!config.preempt || step.state.held || !lower || delaying) {
    step.update({
      masterAdverInterval: config.version === 3 ? advert.interval : config.advertInterval,
      masterAddress: source,
      masterPriority: advert.priority,
      wantsMaster: false,
    });
    step.armAfter('masterDown', step.masterDownInterval);
    return;
  }
  step.log({ kind: 'lowerPriorityAdvertDiscarded', source, priority: advert.priority });
}

/** RFC 5798 §6.4.3 "If an ADVERTISEMENT is received" in Master. */
function masterReceives(step: StepBuilder, advert: Advert, source: IpAddress, ahSequence: number | null): void {
  const { config } = step;
  const ours = step.priority;

  // "If the Priority in the ADVERTISEMENT is zero, then: Send an
  // ADVERTISEMENT, Reset the Adver_Timer to Advertisement_Interval."
  if (advert.priority === RESIGN_PRIORITY) {
    step.sendAdvert(ours);
    step.armAfter('adver', config.advertInterval);
    return;
  }

  // "If the Priority in the ADVERTISEMENT is greater than the local Priority,
  // or … equal … and the primary IPvX Address of the sender is greater than
  // the local primary IPvX Address (unsigned, network byte order)".
  const better =
    advert.priority > ours ||
    (advert.priority === ours && compareIpAddresses(source, config.sourceAddress) > 0);
  if (better) {
    step.log({ kind: 'higherPriorityAdvert', source, priority: advert.priority, ourPriority: ours });
    becomeBackup(step, 'higherPriorityAdvert', { address: source, priority: advert.priority, interval: advert.interval });
    return;
  }

  // RFC 9568 §6.4.3: discard, and "send an ADVERTISEMENT immediately to
  // assert the Active state to the sending VRRP Router and to update any
  // learning bridges"; keepalived also repeats its gratuitous ARPs.
  step.log({ kind: 'forcingNewElection', source, priority: advert.priority, ourPriority: ours });
  // keepalived AH (reference §2): the master runs its counter ahead of the
  // lower-priority sender's, so that its own adverts stay fresh there.
  if (ahSequence !== null) step.update({ ipsecAh: counterAheadOf(step.state.ipsecAh, ahSequence) });
  if (!config.lowerPriorityNoAdvert) step.sendAdvert(ours);
  announce(step, 'lowerPriorityAdvert');
}
