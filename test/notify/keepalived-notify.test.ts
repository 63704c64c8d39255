/**
 * vipd's notify executor against keepalived 2.2.7 itself.
 *
 * keepalived runs in a throwaway network namespace with a sync group of two
 * instances, notify scripts with quoted arguments on the instance and the
 * group, and a notify FIFO. It is driven MASTER → FAULT (a weight-0
 * track_file) → BACKUP → STOP. Its FIFO lines give the transitions; vipd's
 * NotifyExecutor is then fed the same transitions with the same notify
 * strings (split by splitScriptWords) and must produce the same FIFO lines,
 * in the same order, and the same script invocations with the same argv.
 * Scripts are launched without waiting (by keepalived and by vipd), so the
 * invocations are compared as multisets.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnProcessRunner } from '../../src/runtime/health/process-runner.js';
import { splitScriptWords } from '../../src/runtime/health/script-words.js';
import { NotifyExecutor } from '../../src/runtime/notify/notify-executor.js';
import { NotifyFifo } from '../../src/runtime/notify/notify-fifo.js';
import type { NotifySpec, NotifyState, NotifyTransition } from '../../src/runtime/notify/notify-spec.js';
import { eventually } from '../integration/interop-support.js';

const KEEPALIVED = '/usr/sbin/keepalived';

function skipReason(): string | false {
  if (process.getuid?.() !== 0) return 'needs root for a network namespace';
  if (!existsSync(KEEPALIVED)) return `${KEEPALIVED} is not installed`;
  if (spawnSync('ip', ['-V']).status !== 0) return 'iproute2 (ip) is missing';
  return false;
}

type NotifyStrings = Partial<Record<'master' | 'backup' | 'fault' | 'stop' | 'generic', string>>;

/** Notify strings as written in keepalived.conf (inside its double quotes). */
function notifyStrings(dir: string) {
  return {
    instance: {
      master: `${dir}/vi_master a 'b c' d"e f"`,
      backup: `${dir}/vi_backup`,
      fault: `${dir}/vi_fault f1`,
      stop: `${dir}/vi_stop 'last word'`,
      generic: `${dir}/notify_all x 'y z'`,
    },
    second: { generic: `${dir}/notify_all` },
    group: {
      master: `${dir}/g_master g1`,
      backup: `${dir}/g_backup`,
      fault: `${dir}/g_fault`,
      stop: `${dir}/g_stop`,
      generic: `${dir}/notify_all grp`,
    },
  };
}

/**
 * A script that appends "name:[arg1][arg2]…" to calls beside it, as one
 * write (scripts run concurrently: a line written piecemeal would interleave).
 */
const RECORDER = [
  '#!/bin/sh',
  'line="$(basename "$0"):"',
  'for a in "$@"; do line="$line[$a]"; done',
  'printf \'%s\\n\' "$line" >> "$(dirname "$0")/calls"',
  '',
].join('\n');

function installScripts(dir: string): void {
  mkdirSync(dir, { mode: 0o755 });
  for (const name of ['vi_master', 'vi_backup', 'vi_fault', 'vi_stop', 'notify_all', 'g_master', 'g_backup', 'g_fault', 'g_stop']) {
    writeFileSync(join(dir, name), RECORDER);
    chmodSync(join(dir, name), 0o755);
  }
}

/** keepalived.conf notify_* lines for the strings given, each in double quotes with C escapes. */
function notifyLines(strings: NotifyStrings): string {
  const quoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return (['master', 'backup', 'fault', 'stop', 'generic'] as const)
    .flatMap((state) => {
      const text = strings[state];
      return text === undefined ? [] : [`  ${state === 'generic' ? 'notify' : `notify_${state}`} ${quoted(text)}`];
    })
    .join('\n');
}

function keepalivedConfig(dir: string, fifo: string, trackFile: string): string {
  const n = notifyStrings(dir);
  return `global_defs {
  router_id vipd_notify_test
  script_user root
  enable_script_security
  notify_fifo ${fifo}
  vrrp_version 3
}
track_file tf {
  file ${trackFile}
  weight 0
}
vrrp_sync_group G {
  group {
    VI_1
    VI_2
  }
${notifyLines(n.group)}
}
vrrp_instance VI_1 {
  interface d0
  virtual_router_id 51
  priority 150
  advert_int 0.1
  virtual_ipaddress {
    10.77.0.51/24
  }
  track_file {
    tf
  }
${notifyLines(n.instance)}
}
vrrp_instance VI_2 {
  interface d0
  virtual_router_id 52
  priority 120
  advert_int 0.1
  virtual_ipaddress {
    10.77.0.52/24
  }
${notifyLines(n.second)}
}
`;
}

function specFor(strings: NotifyStrings): NotifySpec {
  const command = (text: string | undefined) => (text === undefined ? null : { argv: splitScriptWords(text), user: null });
  return { master: command(strings.master), backup: command(strings.backup), fault: command(strings.fault), stop: command(strings.stop), deleted: null, generic: command(strings.generic) };
}

