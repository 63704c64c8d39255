/**
 * The transcript a golden case expects: each input (or timer expiry) as a line
 * "@<ms> <what>", followed by the actions it produced, indented.
 */
import type { Advert } from '../../../src/codec/advert.js';
import { assertNever } from '../../../src/primitives/result.js';
import type { Instant } from '../../../src/primitives/time.js';
import type { VrrpAction } from '../../../src/protocol/actions.js';

export function formatMs(at: Instant): string {
  const ms = at / 1000;
  return Number.isInteger(ms) ? String(ms) : ms.toFixed(6).replace(/0+$/, '');
}

function formatAdvert(advert: Advert): string {
  const common = `v${advert.version} vrid=${advert.vrid} prio=${advert.priority} int=${advert.interval}cs addrs=${advert.addresses.join(',')}`;
  if (advert.version === 3) return common;
  const auth = advert.authentication;
  const text = new TextDecoder().decode(auth.data).replace(/\0+$/, '');
  return `${common} auth=${auth.type}${auth.type === 'simpleText' ? `:${text}` : ''}`;
}

function formatFields(value: object): string {
  return Object.entries(value)
    .flatMap(([key, field]: [string, unknown]) => {
      if (key === 'kind') return [];
      if (typeof field === 'object' && field !== null && 'kind' in field) {
        const nested = formatFields(field);
        return [`${key}=${String((field as { kind: unknown }).kind)}${nested === '' ? '' : ` ${nested}`}`];
      }
      return [`${key}=${String(field)}`];
    })
    .join(' ');
}

export function formatAction(action: VrrpAction): string {
  switch (action.kind) {
    case 'sendAdvert':
      return `send ${formatAdvert(action.advert)}${action.ipsecAhSequence === undefined ? '' : ` ah-seq=${action.ipsecAhSequence}`}${
        action.oldUnicastChecksum === true ? ' old-unicast-checksum' : ''
      }`;
    case 'armTimer':
      return `arm ${action.timer} @${formatMs(action.at)}`;
    case 'cancelTimer':
      return `cancel ${action.timer}`;
    case 'addVirtualAddresses':
      return `add-vips ${action.addresses.join(',')} accept=${action.acceptTraffic ? 'yes' : 'no'}`;
    case 'removeVirtualAddresses':
      return `remove-vips ${action.addresses.join(',')}`;
    case 'addExcludedAddresses':
      return `add-evips ${action.addresses.join(',')}`;
    case 'removeExcludedAddresses':
      return `remove-evips ${action.addresses.join(',')}`;
    case 'addRouting':
      return `add-routing${routingLines(action.routes, action.rules)}`;
    case 'removeRouting':
      return `remove-routing${routingLines(action.routes, action.rules)}`;
    case 'announce':
      return `announce ${action.addresses.join(',')} x${action.repeat} (${action.reason})`;
    case 'stateChanged':
      return `state ${action.from} -> ${action.to} (${action.reason})`;
    case 'log': {
      const fields = formatFields(action.event);
      return `log ${action.event.kind}${fields === '' ? '' : ` ${fields}`}`;
    }
    case 'syncGroupWantsMaster':
      return 'sync-group wants master';
    default:
      return assertNever(action);
  }
}

/** Routes and rules are whole ip-route(8)/ip-rule(8) lines: each in brackets, so their spaces stay readable. */
function routingLines(routes: readonly string[], rules: readonly string[]): string {
  return [...routes.map((r) => ` route[${r}]`), ...rules.map((r) => ` rule[${r}]`)].join('');
}
