import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigMessage } from '../config/config-message.js';
import { configOf, instance } from '../config/config-test-helpers.js';
import { checkScriptSecurity, type FileOwnership, type ScriptFileSystem } from './script-security.js';
import { passwdUserId } from './script-file-system.js';

const DIR: FileOwnership = { uid: 0, gid: 0, mode: 0o40755 };
const FILE_SAFE: FileOwnership = { uid: 0, gid: 0, mode: 0o100755 };

/** A file system of `entries` (path → ownership); /etc/keepalived and its parents are root's unless given. */
function fakeFs(entries: Record<string, FileOwnership>, users: Record<string, number> = { root: 0, nobody: 65534 }): ScriptFileSystem {
  const all: Record<string, FileOwnership> = { '/': DIR, '/etc': DIR, '/etc/keepalived': DIR, '/usr': DIR, '/usr/bin': DIR, ...entries };
  return {
    realPath: (path) => (path in all ? path : null),
    stat: (path) => all[path] ?? null,
    userId: (name) => users[name] ?? null,
    searchPath: ['/usr/bin'],
  };
}

const withScript = (globals: string, script = '/etc/keepalived/check.sh'): string =>
  `global_defs {\n${globals}\n}\nvrrp_script chk {\n    script "${script} --quick"\n}\n${instance('    track_script {\n        chk\n    }')}`;

const lines = (globals: string, fs: ScriptFileSystem, script?: string): { lines: string[]; violation: boolean } => {
  const report = checkScriptSecurity(configOf(withScript(globals, script)), fs);
  return { lines: report.messages.map((m) => formatConfigMessage(m)), violation: report.securityViolation };
};

