/**
 * FRR's vrrpd (Debian's frr package) in a lab host, exactly as
 * shared/reference/peers-in-namespaces.md runs it: zebra beside vrrpd, a
 * per-namespace path space (`-N <namespace>`, sockets and pid files under
 * /var/run/frr/<namespace>, owned by frr), and the macvlan FRR needs made by
 * hand before vrrpd starts — `vrrp4-<vrid>` on eth0, mode bridge, MAC
 * 00:00:5e:00:01:<vrid>, carrying the virtual addresses.
 *
 * Only VRRPv3 over IPv4 is set up here. Both daemons daemonize (-d); they are
 * stopped through their pid files. The lab's namespace names carry a per-run
 * prefix, so the path space is unique per run too.
 *
 * FRR has no event stream: state is read with `vtysh -N <namespace> -c 'show
 * vrrp json'`, polled with a bounded loop. FRR as backup sets the macvlan
 * protodown instead of removing the address, so mastership is read from that
 * JSON (or the wire), never from `ip addr`.
 */
import { execFile } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Lab, LabHost } from './namespace-lan.js';

const run = promisify(execFile);
const FRR_DIRECTORY = '/usr/lib/frr';
const RUN_DIRECTORY = '/var/run/frr';
const COMMAND_TIMEOUT_MS = 10_000;
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 20;

export interface FrrVrrpOptions {
  readonly vrid: number;
  readonly priority: number;
  /** `vrrp N advertisement-interval`, in milliseconds (FRR's unit; 10 ms granularity). */
  readonly advertisementIntervalMs: number;
  /** The IPv4 virtual addresses, without prefix. */
  readonly addresses: readonly string[];
  /** Prefix length the addresses get on the macvlan (the LAN's). */
  readonly prefixLength: number;
  /** `vrrp N preempt` (FRR's default) or `no vrrp N preempt`. */
  readonly preempt?: boolean;
}

/** FRR's names for a VRRP router's state (vrrpd/vrrp.c vrrp_state_names). */
export type FrrVrrpState = 'Initialize' | 'Master' | 'Backup';

/** One address family's half of an entry of `show vrrp json` (FRR 8.4). */
export interface FrrVrrpFamilyStatus {
  readonly interface: string;
  readonly vmac: string;
  readonly primaryAddress: string;
  readonly status: FrrVrrpState;
  readonly effectivePriority: number;
  /** Milliseconds, as everything in FRR's VRRP JSON. */
  readonly masterAdverInterval: number;
  readonly skewTime: number;
  readonly masterDownInterval: number;
  readonly stats: { readonly adverTx: number; readonly adverRx: number; readonly garpTx?: number; readonly transitions: number };
  readonly addresses: readonly string[];
}

export interface FrrVrrpStatus {
  readonly vrid: number;
  readonly version: number;
  readonly priority?: number;
  readonly preemptMode: boolean;
  readonly acceptMode: boolean;
  readonly interface: string;
  readonly advertisementInterval: number;
  readonly v4: FrrVrrpFamilyStatus;
  readonly v6: FrrVrrpFamilyStatus;
}

