/**
 * bench/failover: vipd and keepalived side by side on the same
 * keepalived.conf, the master's cable pulled N times each, failover measured
 * on the wire (capture on the lab switch) against the RFC
 * Master_Down_Interval, at v2 1 s, v3 50 ms and v3 10 ms.
 *
 * Per setting one LAN of 4 namespaces: h1/h2 a vipd pair (VRID 51,
 * priorities 150/100), h3/h4 a keepalived pair (VRID 52, 150/100). Rounds
 * alternate the two daemons (vipd first in odd rounds, keepalived first in
 * even ones), so both see the same machine conditions. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CapturedFrame } from '../src/lab/captured-frames.js';
import { KeepalivedProcess } from '../src/lab/keepalived-process.js';
import { Lab, labAvailability, type LabHost } from '../src/lab/namespace-lan.js';
import { PacketCapture } from '../src/lab/packet-capture.js';
import { VipdProcess } from '../src/lab/vipd-process.js';
import {
  analyseRound,
  formatRounds,
  formatTables,
  summarise,
  type DaemonName,
  type RoundRecord,
  type RoundResult,
  type SettingReport,
} from './failover-analysis.js';
import {
  BACKUP_PRIORITY,
  backupMasterDownIntervalMs,
  INSTANCE,
  intervalMs,
  KEEPALIVED_VRID,
  MASTER_PRIORITY,
  routerConfig,
  SETTINGS,
  VIPD_VRID,
  type FailoverSetting,
  type SettingId,
} from './failover-settings.js';

const USAGE = `Usage: npm run bench:failover -- [options]
  --rounds N         unplugs per daemon at v3 50 ms and v3 10 ms (default 10)
  --v2-rounds N      unplugs per daemon at v2 1 s (default: the smaller of --rounds and 5;
                     a v2 round takes about 11 s per daemon)
  --settings LIST    comma-separated subset of ${SETTINGS.map((s) => s.id).join(',')} (default: all)
  --json FILE        where to write the raw results (default: a new temp directory)
  --daemons LIST     vipd,keepalived (default both; one alone is for diagnosis, not comparison)
  -h, --help
Needs root (network namespaces), keepalived and tcpdump.
`;

/** The acceptance criterion of the issue: vipd's median excess at each interval. */
const ACCEPTANCE_MEDIAN_EXCESS_MS = 1.0;
const STATE_LINE = new RegExp(`\\(${INSTANCE}\\) Entering (MASTER|BACKUP|FAULT) STATE`);
const TEARDOWN_TIMEOUT_MS = 20_000;

type Router = VipdProcess | KeepalivedProcess;

interface Pair {
  readonly daemon: DaemonName;
  readonly vrid: number;
  readonly vip: string;
  readonly masterHost: LabHost;
  readonly backupHost: LabHost;
  readonly master: Router;
  readonly backup: Router;
}

interface Options {
  readonly rounds: number;
  readonly v2Rounds: number;
  readonly settings: readonly FailoverSetting[];
  readonly jsonFile: string | null;
  readonly daemons: readonly DaemonName[];
}

