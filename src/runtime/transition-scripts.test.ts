import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LogLine } from '../log/log-lines.js';
import { scriptFor, transitionScriptRunner } from './transition-scripts.js';

const directory = mkdtempSync(join(tmpdir(), 'vipd-transition-scripts-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function recorder(): { lines: LogLine[]; logger: { write(line: LogLine): void } } {
  const lines: LogLine[] = [];
  return { lines, logger: { write: (line) => lines.push(line) } };
}

/** A script that writes its arguments and process group facts to `out`. */
function script(name: string, out: string): string {
  const file = join(directory, name);
  writeFileSync(file, `#!/bin/sh\necho "args=$# pgid=$(ps -o pgid= -p $$ | tr -d ' ') pid=$$" > '${out}'\n`);
  chmodSync(file, 0o755);
  return file;
}

function exited(child: ChildProcess | null): Promise<number | null> {
  assert.ok(child !== null, 'a script was started');
  child.ref(); // the runner unrefs it; the test waits for it
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('transition scripts (vrrpd -U / -D)', () => {
  it('picks -U on becoming master and -D on leaving master, nothing else', () => {
    const scripts = { master: '/u', leftMaster: '/d' };
    assert.deepEqual(scriptFor(scripts, 'backup', 'master'), { role: 'master', file: '/u' });
    assert.deepEqual(scriptFor(scripts, 'initialize', 'master'), { role: 'master', file: '/u' });
    assert.deepEqual(scriptFor(scripts, 'master', 'backup'), { role: 'backup', file: '/d' });
    assert.deepEqual(scriptFor(scripts, 'master', 'fault'), { role: 'backup', file: '/d' });
    assert.deepEqual(scriptFor(scripts, 'master', 'initialize'), { role: 'backup', file: '/d' });
    assert.equal(scriptFor(scripts, 'initialize', 'backup'), null, 'vrrpd runs nothing on entering backup at start-up');
    assert.equal(scriptFor(scripts, 'backup', 'fault'), null);
    assert.equal(scriptFor({ master: null, leftMaster: null }, 'backup', 'master'), null);
  });

  it('runs the script without arguments, in its own process group, and logs it', async () => {
    const masterOut = join(directory, 'master.out');
    const backupOut = join(directory, 'backup.out');
    const { lines, logger } = recorder();
    const run = transitionScriptRunner('VI_1', { master: script('up.sh', masterOut), leftMaster: script('down.sh', backupOut) }, logger);
    const up = run('backup', 'master');
    assert.equal(await exited(up), 0);
    const facts = readFileSync(masterOut, 'utf8');
    assert.match(facts, /^args=0 /);
    const [, pgid, pid] = /pgid=(\d+) pid=(\d+)/.exec(facts) ?? [];
    assert.equal(pgid, pid, 'the script leads its own process group (detached)');
    assert.notEqual(Number(pgid), process.pid);
    assert.equal(await exited(run('master', 'backup')), 0);
    assert.match(readFileSync(backupOut, 'utf8'), /^args=0 /);
    assert.deepEqual(lines.map((l) => l.text), [`(VI_1) running master script ${join(directory, 'up.sh')}`, `(VI_1) running backup script ${join(directory, 'down.sh')}`]);
    assert.equal(run('initialize', 'backup'), null);
  });

  it('logs a script that cannot start in one line naming the file (ENOENT, EACCES)', async () => {
    const notExecutable = join(directory, 'plain.sh');
    writeFileSync(notExecutable, '#!/bin/sh\n');
    chmodSync(notExecutable, 0o644);
    for (const [file, code] of [[join(directory, 'missing.sh'), 'ENOENT'], [notExecutable, 'EACCES']] as const) {
      const { lines, logger } = recorder();
      const child = transitionScriptRunner('VI_1', { master: file, leftMaster: null }, logger)('backup', 'master');
      assert.ok(child !== null);
      child.ref();
      await new Promise((resolve) => child.once('close', resolve));
      assert.deepEqual(lines.slice(1), [{ level: 'warning', text: `(VI_1) cannot run master script ${file}: ${code}` }]);
    }
  });
});
