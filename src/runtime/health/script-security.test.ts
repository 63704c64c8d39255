import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  checkScriptSecurity,
  inspectScript,
  pathSearchLine,
  scriptAllowed,
  scriptSecurityLines,
  securityViolationLine,
  trackScriptDisabledLine,
  type FileStat,
  type StatLookup,
} from './script-security.js';

const DIR = 0o040000;
const FILE = 0o100000;

/** The layout of the keepalived 2.2.7 experiment (/run/kxs), as stat results. */
const layout: Record<string, FileStat> = {
  '/': { uid: 0, gid: 0, mode: DIR | 0o755 },
  '/run': { uid: 0, gid: 0, mode: DIR | 0o755 },
  '/run/kxs': { uid: 0, gid: 0, mode: DIR | 0o755 },
  '/run/kxs/ok': { uid: 0, gid: 0, mode: FILE | 0o755 },
  '/run/kxs/gw': { uid: 0, gid: 0, mode: FILE | 0o775 },
  '/run/kxs/ow': { uid: 0, gid: 0, mode: FILE | 0o757 },
  '/run/kxs/u1000': { uid: 1000, gid: 1000, mode: FILE | 0o755 },
  '/run/kxs/g1000w': { uid: 0, gid: 1000, mode: FILE | 0o775 },
  '/run/kxs/noexec': { uid: 0, gid: 0, mode: FILE | 0o644 },
  '/run/kxs/wdir': { uid: 0, gid: 0, mode: DIR | 0o777 },
  '/run/kxs/wdir/s': { uid: 0, gid: 0, mode: FILE | 0o755 },
  '/run/kxs/sdir': { uid: 0, gid: 0, mode: DIR | 0o1777 },
  '/run/kxs/sdir/s': { uid: 0, gid: 0, mode: FILE | 0o755 },
  '/run/kxs/gdir': { uid: 0, gid: 1000, mode: DIR | 0o770 },
  '/run/kxs/gdir/s': { uid: 0, gid: 0, mode: FILE | 0o755 },
  '/run/kxs/udir': { uid: 1000, gid: 0, mode: DIR | 0o755 },
  '/run/kxs/udir/s': { uid: 0, gid: 0, mode: FILE | 0o755 },
};
const stat: StatLookup = (path) => layout[path] ?? null;
const NOBODY = { uid: 65534, gid: 65534 };

describe('checkScriptSecurity', () => {
  // What keepalived 2.2.7 did with each script run as root.
  const asRoot: [string, string][] = [
    ['/run/kxs/ok', 'safe'],
    ['/run/kxs/gw', 'safe'],
    ['/run/kxs/ow', 'unsafe'],
    ['/run/kxs/u1000', 'unsafe'],
    ['/run/kxs/g1000w', 'unsafe'],
    ['/run/kxs/wdir/s', 'unsafe'],
    ['/run/kxs/sdir/s', 'safe'],
    ['/run/kxs/gdir/s', 'unsafe'],
    ['/run/kxs/udir/s', 'unsafe'],
    ['/run/kxs/noexec', 'notExecutable'],
    ['/nonexistent/x', 'inaccessible'],
  ];
  for (const [path, kind] of asRoot) {
    it(`${path} run as root is ${kind}`, () => {
      assert.equal(checkScriptSecurity(path, stat).kind, kind);
    });
  }

  it('names the offending component and why', () => {
    assert.deepEqual(checkScriptSecurity('/run/kxs/gdir/s', stat), { kind: 'unsafe', path: '/run/kxs/gdir/s', component: '/run/kxs/gdir', reason: 'writableByNonRootGroup' });
    assert.deepEqual(checkScriptSecurity('/run/kxs/u1000', stat), { kind: 'unsafe', path: '/run/kxs/u1000', component: '/run/kxs/u1000', reason: 'notOwnedByRoot' });
  });

  it('does not judge scripts run as a non-root user and group (script_user nobody)', () => {
    for (const path of ['/run/kxs/ow', '/run/kxs/u1000', '/run/kxs/g1000w', '/run/kxs/wdir/s']) {
      assert.equal(checkScriptSecurity(path, stat, NOBODY).kind, 'safe', path);
    }
  });

  it('judges scripts run with group root (script_user nobody root)', () => {
    for (const path of ['/run/kxs/ow', '/run/kxs/u1000', '/run/kxs/g1000w']) {
      assert.equal(checkScriptSecurity(path, stat, { uid: 65534, gid: 0 }).kind, 'unsafe', path);
    }
  });

  it('reports a directory the user cannot search as Permission denied (nobody and gdir 770)', () => {
    assert.deepEqual(checkScriptSecurity('/run/kxs/gdir/s', stat, NOBODY), { kind: 'inaccessible', path: '/run/kxs/gdir/s', error: 'Permission denied' });
  });
});

