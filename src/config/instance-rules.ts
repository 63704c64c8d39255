/**
 * From a vrrp_instance as written to the instance keepalived would run:
 * defaults applied and the rules that tie settings together, with keepalived's
 * outcomes (reference §1 "vrrp_instance NAME"; keepalived vrrp.c, the checks
 * made when an instance is completed):
 *
 * - `interface` and `virtual_router_id` are required;
 * - the family is that of the virtual addresses, which must all be one family,
 *   and there must be at least one (the core subset has no
 *   `no_virtual_ipaddress`); an address listed twice counts once;
 * - IPv6 is always VRRPv3: `version 2` with IPv6 addresses is overridden;
 * - priority defaults to 100, or to 255 when `state MASTER` is given without
 *   a priority;
 * - advert_int is whole seconds for v2 (rounded) and centiseconds for v3;
 * - nopreempt and preempt_delay are cleared with priority 255 or state MASTER,
 *   and preempt_delay is cleared by nopreempt.
 */
import { checkUnicastKeywords } from './unicast-rules.js';
import { referTo, type Diagnostics } from './config-message.js';
import type { GlobalDefs, InstanceDefinition, SourceLocation, VirtualAddressSpec } from './config-types.js';
import { formatSeconds, MICROSECONDS_PER_SECOND } from './decimal-seconds.js';
import { KEEPALIVED_DEFAULTS } from './keepalived-defaults.js';
import { resolveAuthentication } from './schema/authentication.js';
import { resolveInstanceExtras } from './instance-extras.js';
import { SchemaContext } from './schema/schema-context.js';
import type { InstanceDraft } from './schema/vrrp-instance.js';
import { MAX_ADDRESS_COUNT, MAX_V3_INTERVAL_CENTISECONDS, type VrrpVersion } from '../codec/advert.js';
import { ipFamilyOf, isIpv6LinkLocal, type IpFamily } from '../primitives/ip-address.js';
import {
  centiseconds,
  centisecondsToMicroseconds,
  MICROSECONDS_PER_CENTISECOND,
  microseconds,
  type Centiseconds,
  type Microseconds,
} from '../primitives/time.js';
import { OWNER_PRIORITY, type Priority } from '../primitives/vrrp-numbers.js';

/** A resolved instance, with the places later cross-instance checks point at. */
export interface ResolvedInstance {
  readonly definition: InstanceDefinition;
  readonly vridLocation: SourceLocation;
}

/** The instance keepalived would run, or null when the block has errors (all of them reported). */
export function resolveInstance(draft: InstanceDraft, globalDefs: GlobalDefs, diagnostics: Diagnostics): ResolvedInstance | null {
  // Without a block there is nothing to check (the missing block is already reported).
  if (!draft.hasBlock) return null;
  const context = new SchemaContext(diagnostics, draft.title);
  const errorsBefore = diagnostics.errorCount;

  if (draft.interface === undefined && !draft.seen.has('interface')) {
    // keepalived lets unicast_src_ip stand for the interface (reference §1); without either it says "Unknown interface!".
    const unicast =
      draft.unicastPeers.length > 0 && draft.unicastSource === undefined
        ? ' (with unicast_peer and no unicast_src_ip there is no address to send from either; keepalived: "Unknown interface!")'
        : '';
    context.error(draft.location, `${draft.title} has no interface${unicast}; add the interface it runs on, e.g. "interface eth0"`);
  }
  if (draft.vrid === undefined && !draft.seen.has('virtual_router_id')) {
    context.error(
      draft.location,
      `${draft.title} has no virtual_router_id; add one from 1 to 255, the same on every router of this virtual router`,
    );
  }

  const addresses = distinctAddresses(draft.virtualAddresses, 'virtual_ipaddress', context);
  // Lines that are not addresses, and a virtual_ipaddress without its block, are reported already.
  if (!draft.seen.has('virtual_ipaddress')) {
    context.error(
      draft.location,
      `${draft.title} has no virtual_ipaddress; add a virtual_ipaddress { … } block with at least one address`,
    );
  } else if (draft.virtualAddressBlocks > 0 && draft.virtualAddressLines === 0) {
    context.error(
      draft.location,
      `${draft.title} has no virtual address: its virtual_ipaddress block is empty; add at least one address`,
    );
  }
  if (addresses.length > MAX_ADDRESS_COUNT) {
    context.error(
      addresses[MAX_ADDRESS_COUNT]?.location ?? draft.location,
      `${addresses.length} virtual addresses are more than an advert can carry (${MAX_ADDRESS_COUNT}); ` +
        'keepalived would move the rest to excluded addresses, which vipd does not support yet',
    );
  }
  // keepalived defaults to IPv4 when there is no address; the error above is already reported then.
  const family = familyOf(addresses, context) ?? 'ipv4';
  const version = versionOf(draft, family, globalDefs, context);
  const priority = priorityOf(draft);
  const advertInterval = advertIntervalOf(draft, version, context);
  const authentication = resolveAuthentication(draft.authentication, version, context);
  if (authentication?.kind === 'ipsecAh' && draft.state?.value === 'MASTER' && priority !== OWNER_PRIORITY) {
    // keepalived: "Initial state master is incompatible with AH authentication - clearing": the AH
    // sequence number restarts at 0 with the daemon, so a non-owner must learn it as a backup first.
    context.warning(
      draft.state.location,
      'state MASTER does not work with auth_type AH below priority 255 (the AH sequence number must be learned as backup first), so it is cleared, as keepalived does; write state BACKUP',
      'keepalivedConfigError',
    );
  }
  const { preempt, preemptDelay } = preemptionOf(draft, priority, context);
  if (family === 'ipv6') checkFirstIpv6Address(addresses, context);
  checkUnicastKeywords(draft, family, context);

  const { name, interface: iface, vrid } = draft;
  if (diagnostics.errorCount > errorsBefore || name === null || iface === undefined || vrid === undefined) return null;
  if (advertInterval === null || authentication === null) return null;
  return {
    definition: {
      name,
      location: draft.location,
      initialState: draft.state?.value ?? null,
      interface: iface.value,
      family,
      version,
      vrid: vrid.value,
      priority,
      advertInterval,
      authentication,
      virtualAddresses: addresses,
      preempt,
      preemptDelay,
      acceptMode: draft.acceptMode?.value ?? KEEPALIVED_DEFAULTS.acceptMode,
      checksumForm: (draft.v3ChecksumAsV2?.value ?? globalDefs.v3ChecksumAsV2) ? 'messageOnly' : KEEPALIVED_DEFAULTS.checksumForm,
      ...resolveInstanceExtras(draft, globalDefs, distinctAddresses(draft.excludedAddresses, 'virtual_ipaddress_excluded', context, addresses)),
    },
    vridLocation: vrid.location,
  };
}

