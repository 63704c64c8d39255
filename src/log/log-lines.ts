/**
 * Every line vipd logs about an instance, in keepalived's wording where
 * keepalived has one (keepalived 2.2.7 as run in our namespaces; reference
 * keepalived-behaviour.md §4 "Log lines"), so that operators' log watchers
 * keep working. The core describes events; this file alone words them.
 */
import { assertNever } from '../primitives/result.js';
import type { LogEvent } from '../protocol/log-events.js';
import type { RejectReason } from '../protocol/reject-reason.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';

/** detail = shown only with -D (keepalived's --log-detail). */
export type LogLevel = 'error' | 'warning' | 'info' | 'detail';

export interface LogLine {
  readonly level: LogLevel;
  readonly text: string;
}

const STATE_WORD: Readonly<Record<VrrpStateName, string>> = {
  initialize: 'INIT',
  backup: 'BACKUP',
  master: 'MASTER',
  fault: 'FAULT',
};

export function transitionLine(instance: string, to: VrrpStateName, reason: TransitionReason): LogLine | null {
  if (to === 'initialize') return null; // keepalived says "sent 0 priority" / "removing VIPs." instead
  const init = reason === 'startup' && to !== 'master' ? ' (init)' : '';
  return { level: 'info', text: `(${instance}) Entering ${STATE_WORD[to]} STATE${init}` };
}

export function logEventLine(instance: string, event: LogEvent): LogLine {
  const p = `(${instance})`;
  switch (event.kind) {
    case 'advertRejected':
      return { level: 'warning', text: `${p} discarding advert from ${event.source}: ${rejectText(event.reason)}` };
    case 'lowerPriorityAdvertDiscarded':
      return { level: 'info', text: `${p} received lower priority (${event.priority}) advert from ${event.source} - discarding` };
    case 'forcingNewElection':
      return {
        level: 'info',
        text: `${p} Received advert from ${event.source} with lower priority ${event.priority}, ours ${event.ourPriority}, forcing new election`,
      };
    case 'higherPriorityAdvert':
      return {
        level: 'info',
        text: `${p} Master received advert from ${event.source} with higher priority ${event.priority}, ours ${event.ourPriority}`,
      };
    case 'intervalMismatch':
      return {
        level: 'warning',
        text: `${p} advertisement interval mismatch mine=${event.configured * 10} ms sent=${event.received * 10} ms (from ${event.source})`,
      };
    case 'addressListMismatch':
      return { level: 'warning', text: `${p} advert from ${event.source} lists other addresses than ours` };
    case 'effectivePriorityChanged':
      return { level: 'info', text: `${p} Changing effective priority from ${event.from} to ${event.to}` };
    case 'priorityZeroReceived':
      return { level: 'detail', text: `${p} received priority 0 advert from ${event.source}` };
    case 'masterDownTimerExpired':
      return { level: 'detail', text: `${p} Receive advertisement timeout` };
    case 'holdSet':
      return { level: 'info', text: `${p} Held in BACKUP by an administrative request` };
    case 'holdReleased':
      return { level: 'info', text: `${p} Administrative hold released` };
    case 'masterDownWhileHeld':
      return { level: 'info', text: `${p} Receive advertisement timeout, staying BACKUP (held)` };
    case 'trackerFault':
      // keepalived 2.2.7 writes "(VI_1): entering …" for interfaces, scripts and files, "(VI_1) entering …" for processes.
      return {
        level: 'info',
        text: `${p}${/^(process|address) /.test(event.tracker) ? '' : ':'} entering FAULT state ${faultCause(event.tracker, event.value)}`,
      };
    case 'oldUnicastChecksumDetected':
      // keepalived's wording (reference §2 Checksums), with the peer that sent it.
      return { level: 'info', text: `${p} Setting unicast VRRPv3 checksum to old version (advert from ${event.source})` };
    default:
      return assertNever(event);
  }
}

/** keepalived 2.2.7's wording per kind of tracker, by the tracker's name ("interface eth0", "script chk", "process p", "file f"). */
function faultCause(tracker: string, value: number | undefined): string {
  const [kind, ...rest] = tracker.split(' ');
  const name = rest.join(' ');
  switch (kind) {
    case 'interface':
      return `(interface ${name} down)`;
    case 'script':
      return `due to script ${name}`;
    case 'process':
      return `(tracked process ${name} quorum not achieved)`;
    case 'file':
      return `(tracked file ${name} has status ${value ?? 0})`;
    case 'address':
      return `(no IPv${name === 'ipv6' ? 6 : 4} address for interface)`;
    default:
      return `(${tracker} down)`;
  }
}

export function rejectText(reason: RejectReason): string {
  switch (reason.kind) {
    case 'truncated':
      return `packet too short (${reason.length} bytes)`;
    case 'unsupportedVersion':
      return `unsupported VRRP version ${reason.version}`;
    case 'versionFamilyMismatch':
      return `VRRPv${reason.version} is not defined for this address family`;
    case 'unknownType':
      return `invalid packet type ${reason.type}`;
    case 'zeroVrid':
      return 'virtual router id 0';
    case 'zeroAddressCount':
      return 'no addresses in advert';
    case 'lengthMismatch':
      return `length ${reason.actual} does not match the address count (expected ${reason.expected})`;
    case 'badChecksum':
      return `invalid checksum 0x${reason.received.toString(16).padStart(4, '0')}`;
    case 'unknownAuthType':
      return `unknown authentication type ${reason.authType}`;
    case 'zeroInterval':
      return 'advertisement interval 0';
    case 'ttlNot255':
      return `invalid TTL/HL ${reason.ttl}, expected 255`;
    case 'versionMismatch':
      return `version ${reason.received} received, ${reason.configured} configured`;
    case 'vridMismatch':
      return `virtual router id ${reason.received} is not configured here`;
    case 'authTypeMismatch':
      return `authentication type ${reason.received} received, ${reason.configured} configured`;
    case 'authFailure':
      return 'authentication failure (wrong password)';
    case 'intervalMismatch':
      return `advertisement interval mismatch mine=${reason.configured / 100} s sent=${reason.received / 100} s`;
    case 'addressListMismatch':
      return 'address list differs from ours (RFC 3768 §7.1: dropped)';
    case 'ahMissing':
      return 'no IPSEC-AH header, but auth_type AH is configured';
    case 'ahUnexpected':
      return 'IPSEC-AH header, but auth_type AH is not configured';
    case 'ahBadIcv':
      return 'IPSEC-AH: invalid HMAC-MD5 value (forged, altered, or another auth_pass)';
    case 'ahSpiMismatch':
      return `IPSEC-AH: SPI 0x${reason.spi.toString(16).padStart(8, '0')} is not the sender's address`;
    case 'ahReplay':
      return `IPSEC-AH: sequence number ${reason.sequence} already processed (local ${reason.counter})`;
    case 'ttlOutOfRange':
      return `invalid TTL/HL ${reason.ttl}, expected ${reason.minTtl}..${reason.maxTtl} (unicast_peer min_ttl/max_ttl)`;
    case 'destinationModeMismatch':
      return reason.expected === 'unicast'
        ? 'expected a unicast packet but received a multicast one'
        : 'expected a multicast packet but received a unicast one';
    case 'unicastSourceNotPeer':
      return 'the sender is not one of the unicast peers (check_unicast_src)';
    default:
      return assertNever(reason);
  }
}
