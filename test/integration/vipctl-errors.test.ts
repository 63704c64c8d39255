/** vipctl refuses bad input with one line and a non-zero exit, and changes nothing. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const VIPCTL = fileURLToPath(new URL('../../src/bin/vipctl.js', import.meta.url));
const vipctl = (...args: string[]): { status: number | null; stderr: string; stdout: string } => {
  const r = spawnSync(process.execPath, [VIPCTL, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

describe('vipctl errors', () => {
  it('an unknown command', () => {
    const r = vipctl('frobnicate');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'vipctl: unknown command "frobnicate"; try vipctl --help\n');
  });

  it('no daemon behind the socket', () => {
    const r = vipctl('--socket', '/nonexistent/vipd.sock', 'status');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'vipctl: cannot reach vipd on /nonexistent/vipd.sock: no such socket (is vipd running?)\n');
  });

  it('an unknown option', () => {
    const r = vipctl('status', '--frobnicate');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^vipctl: .*frobnicate.*\n$/);
  });
});
