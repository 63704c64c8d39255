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
    const file = args.includes('-f') ? [] : ['-f', join(root, 'keepalived.conf')];
    const result = spawnSync(process.execPath, [VIPD, '-t', ...args, ...file], { encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stderr: result.stderr };
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
