/**
 * Keywords vipd reads into typed configuration whose behaviour has not landed
 * yet: each occurrence is reported "KEYWORD is not supported yet: WHAT THAT
 * MEANS", so the operator knows what vipd will not do that keepalived would
 * (keepalived.conf(5) for what each keyword does). A keyword typed but not
 * listed here has landed: the core acts on it.
 *
 */
import type { KeywordContext, SupportedKeyword } from './keyword-registry.js';

type Consequences<C extends KeywordContext> = { readonly [K in SupportedKeyword<C>]?: string };

const IGNORED_SCRIPT = 'vipd does not run this script yet';
const NO_TRACKING = 'vipd does not watch this yet; the priority does not follow it';

const TOP: Consequences<'top'> = {
  garp_group: 'gratuitous ARP pacing per interface group is not applied',
  static_ipaddress: 'these addresses are not added',
  static_routes: 'these routes are not added',
  static_rules: 'these rules are not added',
};

const GLOBAL_DEFS: Consequences<'global_defs'> = {
  vrrp_higher_prio_send_advert: 'a master that sees a higher priority does not advertise once more before yielding',
  vrrp_owner_ignore_adverts: 'an address owner still heeds adverts',
  vrrp_strict: 'vipd does not enforce strict RFC compliance (it neither refuses nor changes what vrrp_strict would)',
  vrrp_skip_check_adv_addr: 'every advert still has its address list checked',
  notify_fifo_script: IGNORED_SCRIPT,
  vrrp_notify_fifo_script: IGNORED_SCRIPT,
  vrrp_notify_priority_changes: 'priority changes are not notified',
  fifo_write_vrrp_states_on_reload: 'nothing is written to a FIFO',
  vrrp_startup_delay: 'instances start at once',
  dynamic_interfaces: 'an instance whose interface is missing is not run',
  default_interface: 'static addresses are not supported yet either',
  log_unknown_vrids: 'vipctl status counts adverts for unknown VRIDs instead of logging them',
  state_dump_file: 'vipctl status shows the state instead of a dump file',
  stats_dump_file: 'vipctl status shows the counters instead of a dump file',
  json_dump_file: 'vipctl status shows the state instead of a dump file',
};

const INSTANCE: Consequences<'vrrp_instance'> = {
  higher_prio_send_advert: 'a master that sees a higher priority does not advertise once more before yielding',
  owner_ignore_adverts: 'an address owner still heeds adverts',
  timer_expired_backup: 'the instance does not stay backup when its master-down timer expires',
  strict_mode: 'vipd does not enforce strict RFC compliance for this instance',
  skip_check_adv_addr: 'every advert still has its address list checked',
  kernel_rx_buf_size: "the kernel's default receive buffer is used",
  vrf: 'the instance runs in the default VRF',
  // use_vmac, vmac_xmit_base (and global vmac_prefix) have landed: src/runtime/vmac/.
  use_vmac_addr: 'no VMAC is made for addresses on other interfaces or of the other family: they go on their interfaces with those MACs',
  use_ipvlan: 'no ipvlan interface is made: the addresses go on the interface',
  track_bfd: NO_TRACKING,
  track_src_ip: 'the source address is not watched',
  mcast_dst_ip: 'adverts go to the global multicast group',
  notify_master_rx_lower_pri: IGNORED_SCRIPT,
  notify_priority_changes: 'priority changes are not notified',
  smtp_alert: 'no mail is sent',
};

const NOT_LANDED: { readonly [C in KeywordContext]: Consequences<C> } = {
  top: TOP,
  global_defs: GLOBAL_DEFS,
  vrrp_instance: INSTANCE,
  // The keywords of these blocks are covered by the one warning on the block itself.
  authentication: {},
  // group { … } has landed: the members change state together (protocol/sync-group.ts).
  vrrp_sync_group: {
    track_interface: 'the group does not watch this; its members still follow their own trackers',
    track_script: 'the group does not watch this; its members still follow their own trackers',
    track_file: 'the group does not watch this; its members still follow their own trackers',
    track_process: 'the group does not watch this; its members still follow their own trackers',
    track_bfd: 'the group does not watch this; its members still follow their own trackers',
    notify_priority_changes: 'priority changes are not notified',
    smtp_alert: 'no mail is sent',
  },
  vrrp_script: {},
  track_file: {},
  vrrp_track_process: {},
  garp_group: {},
};

/** What not acting on `keyword` means, when its behaviour has not landed; null when it has. */
export function notLandedConsequence<C extends KeywordContext>(context: C, keyword: SupportedKeyword<C>): string | null {
  const consequences: Consequences<C> = NOT_LANDED[context];
  return consequences[keyword] ?? null;
}
