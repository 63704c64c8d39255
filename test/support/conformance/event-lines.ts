/**
 * Input lines of a golden case, one event per line:
 *
 *     <time-ms> startup
 *     <time-ms> shutdown
 *     <time-ms> track <name> up|down
 *     <time-ms> track-value <name> <integer>            (a valued tracker: track_file)
 *     <time-ms> rx from=<ip> [prio=N] [key=value …]     (see packet-builder.ts)
 *     <time-ms> timer <name>                            (deliver an expiry the core may not expect)
 *     <time-ms> end                                     (run the clock to here, then stop)
 *     <time-ms> sync master|backup|fault|recovered      (the instance's sync group decided)
 *     <time-ms> reload {JSON}                           (reconfigure: instance.json keys to change,
 *                                                        plus "reinstalledAddresses": [...] if any)
 *     <time-ms> hold | release [operator|fateGroup]     (vipctl backup / resume; vrrpd -M's group)
 *     <time-ms> priority =N|+N|-N                       (vipctl priority)
 *     <time-ms> announce                                (vipctl garp)
 *
 * Blank lines and lines starting with '#' are ignored. Ordinary timer
 * expiries are not written here: the fake clock fires whatever the core
 * armed. `timer` injects one anyway, as a runtime might deliver it late.
 */
import type { PriorityChange } from '../../../src/protocol/administrative-event.js';
import { TIMER_NAMES, type TimerName } from '../../../src/protocol/vrrp-state.js';
import type { InstanceSettings } from './instance-settings.js';
import type { SyncDirective } from '../../../src/protocol/sync-group.js';
import type { HoldSource } from '../../../src/protocol/administrative-event.js';

const HOLD_SOURCES: readonly HoldSource[] = ['operator', 'fateGroup'];

const SYNC_DIRECTIVES: readonly SyncDirective[] = ['master', 'backup', 'fault', 'recovered'];

export type InputLine =
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'startup' | 'shutdown' | 'end' | 'announce' }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'hold' | 'release'; readonly by: HoldSource | null }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'priority'; readonly change: PriorityChange; readonly text: string }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'track'; readonly tracker: string; readonly up: boolean }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'trackValue'; readonly tracker: string; readonly value: number }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'timer'; readonly timer: TimerName }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'rx'; readonly fields: Readonly<Record<string, string>> }
  | { readonly lineNumber: number; readonly atMs: number; readonly kind: 'sync'; readonly directive: SyncDirective }
  | {
      readonly lineNumber: number;
      readonly atMs: number;
      readonly kind: 'reload';
      /** The text as written, for the transcript. */
      readonly text: string;
      readonly patch: InstanceSettings;
      readonly reinstalledAddresses: readonly string[];
    };

export function parseEventLines(text: string, fileName: string): InputLine[] {
  const lines: InputLine[] = [];
  let previousMs = -Infinity;
  text.split('\n').forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${fileName}:${lineNumber}`;
    const [time, verb, ...rest] = line.split(/\s+/);
    const atMs = Number(time);
    if (!Number.isFinite(atMs)) throw new Error(`${where}: bad time "${time}"`);
    if (atMs < previousMs) throw new Error(`${where}: time goes backwards`);
    previousMs = atMs;
    switch (verb) {
      case 'startup':
      case 'shutdown':
      case 'end':
      case 'announce':
        if (rest.length > 0) throw new Error(`${where}: ${verb} takes no arguments`);
        lines.push({ lineNumber, atMs, kind: verb });
        return;
      case 'hold':
      case 'release': {
        const by = rest[0] === undefined ? null : HOLD_SOURCES.find((s) => s === rest[0]);
        if (by === undefined || rest.length > 1) throw new Error(`${where}: expected "${verb} [${HOLD_SOURCES.join('|')}]"`);
        lines.push({ lineNumber, atMs, kind: verb, by });
        return;
      }
      case 'priority': {
        const match = /^([=+-])(\d+)$/.exec(rest[0] ?? '');
        if (match === null || rest.length !== 1) throw new Error(`${where}: expected "priority =N|+N|-N"`);
        const value = Number(match[2]);
        const change: PriorityChange =
          match[1] === '=' ? { kind: 'set', value } : { kind: 'add', value: match[1] === '-' ? -value : value };
        lines.push({ lineNumber, atMs, kind: 'priority', change, text: rest[0] ?? '' });
        return;
      }
      case 'track': {
        const [tracker, health] = rest;
        if (tracker === undefined || (health !== 'up' && health !== 'down') || rest.length !== 2) {
          throw new Error(`${where}: expected "track <name> up|down"`);
        }
        lines.push({ lineNumber, atMs, kind: 'track', tracker, up: health === 'up' });
        return;
      }
      case 'track-value': {
        // The name may have spaces ("file load"): the value is the last word.
        const tracker = rest.slice(0, -1).join(' ');
        const value = Number(rest[rest.length - 1]);
        if (tracker === '' || !Number.isInteger(value)) throw new Error(`${where}: expected "track-value <name> <integer>"`);
        lines.push({ lineNumber, atMs, kind: 'trackValue', tracker, value });
        return;
      }
      case 'timer': {
        const timer = TIMER_NAMES.find((name) => name === rest[0]);
        if (timer === undefined || rest.length !== 1) {
          throw new Error(`${where}: expected "timer <${TIMER_NAMES.join('|')}>"`);
        }
        lines.push({ lineNumber, atMs, kind: 'timer', timer });
        return;
      }
      case 'rx': {
        const fields: Record<string, string> = {};
        for (const pair of rest) {
          const eq = pair.indexOf('=');
          if (eq <= 0) throw new Error(`${where}: expected key=value, got "${pair}"`);
          fields[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        lines.push({ lineNumber, atMs, kind: 'rx', fields });
        return;
      }
      case 'sync': {
        const directive = SYNC_DIRECTIVES.find((d) => d === rest[0]);
        if (directive === undefined || rest.length !== 1) throw new Error(`${where}: expected "sync ${SYNC_DIRECTIVES.join('|')}"`);
        lines.push({ lineNumber, atMs, kind: 'sync', directive });
        return;
      }
      case 'reload': {
        const text = line.slice(line.indexOf('reload') + 'reload'.length).trim();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new Error(`${where}: expected "reload {JSON}"`);
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          throw new Error(`${where}: reload takes a JSON object`);
        }
        const { reinstalledAddresses = [], ...patch } = parsed as { reinstalledAddresses?: string[] } & InstanceSettings;
        lines.push({ lineNumber, atMs, kind: 'reload', text, patch, reinstalledAddresses });
        return;
      }
      default:
        throw new Error(`${where}: unknown event "${verb ?? ''}"`);
    }
  });
  return lines;
}
