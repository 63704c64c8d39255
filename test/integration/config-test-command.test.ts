/**
 * `vipd -t` against keepalived's own `-t` on the same files, in a namespace
 * that has an eth0 (both check that interfaces exist): the same verdict, with
 * vipd naming file:line. The script-security cases use scripts written here,
 * one in a directory every user may write to: the same exit code (0, 5, 6).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability } from '../../src/lab/namespace-lan.js';

const availability = await labAvailability();
const keepalivedInstalled = spawnSync('keepalived', ['-v'], { encoding: 'utf8' }).error === undefined;
const VIPD = fileURLToPath(new URL('../../src/bin/vipd.js', import.meta.url));

const instance = (body: string): string => `vrrp_instance VI_1 {
    interface eth0
${body}
    virtual_ipaddress {
        10.99.0.100/24
    }
}
`;

const FILES: Record<string, { text: string; vipdLine: RegExp | null }> = {
  good: { text: instance('    virtual_router_id 51\n    priority 100'), vipdLine: null },
  unknownKeyword: { text: instance('    virtual_router_id 51\n    prioirty 100'), vipdLine: /:4:5: warning: \(vrrp_instance VI_1\) unknown keyword "prioirty" \(did you mean "priority"\?\)/ },
  vridOutOfRange: { text: instance('    virtual_router_id 300'), vipdLine: /:3:\d+: error: \(vrrp_instance VI_1\) .*virtual_router_id/ },
  missingInterface: { text: instance('    virtual_router_id 51').replace('eth0', 'eth9'), vipdLine: /:1: error: \(vrrp_instance VI_1\) interface eth9 doesn't exist/ },
  garpIntervalZero: { text: `global_defs {\n    vrrp_garp_interval 0\n}\n${instance('    virtual_router_id 51')}`, vipdLine: /:2:\d+: error: .*vrrp_garp_interval/ },
};

/** Configurations that run scripts in `directory` (safe/check.sh is root's, 0755; open/check.sh is in a 0777 directory). */
const scriptFiles = (directory: string): Record<string, { text: string; status: number | null; vipdLine: RegExp }> => {
  const withScript = (globals: string, script: string): string =>
    `global_defs {\n${globals}\n}\nvrrp_script chk {\n    script "${script}"\n}\n` +
    instance('    virtual_router_id 51\n    track_script {\n        chk\n    }');
  return {
    scriptsWithoutSecurity: {
      text: instance(`    virtual_router_id 51\n    notify_master "${directory}/safe/check.sh"`),
      status: 6,
      vipdLine: /:4:5: warning: \(vrrp_instance VI_1\) SECURITY VIOLATION - scripts are being executed but script_security not enabled\./,
    },
    safeScriptAsRoot: {
      text: withScript('    enable_script_security\n    script_user root', `${directory}/safe/check.sh`),
      status: 0,
      // Nothing to report: vrrp_script has landed and the script is safe.
      vipdLine: /^(?![\s\S]*(error|not supported yet))/,
    },
    insecureScriptAsRoot: {
      text: withScript('    enable_script_security\n    script_user root', `${directory}/open/check.sh`),
      status: 5,
      vipdLine: /:6:5: error: \(vrrp_script chk\) Disabling track script chk due to insecure permissions: the directory .*\/open is writable by every user/,
    },
    missingScript: {
      text: withScript('    enable_script_security\n    script_user root', `${directory}/safe/missing.sh`),
      status: 5,
      vipdLine: /:6:5: error: \(vrrp_script chk\) Disabling track script chk since not found\/accessible/,
    },
    // 5 where there is no keepalived_script user (as on CI); 0 where there is one. Either way the same as keepalived.
    defaultScriptUser: {
      text: withScript('    enable_script_security', `${directory}/safe/check.sh`),
      status: null,
      vipdLine: /keepalived_script|vrrp_script is not supported yet/,
    },
  };
};

describe('vipd -t matches keepalived -t', { skip: !availability.available ? availability.reason : !keepalivedInstalled ? 'keepalived is not installed' : false }, () => {
  let lab: Lab;
  let directory: string;
  before(async () => {
    lab = await Lab.create({ hosts: 1 });
    directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-configs-`));
    chmodSync(directory, 0o755);
    for (const [sub, mode] of [['safe', 0o755], ['open', 0o777]] as const) {
      mkdirSync(join(directory, sub));
      chmodSync(join(directory, sub), mode);
      writeFileSync(join(directory, sub, 'check.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    }
  });
  after(async () => {
    rmSync(directory, { recursive: true, force: true });
    await lab.destroy();
  });

  const run = (command: string, args: string[]): { status: number | null; stderr: string } => {
    const result = spawnSync('ip', ['netns', 'exec', lab.host(1).namespace, command, ...args], { encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stderr: result.stderr + result.stdout };
  };

  for (const [name, { text, vipdLine }] of Object.entries(FILES)) {
    it(`${name}: the same exit code${vipdLine === null ? '' : ', and vipd names the line'}`, () => {
      const file = join(directory, `${name}.conf`);
      writeFileSync(file, text);
      const keepalived = run('keepalived', ['-t', '-f', file]);
      const vipd = run(process.execPath, [VIPD, '-t', '-f', file]);
      assert.equal(vipd.status, keepalived.status, `vipd: ${vipd.stderr}\nkeepalived: ${keepalived.stderr}`);
      assert.equal(vipd.status, name === 'good' ? 0 : 5);
      if (vipdLine !== null) assert.match(vipd.stderr, vipdLine);
    });
  }

  it('script security: the same exit code (6 without enable_script_security, 5 for refused scripts)', () => {
    for (const [name, { text, status, vipdLine }] of Object.entries(scriptFiles(directory))) {
      const file = join(directory, `${name}.conf`);
      writeFileSync(file, text);
      const keepalived = run('keepalived', ['-t', '-f', file]);
      const vipd = run(process.execPath, [VIPD, '-t', '-f', file]);
      assert.equal(vipd.status, keepalived.status, `${name}\nvipd: ${vipd.stderr}\nkeepalived: ${keepalived.stderr}`);
      if (status !== null) assert.equal(vipd.status, status, name);
      assert.match(vipd.stderr, vipdLine, name);
    }
  });

  it('a missing file is fatal (4) for vipd, where keepalived -t says 0', () => {
    const file = join(directory, 'does-not-exist.conf');
    const vipd = run(process.execPath, [VIPD, '-t', '-f', file]);
    assert.equal(vipd.status, 4);
    assert.match(vipd.stderr, /Config file missing/);
  });
});
