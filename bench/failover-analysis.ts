/**
 * What one failover round looked like on the wire, read off the capture on
 * the lab switch, and the per-setting summary. Pure: frames and the round's
 * wall-clock marks in, numbers (or the reason there are none) out.
 *
 * Definitions (all from capture timestamps on the switch's bridge):
 *   gap           = first advert of the new master − last advert of the old master
 *   excess        = gap − Master_Down_Interval of the backup (RFC 3768/5798 §6.1, priority 100)
 *   garp          = first gratuitous ARP for the VIP at or after the new master's first advert
 *                   − last advert of the old master
 *   garp excess   = garp − Master_Down_Interval
 */
import type { CapturedFrame } from '../src/lab/captured-frames.js';

export type DaemonName = 'vipd' | 'keepalived';

type AdvertFrame = Extract<CapturedFrame, { kind: 'advert' }>;

/** What the runner knows about a round: who, what, and when (wall-clock µs, the capture's clock). */
export interface RoundRecord {
  readonly daemon: DaemonName;
  /** 1-based. */
  readonly round: number;
  /** Whether this daemon's unplug came first or second within the round. */
  readonly position: 1 | 2;
  readonly vrid: number;
  readonly oldMaster: string;
  readonly newMaster: string;
  readonly vip: string;
  readonly intervalMs: number;
  readonly masterDownIntervalMs: number;
  /** Start of the round's settle period: both routers in place. */
  readonly startUs: number;
  /** Just before / just after `ip link set pN down`. */
  readonly unplugStartUs: number;
  readonly unplugDoneUs: number;
  /** Just before `ip link set pN up`; null if the round never got there. */
  readonly plugStartUs: number | null;
  /** What went wrong while the round ran (a timeout), or null. */
  readonly error: string | null;
  /** Observations that do not invalidate the round. */
  readonly notes: readonly string[];
}

export interface RoundMeasurement {
  readonly lastOldAdvertUs: number;
  readonly firstNewAdvertUs: number;
  readonly gapMs: number;
  readonly excessMs: number;
  /** null when no gratuitous ARP for the VIP was captured between the takeover and the plug-back. */
  readonly garpUs: number | null;
  readonly garpMs: number | null;
  readonly garpExcessMs: number | null;
  /** first GARP − first advert of the new master. */
  readonly garpAfterAdvertMs: number | null;
}

export type RoundResult = RoundRecord &
  ({ readonly ok: true; readonly measurement: RoundMeasurement } | { readonly ok: false; readonly failure: string });

/** Slack for Date.now()'s whole milliseconds against the capture's microseconds. */
const CLOCK_SLACK_US = 1000;
/** How stale the old master's last advert may be at the unplug: two intervals plus scheduling noise. */
const LATE_ADVERT_SLACK_US = 20_000;
/** Capture timestamps are µs; below MDI by more than this is an early takeover. */
const EARLY_TOLERANCE_MS = 0.01;

