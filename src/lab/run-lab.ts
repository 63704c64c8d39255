/**
 * `vipd lab`: three vipd routers on a LAN of network namespaces. It builds
 * the LAN, starts vipd on each router with a generated keepalived.conf, shows
 * a live state table, pulls the master's cable, shows the VIP move with the
 * failover time measured on the wire against the RFC Master_Down_Interval,
 * plugs the cable back, and removes everything on exit or Ctrl-C.
 */
import { parseArgs } from 'node:util';
import type { InstanceStatus } from '../control/instance-status.js';
import type { CapturedFrame } from './captured-frames.js';
import { formatLabTable, type LabRow } from './lab-table.js';
import { Lab, labAvailability, type LabHost } from './namespace-lan.js';
import { PacketCapture } from './packet-capture.js';
import { VipdProcess } from './vipd-process.js';

const USAGE = `Usage: vipd lab [--interval SECONDS] [--hold]
  Builds three routers (priorities 150, 100, 50) on a namespace LAN, runs vipd on each,
  pulls the master's cable and plugs it back, then removes everything.
  --interval SECONDS   VRRPv3 advert_int (default 0.1; 0.01 to 40.95)
  --hold               keep the lab running with the live table until Ctrl-C
Needs root (network namespaces). Touches nothing outside the namespaces it creates.
`;

const PRIORITIES = [150, 100, 50] as const;
const STATE_TIMEOUT_MS = 15_000;
const REFRESH_MS = 100;

interface Router {
  readonly host: LabHost;
  readonly vipd: VipdProcess;
  cable: 'plugged' | 'unplugged';
}

