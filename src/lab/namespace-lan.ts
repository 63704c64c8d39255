/**
 * A small LAN of network namespaces, for the lab, the integration tests and
 * the benchmarks, as in
 * shared/reference/peers-in-namespaces.md: a "switch" namespace with bridge
 * br0, and host namespaces each joined to it by a veth pair (host side eth0,
 * switch side pN). Nothing touches the root namespace's network.
 *
 * Every name carries a per-run prefix (vt<pid><random>), so concurrent runs
 * and leftovers of crashed runs cannot collide. destroy() kills every process
 * started in the lab's namespaces and deletes the namespaces (which deletes
 * their links); it is idempotent, never throws, and also runs at process exit
 * if a test forgot it.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 10_000;

export interface LabHost {
  /** 1-based position in the lab. */
  readonly index: number;
  readonly namespace: string;
  /** The host's interface, always eth0. */
  readonly interfaceName: 'eth0';
  /** Its bridge port in the switch namespace. */
  readonly switchPort: string;
  /** 10.<subnet>.0.<index>/24 */
  readonly ipv4: string;
  /** fd00:<subnet>::<index>/64 */
  readonly ipv6: string;
}

export interface LabOptions {
  readonly hosts: number;
  /**
   * How many LANs (default 1). LAN k is bridge br<k> in the switch namespace;
   * every host joins it as eth<k> with 10.<subnet>.<k>.<index>/24.
   */
  readonly lans?: number;
}

export type LabAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** Whether namespaces can be made here: root and a working `ip netns`. Says why not. */
export async function labAvailability(): Promise<LabAvailability> {
  if (process.platform !== 'linux') return { available: false, reason: `needs Linux, this is ${process.platform}` };
  if (process.getuid?.() !== 0) return { available: false, reason: 'needs root to create network namespaces' };
  try {
    await run('ip', ['netns', 'list'], { timeout: COMMAND_TIMEOUT_MS });
    return { available: true };
  } catch (error) {
    return { available: false, reason: `\`ip netns\` is unavailable: ${(error as Error).message}` };
  }
}

export class Lab {
  readonly prefix: string;
  readonly switchNamespace: string;
  readonly hosts: readonly LabHost[];
  /** The lab's IPv4 /24 is 10.<subnet>.0.0 and its IPv6 /64 fd00:<subnet>::. */
  readonly subnet: number;
  /** How many LANs every host is on (eth0 … eth<lans-1>). */
  readonly lans: number;
  readonly #children = new Set<ChildProcess>();
  readonly #onExit = (): void => this.#destroySync();
  #destroyed = false;