/**
 * The addresses in order, each once; a repeat (also of one in `listedBefore`)
 * is warned about. virtual_ipaddress_excluded is read this way after the
 * virtual addresses (keepalived.conf(5): excluded addresses are not
 * advertised, and may be of the other family).
 */
function distinctAddresses(
  addresses: readonly VirtualAddressSpec[],
  keyword: 'virtual_ipaddress' | 'virtual_ipaddress_excluded',
  context: SchemaContext,
  listedBefore: readonly VirtualAddressSpec[] = [],
): VirtualAddressSpec[] {
  const first = new Map<string, VirtualAddressSpec>(listedBefore.map((a) => [a.address, a]));
  const distinct: VirtualAddressSpec[] = [];
  for (const spec of addresses) {
    const earlier = first.get(spec.address);
    if (earlier !== undefined) {
      context.warning(
        spec.location,
        `${keyword} ${spec.address} is already listed at ${referTo(earlier.location, spec.location)}; the repeat is ignored`,
      );
      continue;
    }
    first.set(spec.address, spec);
    distinct.push(spec);
  }
  return distinct;
}

/** The family of the first address; every other address must share it. Null without addresses. */
function familyOf(addresses: readonly VirtualAddressSpec[], context: SchemaContext): IpFamily | null {
  const first = addresses[0];
  if (first === undefined) return null;
  const family = ipFamilyOf(first.address);
  for (const spec of addresses.slice(1)) {
    if (ipFamilyOf(spec.address) === family) continue;
    context.error(
      spec.location,
      `virtual_ipaddress ${spec.address} is ${familyName(ipFamilyOf(spec.address))} but ${first.address} ` +
        `(${referTo(first.location, spec.location)}) is ${familyName(family)}; the addresses of one instance must be ` +
        `one family, so put the ${familyName(ipFamilyOf(spec.address))} ones in a vrrp_instance of their own`,
    );
  }
  return family;
}

/**
 * The instance's `version`, else global_defs vrrp_version; IPv6 is always v3
 * (reference §1: "vrrp_version 2|3 (2; IPv6 is always v3)"). keepalived
 * reports an instance's explicit `version 2` with IPv6 and runs v3.
 */
function versionOf(draft: InstanceDraft, family: IpFamily, globalDefs: GlobalDefs, context: SchemaContext): VrrpVersion {
  if (family === 'ipv4') return draft.version?.value ?? globalDefs.vrrpVersion;
  if (draft.version?.value === 2) {
    context.warning(
      draft.version.location,
      'VRRPv2 cannot carry IPv6 addresses, so version 3 is used (as keepalived does); write "version 3" to say so',
    );
  }
  return 3;
}

/** priority, else 255 with `state MASTER` (reference §1, keepalived vrrp.c:3300), else 100. */
function priorityOf(draft: InstanceDraft): Priority {
  if (draft.priority !== undefined) return draft.priority.value;
  if (draft.state?.value === 'MASTER') return OWNER_PRIORITY;
  // A constant in range (keepalived-defaults.ts), so the brand is safe.
  return KEEPALIVED_DEFAULTS.priority as Priority;
}

/**
 * advert_int in the version's unit (reference §1: "v2 rounds to whole seconds
 * (max 255); v3 uses centiseconds (max 40.95)"). keepalived rounds half up and
 * reports it; vipd warns. A v2 interval that rounds to 0 s is an error (keepalived
 * would quietly use 1 s), as is a v3 interval beyond the 12-bit field.
 */