describe('script security (vipd -t)', () => {
  it('says nothing without scripts', () => {
    const report = checkScriptSecurity(configOf(instance('')), fakeFs({}));
    assert.deepEqual(report, { messages: [], securityViolation: false });
  });

  it("reports keepalived's SECURITY VIOLATION (exit 6) for root scripts without enable_script_security", () => {
    const safe = lines('    router_id a', fakeFs({ '/etc/keepalived/check.sh': FILE_SAFE }));
    assert.equal(safe.violation, true);
    assert.deepEqual(safe.lines, [
      'keepalived.conf:5:5: warning: (vrrp_script chk) SECURITY VIOLATION - scripts are being executed but script_security not enabled. Add enable_script_security (and a script_user) to global_defs, as keepalived -t (exit 6) asks',
    ]);
    const unsafe = lines('    router_id a', fakeFs({ '/etc/keepalived/check.sh': { ...FILE_SAFE, mode: 0o100777 } }));
    assert.match(unsafe.lines[0] ?? '', /not enabled\. There are insecure scripts\./);
    assert.equal(lines('    script_user nobody', fakeFs({ '/etc/keepalived/check.sh': FILE_SAFE })).violation, false);
    assert.equal(lines('    router_id a', fakeFs({})).violation, false, 'a script that does not exist never runs');
  });

  it('needs a user to run scripts as: keepalived_script, when script_user does not name one', () => {
    const { lines: out, violation } = lines('    enable_script_security', fakeFs({ '/etc/keepalived/check.sh': FILE_SAFE }));
    assert.equal(violation, false);
    assert.deepEqual(out, [
      'keepalived.conf:5:5: error: (vrrp_script chk) Unable to set default user keepalived_script for script (there is no such user); add "script_user USER" to global_defs or create the keepalived_script user',
    ]);
    assert.deepEqual(
      lines('    enable_script_security', fakeFs({ '/etc/keepalived/check.sh': FILE_SAFE }, { root: 0, keepalived_script: 990 })).lines,
      [],
    );
    assert.match(lines('    enable_script_security\n    script_user nosuch', fakeFs({})).lines[0] ?? '', /there is no user nosuch/);
    // keepalived -t: "Error setting global script uid/gid", exit 5 rather than 6, with or without enable_script_security.
    const unknown = lines('    script_user nosuch', fakeFs({ '/etc/keepalived/check.sh': FILE_SAFE }));
    assert.equal(unknown.violation, false);
    assert.match(unknown.lines[0] ?? '', /error: \(vrrp_script chk\) Error setting script uid\/gid: there is no user nosuch/);
  });

  it('refuses a root script that a non-root user could change, naming the file or directory', () => {
    const root = '    enable_script_security\n    script_user root';
    const cases: [Record<string, FileOwnership>, string | null][] = [
      [{ '/etc/keepalived/check.sh': FILE_SAFE }, null],
      [{ '/etc/keepalived/check.sh': { ...FILE_SAFE, mode: 0o100775 } }, null],
      [{ '/etc/keepalived/check.sh': { ...FILE_SAFE, mode: 0o100757 } }, 'the script /etc/keepalived/check.sh is writable by every user'],
      [{ '/etc/keepalived/check.sh': { ...FILE_SAFE, uid: 1000 } }, 'the script /etc/keepalived/check.sh is owned by uid 1000, not root'],
      [{ '/etc/keepalived/check.sh': { ...FILE_SAFE, gid: 100, mode: 0o100775 } }, 'the script /etc/keepalived/check.sh is writable by group 100'],
      [{ '/etc/keepalived': { ...DIR, mode: 0o40777 }, '/etc/keepalived/check.sh': FILE_SAFE }, 'the directory /etc/keepalived is writable by every user'],
      [{ '/etc/keepalived': { ...DIR, mode: 0o41777 }, '/etc/keepalived/check.sh': FILE_SAFE }, null],
    ];
    for (const [entries, problem] of cases) {
      const out = lines(root, fakeFs(entries)).lines;
      if (problem === null) assert.deepEqual(out, [], JSON.stringify(entries));
      else {
        assert.equal(out.length, 1, JSON.stringify(entries));
        assert.ok(out[0]?.includes(`error: (vrrp_script chk) Disabling track script chk due to insecure permissions: ${problem}`), out[0]);
      }
    }
  });

  it('looks a command without a slash up in $PATH, and reports one that is not found', () => {
    const root = '    enable_script_security\n    script_user root';
    assert.deepEqual(lines(root, fakeFs({ '/usr/bin/pgrep': FILE_SAFE }), 'pgrep').lines, []);
    assert.deepEqual(lines(root, fakeFs({}), 'pgrep').lines, [
      "keepalived.conf:6:5: error: (vrrp_script chk) Disabling track script chk since not found/accessible: pgrep cannot be found; give the script's full path",
    ]);
  });

  it('checks notify commands too (a missing one is a warning), and leaves scripts run as another user alone', () => {
    const text = `global_defs {\n    enable_script_security\n    script_user root\n}\n${instance('    notify_master "/tmp/x.sh a"\n    notify_backup "/tmp/y.sh" nobody\n    notify_fault /tmp/z.sh')}`;
    const fs = fakeFs({ '/tmp': { ...DIR, mode: 0o41777 }, '/tmp/x.sh': { ...FILE_SAFE, uid: 1000 }, '/tmp/y.sh': { ...FILE_SAFE, uid: 1000 } });
    const out = checkScriptSecurity(configOf(text), fs).messages.map((m) => formatConfigMessage(m));
    assert.deepEqual(out, [
      'keepalived.conf:6:5: error: (vrrp_instance VI_1) Disabling notify script (master) due to insecure permissions: the script /tmp/x.sh is owned by uid 1000, not root, and the script runs as root; make the script and every directory above it owned by root and writable by root only',
      "keepalived.conf:8:5: warning: (vrrp_instance VI_1) Disabling notify script (fault) since not found/accessible: /tmp/z.sh cannot be found; give the script's full path",
    ]);
  });

  it('reads uids from passwd(5)', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/bash\nkeepalived_script:x:990:990::/:/usr/sbin/nologin\n';
    assert.equal(passwdUserId(passwd, 'root'), 0);
    assert.equal(passwdUserId(passwd, 'keepalived_script'), 990);
    assert.equal(passwdUserId(passwd, 'nobody'), null);
  });
});