export function analyseRound(frames: readonly CapturedFrame[], record: RoundRecord): RoundResult {
  const fail = (failure: string): RoundResult => ({ ...record, ok: false, failure });
  if (record.error !== null) return fail(record.error);
  const endUs = record.plugStartUs ?? Number.POSITIVE_INFINITY;
  const adverts = frames.filter((f): f is AdvertFrame => f.kind === 'advert' && f.advert.vrid === record.vrid);
  const fromOld = adverts.filter((f) => f.source === record.oldMaster);
  const fromNew = adverts.filter((f) => f.source === record.newMaster);

  const early = fromNew.find((f) => f.atUs >= record.startUs && f.atUs < record.unplugStartUs);
  if (early !== undefined) {
    return fail(`the backup ${record.newMaster} advertised (priority ${early.advert.priority}) before the unplug: it was not a quiet backup`);
  }
  const first = fromNew.find((f) => f.atUs >= record.unplugStartUs && f.atUs < endUs && f.advert.priority > 0);
  if (first === undefined) return fail(`no advert from the new master ${record.newMaster} between the unplug and the plug-back`);
  const last = fromOld.filter((f) => f.atUs < first.atUs).at(-1);
  if (last === undefined || last.atUs < record.startUs) {
    return fail(`no advert from the old master ${record.oldMaster} in the round before the takeover`);
  }
  const staleUs = record.unplugStartUs - last.atUs;
  if (staleUs > 2 * record.intervalMs * 1000 + LATE_ADVERT_SLACK_US) {
    return fail(
      `the old master's last advert came ${(staleUs / 1000).toFixed(3)} ms before the unplug (interval ${record.intervalMs} ms): ` +
        'it was not advertising normally when its cable was pulled',
    );
  }
  if (last.atUs > record.unplugDoneUs + CLOCK_SLACK_US) {
    return fail(`the old master advertised ${((last.atUs - record.unplugDoneUs) / 1000).toFixed(3)} ms after its cable was pulled`);
  }
  if (last.advert.priority === 0) return fail('the old master resigned with priority 0: not a silent failure');
  const after = fromOld.find((f) => f.atUs > first.atUs && f.atUs < endUs);
  if (after !== undefined) return fail('the old master was still heard after the takeover, before the plug-back');

  const gapMs = (first.atUs - last.atUs) / 1000;
  const garp = frames.find(
    (f) => f.kind === 'gratuitousArp' && f.address === record.vip && f.atUs >= first.atUs && f.atUs < endUs,
  );
  const notes = [...record.notes];
  const garpsBeforeAdvert = frames.filter(
    (f) => f.kind === 'gratuitousArp' && f.address === record.vip && f.atUs > last.atUs && f.atUs < first.atUs,
  ).length;
  if (garpsBeforeAdvert > 0) notes.push(`${garpsBeforeAdvert} GARP(s) for the VIP before the new master's first advert (not counted)`);
  if (garp === undefined) notes.push('no GARP for the VIP captured between the takeover and the plug-back');
  if (gapMs < record.masterDownIntervalMs - EARLY_TOLERANCE_MS) notes.push('took over EARLY, before Master_Down_Interval');
  const garpMs = garp === undefined ? null : (garp.atUs - last.atUs) / 1000;
  return {
    ...record,
    notes,
    ok: true,
    measurement: {
      lastOldAdvertUs: last.atUs,
      firstNewAdvertUs: first.atUs,
      gapMs,
      excessMs: gapMs - record.masterDownIntervalMs,
      garpUs: garp?.atUs ?? null,
      garpMs,
      garpExcessMs: garpMs === null ? null : garpMs - record.masterDownIntervalMs,
      garpAfterAdvertMs: garp === undefined ? null : (garp.atUs - first.atUs) / 1000,
    },
  };
}

export interface Stats {
  readonly count: number;
  readonly median: number | null;
  readonly max: number | null;
  readonly min: number | null;
}

/** Median (mean of the two middle values for an even count), max and min; nulls when empty. */
export function stats(values: readonly number[]): Stats {
  if (values.length === 0) return { count: 0, median: null, max: null, min: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { count: sorted.length, median, max: sorted.at(-1)!, min: sorted[0]! };
}

export interface DaemonSummary {
  readonly rounds: number;
  readonly ok: number;
  readonly excess: Stats;
  readonly garpExcess: Stats;
  readonly garpAfterAdvert: Stats;
}

export function summarise(results: readonly RoundResult[], daemon: DaemonName): DaemonSummary {
  const mine = results.filter((r) => r.daemon === daemon);
  const measured = mine.flatMap((r) => (r.ok ? [r.measurement] : []));
  const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);
  return {
    rounds: mine.length,
    ok: measured.length,
    excess: stats(measured.map((m) => m.excessMs)),
    garpExcess: stats(present(measured.map((m) => m.garpExcessMs))),
    garpAfterAdvert: stats(present(measured.map((m) => m.garpAfterAdvertMs))),
  };
}