function advertIntervalOf(draft: InstanceDraft, version: VrrpVersion, context: SchemaContext): Centiseconds | null {
  const given = draft.advertInterval;
  if (given === undefined) return KEEPALIVED_DEFAULTS.advertInterval;
  const written = formatSeconds(given.value);
  if (version === 2) {
    const seconds = roundHalfUp(given.value, MICROSECONDS_PER_SECOND);
    if (seconds === 0) {
      context.error(
        given.location,
        `advert_int ${written} rounds to 0 s, but VRRPv2 advertises whole seconds from 1 to 255; ` +
          'use at least 1, or version 3 for intervals under a second',
      );
      return null;
    }
    if (given.value % MICROSECONDS_PER_SECOND !== 0) {
      context.warning(
        given.location,
        `VRRPv2 advertises whole seconds, so advert_int ${written} is rounded to ${seconds} (as keepalived does); ` +
          'use version 3 for fractions of a second',
      );
    }
    return centiseconds(seconds * 100);
  }
  const hundredths = roundHalfUp(given.value, MICROSECONDS_PER_CENTISECOND);
  if (hundredths > MAX_V3_INTERVAL_CENTISECONDS) {
    context.error(given.location, `advert_int ${written} is out of range for VRRPv3; use 0.01 to 40.95 seconds`);
    return null;
  }
  if (given.value % MICROSECONDS_PER_CENTISECOND !== 0) {
    context.warning(
      given.location,
      `VRRPv3 advertises hundredths of a second, so advert_int ${written} is rounded to ` +
        `${formatSeconds(centisecondsToMicroseconds(centiseconds(hundredths)))} (as keepalived does)`,
    );
  }
  return centiseconds(hundredths);
}

/**
 * Preempt_Mode and the preemption delay, after keepalived's clean-ups
 * (reference §1 "Preemption": both "are cleared with a warning under state
 * MASTER"; keepalived vrrp.c also clears nopreempt for the address owner and
 * preempt_delay under nopreempt).
 */
function preemptionOf(
  draft: InstanceDraft,
  priority: Priority,
  context: SchemaContext,
): { preempt: boolean; preemptDelay: Centiseconds } {
  let preempt = draft.preempt?.value ?? KEEPALIVED_DEFAULTS.preempt;
  let delay: Microseconds = draft.preemptDelay?.value ?? centisecondsToMicroseconds(KEEPALIVED_DEFAULTS.preemptDelay);
  const nopreemptAt = draft.preempt?.location ?? draft.location;
  const delayAt = draft.preemptDelay?.location ?? draft.location;
  if (!preempt && priority === OWNER_PRIORITY) {
    const implied = draft.priority === undefined ? '; state MASTER without a priority means priority 255' : '';
    context.warning(
      nopreemptAt,
      `nopreempt has no effect with priority 255 (the address owner always takes over${implied}), so it is cleared, as keepalived does`,
    );
    preempt = true;
  }
  if (draft.state?.value === 'MASTER') {
    if (!preempt) {
      context.warning(
        nopreemptAt,
        'nopreempt does not work with state MASTER, so it is cleared, as keepalived does; ' +
          'use state BACKUP on every router to run without preemption',
      );
      preempt = true;
    }
    if (delay > 0) {
      context.warning(
        delayAt,
        'preempt_delay does not work with state MASTER, so it is cleared, as keepalived does; use state BACKUP to delay preemption',
      );
      delay = microseconds(0);
    }
  }
  if (delay > 0 && !preempt) {
    context.warning(delayAt, 'preempt_delay has no effect with nopreempt, so it is cleared, as keepalived does');
    delay = microseconds(0);
  }
  const hundredths = roundHalfUp(delay, MICROSECONDS_PER_CENTISECOND);
  if (delay % MICROSECONDS_PER_CENTISECOND !== 0) {
    context.warning(
      delayAt,
      `preempt_delay ${formatSeconds(delay)} is rounded to ${formatSeconds(centisecondsToMicroseconds(centiseconds(hundredths)))}: ` +
        'vipd times preemption in hundredths of a second',
    );
  }
  return { preempt, preemptDelay: centiseconds(hundredths) };
}

/**
 * RFC 5798 §5.2.9: with IPv6 the first address "MUST be the IPv6 link-local
 * address associated with the virtual router". keepalived reports it too
 * ("the first IPv6 VIP address must be link local") and runs anyway.
 */
function checkFirstIpv6Address(addresses: readonly VirtualAddressSpec[], context: SchemaContext): void {
  const first = addresses[0];
  if (first === undefined || isIpv6LinkLocal(first.address)) return;
  context.warning(
    first.location,
    `the first IPv6 virtual address should be a link-local address (fe80::/10), as RFC 5798 §5.2.9 requires; ` +
      `${first.address} is not`,
  );
}

function roundHalfUp(value: number, unit: number): number {
  return Math.floor((value + unit / 2) / unit);
}

function familyName(family: IpFamily): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}
