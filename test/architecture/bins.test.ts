import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/repo-root.js';

const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string> };

describe('package bins', () => {
  const answers: Record<string, { args: string[]; output: RegExp }> = {
    vipd: { args: ['--version'], output: /^vipd v\d+\.\d+\.\d+\n$/ },
    vipctl: { args: ['--help'], output: /^Usage: vipctl / },
  };
  for (const [name, { args, output }] of Object.entries(answers)) {
    it(`${name} is declared, built and answers ${args.join(' ')}`, () => {
      const target = pkg.bin[name];
      assert.ok(target !== undefined, `${name} missing from package.json bin`);
      const path = join(repoRoot(), target);
      assert.ok(existsSync(path), `${target} not built`);
      assert.match(readFileSync(path, 'utf8'), /^#!\/usr\/bin\/env node/);
      const run = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(run.error, undefined);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, output);
    });
  }
});