  private constructor(prefix: string, subnet: number, hosts: readonly LabHost[], lans: number) {
    this.prefix = prefix;
    this.subnet = subnet;
    this.lans = lans;
    this.switchNamespace = `${prefix}sw`;
    this.hosts = hosts;
    process.once('exit', this.#onExit);
  }

  /** Builds the lab; on any failure destroys what was built and rethrows. */
  static async create(options: LabOptions): Promise<Lab> {
    const prefix = `vt${process.pid}${randomBytes(2).toString('hex')}`;
    const subnet = 100 + randomBytes(1).readUInt8(0) % 100;
    const hosts: LabHost[] = [];
    for (let index = 1; index <= options.hosts; index++) {
      hosts.push({
        index,
        namespace: `${prefix}h${index}`,
        interfaceName: 'eth0',
        switchPort: `p${index}`,
        ipv4: `10.${subnet}.0.${index}`,
        ipv6: `fd00:${subnet}::${index}`,
      });
    }
    const lab = new Lab(prefix, subnet, hosts, options.lans ?? 1);
    try {
      await lab.#build();
      return lab;
    } catch (error) {
      await lab.destroy();
      throw error;
    }
  }

  /** 10.<subnet>.<lan>.<last>: an address of LAN `lan` (eth<lan> on every host). */
  ipv4On(lan: number, last: number): string {
    return `10.${this.subnet}.${lan}.${last}`;
  }

  /** Pulls one of the host's cables: LAN `lan`'s switch port goes down, so its eth<lan> loses carrier. */
  async unplugLan(host: LabHost, lan: number): Promise<void> {
    await this.ip(this.switchNamespace, 'link', 'set', switchPortOn(host, lan), 'down');
  }

  async plugLan(host: LabHost, lan: number): Promise<void> {
    await this.ip(this.switchNamespace, 'link', 'set', switchPortOn(host, lan), 'up');
  }

  /** 10.<subnet>.0.<last>: an address of the lab's LAN, e.g. for a VIP. */
  ipv4(last: number): string {
    return `10.${this.subnet}.0.${last}`;
  }

  /** fd00:<subnet>::<last in hex>. */
  ipv6(last: number): string {
    return `fd00:${this.subnet}::${last.toString(16)}`;
  }

  /** The addresses on a host's eth0, as `ip -o addr` lists them (address/prefix). */
  async addressesOf(host: LabHost): Promise<string[]> {
    const out = await this.ip(host.namespace, '-o', 'addr', 'show', 'dev', 'eth0');
    return [...out.matchAll(/\binet6? (\S+)/g)].map((m) => m[1] ?? '');
  }

  host(index: number): LabHost {
    const host = this.hosts[index - 1];
    if (host === undefined) throw new RangeError(`the lab has no host ${index}`);
    return host;
  }

  /** Runs `ip -n <namespace> args...`. */
  async ip(namespace: string, ...args: string[]): Promise<string> {
    return (await run('ip', ['-n', namespace, ...args], { timeout: COMMAND_TIMEOUT_MS })).stdout;
  }

  /** Runs a command inside a namespace and returns its stdout. */
  async exec(namespace: string, command: string, ...args: string[]): Promise<string> {
    return (await run('ip', ['netns', 'exec', namespace, command, ...args], { timeout: COMMAND_TIMEOUT_MS })).stdout;
  }

  /** Starts a long-running process in a namespace; destroy() kills it. */
  spawn(namespace: string, command: string, args: readonly string[]): ChildProcess {
    this.#assertAlive();
    const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  /** Pulls the host's cable: its switch port goes down, so its eth0 loses carrier. */
  async unplug(host: LabHost): Promise<void> {
    await this.ip(this.switchNamespace, 'link', 'set', host.switchPort, 'down');
  }

  async plug(host: LabHost): Promise<void> {
    await this.ip(this.switchNamespace, 'link', 'set', host.switchPort, 'up');
  }

  /** Kills the lab's processes and deletes its namespaces. Idempotent; never throws. */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    process.removeListener('exit', this.#onExit);
    await Promise.all([...this.#children].map((child) => killAndWait(child)));
    for (const namespace of this.#namespaces()) {
      await this.#killNamespaceProcesses(namespace);
      await run('ip', ['netns', 'delete', namespace], { timeout: COMMAND_TIMEOUT_MS }).catch(() => undefined);
    }
  }

  async #build(): Promise<void> {
    const sw = this.switchNamespace;
    await run('ip', ['netns', 'add', sw], { timeout: COMMAND_TIMEOUT_MS });
    // A quiet switch: no IPv6 on its ports, and no multicast snooping that would need a querier.
    await this.exec(sw, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
    await this.ip(sw, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
    await this.ip(sw, 'link', 'set', 'br0', 'up');
    for (let lan = 1; lan < this.lans; lan++) {
      await this.ip(sw, 'link', 'add', `br${lan}`, 'type', 'bridge', 'mcast_snooping', '0');
      await this.ip(sw, 'link', 'set', `br${lan}`, 'up');
    }
    for (const host of this.hosts) {
      await run('ip', ['netns', 'add', host.namespace], { timeout: COMMAND_TIMEOUT_MS });
      // Without this an IPv6 link-local address stays tentative for about a second after link-up,
      // and sending from it fails (peers-in-namespaces.md).
      await this.exec(host.namespace, 'sysctl', '-qw', 'net.ipv6.conf.all.accept_dad=0', 'net.ipv6.conf.default.accept_dad=0');
      await this.ip(sw, 'link', 'add', host.switchPort, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.namespace);
      await this.ip(sw, 'link', 'set', host.switchPort, 'master', 'br0', 'up');
      await this.ip(host.namespace, 'link', 'set', 'lo', 'up');
      await this.ip(host.namespace, 'link', 'set', 'eth0', 'up');
      await this.ip(host.namespace, 'addr', 'add', `${host.ipv4}/24`, 'dev', 'eth0');
      await this.ip(host.namespace, 'addr', 'add', `${host.ipv6}/64`, 'dev', 'eth0', 'nodad');
      for (let lan = 1; lan < this.lans; lan++) {
        const port = switchPortOn(host, lan);
        await this.ip(sw, 'link', 'add', port, 'type', 'veth', 'peer', 'name', `eth${lan}`, 'netns', host.namespace);
        await this.ip(sw, 'link', 'set', port, 'master', `br${lan}`, 'up');
        await this.ip(host.namespace, 'link', 'set', `eth${lan}`, 'up');
        await this.ip(host.namespace, 'addr', 'add', `${this.ipv4On(lan, host.index)}/24`, 'dev', `eth${lan}`);
      }
    }
  }

  #namespaces(): string[] {
    return [...this.hosts.map((host) => host.namespace), this.switchNamespace];
  }

  async #killNamespaceProcesses(namespace: string): Promise<void> {
    const pids = await run('ip', ['netns', 'pids', namespace], { timeout: COMMAND_TIMEOUT_MS }).then(
      (result) => result.stdout.split(/\s+/).filter((pid) => /^\d+$/.test(pid)),
      () => [],
    );
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Last resort at process exit: synchronous, best effort. */
  #destroySync(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    for (const child of this.#children) child.kill('SIGKILL');
    for (const namespace of this.#namespaces()) {
      try {
        const pids = execFileSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
        for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
      } catch {
        // the namespace may not exist
      }
      try {
        execFileSync('ip', ['netns', 'delete', namespace], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  }

  #assertAlive(): void {
    if (this.#destroyed) throw new Error(`lab ${this.prefix} is destroyed`);
  }
}

/** The switch side of host's eth<lan>: p<index> for LAN 0 (as always), p<index>l<lan> for the others. */
function switchPortOn(host: LabHost, lan: number): string {
  return lan === 0 ? host.switchPort : `${host.switchPort}l${lan}`;
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