/** Wall-clock µs: the clock of the capture's timestamps. */
function nowUs(): number {
  return Date.now() * 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The state of the instance according to the last "Entering … STATE" line, or null before the first. */
function stateOf(router: Router): string | null {
  for (let i = router.output.lines.length - 1; i >= 0; i--) {
    const match = STATE_LINE.exec(router.output.lines[i] ?? '');
    if (match !== null) return match[1] ?? null;
  }
  return null;
}

/** Resolves once the router's latest state line says `state`; rejects after timeoutMs. */
async function reachState(router: Router, state: 'MASTER' | 'BACKUP' | 'FAULT', timeoutMs: number, who: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stateOf(router) === state) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${who} did not reach ${state} within ${timeoutMs} ms (it is ${stateOf(router) ?? 'unknown'})`);
    try {
      await router.output.waitFor(STATE_LINE, left, router.output.lines.length);
    } catch {
      throw new Error(`${who} did not reach ${state} within ${timeoutMs} ms (it is ${stateOf(router) ?? 'unknown'})`);
    }
  }
}

/** Everything a setting holds, released in one place (normal end, failure, Ctrl-C). */
class SettingResources {
  lab: Lab | null = null;
  capture: PacketCapture | null = null;
  readonly routers: Router[] = [];
  #done: Promise<void> | null = null;

  /** Stops tcpdump and returns the frames (null if there is no capture). */
  async takeCapture(): Promise<CapturedFrame[] | null> {
    const capture = this.capture;
    this.capture = null;
    return capture === null ? null : capture.stop();
  }

  /** Idempotent; bounded; always ends with the lab destroyed. */
  release(): Promise<void> {
    this.#done ??= (async () => {
      const orderly = (async () => {
        await this.takeCapture().catch(() => null);
        await Promise.all(this.routers.map((r) => r.stop().catch(() => null)));
      })();
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, TEARDOWN_TIMEOUT_MS);
      });
      await Promise.race([orderly, limit]);
      clearTimeout(timer);
      await this.lab?.destroy();
      // Whatever a daemon or capture started but did not get to remove (interrupted start-up).
      const prefix = this.lab === null ? null : `${this.lab.prefix}-`;
      if (prefix !== null) {
        for (const name of readdirSync(tmpdir())) {
          if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
        }
      }
    })();
    return this.#done;
  }
}

let current: SettingResources | null = null;
let interrupted = false;

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = true;
  progress(`\n${signal}: stopping the daemons and removing the namespaces…`);
  const resources = current;
  void (resources?.release() ?? Promise.resolve()).finally(() => process.exit(130));
}

function parseOptions(argv: readonly string[]): Options | { help: true } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rounds: { type: 'string' },
      'v2-rounds': { type: 'string' },
      settings: { type: 'string' },
      json: { type: 'string' },
      daemons: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return { help: true };
  const count = (text: string | undefined, name: string, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`${name} must be a whole number from 1 to 1000, got "${text}"`);
    return n;
  };
  const rounds = count(values.rounds, '--rounds', 10);
  const v2Rounds = count(values['v2-rounds'], '--v2-rounds', Math.min(rounds, 5));
  const wanted = (values.settings ?? SETTINGS.map((s) => s.id).join(',')).split(',').map((s) => s.trim());
  for (const id of wanted) {
    if (!SETTINGS.some((s) => s.id === id)) throw new Error(`unknown setting "${id}"; known: ${SETTINGS.map((s) => s.id).join(', ')}`);
  }
  const daemons = (values.daemons ?? 'vipd,keepalived').split(',').map((d) => d.trim());
  for (const d of daemons) if (d !== 'vipd' && d !== 'keepalived') throw new Error(`unknown daemon "${d}"; known: vipd, keepalived`);
  return {
    daemons: daemons as DaemonName[],
    rounds,
    v2Rounds,
    settings: SETTINGS.filter((s) => wanted.includes(s.id as SettingId)),
    jsonFile: values.json ?? null,
  };
}

function roundsFor(setting: FailoverSetting, options: Options): number {
  return setting.version === 2 ? options.v2Rounds : options.rounds;
}

async function startPairs(lab: Lab, setting: FailoverSetting, resources: SettingResources, daemons: readonly DaemonName[]): Promise<Pair[]> {
  const [h1, h2, h3, h4] = [lab.host(1), lab.host(2), lab.host(3), lab.host(4)];
  const track = <R extends Router>(router: R): R => {
    resources.routers.push(router);
    return router;
  };
  const pairs: Pair[] = [];
  if (daemons.includes('vipd')) {
    const vip = lab.ipv4(100);
    const master = track(await VipdProcess.start(lab, h1, routerConfig(setting, VIPD_VRID, vip, MASTER_PRIORITY)));
    const backup = track(await VipdProcess.start(lab, h2, routerConfig(setting, VIPD_VRID, vip, BACKUP_PRIORITY)));
    pairs.push({ daemon: 'vipd', vrid: VIPD_VRID, vip, masterHost: h1, backupHost: h2, master, backup });
  }
  if (daemons.includes('keepalived')) {
    const vip = lab.ipv4(101);
    const master = track(await KeepalivedProcess.start(lab, h3, routerConfig(setting, KEEPALIVED_VRID, vip, MASTER_PRIORITY)));
    const backup = track(await KeepalivedProcess.start(lab, h4, routerConfig(setting, KEEPALIVED_VRID, vip, BACKUP_PRIORITY)));
    pairs.push({ daemon: 'keepalived', vrid: KEEPALIVED_VRID, vip, masterHost: h3, backupHost: h4, master, backup });
  }
  const electionMs = 3 * backupMasterDownIntervalMs(setting) + 10_000;
  await Promise.all(
    pairs.flatMap((p) => [
      reachState(p.master, 'MASTER', electionMs, `${p.daemon} master (h${p.masterHost.index})`),
      reachState(p.backup, 'BACKUP', electionMs, `${p.daemon} backup (h${p.backupHost.index})`),
    ]),
  );
  return pairs;
}

/** One unplug of a pair's master, and its return. Never throws: a failure becomes the record's error. */
async function runRound(lab: Lab, setting: FailoverSetting, pair: Pair, round: number, position: 1 | 2): Promise<RoundRecord> {
  const interval = intervalMs(setting);
  const mdi = backupMasterDownIntervalMs(setting);
  const settleMs = Math.max(2 * interval, 250);
  const holdMs = Math.max(2 * interval, 100);
  const takeoverTimeoutMs = mdi + 5000;
  const restoreTimeoutMs = 2 * mdi + 10_000;
  const notes: string[] = [];
  const masterName = `${pair.daemon} master (h${pair.masterHost.index})`;
  const backupName = `${pair.daemon} backup (h${pair.backupHost.index})`;
  let startUs = nowUs();
  let unplugStartUs = startUs;
  let unplugDoneUs = startUs;
  let plugStartUs: number | null = null;
  let error: string | null = null;
  let unplugged = false;
  try {
    // Both routers in place, then a couple of intervals of steady adverts.
    await reachState(pair.master, 'MASTER', restoreTimeoutMs, masterName);
    await reachState(pair.backup, 'BACKUP', restoreTimeoutMs, backupName);
    startUs = nowUs();
    await sleep(settleMs);
    if (stateOf(pair.master) !== 'MASTER' || stateOf(pair.backup) !== 'BACKUP') {
      throw new Error(`not steady before the unplug: master ${stateOf(pair.master)}, backup ${stateOf(pair.backup)}`);
    }

    const masterMark = pair.master.output.lines.length;
    unplugStartUs = nowUs();
    unplugged = true;
    await lab.unplug(pair.masterHost);
    unplugDoneUs = nowUs();
    await reachState(pair.backup, 'MASTER', takeoverTimeoutMs, backupName);
    await pair.master.waitForState(INSTANCE, 'FAULT', 3000, masterMark).catch(() => {
      notes.push('the unplugged master logged no FAULT within 3 s');
    });
    await sleep(holdMs);
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  try {
    if (unplugged) {
      plugStartUs = nowUs();
      await lab.plug(pair.masterHost);
      await reachState(pair.master, 'MASTER', restoreTimeoutMs, masterName);
      await reachState(pair.backup, 'BACKUP', restoreTimeoutMs, backupName);
    }
  } catch (failure) {
    const message = `restoring: ${failure instanceof Error ? failure.message : String(failure)}`;
    error = error === null ? message : `${error}; ${message}`;
  }
  return {
    daemon: pair.daemon,
    round,
    position,
    vrid: pair.vrid,
    oldMaster: pair.masterHost.ipv4,
    newMaster: pair.backupHost.ipv4,
    vip: pair.vip,
    intervalMs: interval,
    masterDownIntervalMs: mdi,
    startUs,
    unplugStartUs,
    unplugDoneUs,
    plugStartUs,
    error,
    notes,
  };
}

interface SettingOutcome {
  readonly report: SettingReport;
  readonly results: readonly RoundResult[];
  readonly seconds: number;
}

async function runSetting(setting: FailoverSetting, rounds: number, daemons: readonly DaemonName[]): Promise<SettingOutcome> {
  const started = Date.now();
  const resources = new SettingResources();
  current = resources;
  const records: RoundRecord[] = [];
  let aborted: string | null = null;
  let frames: CapturedFrame[] = [];
  try {
    progress(`${setting.label}: building a LAN of 4 namespaces, starting ${daemons.map((d) => `${d} ×2`).join(' and ')}…`);
    const lab = await Lab.create({ hosts: 4 });
    resources.lab = lab;
    resources.capture = await PacketCapture.start(lab);
    const pairs = await startPairs(lab, setting, resources, daemons);
    progress(`${setting.label}: masters elected; ${rounds} unplugs per daemon`);
    for (let round = 1; round <= rounds && aborted === null; round++) {
      const order = round % 2 === 1 ? pairs : [...pairs].reverse();
      for (const [index, pair] of order.entries()) {
        const record = await runRound(lab, setting, pair, round, index === 0 ? 1 : 2);
        records.push(record);
        progress(`${setting.label}: round ${round}/${rounds} ${pair.daemon}: ${record.error === null ? 'took over and back' : `FAILED: ${record.error}`}`);
        if (record.error?.startsWith('restoring') === true || record.error?.includes('; restoring') === true) {
          aborted = `round ${round} (${pair.daemon}) could not restore the pair: ${record.error}`;
          break;
        }
      }
    }
    frames = (await resources.takeCapture()) ?? [];
  } catch (failure) {
    aborted = failure instanceof Error ? failure.message : String(failure);
    progress(`${setting.label}: ABORTED: ${aborted}`);
    frames = (await resources.takeCapture().catch(() => null)) ?? [];
  } finally {
    await resources.release();
    current = null;
  }
  const results = records.map((record) => analyseRound(frames, record));
  return {
    report: {
      label: setting.label,
      masterDownIntervalMs: backupMasterDownIntervalMs(setting),
      vipd: summarise(results, 'vipd'),
      keepalived: summarise(results, 'keepalived'),
      aborted,
    },
    results,
    seconds: (Date.now() - started) / 1000,
  };
}

function environment(): Record<string, string> {
  const version = (command: string, args: string[]): string => {
    try {
      // keepalived --version writes to stderr.
      const text = execFileSync('sh', ['-c', '"$0" "$@" 2>&1', command, ...args], { encoding: 'utf8', timeout: 5000 });
      return text.split('\n')[0]?.trim() || '?';
    } catch {
      return '?';
    }
  };
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return {
    date: new Date().toISOString(),
    vipd: `v${pkg.version ?? '?'}`,
    keepalived: version('keepalived', ['--version']),
    node: process.version,
    kernel: release(),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    loadavg: loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

const started = Date.now();

async function main(): Promise<number> {
  let options: Options;
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if ('help' in parsed) {
      process.stdout.write(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    process.stderr.write(`bench/failover: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const availability = await labAvailability();
  if (!availability.available) {
    process.stderr.write(`bench/failover: ${availability.reason}\n`);
    return 1;
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const env = environment();
  const outcomes: { setting: FailoverSetting; rounds: number; outcome: SettingOutcome }[] = [];
  for (const setting of options.settings) {
    const rounds = roundsFor(setting, options);
    outcomes.push({ setting, rounds, outcome: await runSetting(setting, rounds, options.daemons) });
  }
  const totalSeconds = (Date.now() - started) / 1000;

  const out: string[] = [];
  out.push('## bench/failover: vipd vs keepalived, master unplugged');
  out.push('');
  out.push(Object.entries(env).map(([k, v]) => `${k}: ${v}`).join(' · '));
  out.push(
    `rounds per daemon: ${outcomes.map((o) => `${o.setting.label} ${o.rounds}`).join(', ')}` +
      (options.v2Rounds < options.rounds ? ' (fewer at v2 1 s to bound the run time; --v2-rounds to change)' : ''),
  );
  out.push(`total run time: ${totalSeconds.toFixed(1)} s (${outcomes.map((o) => `${o.setting.label} ${o.outcome.seconds.toFixed(1)} s`).join(', ')})`);
  out.push('');
  out.push('Same keepalived.conf for both (state BACKUP, priorities 150/100, preempt); vipd VRID 51, keepalived VRID 52, one LAN per setting,');
  out.push('capture on the switch bridge. MDI = RFC Master_Down_Interval of the priority-100 backup (v2 skew (256−p)/256 s, v3 (256−p)×interval/256).');
  out.push("GARP = the first gratuitous ARP for the pair's VIP at or after the new master's first advert.");
  out.push('Median of an even count is the mean of the two middle rounds. Ratio = vipd / keepalived (n/a when keepalived ≤ 0).');
  out.push('');
  out.push(formatTables(outcomes.map((o) => o.outcome.report)));
  out.push('');
  for (const { outcome } of outcomes) {
    if (outcome.report.aborted !== null) out.push(`**${outcome.report.label} stopped early:** ${outcome.report.aborted}`);
  }
  const verdicts = outcomes.filter(() => options.daemons.includes('vipd')).map(({ outcome }) => {
    const median = outcome.report.vipd.excess.median;
    const pass = median !== null && median <= ACCEPTANCE_MEDIAN_EXCESS_MS;
    return `${outcome.report.label} ${median === null ? 'no data' : `${median.toFixed(3)} ms`} ${pass ? 'PASS' : 'FAIL'}`;
  });
  if (verdicts.length > 0) out.push(`Acceptance (vipd median excess ≤ ${ACCEPTANCE_MEDIAN_EXCESS_MS.toFixed(1)} ms): ${verdicts.join(' · ')}`);
  out.push('');
  for (const { outcome } of outcomes) {
    out.push(formatRounds(outcome.report.label, outcome.results));
    out.push('');
  }

  const jsonFile = options.jsonFile ?? join(mkdtempSync(join(tmpdir(), 'vipd-bench-failover-')), 'results.json');
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        environment: env,
        totalSeconds,
        definitions: {
          gapMs: 'first advert of the new master − last advert of the old master (capture timestamps)',
          excessMs: 'gapMs − masterDownIntervalMs',
          garpMs: "first gratuitous ARP for the VIP at or after the new master's first advert − last advert of the old master",
          garpExcessMs: 'garpMs − masterDownIntervalMs',
        },
        settings: outcomes.map(({ setting, rounds, outcome }) => ({ setting, rounds, ...outcome })),
      },
      null,
      2,
    )}\n`,
  );
  out.push(`Raw results (JSON): ${jsonFile}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return outcomes.some((o) => o.outcome.report.aborted !== null) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    process.stderr.write(`bench/failover: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await current?.release();
    process.exitCode = 1;
  },
);
