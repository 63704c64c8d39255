/**
 * vipctl refuses bad input with one line "vipctl: …" and a non-zero exit
 * (2 = usage, 1 = refused or unreachable), and changes nothing. The refusals
 * that need a daemon are checked against a control socket served in this
 * process over the pure core (no namespaces needed).
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ControlServer } from '../../src/control/control-server.js';
import { EventBroadcaster } from '../../src/control/event-broadcaster.js';
import { LineWatcher } from '../../src/lab/line-watcher.js';
import { controlHandlers, type Reload } from '../../src/runtime/control-dispatch.js';
import { CoreControlledDaemon, CoreInstance, namedInstanceConfig } from '../support/core-controlled-daemon.js';

const VIPCTL = fileURLToPath(new URL('../../src/bin/vipctl.js', import.meta.url));
const TIMEOUT_MS = 10_000;

function vipctl(...args: string[]): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VIPCTL, ...args], { encoding: 'utf8', timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

describe('vipctl usage errors (exit 2)', () => {
  const cases: [string[], string | RegExp][] = [
    [['frobnicate'], 'vipctl: unknown command "frobnicate"; try vipctl --help\n'],
    [[], 'vipctl: no command given; try vipctl --help\n'],
    [['status', '--frobnicate'], /^vipctl: .*frobnicate.*\n$/],
    [['backup'], 'vipctl: backup needs an instance name\n'],
    [['priority', 'VI_1', '200'], 'vipctl: priority value must be +N, -N or =N, got "200"\n'],
    [['priority', 'VI_1', '=255'], 'vipctl: priority must be from 1 to 254, got 255\n'],
    [['priority', 'VI_1', '-300'], 'vipctl: a priority step must be from -253 to +253, got -300\n'],
    [['garp', 'VI_1', '--json'], 'vipctl: --json applies only to status and events\n'],
    [['atropos'], 'vipctl: atropos needs one of --state, --backup, --reduce, --increase\n'],
    [['atropos', '--reduce', '--increase'], 'vipctl: atropos takes one of --state, --backup, --reduce, --increase, not several\n'],
  ];
  for (const [args, expected] of cases) {
    it(`vipctl ${args.join(' ')}`, async () => {
      const r = await vipctl('--socket', '/nonexistent/vipd.sock', ...args);
      assert.equal(r.status, 2);
      if (typeof expected === 'string') assert.equal(r.stderr, expected);
      else assert.match(r.stderr, expected);
      assert.equal(r.stdout, '');
    });
  }

  it('no daemon behind the socket (exit 1)', async () => {
    const r = await vipctl('--socket', '/nonexistent/vipd.sock', 'status');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'vipctl: cannot reach vipd on /nonexistent/vipd.sock: no such socket (is vipd running?)\n');
  });
});

describe('vipctl against a control socket', () => {
  let directory: string;
  let socket: string;
  let server: ControlServer;
  let daemon: CoreControlledDaemon;
  const time = { at: '2026-01-01T00:00:00.000Z', monotonicUs: 0 };
  const broadcaster = new EventBroadcaster(() => time);
  const refusedReload: Reload = () => Promise.resolve({ ok: false, error: 'the new configuration has 1 error (`vipd -t` lists them)' });

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'vipctl-test-'));
    socket = join(directory, 'control', 'vipd.sock');
    const master = new CoreInstance(namedInstanceConfig('VI_1', 150));
    master.expireMasterDown();
    daemon = new CoreControlledDaemon([master, new CoreInstance(namedInstanceConfig('VI_2', 100)), new CoreInstance(namedInstanceConfig('VI_OWN', 255))]);
    server = await ControlServer.listen(socket, controlHandlers(daemon, broadcaster, refusedReload));
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const refusals: [string[], number, string][] = [
    [['backup', 'VI_9'], 1, 'vipctl: no instance named "VI_9"\n'],
    [['resume', 'VI_9'], 1, 'vipctl: no instance named "VI_9"\n'],
    [['garp', 'VI_9'], 1, 'vipctl: no instance named "VI_9"\n'],
    [['status', 'VI_9'], 1, 'vipctl: no instance named "VI_9"\n'],
    [['priority', 'VI_9', '=100'], 1, 'vipctl: no instance named "VI_9"\n'],
    [['priority', 'VI_OWN', '-10'], 1, 'vipctl: VI_OWN is the address owner (priority 255); its priority cannot be changed\n'],
    [['garp', 'VI_2'], 1, 'vipctl: VI_2 is BACKUP; only a master announces its addresses\n'],
    [['reload'], 1, 'vipctl: the new configuration has 1 error (`vipd -t` lists them)\n'],
    [['atropos', '--state'], 2, 'vipctl: atropos: vipd runs 3 instances (VI_1, VI_2, VI_OWN); name one\n'],
    [['atropos', '--backup', 'VI_9'], 1, 'vipctl: atropos: no instance named "VI_9"\n'],
    [['atropos', '--reduce', 'VI_OWN'], 1, 'vipctl: VI_OWN is the address owner (priority 255); its priority cannot be changed\n'],
  ];
  for (const [args, status, stderr] of refusals) {
    it(`refuses vipctl ${args.join(' ')} and changes nothing`, async () => {
      const before = JSON.stringify(daemon.status());
      const r = await vipctl('--socket', socket, ...args);
      assert.deepEqual([r.status, r.stderr, r.stdout], [status, stderr, '']);
      assert.equal(JSON.stringify(daemon.status()), before);
    });
  }

  it('status --json is an object with the instances and the daemon-level unclaimed packets', async () => {
    const r = await vipctl('--socket', socket, 'status', '--json');
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { instances: { name: string }[]; unclaimedPackets: object };
    assert.deepEqual(parsed.instances.map((s) => s.name), ['VI_1', 'VI_2', 'VI_OWN']);
    assert.deepEqual(parsed.unclaimedPackets, { unknownVrid: 0, malformedIp: 0, missingDestination: 0 });
  });

  it('atropos --state prints the state; --increase steps the priority by 10', async () => {
    const state = await vipctl('--socket', socket, 'atropos', '--state', 'VI_1');
    assert.deepEqual([state.status, state.stdout], [0, 'MASTER\n']);
    const increased = await vipctl('--socket', socket, 'atropos', '--increase', 'VI_2');
    assert.deepEqual([increased.status, increased.stdout], [0, 'VI_2 priority 110 (base 110, configured 100)\n']);
    const reduced = await vipctl('--socket', socket, 'priority', 'VI_2', '-20');
    assert.deepEqual([reduced.status, reduced.stdout], [0, 'VI_2 priority 90 (base 90, configured 100)\n']);
  });

  it('events streams each published event once, in order, and ends when vipd closes the stream', async () => {
    const child = spawn(process.execPath, [VIPCTL, '--socket', socket, 'events', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = new LineWatcher(child.stdout);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The stream's first line says the subscription is in.
    await output.waitFor(/"event":"subscribed"/, TIMEOUT_MS);
    broadcaster.publish([{ event: 'held', instance: 'VI_1', ...time }]);
    broadcaster.publish([{ event: 'released', instance: 'VI_1', ...time }, { event: 'priorityChanged', instance: 'VI_1', from: 1, to: 2, ...time }]);
    await output.waitFor(/priorityChanged/, TIMEOUT_MS);
    broadcaster.closeAll('vipd is stopping');
    assert.equal(await exited, 0);
    const events = output.lines.map((l) => (JSON.parse(l) as { event: string }).event);
    assert.deepEqual(events, ['subscribed', 'held', 'released', 'priorityChanged', 'closed']);
  });
});
