/**
 * The VMAC interfaces of `use_vmac` instances (reference §3 "VMAC";
 * keepalived.conf(5) use_vmac; keepalived doc/NOTE_vrrp_vmac.txt), made by
 * vipd itself over rtnetlink, as keepalived makes them, on every node at
 * startup whatever the instance's state:
 *
 * - a macvlan in private mode on the instance's interface (its parent; a
 *   VLAN interface works alike: one VMAC per VLAN), named by use_vmac or
 *   PREFIX.VRID (vmac-name.ts), with MAC 00:00:5e:00:01|02:VRID (RFC 5798
 *   §7.3) or the one use_vmac gives;
 * - IPv6 address generation off (keepalived 2.2.7 sets addrgenmode none on
 *   every VMAC); an IPv4 VMAC gets disable_ipv6=1 unless the instance
 *   carries IPv6 addresses too; an IPv6 VMAC gets the link-local address of
 *   its PARENT's MAC (EUI-64), "nodad" and preferred lifetime 0 as
 *   keepalived 2.2.7 adds it;
 * - sysctls: on an IPv4 VMAC arp_ignore=1 (answer ARP only for addresses on
 *   the VMAC), accept_local=1, rp_filter=0, promote_secondaries=1; on an
 *   IPv6 VMAC arp_ignore=1; on the parent arp_ignore=1 and arp_filter=1, so
 *   that the parent never answers ARP for a VIP with its own MAC (keepalived
 *   issues #364, #2282); and since the kernel uses the larger of all.rp_filter
 *   and the interface's, a non-zero all.rp_filter is copied to default and to
 *   every interface whose own is lower, then set to 0.
 *
 * Everything is undone by close(): VMACs deleted, every sysctl put back
 * (keepalived 2.2.7 leaves the parent's arp_ignore/arp_filter set; vipd
 * restores those too). What was changed is recorded in a state file as it
 * happens (vmac-state.ts); a start after a crash undoes that record before
 * anything else (`open`).
 */
import type { Link } from '../../netlink/link-message.js';
import type { AddressToAdd } from '../../netlink/rtnetlink-request.js';
import type { MacvlanToCreate } from '../../netlink/link-request.js';
import type { VmacSpec } from '../../config/config-types.js';
import { eui64LinkLocal } from '../../primitives/eui64-link-local.js';
import type { IpFamily, Ipv6Address } from '../../primitives/ip-address.js';
import { parseMacAddress, virtualRouterMac, type MacAddress } from '../../primitives/mac-address.js';
import type { Logger } from '../../log/logger.js';
import { IPV4_CONF_DIRECTORY, ipv4ConfPath, ipv6ConfPath, type SysctlFiles } from './sysctl-files.js';
import { restoreSysctls, SysctlKeeper, type RestoreOutcome } from './sysctl-keeper.js';
import { generatedVmacName } from './vmac-name.js';
import type { RecordedMacvlan, RecordedParent, VmacStateStore } from './vmac-state.js';

/** The rtnetlink requests the VMACs need (RtnetlinkClient; a fake in tests). */
export interface VmacNetlink {
  listLinks(): Promise<readonly Link[]>;
  linkByName(name: string): Promise<Link | null>;
  createMacvlan(macvlan: MacvlanToCreate): Promise<void>;
  disableAddressGeneration(ifindex: number): Promise<void>;
  setLinkUp(ifindex: number): Promise<void>;
  deleteLink(ifindex: number): Promise<void>;
  addAddress(address: AddressToAdd): Promise<void>;
}

export interface VmacDependencies {
  readonly rtnl: VmacNetlink;
  readonly files: SysctlFiles;
  readonly store: VmacStateStore;
  readonly logger: Logger;
}

/** One instance's wish for a VMAC. */
export interface VmacRequest {
  readonly instance: string;
  readonly family: IpFamily;
  readonly vrid: number;
  readonly parent: Link;
  readonly spec: VmacSpec;
  /** An IPv4 instance that also puts IPv6 addresses on its VMAC: IPv6 stays enabled there. */
  readonly carriesIpv6: boolean;
  /** global_defs vmac_prefix. */
  readonly prefix: string;
}

export interface Vmac {
  readonly key: string;
  readonly name: string;
  readonly ifindex: number;
  readonly mac: MacAddress;
  readonly parentIfindex: number;
  readonly family: IpFamily;
  /** IPv6 VMACs: the parent's EUI-64 link-local address, also on the VMAC. */
  readonly linkLocal: Ipv6Address | null;
}

/**
 * What identifies a VMAC across reloads: an instance kept by a reload keeps
 * its VMAC when this is unchanged (parent, family, VRID, configured name and MAC).
 */
export function vmacKey(request: Pick<VmacRequest, 'family' | 'vrid' | 'spec'> & { readonly parentIfindex: number }): string {
  return `${request.parentIfindex}/${request.family}/${request.vrid}/${request.spec.interfaceName ?? ''}/${request.spec.macAddress ?? ''}`;
}

