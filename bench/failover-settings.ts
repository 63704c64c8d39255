/**
 * The three timing settings of the failover benchmark and the one
 * keepalived.conf text both daemons run (only the VRID, the VIP and the
 * priority differ between the four routers).
 */
import { masterDownIntervalMs } from '../test/integration/failover-timing.js';

export type SettingId = 'v2-1s' | 'v3-50ms' | 'v3-10ms';

export interface FailoverSetting {
  readonly id: SettingId;
  /** As printed in the tables. */
  readonly label: string;
  readonly version: 2 | 3;
  /** advert_int in centiseconds. */
  readonly intervalCs: number;
  /** advert_int as written in keepalived.conf (seconds). */
  readonly advertInt: string;
}

export const SETTINGS: readonly FailoverSetting[] = [
  { id: 'v2-1s', label: 'v2 1 s', version: 2, intervalCs: 100, advertInt: '1' },
  { id: 'v3-50ms', label: 'v3 50 ms', version: 3, intervalCs: 5, advertInt: '0.05' },
  { id: 'v3-10ms', label: 'v3 10 ms', version: 3, intervalCs: 1, advertInt: '0.01' },
];

export const MASTER_PRIORITY = 150;
export const BACKUP_PRIORITY = 100;
/** VRID A (the vipd pair) and VRID B (the keepalived pair). */
export const VIPD_VRID = 51;
export const KEEPALIVED_VRID = 52;
export const INSTANCE = 'VI_1';

export function intervalMs(setting: FailoverSetting): number {
  return setting.intervalCs * 10;
}

/**
 * RFC 3768 §6.1 / RFC 5798 §6.1 Master_Down_Interval of the backup (priority
 * 100) in ms: 3 × interval + Skew_Time, where Skew_Time is (256 − p)/256 s in
 * v2 and (256 − p) × interval / 256 in v3.
 */
export function backupMasterDownIntervalMs(setting: FailoverSetting): number {
  return masterDownIntervalMs(setting.version, BACKUP_PRIORITY, setting.intervalCs);
}

/** The keepalived.conf both daemons get: identical text for vipd and keepalived apart from VRID and VIP. */
export function routerConfig(setting: FailoverSetting, vrid: number, vip: string, priority: number): string {
  return `! vipd bench/failover: ${setting.label}
global_defs {
    router_id bench-failover-${vrid}-${priority}
}
vrrp_instance ${INSTANCE} {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    version ${setting.version}
    advert_int ${setting.advertInt}
    virtual_ipaddress {
        ${vip}/24
    }
}
`;
}