describe('script security lines', () => {
  it('words refusal and warning as keepalived does', () => {
    const unsafe = checkScriptSecurity('/run/kxs/ow', stat);
    assert.deepEqual(scriptSecurityLines(unsafe, true).map((l) => l.text), ["Unsafe permissions found for script '/run/kxs/ow' - disabling."]);
    assert.deepEqual(scriptSecurityLines(unsafe, false).map((l) => l.text), ["Unsafe permissions found for script '/run/kxs/ow'."]);
    assert.equal(scriptAllowed(unsafe, true), false);
    assert.equal(scriptAllowed(unsafe, false), true);
    assert.equal(trackScriptDisabledLine('c3', unsafe, true)?.text, 'Disabling track script c3 due to insecure');
    assert.equal(trackScriptDisabledLine('c3', unsafe, false), null);
  });

  it('words missing and non-executable scripts as keepalived does', () => {
    const missing = checkScriptSecurity('/nonexistent/x', stat);
    assert.deepEqual(scriptSecurityLines(missing, true).map((l) => l.text), ['Script /nonexistent/x cannot be accessed - No such file or directory']);
    assert.equal(trackScriptDisabledLine('chk_missing', missing, false)?.text, 'Disabling track script chk_missing since not found/accessible');
    const noexec = checkScriptSecurity('/run/kxs/noexec', stat);
    assert.deepEqual(scriptSecurityLines(noexec, false).map((l) => l.text), ["WARNING - script '/run/kxs/noexec' is not executable for uid:gid 0:0 - disabling."]);
    assert.equal(scriptAllowed(noexec, false), false);
  });

  it('words the security violation and the path search', () => {
    assert.equal(securityViolationLine(true).text, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled. There are insecure scripts.');
    assert.equal(securityViolationLine(false).text, 'SECURITY VIOLATION - scripts are being executed but script_security not enabled.');
    assert.equal(pathSearchLine('true', '/usr/bin/true').text, 'WARNING - script `true` resolved by path search to `/usr/bin/true`. Please specify full path.');
  });
});

describe('inspectScript (real files)', { skip: process.getuid?.() !== 0 ? 'needs root to chown' : false }, () => {
  it('resolves symlinks and checks the target, and searches PATH for bare names', (t) => {
    const base = mkdtempSync(join(tmpdir(), 'vipd-security-'));
    t.after(() => rmSync(base, { recursive: true, force: true }));
    chmodSync(base, 0o755);
    const safe = join(base, 'safe');
    writeFileSync(safe, '#!/bin/sh\n');
    chmodSync(safe, 0o755);
    const open = join(base, 'open');
    mkdirSync(open, 0o755);
    chmodSync(open, 0o777);
    const unsafe = join(open, 'script');
    writeFileSync(unsafe, '#!/bin/sh\n');
    chmodSync(unsafe, 0o755);
    const owned = join(base, 'owned');
    writeFileSync(owned, '#!/bin/sh\n');
    chmodSync(owned, 0o755);
    chownSync(owned, 1000, 1000);
    symlinkSync(unsafe, join(base, 'link-to-unsafe'));
    symlinkSync(safe, join(open, 'link-to-safe'));

    assert.equal(inspectScript(safe).verdict.kind, 'safe');
    assert.equal(inspectScript(owned).verdict.kind, 'unsafe');
    // keepalived judged the link target, and named it.
    assert.deepEqual(inspectScript(join(base, 'link-to-unsafe')).verdict, { kind: 'unsafe', path: unsafe, component: open, reason: 'writableByOthers' });
    assert.equal(inspectScript(join(open, 'link-to-safe')).verdict.kind, 'safe');
    const bare = inspectScript('safe', undefined, undefined, `relative:${base}`);
    assert.equal(bare.resolvedByPathSearch, safe);
    assert.equal(bare.verdict.kind, 'safe');
    assert.equal(inspectScript('no-such-program-here', undefined, undefined, base).verdict.kind, 'inaccessible');
  });
});