export interface SettingReport {
  readonly label: string;
  readonly masterDownIntervalMs: number;
  readonly vipd: DaemonSummary;
  readonly keepalived: DaemonSummary;
  /** Why the setting stopped early, if it did. */
  readonly aborted: string | null;
}

export function ms(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

/** vipd / keepalived; meaningless (n/a) unless both are there and keepalived's is positive. */
export function ratio(vipd: number | null, keepalived: number | null): string {
  if (vipd === null || keepalived === null || keepalived <= 0) return 'n/a';
  return (vipd / keepalived).toFixed(2);
}

export function formatTables(reports: readonly SettingReport[]): string {
  const lines: string[] = [];
  lines.push('### Failover excess: (first advert of new master − last advert of old master) − Master_Down_Interval, ms');
  lines.push('');
  lines.push('| setting | MDI (ms) | rounds ok vipd | rounds ok keepalived | vipd median | vipd max | keepalived median | keepalived max | ratio median | ratio max |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of reports) {
    lines.push(
      `| ${r.label} | ${r.masterDownIntervalMs.toFixed(3)} | ${r.vipd.ok}/${r.vipd.rounds} | ${r.keepalived.ok}/${r.keepalived.rounds} | ` +
        `${ms(r.vipd.excess.median)} | ${ms(r.vipd.excess.max)} | ${ms(r.keepalived.excess.median)} | ${ms(r.keepalived.excess.max)} | ` +
        `${ratio(r.vipd.excess.median, r.keepalived.excess.median)} | ${ratio(r.vipd.excess.max, r.keepalived.excess.max)} |`,
    );
  }
  lines.push('');
  lines.push('### Time to first GARP: (first gratuitous ARP for the VIP − last advert of old master) − Master_Down_Interval, ms');
  lines.push('');
  lines.push('| setting | GARPs vipd | GARPs keepalived | vipd median | vipd max | keepalived median | keepalived max | ratio median | ratio max | GARP after advert, vipd / keepalived median |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of reports) {
    lines.push(
      `| ${r.label} | ${r.vipd.garpExcess.count}/${r.vipd.ok} | ${r.keepalived.garpExcess.count}/${r.keepalived.ok} | ` +
        `${ms(r.vipd.garpExcess.median)} | ${ms(r.vipd.garpExcess.max)} | ${ms(r.keepalived.garpExcess.median)} | ${ms(r.keepalived.garpExcess.max)} | ` +
        `${ratio(r.vipd.garpExcess.median, r.keepalived.garpExcess.median)} | ${ratio(r.vipd.garpExcess.max, r.keepalived.garpExcess.max)} | ` +
        `${ms(r.vipd.garpAfterAdvert.median)} / ${ms(r.keepalived.garpAfterAdvert.median)} |`,
    );
  }
  return lines.join('\n');
}

/** One line per round: the raw numbers behind the tables. */
export function formatRounds(label: string, results: readonly RoundResult[]): string {
  const lines = [
    `#### ${label}: rounds`,
    '',
    '| round | daemon | order | gap (ms) | excess (ms) | GARP (ms) | GARP − MDI (ms) | GARP after advert (ms) | status |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const m = r.ok ? r.measurement : null;
    const status = r.ok ? (r.notes.length === 0 ? 'ok' : `ok; ${r.notes.join('; ')}`) : `FAILED: ${r.failure}`;
    lines.push(
      `| ${r.round} | ${r.daemon} | ${r.position} | ${ms(m?.gapMs ?? null)} | ${ms(m?.excessMs ?? null)} | ${ms(m?.garpMs ?? null)} | ` +
        `${ms(m?.garpExcessMs ?? null)} | ${ms(m?.garpAfterAdvertMs ?? null)} | ${status.replaceAll('|', '/')} |`,
    );
  }
  return lines.join('\n');
}
