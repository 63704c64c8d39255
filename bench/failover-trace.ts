/**
 * bench/failover-trace: where a vipd backup's failover time goes.
 *
 * A vipd pair on a 2-host LAN; the backup (h2) is vipd's own Daemon run in
 * this script with instrumented dependencies, so that every step of the
 * failover path has a timestamp:
 *
 *   L   last advert of the old master, on the switch (capture)
 *   rx  the datagram reaches JavaScript (native socket callback)
 *   arm the Master_Down deadline is set (timerfd, absolute CLOCK_MONOTONIC)
 *   fire the deadline's callback runs in JavaScript
 *   tx  send() of the new master's first advert is called
 *   F   first advert of the new master, on the switch (capture)
 *
 * and F − L − MDI = (rx − L) + (arm − rx − MDI … the receive processing) +
 * (fire − deadline) + (tx − fire) + (F − tx). Wall-clock times in the traced
 * process are performance.timeOrigin + performance.now() (µs), the capture's
 * are the kernel's CLOCK_REALTIME stamps.
 *
 *   node dist/bench/failover-trace.js [--version 3] [--interval 0.05] [--rounds 10]
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { NativeBinding, NativeDatagram, NativeSocket, NativeSocketConstructor } from '../src/io/native-binding.js';
import { loadNativeBinding } from '../src/io/native-binding.js';
import { loadConfigFile } from '../src/cli/load-config.js';
import { createLogger, consoleSink, type Logger } from '../src/log/logger.js';
import { systemMonotonicClock } from '../src/runtime/clock.js';
import { Daemon } from '../src/runtime/daemon.js';
import type { DeadlineSource } from '../src/runtime/deadline-source.js';
import { timerfdDeadlineSource } from '../src/runtime/timerfd-deadline-source.js';
import type { Instant } from '../src/primitives/time.js';
import { LineWatcher } from '../src/lab/line-watcher.js';
import { Lab, labAvailability } from '../src/lab/namespace-lan.js';
import { PacketCapture } from '../src/lab/packet-capture.js';
import { VipdProcess } from '../src/lab/vipd-process.js';
import { stopProcess } from '../src/lab/process-exit.js';
import type { CapturedFrame } from '../src/lab/captured-frames.js';
import { stats } from './failover-analysis.js';
import { masterDownIntervalMs } from '../test/integration/failover-timing.js';

type TraceEvent =
  | { k: 'rx'; mono: number; rt: number; src: string; vrid: number }
  | { k: 'arm'; mono: number; at: number }
  | { k: 'fire'; mono: number; rt: number }
  | { k: 'tx'; mono: number; rt: number; doneMono: number; vrid: number; priority: number }
  | { k: 'log'; mono: number; doneMono: number; text: string };

const VRRP = 112;

function realtimeUs(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}

// ─── The traced daemon (runs inside the backup's namespace) ─────────────────

async function tracedDaemon(configFile: string, traceFile: string): Promise<void> {
  const events: TraceEvent[] = [];
  const real = loadNativeBinding();
  const TracedSocket = function (this: unknown, domain: number, type: number, protocol: number): NativeSocket {
    const socket = new real.Socket(domain, type, protocol);
    if (protocol !== VRRP) return socket;
    const start = socket.start.bind(socket);
    const send = socket.send.bind(socket);
    socket.start = (onDatagram, onError) =>
      start((datagram: NativeDatagram) => {
        const mono = systemMonotonicClock.now();
        const rt = realtimeUs();
        const d = datagram.data;
        const ihl = ((d[0] ?? 0) & 0x0f) * 4;
        events.push({ k: 'rx', mono, rt, src: `${d[12]}.${d[13]}.${d[14]}.${d[15]}`, vrid: d[ihl + 1] ?? -1 });
        onDatagram(datagram);
      }, onError);
    socket.send = (data, destination, ifindex, ttl, source) => {
      const mono = systemMonotonicClock.now();
      const rt = realtimeUs();
      const sent = send(data, destination, ifindex, ttl, source);
      events.push({ k: 'tx', mono, rt, doneMono: systemMonotonicClock.now(), vrid: data[1] ?? -1, priority: data[2] ?? -1 });
      return sent;
    };
    return socket;
  } as unknown as NativeSocketConstructor;
  const binding: NativeBinding = { ...real, Socket: TracedSocket };
  const inner = timerfdDeadlineSource(real);
  const deadlines: DeadlineSource = {
    create(onExpiry) {
      const deadline = inner.create(() => {
        events.push({ k: 'fire', mono: systemMonotonicClock.now(), rt: realtimeUs() });
        onExpiry();
      });
      return {
        set(at: Instant) {
          events.push({ k: 'arm', mono: systemMonotonicClock.now(), at });
          deadline.set(at);
        },
        clear: () => deadline.clear(),
        close: () => deadline.close(),
      };
    },
  };
  const console = createLogger(consoleSink((text) => process.stdout.write(text)), false);
  const logger: Logger = {
    write(line) {
      const mono = systemMonotonicClock.now();
      console.write(line);
      events.push({ k: 'log', mono, doneMono: systemMonotonicClock.now(), text: line.text });
    },
  };
  const loaded = loadConfigFile(configFile);
  if (loaded.kind !== 'parsed' || loaded.outcome.config === null) throw new Error(`bad config ${configFile}`);
  const daemon = await Daemon.start(loaded.outcome.config, { binding, clock: systemMonotonicClock, deadlines, logger });
  process.stdout.write('Startup complete\n');
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await daemon.stop();
  writeFileSync(traceFile, JSON.stringify(events));
}

// ─── The orchestrator ───────────────────────────────────────────────────────

function config(vip: string, priority: number, advertInt: string, version: 2 | 3): string {
  return `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    version ${version}
    advert_int ${advertInt}
    virtual_ipaddress {
        ${vip}/24
    }
}
`;
}

interface Breakdown {
  excess: number;
  wireIn: number;
  rxToArm: number;
  timerLate: number;
  fireToTx: number;
  /** Of fireToTx: log lines written between fire and tx, and how long their writes took. */
  logsBeforeTx: number;
  logWrite: number;
  sendCall: number;
  wireOut: number;
}

