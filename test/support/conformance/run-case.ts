/**
 * Runs a golden case on a fake clock: before each input at time t, every
 * timer the core armed with a deadline ≤ t fires, in deadline order, at its
 * own deadline. `end` runs the clock to its time. The result is the
 * transcript and the final status.
 */
import { TIMER_NAMES, type TimerName } from '../../../src/protocol/vrrp-state.js';
import { instanceStatus, type InstanceStatus } from '../../../src/control/instance-status.js';
import { instantAt, type Instant } from '../../../src/primitives/time.js';
import type { VrrpEvent } from '../../../src/protocol/events.js';
import { initialInstanceState, type InstanceState } from '../../../src/protocol/instance-state.js';
import { step } from '../../../src/protocol/step.js';
import { formatAction, formatMs } from './action-lines.js';
import type { InputLine } from './event-lines.js';
import { resolveSettings, type InstanceSettings } from './instance-settings.js';
import { parseIpAddress } from '../../../src/primitives/ip-address.js';
import { buildReceivedPacket } from './packet-builder.js';

/** A runaway timer loop is a bug; no case needs this many expiries. */
const MAX_TIMER_EXPIRIES = 100_000;

export interface CaseRun {
  readonly transcript: string;
  readonly status: InstanceStatus;
}

export function runCase(initialSettings: InstanceSettings, inputs: readonly InputLine[]): CaseRun {
  let settings = initialSettings;
  const initial = resolveSettings(settings);
  let config = initial.config;
  let state: InstanceState = initialInstanceState(config, initial.trackersUp);
  if (settings.ahSequence !== undefined) state = { ...state, ipsecAh: { sequence: settings.ahSequence, cycled: false } };
  let now = instantAt(0);
  const out: string[] = [];
  let expiries = 0;

  const apply = (event: VrrpEvent, at: Instant, label: string): void => {
    now = at;
    const result = step(config, state, event, now);
    state = result.state;
    out.push(`@${formatMs(now)} ${label}`);
    for (const action of result.actions) out.push(`  ${formatAction(action)}`);
  };

  const nextTimer = (limit: Instant): { timer: TimerName; at: Instant } | null => {
    let best: { timer: TimerName; at: Instant } | null = null;
    for (const timer of TIMER_NAMES) {
      const at = state.timers[timer];
      if (at !== undefined && at <= limit && (best === null || at < best.at)) best = { timer, at };
    }
    return best;
  };

  const runClockTo = (limit: Instant): void => {
    for (let due = nextTimer(limit); due !== null; due = nextTimer(limit)) {
      if (++expiries > MAX_TIMER_EXPIRIES) throw new Error('timer loop: too many expiries');
      apply({ kind: 'timerExpired', timer: due.timer }, due.at, `timer ${due.timer}`);
    }
  };

  for (const input of inputs) {
    const at = instantAt(input.atMs * 1000);
    runClockTo(at);
    switch (input.kind) {
      case 'startup':
      case 'shutdown':
        apply({ kind: input.kind }, at, input.kind);
        break;
      case 'hold':
        apply(input.by === null ? { kind: 'holdBackup' } : { kind: 'holdBackup', by: input.by }, at, input.by === null ? 'hold' : `hold ${input.by}`);
        break;
      case 'release':
        apply(input.by === null ? { kind: 'releaseHold' } : { kind: 'releaseHold', by: input.by }, at, input.by === null ? 'release' : `release ${input.by}`);
        break;
      case 'announce':
        apply({ kind: 'announce' }, at, 'announce');
        break;
      case 'priority':
        apply({ kind: 'adjustPriority', change: input.change }, at, `priority ${input.text}`);
        break;
      case 'track':
        apply({ kind: 'trackerChanged', tracker: input.tracker, up: input.up }, at, `track ${input.tracker} ${input.up ? 'up' : 'down'}`);
        break;
      case 'trackValue':
        apply({ kind: 'trackerValueChanged', tracker: input.tracker, value: input.value }, at, `track-value ${input.tracker} ${input.value}`);
        break;
      case 'timer':
        apply({ kind: 'timerExpired', timer: input.timer }, at, `timer ${input.timer} (injected)`);
        break;
      case 'rx': {
        const packet = buildReceivedPacket(config, input.fields);
        const label = `rx ${Object.entries(input.fields).map(([k, v]) => `${k}=${v}`).join(' ')}`;
        apply({ kind: 'packetReceived', packet }, at, label);
        break;
      }
      case 'sync':
        apply({ kind: 'syncGroup', directive: input.directive }, at, `sync ${input.directive}`);
        break;
      case 'reload': {
        const previous = config;
        settings = { ...settings, ...input.patch };
        config = resolveSettings(settings).config;
        const reinstalledAddresses = input.reinstalledAddresses.map((text) => {
          const parsed = parseIpAddress(text);
          if (!parsed.ok) throw new Error(`reload: ${parsed.error}`);
          return parsed.value;
        });
        apply({ kind: 'reconfigured', previous, reinstalledAddresses }, at, `reload ${input.text}`);
        break;
      }
      case 'end':
        now = at;
        out.push(`@${formatMs(now)} end`);
        break;
    }
  }
  return { transcript: out.join('\n') + '\n', status: instanceStatus(config, state, now) };
}
