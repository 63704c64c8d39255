/**
 * vipctl's control verbs on a live vipd pair in namespaces, checked on the
 * wire (a capture on the lab's switch) and against `vipctl events`:
 * backup (priority 0, the peer takes over, held), resume (preempts back),
 * priority on a backup (it preempts and advertises the new priority), priority
 * on a master (its next advert carries it), garp (announcements on the wire),
 * reload (refused with vipd's reason for a bad file), and bad inputs that
 * change nothing.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ControlEvent } from '../../src/control/control-events.js';
import type { InstanceStatus } from '../../src/control/instance-status.js';
import { LineWatcher } from '../../src/lab/line-watcher.js';
import { Lab, labAvailability, type LabHost } from '../../src/lab/namespace-lan.js';
import { PacketCapture } from '../../src/lab/packet-capture.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';
import { failoverGap, skewTimeMs } from './failover-timing.js';
import type { CapturedFrame } from '../../src/lab/captured-frames.js';

const availability = await labAvailability();
const VIPCTL = fileURLToPath(new URL('../../src/bin/vipctl.js', import.meta.url));
const WAIT_MS = 5000;
/** Scheduling noise on a loaded 2-core CI machine. */
const TOLERANCE_MS = 50;
/** Adverts of the peer to watch while held: 6 × 100 ms, beyond h1's Master_Down_Interval (341.4 ms). */
const ADVERTS_WHILE_HELD = 6;

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function vipctl(socket: string, ...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VIPCTL, '--socket', socket, ...args], { encoding: 'utf8', timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

async function vipctlOk(socket: string, ...args: string[]): Promise<string> {
  const r = await vipctl(socket, ...args);
  assert.equal(r.status, 0, `vipctl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function config(lab: Lab, priority: number, withOwner: boolean): string {
  const owner = `
vrrp_instance VI_OWN {
    interface eth0
    virtual_router_id 52
    priority 255
    version 3
    advert_int 1
    virtual_ipaddress {
        ${lab.ipv4(101)}/24
    }
}
`;
  return `
global_defs {
    router_id vipd-test
    vrrp_garp_master_delay 0
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    version 3
    advert_int 0.1
    virtual_ipaddress {
        ${lab.ipv4(100)}/24
    }
}
${withOwner ? owner : ''}`;
}

/** What must not move when a request is refused. */
function essentials(instances: readonly InstanceStatus[]): unknown {
  return instances.map((s) => [s.name, s.state, s.held, s.administrativePriority, s.effectivePriority, s.masterAddress, s.masterPriority]);
}

/** `vipctl events --json` against one daemon, collecting its lines. */
class EventsFollower {
  readonly events: ControlEvent[] = [];
  private constructor(
    readonly output: LineWatcher,
    readonly exited: Promise<number | null>,
  ) {}

  static async start(lab: Lab, host: LabHost, socket: string): Promise<EventsFollower> {
    // vipctl talks over a unix socket only; it runs in the host's namespace so the lab reaps it.
    const child = lab.spawn(host.namespace, process.execPath, [VIPCTL, '--socket', socket, 'events', '--json']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const follower = new EventsFollower(new LineWatcher(child.stdout), exited);
    await follower.output.waitFor(/"event":"subscribed"/, WAIT_MS);
    return follower;
  }

  parsed(): ControlEvent[] {
    return this.output.lines.filter((l) => l !== '').map((l) => JSON.parse(l) as ControlEvent);
  }
}

function transitionsOf(events: readonly ControlEvent[], instance: string): string[] {
  return events.flatMap((e) => (e.event === 'stateChanged' && e.instance === instance ? [`${e.from}->${e.to} (${e.reason})`] : []));
}

/** "(VI_1) Entering MASTER STATE" lines from `fromLine` on, as lower-case state names. */
function enteredStates(lines: readonly string[], instance: string, fromLine: number): string[] {
  return lines.slice(fromLine).flatMap((line) => {
    const match = new RegExp(`\\(${instance}\\) Entering (\\w+) STATE`).exec(line);
    return match === null ? [] : [(match[1] ?? '').toLowerCase()];
  });
}

function advertsFrom(frames: readonly CapturedFrame[], source: string, afterUs: number): number[] {
  return frames.flatMap((f) => (f.kind === 'advert' && f.source === source && f.advert.vrid === 51 && f.atUs > afterUs ? [f.advert.priority] : []));
}

describe('vipctl control verbs on a vipd pair (IPv4, VRRPv3, 100 ms adverts)', { skip: availability.available ? false : availability.reason }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 2 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('backup, resume, priority and garp act on the wire; events reports each transition once, in order; bad input changes nothing', async (t) => {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const capture = await PacketCapture.start(lab);
    let r1: VipdProcess | undefined;
    let r2: VipdProcess | undefined;
    try {
      r1 = await VipdProcess.start(lab, h1, config(lab, 150, true));
      r2 = await VipdProcess.start(lab, h2, config(lab, 100, false));
      const [s1, s2] = [r1.controlSocket, r2.controlSocket];
      await r1.waitForState('VI_1', 'MASTER', WAIT_MS);
      await r2.waitForState('VI_1', 'BACKUP', WAIT_MS);
      await r1.waitForState('VI_OWN', 'MASTER', WAIT_MS);

      // Follow both daemons from here on.
      const [e1, e2] = await Promise.all([EventsFollower.start(lab, h1, s1), EventsFollower.start(lab, h2, s2)]);
      const [mark1, mark2] = [r1.output.lines.length, r2.output.lines.length];

      // Bad input: refused with one line, nothing changes.
      const [before1, before2] = [essentials(await r1.status()), essentials(await r2.status())];
      const refusals: [string, string[], number, string][] = [
        [s1, ['backup', 'VI_9'], 1, 'vipctl: no instance named "VI_9"\n'],
        [s1, ['priority', 'VI_9', '=100'], 1, 'vipctl: no instance named "VI_9"\n'],
        [s1, ['priority', 'VI_1', '=255'], 2, 'vipctl: priority must be from 1 to 254, got 255\n'],
        [s1, ['priority', 'VI_1', 'high'], 2, 'vipctl: priority value must be +N, -N or =N, got "high"\n'],
        [s1, ['priority', 'VI_OWN', '-10'], 1, 'vipctl: VI_OWN is the address owner (priority 255); its priority cannot be changed\n'],
        [s1, ['atropos', '--reduce'], 2, 'vipctl: atropos: vipd runs 2 instances (VI_1, VI_OWN); name one\n'],
        [s2, ['garp', 'VI_1'], 1, 'vipctl: VI_1 is BACKUP; only a master announces its addresses\n'],
        [s2, ['resume', 'VI_2'], 1, 'vipctl: no instance named "VI_2"\n'],
      ];
      for (const [socket, args, status, stderr] of refusals) {
        const r = await vipctl(socket, ...args);
        assert.deepEqual([r.status, r.stderr, r.stdout], [status, stderr, ''], `vipctl ${args.join(' ')}`);
      }
      // vipctl reload: a configuration with an error is refused with vipd's reason; the same one is kept as it is.
      const configFile = r2.configFile ?? assert.fail('h2 runs a keepalived.conf');
      writeFileSync(configFile, config(lab, 100, false).replace('priority 100', 'priority 300'));
      const badReload = await vipctl(s2, 'reload');
      assert.deepEqual([badReload.status, badReload.stdout], [1, '']);
      assert.match(badReload.stderr, /^vipctl: the new configuration has 1 error \(`vipd -t` lists them\)\n$/);
      writeFileSync(configFile, config(lab, 100, false));
      assert.equal(await vipctlOk(s2, 'reload'), 'configuration reloaded\n');
      assert.deepEqual(essentials(await r1.status()), before1, 'h1 unchanged by refused requests');
      assert.deepEqual(essentials(await r2.status()), before2, 'h2 unchanged by refused requests');
      assert.equal(await vipctlOk(s1, 'atropos', '--state', 'VI_1'), 'MASTER\n');

      // vipctl backup on the master: priority 0 on the wire, the peer takes over, h1 stays held.
      let mark = [r1.output.lines.length, r2.output.lines.length] as const;
      const backupAtUs = Date.now() * 1000;
      assert.equal(await vipctlOk(s1, 'backup', 'VI_1'), 'VI_1 held in BACKUP\n');
      await r1.waitForState('VI_1', 'BACKUP', WAIT_MS, mark[0]);
      await r2.waitForState('VI_1', 'MASTER', WAIT_MS, mark[1]);
      const resignAtUs = await waitForCapture(capture, "h1's priority-0 advert", (frames) =>
        frames.find((f) => f.kind === 'advert' && f.source === h1.ipv4 && f.atUs > backupAtUs && f.advert.priority === 0)?.atUs,
      );
      // Held: h1 hears the lower master and does not preempt, well past its Master_Down_Interval.
      await waitForCapture(capture, `${ADVERTS_WHILE_HELD} adverts from h2`, (frames) =>
        advertsFrom(frames, h2.ipv4, resignAtUs).length >= ADVERTS_WHILE_HELD ? true : undefined,
      );
      const frames = capture.snapshot();
      // RFC 5798 §6.4.2: the backup hearing priority 0 waits Skew_Time only (60.9 ms at 100).
      const handover = failoverGap(frames, h1.ipv4, h2.ipv4, resignAtUs - 1);
      t.diagnostic(`vipctl backup: priority 0 → h2's first advert ${((handover.firstNewAdvertUs - resignAtUs) / 1000).toFixed(1)} ms`);
      assert.ok((handover.firstNewAdvertUs - resignAtUs) / 1000 <= skewTimeMs(3, 100, 10) + TOLERANCE_MS, 'the peer takes over after Skew_Time');
      assert.deepEqual(advertsFrom(frames, h1.ipv4, resignAtUs), [], 'h1 sends nothing while held');
      assert.ok(advertsFrom(frames, h2.ipv4, resignAtUs).every((p) => p === 100), 'h2 advertises 100 as master');
      const [held] = await vipctlStatus(s1, 'VI_1');
      assert.deepEqual([held?.state, held?.held, held?.masterAddress], ['backup', true, h2.ipv4]);
      assert.match(await vipctlOk(s1, 'status', 'VI_1'), /^VI_1 .* BACKUP held /m);
      assert.deepEqual(enteredStates(r1.output.lines, 'VI_1', mark[0]), ['backup'], 'no transition while held');

      // vipctl resume: h1 preempts back with its higher priority.
      mark = [r1.output.lines.length, r2.output.lines.length];
      assert.equal(await vipctlOk(s1, 'resume', 'VI_1'), 'VI_1 resumed (BACKUP)\n');
      await r1.waitForState('VI_1', 'MASTER', WAIT_MS, mark[0]);
      await r2.waitForState('VI_1', 'BACKUP', WAIT_MS, mark[1]);

      // vipctl priority =200 on the backup: it preempts and advertises 200.
      mark = [r1.output.lines.length, r2.output.lines.length];
      const raiseAtUs = Date.now() * 1000;
      assert.equal(await vipctlOk(s2, 'priority', 'VI_1', '=200'), 'VI_1 priority 200 (base 200, configured 100)\n');
      await r2.output.waitFor(/\(VI_1\) Changing effective priority from 100 to 200/, WAIT_MS, mark[1]);
      await r2.waitForState('VI_1', 'MASTER', WAIT_MS, mark[1]);
      await r1.waitForState('VI_1', 'BACKUP', WAIT_MS, mark[0]);
      // A backup sends nothing: h2's first advert since is its takeover.
      const raised = await waitForCapture(capture, 'an advert from h2', (frames) => advertsFrom(frames, h2.ipv4, raiseAtUs)[0]);
      assert.equal(raised, 200, 'the new master advertises 200');

      // vipctl priority -150 on that master: it advertises 50 at once (before vipctl has its answer),
      // every advert after that carries 50, and h1 (150) preempts.
      mark = [r1.output.lines.length, r2.output.lines.length];
      const lowerAtUs = Date.now() * 1000;
      assert.equal(await vipctlOk(s2, 'priority', 'VI_1', '-150'), 'VI_1 priority 50 (base 50, configured 100)\n');
      const answeredAtUs = Date.now() * 1000;
      await r2.output.waitFor(/\(VI_1\) Changing effective priority from 200 to 50/, WAIT_MS, mark[1]);
      await r1.waitForState('VI_1', 'MASTER', WAIT_MS, mark[0]);
      await r2.waitForState('VI_1', 'BACKUP', WAIT_MS, mark[1]);
      const lowered = await waitForCapture(capture, 'an advert with priority 50 from h2', (frames) => {
        const adverts = frames.filter((f) => f.kind === 'advert' && f.source === h2.ipv4 && f.atUs > lowerAtUs && f.advert.vrid === 51);
        return adverts.some((f) => f.kind === 'advert' && f.advert.priority === 50) ? adverts : undefined;
      });
      const firstLowered = lowered.findIndex((f) => f.kind === 'advert' && f.advert.priority === 50);
      assert.ok((lowered[firstLowered]?.atUs ?? Infinity) <= answeredAtUs, 'the advert with 50 left before vipctl was answered');
      t.diagnostic(`vipctl priority -150: advert with 50 on the wire ${(((lowered[firstLowered]?.atUs ?? 0) - lowerAtUs) / 1000).toFixed(1)} ms after vipctl started, ${((answeredAtUs - lowerAtUs) / 1000).toFixed(1)} ms for vipctl to answer`);
      const priorities = lowered.map((f) => (f.kind === 'advert' ? f.advert.priority : -1));
      assert.ok(priorities.slice(0, firstLowered).every((p) => p === 200), `200 before the change only: ${priorities.join(',')}`);
      assert.ok(priorities.slice(firstLowered).every((p) => p === 50), `50 from the change on: ${priorities.join(',')}`);
      await r1.output.waitFor(/\(VI_1\) Sending\/queueing gratuitous ARPs/, WAIT_MS, mark[0]);

      // vipctl garp on the master: gratuitous ARPs for the VIP on the wire.
      mark = [r1.output.lines.length, r2.output.lines.length];
      const garpAtUs = Date.now() * 1000;
      assert.equal(await vipctlOk(s1, 'garp', 'VI_1'), `VI_1 announced ${lab.ipv4(100)}\n`);
      await r1.output.waitFor(/\(VI_1\) Sending\/queueing gratuitous ARPs/, WAIT_MS, mark[0]);
      // garp_master_repeat (5) announcements of the VIP.
      const garps = await waitForCapture(capture, '5 gratuitous ARPs for the VIP', (frames) => {
        const found = frames.filter((f) => f.kind === 'gratuitousArp' && f.address === lab.ipv4(100) && f.atUs > garpAtUs);
        return found.length >= 5 ? found : undefined;
      });
      assert.ok(garps.length >= 5);

      // Stop: the daemons close the streams ("vipd is stopping"); vipctl events exits 0.
      const [lines1, lines2] = [[...r1.output.lines], [...r2.output.lines]];
      assert.equal(await r1.stop(), 0);
      assert.equal(await r2.stop(), 0);
      assert.equal(await e1.exited, 0);
      assert.equal(await e2.exited, 0);

      const [events1, events2] = [e1.parsed(), e2.parsed()];
      assert.deepEqual(transitionsOf(events1, 'VI_1'), [
        'master->backup (administrativeBackup)',
        'backup->master (masterDownTimer)',
        'master->backup (higherPriorityAdvert)',
        'backup->master (masterDownTimer)',
        'master->initialize (shutdown)',
      ]);
      assert.deepEqual(transitionsOf(events2, 'VI_1'), [
        'backup->master (masterDownTimer)',
        'master->backup (higherPriorityAdvert)',
        'backup->master (masterDownTimer)',
        'master->backup (higherPriorityAdvert)',
        'backup->initialize (shutdown)',
      ]);
      // Each transition once, matching the log lines since the subscription.
      const logged = (events: readonly ControlEvent[]): string[] =>
        events.flatMap((e) => (e.event === 'stateChanged' && e.instance === 'VI_1' && e.to !== 'initialize' ? [e.to] : []));
      assert.deepEqual(logged(events1), enteredStates(lines1, 'VI_1', mark1));
      assert.deepEqual(logged(events2), enteredStates(lines2, 'VI_1', mark2));
      // Holds and priority changes, in order, and the stream's first and last lines.
      const others = (events: readonly ControlEvent[]): string[] =>
        events.flatMap((e) =>
          e.event === 'held' || e.event === 'released' ? [e.event] : e.event === 'priorityChanged' ? [`priority ${e.from}->${e.to}`] : [],
        );
      assert.deepEqual(others(events1), ['held', 'released']);
      assert.deepEqual(others(events2), ['priority 100->200', 'priority 200->50']);
      for (const events of [events1, events2]) {
        assert.equal(events[0]?.event, 'subscribed');
        assert.deepEqual(events.at(-1)?.event === 'closed' ? events.at(-1) : null, { ...events.at(-1), event: 'closed', reason: 'vipd is stopping' });
        const times = events.map((e) => e.monotonicUs);
        assert.deepEqual(times, [...times].sort((a, b) => a - b), 'in the order they happened');
      }
      await capture.stop();
    } finally {
      await Promise.all([r1?.stop(), r2?.stop()]);
      await capture.discard();
    }
  });
});

async function vipctlStatus(socket: string, name: string): Promise<InstanceStatus[]> {
  const json = await vipctlOk(socket, 'status', name, '--json');
  return (JSON.parse(json) as { instances: InstanceStatus[] }).instances;
}

/**
 * Reads the growing capture until `find` sees what it looks for; bounded.
 * tcpdump writes each packet as it sees it (-U), so this waits on the packets
 * themselves.
 */
async function waitForCapture<T>(capture: PacketCapture, what: string, find: (frames: CapturedFrame[]) => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = find(capture.snapshot());
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`the capture shows no ${what} within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
