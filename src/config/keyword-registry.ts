/**
 * Which keywords belong where, and what vipd makes of the ones it does not
 * implement: "not supported yet", "outside vipd's scope" (the checker/LVS
 * half), in the wrong block, or unknown (with the nearest known keyword as a
 * likely typo).
 *
 * The schema modules handle exactly the keywords listed in
 * SUPPORTED_KEYWORDS; their handler tables are typed against these lists, so
 * a keyword cannot be listed without a handler or handled without a listing.
 */
import {
  GLOBAL_DEFS_KEYWORDS,
  INCLUDE_KEYWORDS,
  SYNC_GROUP_KEYWORDS,
  TOP_LEVEL_CHECKER_KEYWORDS,
  TOP_LEVEL_VRRP_KEYWORDS,
  VRRP_INSTANCE_KEYWORDS,
} from './keepalived-keywords.js';

export const SUPPORTED_KEYWORDS = {
  top: [
    'global_defs',
    'vrrp_instance',
    'vrrp_sync_group',
    'vrrp_script',
    'track_file',
    'vrrp_track_file',
    'vrrp_track_process',
    'garp_group',
    'static_ipaddress',
    'static_routes',
    'static_rules',
  ],
  global_defs: [
    'router_id',
    'vrrp_version',
    'vrrp_mcast_group4',
    'vrrp_mcast_group6',
    'vrrp_garp_master_delay',
    'vrrp_garp_master_repeat',
    'vrrp_garp_interval',
    'vrrp_gna_interval',
    'v3_checksum_as_v2',
    'vrrp_garp_lower_prio_delay',
    'vrrp_garp_lower_prio_repeat',
    'vrrp_garp_master_refresh',
    'vrrp_garp_master_refresh_repeat',
    'vrrp_min_garp',
    'vrrp_garp_extra_if',
    'vrrp_down_timer_adverts',
    'vrrp_lower_prio_no_advert',
    'vrrp_higher_prio_send_advert',
    'vrrp_owner_ignore_adverts',
    'vrrp_strict',
    'vrrp_skip_check_adv_addr',
    'vrrp_check_unicast_src',
    'script_user',
    'enable_script_security',
    'notify_fifo',
    'vrrp_notify_fifo',
    'notify_fifo_script',
    'vrrp_notify_fifo_script',
    'vrrp_notify_priority_changes',
    'fifo_write_vrrp_states_on_reload',
    'vrrp_startup_delay',
    'dynamic_interfaces',
    'default_interface',
    'vmac_prefix',
    'log_unknown_vrids',
    'state_dump_file',
    'stats_dump_file',
    'json_dump_file',
  ],
  vrrp_instance: [
    'state',
    'interface',
    'virtual_router_id',
    'priority',
    'advert_int',
    'authentication',
    'virtual_ipaddress',
    'nopreempt',
    'preempt',
    'preempt_delay',
    'version',
    'accept',
    'no_accept',
    'v3_checksum_as_v2',
    'garp_master_delay',
    'garp_master_repeat',
    'garp_lower_prio_delay',
    'garp_lower_prio_repeat',
    'down_timer_adverts',
    'lower_prio_no_advert',
    'garp_master_refresh',
    'garp_master_refresh_repeat',
    'garp_extra_if',
    'higher_prio_send_advert',
    'owner_ignore_adverts',
    'timer_expired_backup',
    'strict_mode',
    'skip_check_adv_addr',
    'kernel_rx_buf_size',
    'vrf',
    'use_vmac',
    'use_vmac_addr',
    'vmac_xmit_base',
    'use_ipvlan',
    'dont_track_primary',
    'promote_secondaries',
    'track_interface',
    'track_script',
    'track_file',
    'track_process',
    'track_bfd',
    'track_src_ip',
    'mcast_src_ip',
    'unicast_src_ip',
    'unicast_peer',
    'mcast_dst_ip',
    'unicast_fault_no_peer',
    'unicast_ttl',
    'check_unicast_src',
    'old_unicast_checksum',
    'virtual_ipaddress_excluded',
    'virtual_routes',
    'virtual_rules',
    'notify_master',
    'notify_backup',
    'notify_fault',
    'notify_stop',
    'notify_deleted',
    'notify_master_rx_lower_pri',
    'notify',
    'notify_priority_changes',
    'smtp_alert',
  ],
  authentication: ['auth_type', 'auth_pass'],
  vrrp_sync_group: [
    'group',
    'track_interface',
    'track_script',
    'track_file',
    'track_process',
    'track_bfd',
    'notify_master',
    'notify_backup',
    'notify_fault',
    'notify_stop',
    'notify',
    'notify_priority_changes',
    'smtp_alert',
  ],
  vrrp_script: ['script', 'interval', 'timeout', 'weight', 'rise', 'fall', 'user', 'init_fail'],
  track_file: ['file', 'weight', 'init_file'],
  vrrp_track_process: [
    'process',
    'full_command',
    'param_match',
    'weight',
    'quorum',
    'quorum_max',
    'fork_delay',
    'terminate_delay',
    'delay',
  ],
  garp_group: ['garp_interval', 'gna_interval', 'interface', 'interfaces'],
} as const;