export async function runLab(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseArgs({ args: [...args], options: { interval: { type: 'string' }, hold: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    process.stderr.write(`vipd lab: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (options.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const intervalSeconds = Number(options.interval ?? '0.1');
  if (!(intervalSeconds >= 0.01 && intervalSeconds <= 40.95)) {
    process.stderr.write(`vipd lab: --interval must be from 0.01 to 40.95 seconds, got "${options.interval ?? ''}"\n`);
    return 1;
  }
  const availability = await labAvailability();
  if (!availability.available) {
    process.stderr.write(`vipd lab: ${availability.reason}\n`);
    return 1;
  }

  const say = (text: string): void => {
    process.stdout.write(`${text}\n`);
  };
  let lab: Lab | null = null;
  let capture: PacketCapture | null = null;
  const routers: Router[] = [];
  let interrupted = false;
  const cleanUp = async (): Promise<void> => {
    await Promise.all(routers.map((r) => r.vipd.stop().catch(() => null)));
    await capture?.discard();
    await lab?.destroy();
  };
  const onInterrupt = (): void => {
    if (interrupted) return;
    interrupted = true;
    say('\nInterrupted: stopping the routers and removing the namespaces…');
    void cleanUp().then(() => process.exit(130));
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  try {
    say('Building a LAN of network namespaces: a switch and three routers…');
    lab = await Lab.create({ hosts: 3 });
    const vip = lab.ipv4(100);
    say(`Namespaces ${lab.prefix}sw and ${lab.hosts.map((h) => h.namespace).join(', ')}; the VIP is ${vip}.`);
    capture = await PacketCapture.start(lab);
    for (const [index, priority] of PRIORITIES.entries()) {
      const host = lab.host(index + 1);
      routers.push({ host, vipd: await VipdProcess.start(lab, host, labConfig(vip, priority, intervalSeconds)), cable: 'plugged' });
    }
    const view = new LiveTable(lab, routers, vip);
    view.start();
    const [first, second] = routers;
    if (first === undefined || second === undefined) throw new Error('the lab has three routers');

    await first.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS);
    await view.refresh();
    view.note(`r1 (priority 150) is master and holds ${vip}.`);

    const mark = second.vipd.output.lines.length;
    const unpluggedAtUs = Date.now() * 1000;
    view.note(`Pulling r1's cable…`);
    await lab.unplug(first.host);
    first.cable = 'unplugged';
    await second.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, mark);
    await view.refresh();
    const measured = failover(capture.snapshot(), first.host.ipv4, second.host.ipv4, unpluggedAtUs);
    const limitMs = masterDownMs(100, intervalSeconds);
    view.note(
      measured === null
        ? `${vip} moved to r2; the capture did not show both adverts, so no time was measured.`
        : `${vip} moved r1 → r2 in ${measured.toFixed(3)} ms (last advert of r1 → first advert of r2); ` +
            `RFC Master_Down_Interval for r2 is ${limitMs.toFixed(3)} ms (${formatExcess(measured - limitMs)}).`,
    );

    const back = first.vipd.output.lines.length;
    view.note(`Plugging r1's cable back in…`);
    await lab.plug(first.host);
    first.cable = 'plugged';
    await first.vipd.waitForState('VI_1', 'MASTER', STATE_TIMEOUT_MS, back);
    await view.refresh();
    view.note(`r1 preempted r2 and holds ${vip} again.`);

    if (options.hold === true) {
      view.note('Holding the lab; Ctrl-C removes everything.');
      await new Promise<void>(() => undefined);
    }
    view.stop();
    say('Stopping the routers and removing the namespaces…');
    await cleanUp();
    say('Done: nothing of the lab is left.');
    return 0;
  } catch (error) {
    process.stderr.write(`vipd lab: ${error instanceof Error ? error.message : String(error)}\n`);
    await cleanUp();
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

function labConfig(vip: string, priority: number, intervalSeconds: number): string {
  return `! generated by vipd lab
global_defs {
    router_id vipd-lab-${priority}
}
vrrp_instance VI_1 {
    state ${priority === 150 ? 'MASTER' : 'BACKUP'}
    interface eth0
    virtual_router_id 51
    priority ${priority}
    version 3
    advert_int ${intervalSeconds}
    virtual_ipaddress {
        ${vip}/24
    }
}
`;
}

/** RFC 5798 §6.1 for a v3 backup: 3 × interval + (256 − priority) × interval / 256. */
function masterDownMs(priority: number, intervalSeconds: number): number {
  const intervalMs = intervalSeconds * 1000;
  return 3 * intervalMs + ((256 - priority) * intervalMs) / 256;
}

function formatExcess(ms: number): string {
  return `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(3)} ms`;
}

/** Last advert of the old master → first advert of the new one, in ms; null if the capture lacks either. */
function failover(frames: readonly CapturedFrame[], oldMaster: string, newMaster: string, afterUs: number): number | null {
  const adverts = frames.filter((f): f is Extract<CapturedFrame, { kind: 'advert' }> => f.kind === 'advert');
  const first = adverts.find((f) => f.source === newMaster && f.atUs > afterUs && f.advert.priority > 0);
  if (first === undefined) return null;
  const last = adverts.filter((f) => f.source === oldMaster && f.atUs < first.atUs).at(-1);
  return last === undefined ? null : (first.atUs - last.atUs) / 1000;
}

/**
 * The state table, redrawn in place on a terminal and printed on change
 * otherwise, with the story told below it.
 */
class LiveTable {
  private timer: NodeJS.Timeout | null = null;
  private readonly notes: string[] = [];
  private lastTable = '';
  private readonly tty = process.stdout.isTTY === true;

  constructor(
    private readonly lab: Lab,
    private readonly routers: readonly Router[],
    private readonly vip: string,
  ) {}

  start(): void {
    const tick = (): void => {
      void this.refresh().finally(() => {
        if (this.timer !== null) this.timer = setTimeout(tick, REFRESH_MS);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  note(text: string): void {
    this.notes.push(text);
    if (this.tty) this.draw(this.lastTable);
    else process.stdout.write(`* ${text}\n`);
  }

  async refresh(): Promise<void> {
    const rows = await Promise.all(this.routers.map((r, i) => this.row(r, i)));
    const table = formatLabTable(rows);
    if (table === this.lastTable) return;
    this.lastTable = table;
    if (this.tty) this.draw(table);
    else process.stdout.write(`${table}\n\n`);
  }

  private draw(table: string): void {
    process.stdout.write(`\x1b[H\x1b[2J${table}\n\n${this.notes.map((n) => `* ${n}`).join('\n')}\n`);
  }

  private async row(router: Router, index: number): Promise<LabRow> {
    let status: InstanceStatus | null = null;
    try {
      status = (await router.vipd.status())[0] ?? null;
    } catch {
      status = null;
    }
    const holdsVip = (await this.lab.addressesOf(router.host).catch(() => [])).some((a) => a.startsWith(`${this.vip}/`));
    return { host: `r${index + 1}`, address: router.host.ipv4, status, holdsVip, cable: router.cable };
  }
}