const VMAC_IPV4_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['arp_ignore', '1'],
  ['accept_local', '1'],
  ['rp_filter', '0'],
  ['promote_secondaries', '1'],
];
const PARENT_IPV4_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['arp_ignore', '1'],
  ['arp_filter', '1'],
];
const LINK_LOCAL_PREFIX_LENGTH = 64;

export class VmacManager {
  readonly #vmacs = new Map<string, Vmac>();
  readonly #parents = new Map<number, RecordedParent>();
  readonly #keeper: SysctlKeeper;
  #closed = false;

  private constructor(private readonly deps: VmacDependencies) {
    this.#keeper = new SysctlKeeper(deps.files, () => this.#save());
  }

  /** Undoes what a crashed earlier run left (its state file), then manages VMACs from now on. */
  static async open(deps: VmacDependencies): Promise<VmacManager> {
    await removeLeftovers(deps);
    return new VmacManager(deps);
  }

  /** The VMAC made for `key`, if any. */
  get(key: string): Vmac | undefined {
    return this.#vmacs.get(key);
  }

  /**
   * Makes the VMACs of `requests` that do not exist yet (requests whose key
   * has a VMAC keep it) and returns each request's VMAC by key.
   */
  async ensure(requests: readonly VmacRequest[]): Promise<ReadonlyMap<string, Vmac>> {
    const result = new Map<string, Vmac>();
    for (const request of requests) {
      const key = vmacKey({ ...request, parentIfindex: request.parent.ifindex });
      const vmac = this.#vmacs.get(key) ?? (await this.#create(key, request));
      result.set(key, vmac);
    }
    return result;
  }

