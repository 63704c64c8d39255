/**
 * `vipd -t` on real files that use include, @ID and $ parameters. The
 * instance runs on lo, which every network namespace has, so -t's interface
 * check passes without a lab.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { defaultConfigId } from './load-config.js';

const VIPD = fileURLToPath(new URL('../bin/vipd.js', import.meta.url));

describe('vipd -t with the configuration language', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'vipd-t-'));
    mkdirSync(join(root, 'conf.d/instances'), { recursive: true });
    writeFileSync(
      join(root, 'keepalived.conf'),
      [
        '$IF=lo',
        '@lb1 $PRIO=150',
        '@lb2 $PRIO=300',
        `@${defaultConfigId(hostname())} $PRIO=120`,
        'include conf.d/{globals,instances/*}.conf',
      ].join('\n'),
    );
    writeFileSync(join(root, 'missing-interface.conf'), '$PRIO=100\n$IF=vipd-none0\ninclude conf.d/instances/lo.conf\n');
    writeFileSync(join(root, 'conf.d/globals.conf'), 'global_defs {\n    router_id ${_INSTANCE}\n}\n');
    writeFileSync(
      join(root, 'conf.d/instances/lo.conf'),
      ['vrrp_instance VI_LO {', '    interface ${IF}', '    virtual_router_id 51', '    priority $PRIO', '    virtual_ipaddress {', '        ~SEQ(N, 1, 3) 10.99.0.${N}/32', '    }', '}'].join('\n'),
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** `vipd -t ARGS…`, with keepalived.conf unless ARGS name another file. */
  const vipdTest = (...args: string[]): { status: number | null; stderr: string } => {
    const { status, stderr } = vipdTestWithOutput(...args);
    return { status, stderr };
  };
  const vipdTestWithOutput = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const file = args.includes('-f') ? [] : ['-f', join(root, 'keepalived.conf')];
    const result = spawnSync(process.execPath, [VIPD, '-t', ...args, ...file], { encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('passes for -i lb1, reading the included files', () => {
    assert.deepEqual(vipdTest('-i', 'lb1'), { status: 0, stderr: '' });
  });

  it('fails for -i lb2, naming the included file, its line and the include line', () => {
    assert.deepEqual(vipdTest('-i', 'lb2'), {
      status: 5,
      stderr:
        `${root}/conf.d/instances/lo.conf:4: error: (vrrp_instance VI_LO) priority 300 is out of range; use a value from 1 to 255 ` +
        `(included from ${root}/keepalived.conf:5:1)\n`,
    });
  });

  it('-d prints the effective configuration after the check, which is itself a file -t passes', () => {
    const dumped = vipdTestWithOutput('-d', '-i', 'lb1');
    assert.equal(dumped.status, 0);
    assert.equal(dumped.stderr, '');
    assert.match(dumped.stdout, /^global_defs \{\n {4}router_id lb1\n/);
    assert.match(dumped.stdout, /^vrrp_instance VI_LO \{\n {4}interface lo\n {4}virtual_router_id 51\n {4}priority 150\n/m);
    assert.match(dumped.stdout, /^ {8}10\.99\.0\.1\/32\n {8}10\.99\.0\.2\/32\n {8}10\.99\.0\.3\/32\n/m);
    writeFileSync(join(root, 'dumped.conf'), dumped.stdout);
    assert.deepEqual(vipdTestWithOutput('-d', '-f', join(root, 'dumped.conf')), { status: 0, stdout: dumped.stdout, stderr: '' });
  });

  it('-d prints nothing when the check finds errors, and the exit code is unchanged', () => {
    const failed = vipdTestWithOutput('-d', '-i', 'lb2');
    assert.equal(failed.status, 5);
    assert.equal(failed.stdout, '');
  });

  it('uses the host name up to its first dot without -i', () => {
    assert.deepEqual(vipdTest(), { status: 0, stderr: '' });
  });

  it('names the include line when an included instance names an interface that does not exist', () => {
    assert.deepEqual(vipdTest('-i', 'lb1', '-f', join(root, 'missing-interface.conf')), {
      status: 5,
      stderr: `${root}/conf.d/instances/lo.conf:1: error: (vrrp_instance VI_LO) interface vipd-none0 doesn't exist (included from ${root}/missing-interface.conf:3:1)\n`,
    });
  });
});