/** The blocks whose keywords vipd reads (virtual_ipaddress holds address lines, not keywords). */
export type KeywordContext = keyof typeof SUPPORTED_KEYWORDS;
export type SupportedKeyword<C extends KeywordContext> = (typeof SUPPORTED_KEYWORDS)[C][number];

/** What a keyword that is not implemented in a context is to vipd. */
export type KeywordStanding =
  | { readonly kind: 'notSupportedYet' }
  | { readonly kind: 'outOfScope' }
  | { readonly kind: 'include' }
  | { readonly kind: 'misplaced'; readonly belongsIn: KeywordContext }
  | { readonly kind: 'unknown'; readonly suggestion: string | null };

const NOT_YET: Readonly<Record<KeywordContext, readonly string[]>> = {
  top: TOP_LEVEL_VRRP_KEYWORDS,
  global_defs: GLOBAL_DEFS_KEYWORDS,
  vrrp_instance: VRRP_INSTANCE_KEYWORDS,
  authentication: [],
  vrrp_sync_group: SYNC_GROUP_KEYWORDS,
  vrrp_script: [],
  track_file: [],
  vrrp_track_process: [],
  garp_group: [],
};

const OUT_OF_SCOPE: Readonly<Record<KeywordContext, readonly string[]>> = {
  top: TOP_LEVEL_CHECKER_KEYWORDS,
  global_defs: [],
  vrrp_instance: [],
  authentication: [],
  vrrp_sync_group: [],
  vrrp_script: [],
  track_file: [],
  vrrp_track_process: [],
  garp_group: [],
};

const CONTEXTS: readonly KeywordContext[] = [
  'top',
  'global_defs',
  'vrrp_instance',
  'authentication',
  'vrrp_sync_group',
  'vrrp_script',
  'track_file',
  'vrrp_track_process',
  'garp_group',
];

export function isSupportedKeyword<C extends KeywordContext>(context: C, keyword: string): keyword is SupportedKeyword<C> {
  return (SUPPORTED_KEYWORDS[context] as readonly string[]).includes(keyword);
}

/** Where a keyword stands, as a message says it: "at the top level", "inside global_defs", … */
export function placeOf(context: KeywordContext): string {
  switch (context) {
    case 'top':
      return 'at the top level';
    case 'global_defs':
    case 'vrrp_instance':
    case 'authentication':
    case 'vrrp_sync_group':
    case 'vrrp_script':
    case 'track_file':
    case 'vrrp_track_process':
    case 'garp_group':
      return `inside ${context}`;
  }
}

/** The standing of `keyword`, which `context` does not implement. */
export function standingOf(context: KeywordContext, keyword: string): KeywordStanding {
  if (INCLUDE_KEYWORDS.includes(keyword)) return { kind: 'include' };
  if (NOT_YET[context].includes(keyword)) return { kind: 'notSupportedYet' };
  if (OUT_OF_SCOPE[context].includes(keyword)) return { kind: 'outOfScope' };
  for (const other of CONTEXTS) {
    if (other !== context && knownIn(other).includes(keyword)) return { kind: 'misplaced', belongsIn: other };
  }
  return { kind: 'unknown', suggestion: nearestKeyword(keyword, knownIn(context)) };
}

function knownIn(context: KeywordContext): readonly string[] {
  return [...SUPPORTED_KEYWORDS[context], ...NOT_YET[context], ...OUT_OF_SCOPE[context]];
}

/**
 * The known keyword a typo most likely meant: the closest by edit distance,
 * at most 1 edit for short words and 2 for longer ones; null when none is close.
 */
export function nearestKeyword(word: string, candidates: readonly string[]): string | null {
  const limit = word.length < 5 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, case-insensitive (keepalived's keywords are all lower case but SSL). */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[y.length] ?? 0;
}
