/** The lab's live view: one row per router, as an operator would want it. */
import type { InstanceStatus } from '../control/instance-status.js';

export interface LabRow {
  readonly host: string;
  readonly address: string;
  readonly status: InstanceStatus | null;
  readonly holdsVip: boolean;
  readonly cable: 'plugged' | 'unplugged';
}

export function formatLabTable(rows: readonly LabRow[]): string {
  const header = ['ROUTER', 'ADDRESS', 'CABLE', 'STATE', 'PRIO', 'MASTER', 'VIP', 'ADVERTS TX/RX'];
  const lines = rows.map((row) => {
    const s = row.status;
    return [
      row.host,
      row.address,
      row.cable,
      s === null ? '?' : s.state.toUpperCase(),
      s === null ? '?' : String(s.effectivePriority),
      s?.masterAddress ?? '-',
      row.holdsVip ? 'HERE' : '',
      s === null ? '?' : `${s.counters.advertSent}/${s.counters.advertReceived}`,
    ];
  });
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