async function orchestrate(version: 2 | 3, advertInt: string, rounds: number): Promise<number> {
  const availability = await labAvailability();
  if (!availability.available) throw new Error(availability.reason);
  const intervalCs = Math.round(Number(advertInt) * 100);
  const mdi = masterDownIntervalMs(version, 100, intervalCs);
  const directory = mkdtempSync(join(tmpdir(), 'vipd-failover-trace-'));
  const lab = await Lab.create({ hosts: 2 });
  const cleanup = async (): Promise<void> => {
    await lab.destroy();
    rmSync(directory, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    const [h1, h2] = [lab.host(1), lab.host(2)];
    const vip = lab.ipv4(100);
    const capture = await PacketCapture.start(lab);
    const master = await VipdProcess.start(lab, h1, config(vip, 150, advertInt, version));
    const configFile = join(directory, 'backup.conf');
    const traceFile = join(directory, 'trace.json');
    writeFileSync(configFile, config(vip, 100, advertInt, version));
    const nodeFlags = (process.env['TRACE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
    const child = lab.spawn(h2.namespace, process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), '--daemon', configFile, traceFile]);
    const out = new LineWatcher(child.stdout, child.stderr);
    await out.waitFor(/Startup complete/, 10_000);
    await master.waitForState('VI_1', 'MASTER', 10_000);
    await out.waitFor(/Entering BACKUP STATE/, 10_000);
    const marks: { unplugUs: number; plugUs: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      await new Promise((r) => setTimeout(r, Math.max(250, intervalCs * 20)));
      const unplugUs = Date.now() * 1000;
      const backupMark = out.lines.length;
      await lab.unplug(h1);
      await out.waitFor(/Entering MASTER STATE/, mdi + 5000, backupMark);
      await new Promise((r) => setTimeout(r, 100));
      const plugUs = Date.now() * 1000;
      const masterMark = master.output.lines.length;
      const backMark = out.lines.length;
      await lab.plug(h1);
      await master.waitForState('VI_1', 'MASTER', 2 * mdi + 10_000, masterMark);
      await out.waitFor(/Entering BACKUP STATE/, 2 * mdi + 10_000, backMark);
      marks.push({ unplugUs, plugUs });
      process.stderr.write(`round ${round + 1}/${rounds} done\n`);
    }
    await stopProcess(child, 'SIGTERM', 5000);
    await master.stop();
    const frames = await capture.stop();
    const events = JSON.parse(readFileSync(traceFile, 'utf8')) as TraceEvent[];
    const rows = marks.map((m) => breakdown(frames, events, m, h1.ipv4, h2.ipv4, mdi));
    const ok = rows.filter((r): r is Breakdown => r !== null);
    const keys: (keyof Breakdown)[] = ['excess', 'wireIn', 'rxToArm', 'timerLate', 'fireToTx', 'logsBeforeTx', 'logWrite', 'sendCall', 'wireOut'];
    process.stdout.write(`vipd backup failover path, v${version} advert_int ${advertInt} (MDI ${mdi.toFixed(3)} ms), ${ok.length}/${rows.length} rounds, ms\n\n`);
    process.stdout.write(`| round | ${keys.join(' | ')} |\n|${'---:|'.repeat(keys.length + 1)}\n`);
    rows.forEach((r, i) => process.stdout.write(`| ${i + 1} | ${r === null ? 'no data' : keys.map((k) => r[k].toFixed(3)).join(' | ')} |\n`));
    for (const label of ['median', 'max'] as const) {
      process.stdout.write(`| ${label} | ${keys.map((k) => (stats(ok.map((r) => r[k]))[label] ?? NaN).toFixed(3)).join(' | ')} |\n`);
    }
    process.stdout.write(
      '\nexcess = F − L − MDI; wireIn = rx − L; rxToArm = (arm instant − MDI) − rx (the clock reading the deadline is based on, after rx);\n' +
        'timerLate = fire − deadline; fireToTx = tx − fire; sendCall = duration of the send() call; wireOut = F − tx.\n',
    );
    return 0;
  } finally {
    await cleanup();
  }
}

function breakdown(
  frames: readonly CapturedFrame[],
  events: readonly TraceEvent[],
  mark: { unplugUs: number; plugUs: number },
  oldMaster: string,
  newMaster: string,
  mdi: number,
): Breakdown | null {
  const adverts = frames.filter((f): f is Extract<CapturedFrame, { kind: 'advert' }> => f.kind === 'advert');
  const first = adverts.find((f) => f.source === newMaster && f.atUs >= mark.unplugUs && f.atUs < mark.plugUs && f.advert.priority > 0);
  if (first === undefined) return null;
  const last = adverts.filter((f) => f.source === oldMaster && f.atUs < first.atUs).at(-1);
  if (last === undefined) return null;
  // The traced receive of that advert: the first rx from the old master after it hit the switch.
  const rxIndex = events.findIndex((e) => e.k === 'rx' && e.src === oldMaster && e.rt >= last.atUs - 2000);
  const rx = events[rxIndex];
  if (rx === undefined || rx.k !== 'rx') return null;
  const arm = events.slice(rxIndex).find((e) => e.k === 'arm');
  const fireIndex = events.findIndex((e, i) => i > rxIndex && e.k === 'fire');
  const fire = events[fireIndex];
  const tx = events.slice(fireIndex).find((e) => e.k === 'tx');
  if (arm?.k !== 'arm' || fire?.k !== 'fire' || tx?.k !== 'tx') return null;
  const deadline = arm.at;
  const logs = events.filter((e): e is Extract<TraceEvent, { k: 'log' }> => e.k === 'log' && e.mono >= fire.mono && e.mono <= tx.mono);
  return {
    excess: (first.atUs - last.atUs) / 1000 - mdi,
    wireIn: (rx.rt - last.atUs) / 1000,
    rxToArm: (deadline - mdi * 1000 - rx.mono) / 1000,
    timerLate: (fire.mono - deadline) / 1000,
    fireToTx: (tx.mono - fire.mono) / 1000,
    logsBeforeTx: logs.length,
    logWrite: logs.reduce((sum, e) => sum + e.doneMono - e.mono, 0) / 1000,
    sendCall: (tx.doneMono - tx.mono) / 1000,
    wireOut: (first.atUs - tx.rt) / 1000,
  };
}

const argv = process.argv.slice(2);
if (argv[0] === '--daemon') {
  await tracedDaemon(argv[1] ?? '', argv[2] ?? '');
  process.exit(0);
} else {
  const { values } = parseArgs({ args: argv, options: { interval: { type: 'string' }, rounds: { type: 'string' }, version: { type: 'string' } } });
  process.exitCode = await orchestrate(values.version === '2' ? 2 : 3, values.interval ?? '0.05', Number(values.rounds ?? '10'));
}
