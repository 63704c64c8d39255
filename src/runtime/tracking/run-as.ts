/**
 * Who scripts run as (keepalived.conf(5) script_user, `user` of vrrp_script,
 * the `u [:][g]` of notify_*): names resolved to uid/gid from /etc/passwd and
 * /etc/group. Without any setting keepalived runs scripts as
 * `keepalived_script` when that user exists, else as root.
 */
import { readFileSync } from 'node:fs';
import type { RunAs } from '../../config/config-types.js';
import type { ScriptUser } from '../health/process-runner.js';

export const ROOT_USER: ScriptUser = { uid: 0, gid: 0 };
const DEFAULT_SCRIPT_USER = 'keepalived_script';

export interface AccountDatabase {
  /** uid and primary gid of a user name, or null. */
  user(name: string): ScriptUser | null;
  group(name: string): number | null;
}

/** /etc/passwd and /etc/group, read once. */
export function systemAccounts(read: (path: string) => string = (path) => readFileSync(path, 'utf8')): AccountDatabase {
  const table = (path: string): string[][] => {
    try {
      return read(path)
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => line.split(':'));
    } catch {
      return [];
    }
  };
  const passwd = table('/etc/passwd');
  const groups = table('/etc/group');
  return {
    user(name) {
      const row = passwd.find((r) => r[0] === name);
      const uid = Number(row?.[2]);
      const gid = Number(row?.[3]);
      return row !== undefined && Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
    },
    group(name) {
      const gid = Number(groups.find((r) => r[0] === name)?.[2]);
      return Number.isInteger(gid) ? gid : null;
    },
  };
}

export type RunAsResolution = { readonly ok: true; readonly user: ScriptUser } | { readonly ok: false; readonly reason: string };

/** `runAs` if given, else the global script_user, else keepalived's default. */
export function resolveRunAs(runAs: RunAs | null, scriptUser: RunAs | null, accounts: AccountDatabase): RunAsResolution {
  const chosen = runAs ?? scriptUser;
  if (chosen === null) return { ok: true, user: accounts.user(DEFAULT_SCRIPT_USER) ?? ROOT_USER };
  const user = accounts.user(chosen.user);
  if (user === null) return { ok: false, reason: `user ${chosen.user} does not exist` };
  if (chosen.group === null) return { ok: true, user };
  const gid = accounts.group(chosen.group);
  if (gid === null) return { ok: false, reason: `group ${chosen.group} does not exist` };
  return { ok: true, user: { uid: user.uid, gid } };
}