/** Lines read from a FIFO as they come, with a bounded wait for a condition on them. */
function fifoLines(path: string) {
  const lines: string[] = [];
  let partial = '';
  const waiters: (() => void)[] = [];
  const stream = createReadStream(path, { encoding: 'utf8' });
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const until = (what: string, test: (seen: readonly string[]) => boolean, timeoutMs = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; FIFO so far:\n${lines.join('\n')}`)), timeoutMs);
      const check = (): void => {
        if (test(lines)) {
          clearTimeout(timer);
          resolve();
        } else {
          waiters.push(check);
        }
      };
      check();
    });
  return { lines, until, close: () => stream.destroy() };
}

function transitionOf(line: string): NotifyTransition {
  const match = /^(INSTANCE|GROUP) "([^"]+)" (MASTER|BACKUP|FAULT|STOP|DELETED) (\d+)$/.exec(line);
  assert.ok(match !== null, `unexpected FIFO line ${line}`);
  const [, kind, name, state, priority] = match;
  return { subject: { kind: kind === 'INSTANCE' ? 'instance' : 'group', name: name ?? '' }, state: state as NotifyState, priority: Number(priority) };
}

function calls(dir: string): string[] {
  return existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter((l) => l !== '') : [];
}

describe('notify executor against keepalived 2.2.7', { skip: skipReason() }, () => {
  it('passes the same arguments and writes the same FIFO lines in the same order', { timeout: 60_000 }, async (t) => {
    const base = mkdtempSync(join(tmpdir(), 'vipd-notify-'));
    const namespace = `vipd-ntf-${process.pid}`;
    t.after(() => {
      spawnSync('ip', ['netns', 'del', namespace]);
      rmSync(base, { recursive: true, force: true });
    });
    chmodSync(base, 0o755);
    const kaDir = join(base, 'ka');
    const vipdDir = join(base, 'vipd');
    installScripts(kaDir);
    installScripts(vipdDir);
    const trackFile = join(base, 'tf');
    writeFileSync(trackFile, '0\n');
    const kaFifo = join(base, 'ka.fifo');
    assert.equal(spawnSync('mkfifo', ['-m', '600', kaFifo]).status, 0);
    writeFileSync(join(base, 'keepalived.conf'), keepalivedConfig(kaDir, kaFifo, trackFile));

    for (const args of [
      ['netns', 'add', namespace],
      ['-n', namespace, 'link', 'set', 'lo', 'up'],
      ['-n', namespace, 'link', 'add', 'd0', 'type', 'veth', 'peer', 'name', 'd1'],
      ['-n', namespace, 'link', 'set', 'd0', 'up'],
      ['-n', namespace, 'link', 'set', 'd1', 'up'],
      ['-n', namespace, 'address', 'add', '10.77.0.1/24', 'dev', 'd0'],
    ]) {
      assert.equal(spawnSync('ip', args).status, 0, `ip ${args.join(' ')}`);
    }

    const fifo = fifoLines(kaFifo);
    t.after(() => fifo.close());
    let log = '';
    const keepalived = spawn('ip', ['netns', 'exec', namespace, KEEPALIVED, '-n', '-l', '-D', '-P', '-f', join(base, 'keepalived.conf'), '-p', join(base, 'k.pid'), '-r', join(base, 'v.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    keepalived.stdout.on('data', (chunk) => (log += chunk));
    keepalived.stderr.on('data', (chunk) => (log += chunk));
    const exited = new Promise<void>((resolve) => keepalived.once('exit', () => resolve()));
    t.after(() => {
      keepalived.kill('SIGKILL');
    });

    try {
      await fifo.until('MASTER', (l) => l.includes('GROUP "G" MASTER 0'));
      writeFileSync(trackFile, '1\n');
      await fifo.until('FAULT', (l) => l.includes('GROUP "G" FAULT 0'));
      writeFileSync(trackFile, '0\n');
      await fifo.until('BACKUP again', (l) => l.filter((line) => line === 'GROUP "G" BACKUP 0').length >= 2);
      keepalived.kill('SIGTERM');
      await exited;
      await fifo.until('STOP', (l) => l.includes('GROUP "G" STOP 0'), 5000);
    } catch (error) {
      t.diagnostic(log);
      throw error;
    }
    const kaLines = [...fifo.lines];
    t.diagnostic(`keepalived's FIFO:\n${kaLines.join('\n')}`);

    // The same transitions through vipd's executor.
    const kaStrings = notifyStrings(vipdDir);
    const specs: Record<string, NotifySpec> = {
      'instance:VI_1': specFor(kaStrings.instance),
      'instance:VI_2': specFor(kaStrings.second),
      'group:G': specFor(kaStrings.group),
    };
    const vipdFifoPath = join(base, 'vipd.fifo');
    const vipdFifo = NotifyFifo.open(vipdFifoPath, () => {});
    const vipdLines = fifoLines(vipdFifoPath);
    t.after(() => vipdLines.close());
    const executor = new NotifyExecutor(spawnProcessRunner(), vipdFifo);
    const ran: Promise<void>[] = [];
    for (const line of kaLines) {
      const transition = transitionOf(line);
      const spec = specs[`${transition.subject.kind}:${transition.subject.name}`];
      assert.ok(spec !== undefined, line);
      ran.push(executor.notify(spec, transition));
    }
    await Promise.all(ran);
    await vipdLines.until('all lines', (l) => l.length >= kaLines.length, 5000);
    await vipdFifo.close();
    assert.deepEqual(vipdLines.lines, kaLines);

    // keepalived's scripts were forked without waiting: let them all finish.
    const expected = calls(vipdDir).length;
    await eventually(async () => calls(kaDir).length >= expected, 5000, `${expected} keepalived script calls`);
    const sorted = (lines: string[]): string[] => [...lines].sort();
    t.diagnostic(`keepalived's calls:\n${calls(kaDir).join('\n')}`);
    assert.deepEqual(sorted(calls(vipdDir)), sorted(calls(kaDir)));
    // Spot checks that the comparison has teeth.
    assert.ok(calls(kaDir).includes('vi_master:[a][b c][de f]'));
    assert.ok(calls(kaDir).includes('notify_all:[x][y z][INSTANCE][VI_1][MASTER][150]'));
    assert.ok(calls(kaDir).includes('notify_all:[grp][GROUP][G][FAULT][0]'));
    assert.ok(calls(kaDir).includes('vi_stop:[last word]'));
  });
});
