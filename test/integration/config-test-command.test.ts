/**
 * `vipd -t` against keepalived's own `-t` on the same files, in a namespace
 * that has an eth0 (both check that interfaces exist): the same verdict, with
 * vipd naming file:line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('vipd -t matches keepalived -t', { skip: !availability.available ? availability.reason : !keepalivedInstalled ? 'keepalived is not installed' : false }, () => {
  let lab: Lab;
  let directory: string;
  before(async () => {
    lab = await Lab.create({ hosts: 1 });
    directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-configs-`));
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

  it('a missing file is fatal (4) for vipd, where keepalived -t says 0', () => {
    const file = join(directory, 'does-not-exist.conf');
    const vipd = run(process.execPath, [VIPD, '-t', '-f', file]);
    assert.equal(vipd.status, 4);
    assert.match(vipd.stderr, /Config file missing/);
  });
});
