/** `vipctl status` as a table an operator reads at a glance. */
import type { UnclaimedPackets } from './control-protocol.js';
import type { InstanceStatus } from './instance-status.js';

const COLUMNS: readonly { title: string; cell: (s: InstanceStatus) => string }[] = [
  { title: 'INSTANCE', cell: (s) => s.name },
  { title: 'VRID', cell: (s) => String(s.vrid) },
  { title: 'VER', cell: (s) => `v${s.version}` },
  // "held": vipctl backup holds the instance in BACKUP until vipctl resume.
  { title: 'STATE', cell: (s) => `${s.state.toUpperCase()}${s.held ? ' held' : ''}` },
  {
    // effective/base when trackers move it; "set" marks a base vipctl priority changed.
    title: 'PRIO',
    cell: (s) => {
      const base = s.administrativePriority ?? s.basePriority;
      const priority = s.effectivePriority === base ? String(base) : `${s.effectivePriority}/${base}`;
      return s.administrativePriority === null ? priority : `${priority} set (conf ${s.basePriority})`;
    },
  },
  { title: 'MASTER', cell: (s) => (s.masterAddress === null ? '-' : `${s.masterAddress}${s.masterPriority === null ? '' : ` (${s.masterPriority})`}`) },
  { title: 'VIPS', cell: (s) => s.virtualAddresses.join(',') },
  { title: 'ADV TX/RX', cell: (s) => `${s.counters.advertSent}/${s.counters.advertReceived}` },
  {
    title: 'ERRORS',
    cell: (s) => {
      const errors = Object.entries(s.counters).filter(
        ([name, count]) => count > 0 && !NON_ERROR_COUNTERS.has(name),
      );
      return errors.length === 0 ? '0' : errors.map(([name, count]) => `${name}=${count}`).join(',');
    },
  },
];

const NON_ERROR_COUNTERS = new Set([
  'advertReceived',
  'advertSent',
  'becameMaster',
  'releasedMaster',
  'priorityZeroReceived',
  'priorityZeroSent',
]);

export function formatStatusTable(instances: readonly InstanceStatus[], unclaimed: UnclaimedPackets): string {
  const rows = [COLUMNS.map((c) => c.title), ...instances.map((s) => COLUMNS.map((c) => c.cell(s)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const table = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
  const strays = Object.entries(unclaimed).filter(([, count]) => count > 0);
  return strays.length === 0 ? table : `${table}packets for no instance here: ${strays.map(([why, count]) => `${why}=${count}`).join(', ')}\n`;
}
