/**
 * keepalived's keywords that vipd recognises but does not implement (yet, or
 * ever), by the block they belong to. Taken from keepalived.conf(5) (man5
 * sections "Global definitions", "Static routes/addresses/rules", "Track
 * files", "VRRP track processes", "BFD CONFIGURATION", "VRRPD CONFIGURATION",
 * "LVS CONFIGURATION") and reference §1. Only names are listed here; what
 * vipd does with a keyword it implements lives in the schema.
 *
 * Knowing these names lets vipd say "not supported yet" (or "outside vipd's
 * scope") instead of "unknown keyword", which would suggest a typo.
 */
import { INCLUDE_CHECK_KEYWORD, INCLUDE_VARIANTS } from './language/include-directive.js';

/**
 * `include`, its variants and `include_check` (man5 DESCRIPTION): read by
 * language/expand-config.ts wherever they stand, so the schema sees an
 * include line only when it has the wrong number of file names.
 */
export const INCLUDE_KEYWORDS: readonly string[] = [...Object.keys(INCLUDE_VARIANTS), INCLUDE_CHECK_KEYWORD];

/** Top-level blocks and keywords of keepalived's VRRP half (and BFD) that vipd does not type (it records them as written). */
export const TOP_LEVEL_VRRP_KEYWORDS: readonly string[] = [
  'track_group',
  'linkbeat_interfaces',
  'interface_up_down_delays',
  'bfd_instance',
  'net_namespace',
  'net_namespace_ipvs',
  'namespace_with_ipsets',
  'instance',
  'use_pid_dir',
  'linkbeat_use_polling',
  'child_wait_time',
];

/** Top-level blocks of keepalived's checker/LVS half (man5 "LVS CONFIGURATION"): never vipd's business. */
export const TOP_LEVEL_CHECKER_KEYWORDS: readonly string[] = [
  'virtual_server',
  'virtual_server_group',
  'real_server',
  'sorry_server',
  'SSL',
];

/** global_defs keywords other than the ones vipd types (man5 "Global definitions", reference §1). */
export const GLOBAL_DEFS_KEYWORDS: readonly string[] = [
  // Processes, scripts, files.
  'tmp_config_directory', 'config_save_dir', 'process_names', 'process_name', 'vrrp_process_name',
  'checker_process_name', 'bfd_process_name', 'use_symlink_paths', 'set_supplementary_groups',
  'startup_script', 'startup_script_timeout', 'shutdown_script', 'shutdown_script_timeout', 'umask', 'random_seed',
  'net_namespace', 'net_namespace_ipvs', 'namespace_with_ipsets', 'instance', 'use_pid_dir',
  'linkbeat_use_polling', 'child_wait_time', 'iproute_usr_dir', 'iproute_etc_dir',
  // Email.
  'notification_email', 'notification_email_from', 'smtp_server', 'smtp_helo_name',
  'smtp_connect_timeout', 'smtp_alert', 'smtp_alert_vrrp', 'smtp_alert_checker',
  'no_email_faults', 'no_checker_emails',
  // Interfaces, addresses, timers (the ones vipd types are in keyword-registry.ts).
  'vmac_addr_prefix', 'disable_local_igmp', 'vrrp_delay_after_boot',
  // Firewall.
  'vrrp_iptables', 'vrrp_ipsets', 'nftables', 'nftables_priority', 'nftables_counters', 'nftables_ifindex',
  'nftables_ipvs', 'nftables_ipvs_priority', 'nftables_ipvs_start_fwmark',
  // LVS notification FIFOs.
  'lvs_notify_fifo', 'lvs_notify_fifo_script',
  // Scheduling and memory.
  'max_auto_priority', 'min_auto_priority_delay', 'vrrp_priority', 'checker_priority', 'bfd_priority',
  'vrrp_no_swap', 'checker_no_swap', 'bfd_no_swap', 'vrrp_cpu_affinity', 'checker_cpu_affinity',
  'bfd_cpu_affinity', 'vrrp_rt_priority', 'checker_rt_priority', 'bfd_rt_priority', 'vrrp_rlimit_rttime',
  'checker_rlimit_rttime', 'bfd_rlimit_rttime',
  // SNMP and DBus.
  'snmp_socket', 'enable_snmp_vrrp', 'enable_snmp_keepalived', 'enable_snmp_checker', 'enable_snmp_rfc',
  'enable_snmp_rfcv2', 'enable_snmp_rfcv3', 'enable_traps', 'snmp_vs_stats_update_interval',
  'snmp_rs_stats_update_interval', 'enable_dbus', 'dbus_service_name', 'dbus_no_interface_name',
  // Netlink and socket buffers.
  'vrrp_netlink_cmd_rcv_bufs', 'vrrp_netlink_cmd_rcv_bufs_force', 'vrrp_netlink_monitor_rcv_bufs',
  'vrrp_netlink_monitor_rcv_bufs_force', 'lvs_netlink_cmd_rcv_bufs', 'lvs_netlink_cmd_rcv_bufs_force',
  'lvs_netlink_monitor_rcv_bufs', 'lvs_netlink_monitor_rcv_bufs_force', 'process_monitor_rcv_bufs',
  'process_monitor_rcv_bufs_force', 'vrrp_rx_bufs_policy', 'vrrp_rx_bufs_multiplier',
  // Reload and dump files (man5 names and the ones keepalived actually reads, reference §1).
  'reload_check_config', 'reload_time_file', 'reload_repeat', 'reload_file', 'data_use_instance',
  'state_file_location', 'stats_file_location', 'json_file_location', 'json_version',
  // Checker/LVS settings that live in global_defs.
  'lvs_id', 'lvs_sync_daemon', 'lvs_timeouts', 'lvs_flush', 'lvs_flush_on_stop', 'rs_init_notifies',
  'checker_log_all_failures',
  // Blocks keepalived also accepts here.
  'static_ipaddress', 'static_routes', 'static_rules', 'linkbeat_interfaces', 'interface_up_down_delays',
];

/** vrrp_instance keywords other than the ones vipd types (man5 "VRRP instance(s)", reference §1). */
export const VRRP_INSTANCE_KEYWORDS: readonly string[] = [
  'native_ipv6', 'linkbeat_use_polling', 'vmac_garp_intvl', 'auth_hmac', 'no_virtual_ipaddress',
  // Deprecated or no-op.
  'debug', 'lvs_sync_daemon_interface',
];

/** vrrp_sync_group keywords other than the ones vipd types (man5 "VRRP synchronization group(s)"). */
export const SYNC_GROUP_KEYWORDS: readonly string[] = ['notify_deleted', 'sync_group_tracking_weight', 'global_tracking'];