export class FrrProcess {
  #stopped = false;
  /** Last resort if the test process exits without stop(): the lab kills the daemons, this removes the files. */
  readonly #onExit = (): void => {
    rmSync(this.runDirectory, { recursive: true, force: true });
    rmSync(this.directory, { recursive: true, force: true });
  };

  private constructor(
    readonly lab: Lab,
    readonly host: LabHost,
    readonly options: FrrVrrpOptions,
    /** /var/run/frr/<namespace>: sockets and pid files. */
    readonly runDirectory: string,
    /** Config and log files. */
    readonly directory: string,
  ) {}

  /** The macvlan FRR sends from and puts the addresses on: vrrp4-<vrid>. */
  get macvlan(): string {
    return `vrrp4-${this.options.vrid}`;
  }

  /** The virtual router MAC, 00:00:5e:00:01:<vrid> (RFC 5798 §7.3). */
  get virtualMac(): string {
    return `00:00:5e:00:01:${this.options.vrid.toString(16).padStart(2, '0')}`;
  }

  /**
   * Creates the macvlan, writes frr.conf, starts zebra then vrrpd, and resolves
   * once `show vrrp json` reports the router out of Initialize. On failure
   * everything started is stopped and removed again.
   */
  static async start(lab: Lab, host: LabHost, options: FrrVrrpOptions): Promise<FrrProcess> {
    const { namespace } = host;
    const runDirectory = join(RUN_DIRECTORY, namespace);
    const directory = mkdtempSync(join(tmpdir(), `${lab.prefix}-frr-h${host.index}-`));
    const frr = new FrrProcess(lab, host, options, runDirectory, directory);
    process.once('exit', frr.#onExit);
    try {
      const { uid, gid } = await frrUser();
      if (!existsSync(RUN_DIRECTORY)) {
        // Made by the frr service (tmpfiles.d) on a booted system, but not in a bare container.
        mkdirSync(RUN_DIRECTORY, { mode: 0o755 });
        chownSync(RUN_DIRECTORY, uid, gid);
      }
      mkdirSync(runDirectory, { recursive: true });
      chownSync(runDirectory, uid, gid);
      // FRR drops to the frr user before it opens its config and log files.
      chownSync(directory, uid, gid);
      chmodSync(directory, 0o755);
      const configFile = join(directory, 'frr.conf');
      writeFileSync(configFile, frrConfig(host, options));
      chownSync(configFile, uid, gid);

      const macvlan = frr.macvlan;
      await lab.ip(namespace, 'link', 'add', 'link', host.interfaceName, 'name', macvlan, 'type', 'macvlan', 'mode', 'bridge');
      await lab.ip(namespace, 'link', 'set', macvlan, 'address', frr.virtualMac);
      for (const address of options.addresses) {
        await lab.ip(namespace, 'addr', 'add', `${address}/${options.prefixLength}`, 'dev', macvlan);
      }
      await lab.ip(namespace, 'link', 'set', macvlan, 'up');

      for (const daemon of ['zebra', 'vrrpd'] as const) {
        await lab.exec(
          namespace,
          join(FRR_DIRECTORY, daemon),
          '-N',
          namespace,
          '-d',
          '-f',
          configFile,
          '-z',
          join(runDirectory, 'zserv.api'),
          '-i',
          frr.#pidFile(daemon),
          '--log',
          `file:${join(directory, `${daemon}.log`)}`,
        );
      }
      await frr.#waitFor(
        (status) => status !== undefined && status.v4.status !== 'Initialize',
        STARTUP_TIMEOUT_MS,
        'vrrpd to leave Initialize',
      );
      return frr;
    } catch (error) {
      await frr.stop();
      throw error;
    }
  }

  /** `show vrrp json`, parsed. */
  async showVrrp(): Promise<FrrVrrpStatus[]> {
    const out = await run('vtysh', ['-N', this.host.namespace, '-c', 'show vrrp json'], { timeout: COMMAND_TIMEOUT_MS });
    return JSON.parse(out.stdout) as FrrVrrpStatus[];
  }

  /** This router's entry of `show vrrp json`. */
  async status(): Promise<FrrVrrpStatus | undefined> {
    return (await this.showVrrp()).find((entry) => entry.vrid === this.options.vrid);
  }

  /** Polls `show vrrp json` until the IPv4 router reports `state`; resolves with that status. */
  async waitForState(state: FrrVrrpState, timeoutMs: number): Promise<FrrVrrpStatus> {
    return this.#waitFor((status) => status?.v4.status === state, timeoutMs, `FRR to report ${state}`);
  }

  /** vrrpd's log so far (for failure messages). */
  log(): string {
    return readIfExists(join(this.directory, 'vrrpd.log'));
  }

  /**
   * SIGTERM to vrrpd then zebra through their pid files, waiting (bounded) for
   * each to go; SIGKILL after STOP_TIMEOUT_MS. Removes the macvlan, the path
   * space and the files. Idempotent; never throws.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    process.removeListener('exit', this.#onExit);
    for (const daemon of ['vrrpd', 'zebra'] as const) {
      const pid = Number.parseInt(readIfExists(this.#pidFile(daemon)).trim(), 10);
      if (Number.isInteger(pid) && pid > 0) await terminate(pid);
    }
    await this.lab.ip(this.host.namespace, 'link', 'del', this.macvlan).catch(() => undefined);
    rmSync(this.runDirectory, { recursive: true, force: true });
    rmSync(this.directory, { recursive: true, force: true });
  }

  #pidFile(daemon: 'zebra' | 'vrrpd'): string {
    return join(this.runDirectory, `${daemon}.pid`);
  }

  async #waitFor(
    done: (status: FrrVrrpStatus | undefined) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<FrrVrrpStatus> {
    const deadline = Date.now() + timeoutMs;
    let last: FrrVrrpStatus | undefined;
    let lastError: unknown;
    for (;;) {
      try {
        last = await this.status();
        lastError = undefined;
        if (done(last) && last !== undefined) return last;
      } catch (error) {
        // vtysh cannot connect until vrrpd has opened its socket
        lastError = error;
      }
      if (Date.now() >= deadline) break;
      await delay(POLL_INTERVAL_MS);
    }
    const detail = lastError !== undefined ? `last error: ${(lastError as Error).message}` : `last status: ${JSON.stringify(last?.v4)}`;
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${detail}\nvrrpd log:\n${this.log().split('\n').slice(-20).join('\n')}`);
  }
}

function frrConfig(host: LabHost, options: FrrVrrpOptions): string {
  const { vrid } = options;
  const lines = [
    `interface ${host.interfaceName}`,
    ` vrrp ${vrid} version 3`,
    ` vrrp ${vrid} priority ${options.priority}`,
    ` vrrp ${vrid} advertisement-interval ${options.advertisementIntervalMs}`,
    ...(options.preempt === false ? [` no vrrp ${vrid} preempt`] : []),
    ...options.addresses.map((address) => ` vrrp ${vrid} ip ${address}`),
    '!',
    // State changes, and (packets) why a received advert was dropped: FRR 8.4
    // logs "Datagram invalid: …" only under `debug vrrp packets`.
    'debug vrrp protocol',
    'debug vrrp packets',
    '',
  ];
  return lines.join('\n');
}

async function frrUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'frr'], { timeout: COMMAND_TIMEOUT_MS }),
    run('id', ['-g', 'frr'], { timeout: COMMAND_TIMEOUT_MS }),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** SIGTERM, then SIGKILL if the process is still there after STOP_TIMEOUT_MS. */
async function terminate(pid: number): Promise<void> {
  if (!signal(pid, 'SIGTERM')) return;
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!running(pid)) return;
    await delay(POLL_INTERVAL_MS);
  }
  signal(pid, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** A daemonized process is reaped by init, not by us: a zombie counts as gone. */
function running(pid: number): boolean {
  const stat = readIfExists(`/proc/${pid}/stat`);
  if (stat === '') return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

function readIfExists(path: string): string {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  } catch {
    return '';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