  /** Deletes the VMACs whose key is not in `keys` (instances a reload removed). */
  async retain(keys: ReadonlySet<string>): Promise<void> {
    for (const [key, vmac] of [...this.#vmacs]) {
      if (keys.has(key)) continue;
      await this.#delete(key, vmac);
    }
  }

  /** Deletes every VMAC, restores every sysctl and removes the state file. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [key, vmac] of [...this.#vmacs]) await this.#delete(key, vmac);
    logRestored(this.deps.logger, this.#keeper.restoreAll());
    this.deps.store.remove();
  }

  async #create(key: string, request: VmacRequest): Promise<Vmac> {
    const { rtnl, logger } = this.deps;
    const { parent, spec, family, vrid } = request;
    if (parent.macAddress === null) throw new Error(`(${request.instance}) interface ${parent.name} has no MAC address for a VMAC`);
    const links = await rtnl.listLinks();
    const ours = new Set([...this.#vmacs.values()].map((v) => v.name));
    // An existing macvlan on the same parent is taken over (deleted and made again), as keepalived reuses one.
    const reusable = (link: Link): boolean => link.kind === 'macvlan' && link.linkIfindex === parent.ifindex && !ours.has(link.name);
    let name = spec.interfaceName;
    if (name === null) {
      const taken = new Set([...ours, ...links.filter((l) => !reusable(l)).map((l) => l.name)]);
      name = generatedVmacName(request.prefix, family, vrid, taken);
      if (name === null) throw new Error(`(${request.instance}) no free name for a VMAC interface with prefix ${request.prefix}`);
    }
    const existing = links.find((l) => l.name === name);
    if (existing !== undefined) {
      if (!reusable(existing)) throw new Error(`(${request.instance}) interface ${name} exists and is not a VMAC of ${parent.name}`);
      logger.write({ level: 'info', text: `(${request.instance}) removing existing interface ${name} to make it again as a VMAC` });
      await rtnl.deleteLink(existing.ifindex);
    }
    const mac = spec.macAddress === null ? virtualRouterMac(family, vrid) : macOf(spec.macAddress);

    this.#parents.set(parent.ifindex, { name: parent.name, ifindex: parent.ifindex, mac: parent.macAddress });
    await rtnl.createMacvlan({ name, parentIfindex: parent.ifindex, mac, mode: 'private' });
    const created = await rtnl.linkByName(name);
    if (created === null) throw new Error(`(${request.instance}) VMAC interface ${name} vanished right after it was made`);
    const linkLocal = family === 'ipv6' ? eui64LinkLocal(parent.macAddress) : null;
    const vmac: Vmac = { key, name, ifindex: created.ifindex, mac, parentIfindex: parent.ifindex, family, linkLocal };
    this.#vmacs.set(key, vmac);
    this.#save();

    await rtnl.disableAddressGeneration(vmac.ifindex);
    this.#configureSysctls(request, vmac);
    await rtnl.setLinkUp(vmac.ifindex);
    if (linkLocal !== null) {
      await rtnl.addAddress({
        ifindex: vmac.ifindex,
        address: linkLocal,
        prefixLength: LINK_LOCAL_PREFIX_LENGTH,
        scope: 'link',
        noDad: true,
        lifetimes: { preferredSeconds: 0, validSeconds: 'forever' },
      });
    }
    logger.write({ level: 'info', text: `(${request.instance}): Success creating VMAC interface ${name}` });
    return vmac;
  }

  #configureSysctls(request: VmacRequest, vmac: Vmac): void {
    const keeper = this.#keeper;
    if (vmac.family === 'ipv6') {
      keeper.set(ipv4ConfPath(vmac.name, 'arp_ignore'), '1');
      return;
    }
    // First, since changing conf/default reaches interfaces whose own values were never written.
    this.#clearAllRpFilter();
    const disableIpv6 = ipv6ConfPath(vmac.name, 'disable_ipv6');
    if (!request.carriesIpv6 && keeper.read(disableIpv6) !== null) keeper.set(disableIpv6, '1');
    for (const [setting, value] of VMAC_IPV4_SETTINGS) keeper.set(ipv4ConfPath(vmac.name, setting), value);
    for (const [setting, value] of PARENT_IPV4_SETTINGS) keeper.set(ipv4ConfPath(request.parent.name, setting), value);
  }

  /**
   * The kernel filters on max(all.rp_filter, INTERFACE.rp_filter)
   * (Documentation/networking/ip-sysctl.rst), so the VMAC's 0 only counts
   * with all.rp_filter 0: its value moves to default and to every interface
   * that has less, which keeps their filtering as it was.
   */
  #clearAllRpFilter(): void {
    const keeper = this.#keeper;
    const allPath = ipv4ConfPath('all', 'rp_filter');
    const all = keeper.read(allPath);
    if (all === null || all === '0') return;
    const vmacNames = new Set([...this.#vmacs.values()].map((v) => v.name));
    for (const name of this.deps.files.list(IPV4_CONF_DIRECTORY)) {
      if (name === 'all' || name === 'lo' || vmacNames.has(name)) continue;
      const path = ipv4ConfPath(name, 'rp_filter');
      const value = keeper.read(path);
      if (value !== null && Number(value) < Number(all)) keeper.set(path, all);
    }
    keeper.set(allPath, '0');
  }

  async #delete(key: string, vmac: Vmac): Promise<void> {
    try {
      await this.deps.rtnl.deleteLink(vmac.ifindex);
      this.deps.logger.write({ level: 'info', text: `Success removing VMAC interface ${vmac.name}` });
    } catch (error) {
      this.deps.logger.write({ level: 'warning', text: `cannot remove VMAC interface ${vmac.name}: ${error instanceof Error ? error.message : String(error)}` });
    }
    this.#vmacs.delete(key);
    // The interface's own settings went with it.
    this.#keeper.forget(`${ipv4ConfPath(vmac.name, '')}`);
    this.#keeper.forget(`${ipv6ConfPath(vmac.name, '')}`);
    this.#save();
  }

  #save(): void {
    if (this.#vmacs.size === 0 && this.#keeper.changes.length === 0) {
      this.deps.store.remove();
      return;
    }
    const macvlans: RecordedMacvlan[] = [...this.#vmacs.values()].map((v) => ({ name: v.name, ifindex: v.ifindex, mac: v.mac }));
    this.deps.store.save({ version: 1, pid: process.pid, macvlans, parents: [...this.#parents.values()], sysctls: this.#keeper.changes });
  }
}

/**
 * A crashed run's VMACs and sysctls, from its state file: the macvlans it
 * made (still there with the same name, ifindex and MAC) are deleted and its
 * sysctls put back; then the file goes.
 */
async function removeLeftovers({ rtnl, files, store, logger }: VmacDependencies): Promise<void> {
  const state = store.load();
  if (state === null) {
    store.remove();
    return;
  }
  const links = await rtnl.listLinks();
  const present = (recorded: RecordedParent | RecordedMacvlan): Link | undefined =>
    links.find((l) => l.name === recorded.name && l.ifindex === recorded.ifindex && l.macAddress === recorded.mac);
  if (!state.parents.every((p) => present(p) !== undefined)) {
    logger.write({ level: 'warning', text: `VMAC record ${store.location} of process ${state.pid} names interfaces this namespace does not have: ignored` });
    store.remove();
    return;
  }
  for (const macvlan of state.macvlans) {
    const link = present(macvlan);
    if (link === undefined || link.kind !== 'macvlan') continue;
    await rtnl.deleteLink(link.ifindex);
    logger.write({ level: 'info', text: `Removed VMAC interface ${macvlan.name} left by process ${state.pid}` });
  }
  logRestored(logger, restoreSysctls(files, state.sysctls), state.pid);
  store.remove();
}

function logRestored(logger: Logger, outcomes: readonly RestoreOutcome[], pid?: number): void {
  const by = pid === undefined ? '' : ` left by process ${pid}`;
  for (const outcome of outcomes) {
    switch (outcome.kind) {
      case 'restored':
        logger.write({ level: 'detail', text: `Restored ${outcome.change.path} to ${outcome.change.original}${by}` });
        break;
      case 'gone':
        break;
      case 'changedSince':
        logger.write({ level: 'info', text: `Not restoring ${outcome.change.path}${by}: it is ${outcome.current} now, not ${outcome.change.applied}` });
        break;
      case 'failed':
        logger.write({ level: 'warning', text: `cannot restore ${outcome.change.path} to ${outcome.change.original}: ${outcome.error}` });
        break;
    }
  }
}

function macOf(text: string): MacAddress {
  const parsed = parseMacAddress(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
