/**
 * The real file system and user database for script-security.ts: realpath,
 * stat, /etc/passwd (getpwnam without a native call) and $PATH.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { ScriptFileSystem } from './script-security.js';

export function hostScriptFileSystem(): ScriptFileSystem {
  return {
    realPath(path) {
      try {
        return realpathSync(path);
      } catch {
        return null;
      }
    },
    stat(path) {
      try {
        const stats = statSync(path);
        return { uid: stats.uid, gid: stats.gid, mode: stats.mode };
      } catch {
        return null;
      }
    },
    userId(name) {
      return passwdUserId(readPasswd(), name);
    },
    searchPath: (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').filter((d) => d !== ''),
  };
}

function readPasswd(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}

/** The uid of `name` in passwd(5) text; null when it is not there. */
export function passwdUserId(passwd: string, name: string): number | null {
  for (const line of passwd.split('\n')) {
    const [user, , uid] = line.split(':');
    if (user === name && uid !== undefined && /^\d+$/.test(uid)) return Number(uid);
  }
  return null;
}
