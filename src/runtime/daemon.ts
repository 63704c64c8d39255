/**
 * The running daemon: one InstanceRunner per vrrp_instance, the sockets they
 * share, and the rtnetlink client and subscription.
 *
 *   VrrpSocket ─packet─▶ demultiplex by (interface, family, VRID, unicast peer) ─▶ InstanceRunner ─▶ LinuxInstanceEffects
 *   RtnetlinkSubscription ─link up/down─▶ implicit interface tracker ─▶ InstanceRunner
 *   Deadline (one per instance) ─▶ InstanceRunner
 */
import { decodeIpv4Packet } from '../codec/ipv4-header.js';
import { peekVrid } from '../codec/advert-decoder.js';
import { decodeIpsecAh, IPSEC_AH_PROTOCOL } from '../codec/ipsec-ah.js';
import type { ReceivedIpsecAh } from '../protocol/events.js';
import type { GlobalDefs, InstanceDefinition, VipdConfig, VirtualAddressSpec } from '../config/config-types.js';
import { toInstanceConfig } from '../config/to-instance-config.js';
import type { UnclaimedPackets } from '../control/control-protocol.js';
import type { InstanceStatus } from '../control/instance-status.js';
import type { NativeBinding } from '../io/native-binding.js';
import { PacketSocket } from '../io/packet-socket.js';
import { RtnetlinkClient } from '../io/rtnetlink-client.js';
import { RtnetlinkSubscription } from '../io/rtnetlink-subscription.js';
import { VrrpSocket, type ReceivedVrrpPacket } from '../io/vrrp-socket.js';
import type { InterfaceAddress } from '../netlink/address-message.js';
import type { Link } from '../netlink/link-message.js';
import type { RtnetlinkEvent } from '../netlink/rtnetlink-event.js';
import type { IpAddress, IpFamily } from '../primitives/ip-address.js';
import type { Priority } from '../primitives/vrrp-numbers.js';
import type { InstanceConfig, TrackerConfig } from '../protocol/instance-config.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';
import type { Logger } from '../log/logger.js';
import type { MonotonicClock } from './clock.js';
import type { DeadlineSource } from './deadline-source.js';
import type { ControlledInstance } from './control-dispatch.js';
import { InstanceRunner, type StepObserver } from './instance-runner.js';
import { interfaceTrackerName, interfaceTrackersOf } from './interface-trackers.js';
import { spawnProcessRunner } from './health/process-runner.js';
import { workerProcessRunner } from './health/worker-process-runner.js';
import { TransitionNotifier } from './notify/transition-notifier.js';
import { HealthSupervisor, type TrackerHealth } from './tracking/health-supervisor.js';
import { systemAccounts } from './tracking/run-as.js';
import { coreUpFor, trackedObjectTrackersOf } from './tracking/tracked-objects.js';
import { SyncGroupCoordinator } from './sync-group-coordinator.js';
import { LinuxInstanceEffects, type InstanceLink, type VirtualAddressTarget } from './linux-instance-effects.js';
import { PROC_SYS_FILES, type SysctlFiles } from './vmac/sysctl-files.js';
import { VmacManager } from './vmac/vmac-manager.js';
import { vmacKeyOf, vmacRequestsOf } from './vmac/vmac-requests.js';
import { fileStateStore, vmacStateFileFor, type VmacStateStore } from './vmac/vmac-state.js';
import { instanceForPacket, unicastLinkOf } from './unicast-demux.js';
import { routeLine, ruleLine } from '../config/dump-lines.js';
import type { Route } from '../netlink/route-message.js';
import type { Rule } from '../netlink/rule-message.js';
import type { VirtualRouteKey, VirtualRuleKey } from '../protocol/instance-config.js';
import type { RoutingTargets } from './virtual-routing.js';
import { routeOf, ruleOf } from './virtual-routing-request.js';
import { PromoteSecondaries } from './promote-secondaries.js';
import { readRouteTableNames } from './route-table-names.js';

export interface DaemonDependencies {
  readonly binding: NativeBinding;
  readonly clock: MonotonicClock;
  readonly deadlines: DeadlineSource;
  readonly logger: Logger;
  /**
   * Told of every transition of every instance. `applied` resolves once the
   * address changes and announcements the transition queued are done (a
   * MASTER's VIPs are on the interface then).
   */
  readonly onStateChanged?: (instance: string, from: VrrpStateName, to: VrrpStateName, reason: TransitionReason, applied: Promise<void>) => void;
  /**
   * Per instance name: settings of another command form that the daemon only
   * carries, for the control layer to read (`vipd vrrpd` -z/-x: see
   * src/cli/vrrpd-command.ts). Read back with `instanceExtras(name)`.
   */
  readonly instanceExtras?: ReadonlyMap<string, InstanceExtras>;
  /** Told of every step of every instance (the `vipctl events` stream). */
  readonly observeStep?: StepObserver;
  /** use_vmac: where the VMAC record is kept and how /proc/sys is reached (the real ones unless given). */
  readonly vmac?: { readonly store: VmacStateStore; readonly files: SysctlFiles };
}

/** vrrpd's -z/-x: the priority a reduce / increase request sets (null: vrrpd's default step of 10). */
export interface InstanceExtras {
  readonly reducePriority: Priority | null;
  readonly increasePriority: Priority | null;
}

/** A condition that stops the daemon from starting, worded for the operator. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

interface RunningInstance {
  /** Replaced by a reload that keeps the instance. */
  definition: InstanceDefinition;
  link: InstanceLink;
  readonly runner: InstanceRunner;
  readonly effects: LinuxInstanceEffects;
  /** Set when a reload removes it: its last notification is DELETED where notify_deleted asks. */
  removed: boolean;
}

const MICROSECONDS_PER_MILLISECOND = 1000;

/** How a reload went: applied, or refused with the running configuration untouched. */
export type ReloadOutcome =
  | { readonly ok: true; readonly kept: number; readonly added: number; readonly removed: number }
  | { readonly ok: false; readonly error: string };

export class Daemon {
  private instances: RunningInstance[] = [];
  /**
   * `${ifindex}/${family}` → VRID → instances: one, or several unicast ones
   * with disjoint peers and at most one multicast one (unicast-demux.ts).
   */
  private readonly byVrid = new Map<string, Map<number, RunningInstance[]>>();
  private readonly sockets = new Map<string, VrrpSocket>();
  /** IP protocol 51 (keepalived auth_type AH) sockets by ifindex, where an instance uses AH. */
  private readonly ipsecAhSockets = new Map<number, VrrpSocket>();
  /** Last known up/down of each interface an instance runs on, by ifindex. */
  private readonly linkUp = new Map<number, boolean>();
  private packets: PacketSocket | null = null;
  /** use_vmac: the VMAC interfaces, and adverts' sockets on them (by `${ifindex}/${family}`). */
  private vmacs: VmacManager | null = null;
  private readonly transmitSockets = new Map<string, VrrpSocket>();
  private syncGroups: SyncGroupCoordinator = new SyncGroupCoordinator(new Map(), { runner: () => null }, { write: () => undefined });
  private subscription: RtnetlinkSubscription | null = null;
  private stopped = false;
  private readonly unclaimed = { unknownVrid: 0, malformedIp: 0, missingDestination: 0 };
  /** vrrp_scripts fork on a worker thread: the VRRP timers never wait for a fork (runtime/health). */
  private readonly scriptRunner = workerProcessRunner();
  private readonly accounts = systemAccounts();
  private readonly health: HealthSupervisor;
  private readonly notifier: TransitionNotifier;
  private groupNames: readonly string[] = [];
  /** keepalived promote_secondaries: set on the instances' interfaces at start, reset at exit. */
  private readonly promoteSecondaries = new PromoteSecondaries((text) => this.deps.logger.write({ level: 'warning', text }));

  private constructor(
    private readonly deps: DaemonDependencies,
    private readonly rtnl: RtnetlinkClient,
  ) {
    this.health = new HealthSupervisor({
      clock: deps.clock,
      deadlines: deps.deadlines,
      logger: deps.logger,
      runner: this.scriptRunner,
      accounts: this.accounts,
      binding: deps.binding,
      listener: {
        health: (tracker, health) => this.deliverHealth(tracker, health),
        value: (tracker, value) => {
          for (const instance of this.instances) instance.runner.handle({ kind: 'trackerValueChanged', tracker, value });
        },
      },
    });
    // Notify scripts are rare: forking them on the main thread is fine (runtime/health/process-runner.ts).
    this.notifier = new TransitionNotifier(spawnProcessRunner(), this.accounts, deps.logger);
  }

  static async start(config: VipdConfig, deps: DaemonDependencies): Promise<Daemon> {
    const rtnl = RtnetlinkClient.open(deps.binding);
    const daemon = new Daemon(deps, rtnl);
    try {
      await daemon.setUp(config);
    } catch (error) {
      await daemon.stop();
      throw error;
    }
    return daemon;
  }

  /** Packets no instance could take, by reason. */
  get unclaimedPackets(): UnclaimedPackets {
    return { ...this.unclaimed };
  }

  /** What `DaemonDependencies.instanceExtras` carries for `instance`, if anything. */
  instanceExtras(instance: string): InstanceExtras | undefined {
    return this.deps.instanceExtras?.get(instance);
  }

  // ===== Runtime control (vipctl; src/runtime/control-dispatch.ts) =====

  /** The running instance named `name`, for operator requests. */
  controlledInstance(name: string): ControlledInstance | undefined {
    return this.instances.find((i) => i.definition.name === name)?.runner;
  }

  // ===== End of runtime control =====

  status(): InstanceStatus[] {
    const now = this.deps.clock.now();
    return this.instances.map((i) => i.runner.status(now));
  }

  /** Every master resigns (priority 0) and every address is released; then all sockets close. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription?.close();
    for (const instance of this.instances) {
      instance.runner.handle({ kind: 'shutdown' });
      instance.runner.close();
    }
    for (const group of this.groupNames) this.notifier.groupChanged(group, 'STOP');
    await Promise.all(this.instances.map((i) => i.effects.drain()));
    await this.health.close();
    await this.scriptRunner.close();
    await this.notifier.stop();
    await this.promoteSecondaries.resetAll();
    for (const socket of this.sockets.values()) socket.close();
    for (const socket of this.ipsecAhSockets.values()) socket.close();
    for (const socket of this.transmitSockets.values()) socket.close();
    this.packets?.close();
    // keepalived deletes its VMACs and restores the sysctls last (reference §3 Shutdown).
    await this.vmacs?.close().catch((error: unknown) => this.deps.logger.write({ level: 'warning', text: `VMAC cleanup: ${String(error)}` }));
    this.rtnl.close();
  }

  private async setUp(config: VipdConfig): Promise<void> {
    // First undo what a crashed run left, then make this run's VMACs (on every node, as keepalived).
    this.vmacs = await VmacManager.open({
      rtnl: this.rtnl,
      logger: this.deps.logger,
      store: this.deps.vmac?.store ?? fileStateStore(vmacStateFileFor()),
      files: this.deps.vmac?.files ?? PROC_SYS_FILES,
    });
    await this.vmacs.ensure(vmacRequestsOf(config, await this.rtnl.listLinks()));
    const links = await this.rtnl.listLinks();
    const addresses = await this.rtnl.listAddresses();
    this.packets = PacketSocket.openSender(this.deps.binding);
    this.subscription = RtnetlinkSubscription.open(this.deps.binding, {
      onEvent: (event) => this.onRtnetlinkEvent(event),
      onError: (error) => this.deps.logger.write({ level: 'warning', text: `netlink: ${error.message}` }),
    });
    for (const l of links) this.linkUp.set(l.ifindex, isLinkUp(l));
    this.notifier.configure(config);
    await this.health.apply(config);
    const resolved = config.instances.map((definition) => this.resolve(definition, config, links, addresses));
    this.syncGroups = this.coordinatorFor(config);
    this.instances = resolved.map((r) => this.createInstance(r));
    await this.enablePromoteSecondaries(this.instances);
    this.startInstances(this.instances, new Set());
  }

  /** keepalived vrrp_sync_group: the members of each group change state together. */
  private coordinatorFor(config: VipdConfig): SyncGroupCoordinator {
    const groups = new Map(config.syncGroups.map((g) => [g.name, g.members] as const));
    this.groupNames = config.syncGroups.map((g) => g.name);
    return new SyncGroupCoordinator(groups, { runner: (name) => this.runnerNamed(name) }, this.deps.logger, (group, state) =>
      this.notifier.groupChanged(group, state),
    );
  }

  private runnerNamed(name: string): InstanceRunner | null {
    return this.instances.find((i) => i.definition.name === name)?.runner ?? null;
  }

  /**
   * SIGHUP: run `config` from now on. Everything that can fail (interfaces,
   * addresses) is checked before anything changes; on failure the running
   * configuration stays as it was. Instances are matched as keepalived
   * matches them (reference §3 Reload): by VRID, family, interface and
   * multicast group, not by name. A kept instance keeps its state and gets
   * the difference; a removed one shuts down (a master sends priority 0 and
   * releases); a new one starts from Initialize.
   */
  async reload(config: VipdConfig): Promise<ReloadOutcome> {
    if (this.stopped) return { ok: false, error: 'the daemon is stopping' };
    let resolved: ResolvedInstance[];
    try {
      this.notifier.configure(config);
      await this.health.apply(config);
      // New instances' VMACs are made now; a failed reload deletes them again.
      await this.vmacs?.ensure(vmacRequestsOf(config, await this.rtnl.listLinks()));
      const links = await this.rtnl.listLinks();
      const addresses = await this.rtnl.listAddresses();
      resolved = config.instances.map((definition) => this.resolve(definition, config, links, addresses));
      for (const r of resolved) {
        const socket = this.sockets.get(socketKey(r.link.ifindex, r.definition.family));
        if (socket !== undefined && socket.group !== r.link.group) {
          throw new Error(`(${r.definition.name}) the multicast group changed from ${socket.group} to ${r.link.group}: restart vipd to change vrrp_mcast_group4/6`);
        }
      }
      // Sockets for new interfaces open now, while failing still changes nothing.
      for (const r of resolved) {
        this.socketFor(r.link.ifindex, r.definition.family, r.link.group);
        if (r.link.ipsecAhKey !== null) this.ipsecAhSocketFor(r.link.ifindex, r.link.group);
      }
    } catch (error) {
      this.closeUnusedSockets();
      await this.retainVmacs();
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (this.stopped) return { ok: false, error: 'the daemon is stopping' };

    const runningKeys = matchKeys(this.instances);
    const resolvedKeys = matchKeys(resolved);
    const running = new Map(this.instances.map((i) => [runningKeys.get(i), i]));
    const matched = new Set(resolvedKeys.values());

    const removed = this.instances.filter((i) => !matched.has(runningKeys.get(i) ?? ''));
    for (const instance of removed) {
      instance.removed = true;
      instance.runner.handle({ kind: 'shutdown' });
      instance.runner.close();
      this.forgetVrid(instance);
    }

    const kept: RunningInstance[] = [];
    const added: RunningInstance[] = [];
    for (const r of resolved) {
      const instance = running.get(resolvedKeys.get(r));
      if (instance === undefined) {
        added.push(this.createInstance(r));
        continue;
      }
      const reinstalled = [...r.link.virtualAddresses, ...r.link.excludedAddresses].flatMap(([address, target]) => {
        const before = instance.link.virtualAddresses.get(address) ?? instance.link.excludedAddresses.get(address);
        return before !== undefined && !sameInstallation(before, target) ? [address] : [];
      });
      instance.definition = r.definition;
      instance.link = r.link;
      instance.effects.reconfigure(r.link);
      instance.runner.reconfigure(r.config, reinstalled);
      // Trackers the new configuration added start healthy in the core; tell it how they are.
      for (const [tracker, up] of Object.entries(r.trackersUp)) instance.runner.handle({ kind: 'trackerChanged', tracker, up });
      for (const [tracker, value] of Object.entries(r.trackerValues)) instance.runner.handle({ kind: 'trackerValueChanged', tracker, value });
      kept.push(instance);
    }
    this.instances = [...kept, ...added];
    this.syncGroups = this.coordinatorFor(config);
    this.closeUnusedSockets();

    // New instances clear leftovers of their addresses, routes and rules, but never one a kept instance serves.
    const served = new Set<string>(kept.flatMap((i) => Object.values(heldByMaster(i.link)).flat()));
    await this.enablePromoteSecondaries(this.instances);
    this.startInstances(added, served);
    await Promise.all(removed.map((i) => i.effects.drain()));
    await this.retainVmacs();
    return { ok: true, kept: kept.length, added: added.length, removed: removed.length };
  }

  /** Deletes the VMACs no running instance uses. */
  private async retainVmacs(): Promise<void> {
    const keys = new Set(this.instances.flatMap((i) => vmacKeyOf(i.definition, i.link.ifindex) ?? []));
    await this.vmacs?.retain(keys);
  }

  /** The instance's interface, addresses and core configuration, from the system as it is now. */
  private resolve(
    definition: InstanceDefinition,
    whole: VipdConfig,
    links: readonly Link[],
    addresses: readonly InterfaceAddress[],
  ): ResolvedInstance {
    const { globalDefs, syncGroups } = whole;
    const link = links.find((l) => l.name === definition.interface);
    if (link === undefined) {
      throw new StartupError(`(${definition.name}) interface ${definition.interface} doesn't exist`);
    }
    if (definition.authentication.kind === 'ipsecAh' && unicastLinkOf(definition) !== null) {
      throw new StartupError(`(${definition.name}) auth_type AH with unicast_peer is not supported yet: use one or the other`);
    }
    const instanceLink = this.resolveLink(definition, globalDefs, link, links, addresses);
    const base = toInstanceConfig(definition, globalDefs, instanceLink.sourceAddress);
    const interfaceTrackers = interfaceTrackersOf(definition);
    const objectTrackers = trackedObjectTrackersOf(definition, whole);
    const syncGroup = syncGroups.find((g) => g.members.includes(definition.name))?.name;
    let config: InstanceConfig = {
      ...base,
      trackers: [...base.trackers, ...interfaceTrackers, ...objectTrackers],
      ...(syncGroup === undefined ? {} : { syncGroup }),
    };
    // A tracked interface that does not exist is down (keepalived).
    const trackersUp: Record<string, boolean> = Object.fromEntries(
      interfaceTrackers.map((t) => {
        const tracked = links.find((l) => interfaceTrackerName(l.name) === t.name);
        return [t.name, tracked !== undefined && isLinkUp(tracked)];
      }),
    );
    // keepalived: "(VI_1) entering FAULT state (no IPv4 address for interface)" until one is there.
    const source = sourceTracker(definition.family);
    config = { ...config, trackers: [...config.trackers, source] };
    trackersUp[source.name] = instanceLink.sourceAddress !== unspecifiedAddress(definition.family);
    const trackerValues: Record<string, number> = {};
    for (const tracker of objectTrackers) {
      const health = this.health.healthOf(tracker.name);
      if (tracker.valued === true) trackerValues[tracker.name] = typeof health === 'number' ? health : 0;
      else trackersUp[tracker.name] = coreUpFor(tracker, typeof health === 'string' ? health : 'init');
    }
    return { definition, link: instanceLink, config, trackersUp, trackerValues };
  }

  private createInstance(resolved: ResolvedInstance): RunningInstance {
    const { definition, link, config } = resolved;
    if (this.packets === null) throw new Error('the daemon is not set up');
    const socket = this.socketFor(link.ifindex, definition.family, link.group);
    if (link.ipsecAhKey !== null) this.ipsecAhSocketFor(link.ifindex, link.group);
    const effects = new LinuxInstanceEffects(link, {
      clock: this.deps.clock,
      // use_vmac: received on the parent, sent from the VMAC (unless vmac_xmit_base).
      socket: link.vmac?.transmit === true ? this.transmitSocketFor(link.vmac.ifindex, definition.family, link.group) : socket,
      packets: this.packets,
      rtnl: this.rtnl,
      logger: this.deps.logger,
      ipsecAhSocket: () => this.ipsecAhSocketFor(running.link.ifindex, running.link.group),
      // The name at the time of the transition: a reload may rename a kept instance.
      onStateChanged: (from, to, reason) => {
        this.notifier.instanceChanged(running.definition.name, from, to, running.runner.status().effectivePriority, running.removed);
        this.syncGroups.onStateChanged(running.definition.name, from, to, reason);
        this.deps.onStateChanged?.(running.definition.name, from, to, reason, effects.drain().catch(() => undefined));
      },
      onSyncGroupWantsMaster: () => this.syncGroups.onWantsMaster(running.definition.name),
    });
    const runner = new InstanceRunner(config, this.deps.clock, this.deps.deadlines, effects, resolved.trackersUp, this.deps.observeStep);
    const running: RunningInstance = { definition, link, runner, effects, removed: false };
    for (const [tracker, value] of Object.entries(resolved.trackerValues)) runner.handle({ kind: 'trackerValueChanged', tracker, value });
    const key = socketKey(link.ifindex, definition.family);
    const table = this.byVrid.get(key) ?? new Map<number, RunningInstance[]>();
    table.set(definition.vrid, [...(table.get(definition.vrid) ?? []), running]);
    this.byVrid.set(key, table);
    return running;
  }

  private forgetVrid(instance: RunningInstance): void {
    const table = this.byVrid.get(socketKey(instance.link.ifindex, instance.definition.family));
    const sharing = table?.get(instance.definition.vrid)?.filter((other) => other !== instance) ?? [];
    if (sharing.length > 0) table?.set(instance.definition.vrid, sharing);
    else table?.delete(instance.definition.vrid);
  }

  private startInstances(instances: readonly RunningInstance[], served: ReadonlySet<string>): void {
    for (const { runner, effects, link } of instances) {
      runner.warmUp();
      // keepalived removes its VIPs at start, in case a previous run left them; vipd also clears
      // its eVIPs, routes and rules (protocol 18 only: an operator's own route is left alone),
      // in keepalived's order of leaving master: rules, routes, VIPs, eVIPs.
      const held = heldByMaster(link);
      const unserved = <T extends string>(items: readonly T[]): T[] => items.filter((item) => !served.has(item));
      effects.removeRouting(unserved(held.routes), unserved(held.rules));
      effects.removeVirtualAddresses(unserved(held.addresses));
      effects.removeExcludedAddresses(unserved(held.excluded));
      runner.handle({ kind: 'startup' });
    }
  }

  private async enablePromoteSecondaries(instances: readonly RunningInstance[]): Promise<void> {
    for (const { definition, link } of instances) {
      if (definition.promoteSecondaries) await this.promoteSecondaries.enable(link.interfaceName);
    }
  }

  private closeUnusedSockets(): void {
    const ahUsed = new Set(this.instances.flatMap((i) => (i.link.ipsecAhKey === null ? [] : [i.link.ifindex])));
    for (const [ifindex, socket] of this.ipsecAhSockets) {
      if (ahUsed.has(ifindex)) continue;
      socket.close();
      this.ipsecAhSockets.delete(ifindex);
    }
    const transmitting = new Set(this.instances.flatMap((i) => (i.link.vmac?.transmit === true ? [socketKey(i.link.vmac.ifindex, i.definition.family)] : [])));
    for (const [key, socket] of this.transmitSockets) {
      if (transmitting.has(key)) continue;
      socket.close();
      this.transmitSockets.delete(key);
    }
    const used = new Set(this.instances.map((i) => socketKey(i.link.ifindex, i.definition.family)));
    for (const [key, socket] of this.sockets) {
      if (used.has(key)) continue;
      socket.close();
      this.sockets.delete(key);
      this.byVrid.delete(key);
    }
  }

  private resolveLink(
    definition: InstanceDefinition,
    globalDefs: GlobalDefs,
    link: Link,
    links: readonly Link[],
    addresses: readonly InterfaceAddress[],
  ): InstanceLink {
    if (link.macAddress === null) {
      throw new StartupError(`(${definition.name}) interface ${link.name} has no Ethernet address`);
    }
    const vips = new Set<IpAddress>(definition.virtualAddresses.map((v) => v.address));
    // unicast_src_ip / mcast_src_ip, else the interface's own (keepalived.conf(5)); with none the
    // instance runs in FAULT until one appears (sourceTracker).
    const source =
      definition.unicastSource ?? primaryAddress(addresses, link.ifindex, definition.family, vips) ?? unspecifiedAddress(definition.family);
    const vmacKey = vmacKeyOf(definition, link.ifindex);
    const vmac = vmacKey === null ? undefined : this.vmacs?.get(vmacKey);
    if (vmacKey !== null && vmac === undefined) throw new StartupError(`(${definition.name}) its VMAC interface was not made`);
    // With use_vmac the addresses go on the VMAC, unless a line names its own dev (keepalived.conf(5)).
    const defaultDevice = vmac === undefined ? link : { ifindex: vmac.ifindex, macAddress: vmac.mac };
    const virtualAddresses = addressTargets(definition, definition.virtualAddresses, defaultDevice, links);
    const excludedAddresses = addressTargets(definition, definition.excludedAddresses, defaultDevice, links);
    const routing = this.resolveRouting(definition, links);
    return {
      instanceName: definition.name,
      interfaceName: link.name,
      ifindex: link.ifindex,
      // Gratuitous ARPs and NAs come from the virtual MAC (reference §3: "source MAC = interface MAC or VMAC").
      mac: vmac?.mac ?? link.macAddress,
      vmac: vmac === undefined ? null : { name: vmac.name, ifindex: vmac.ifindex, transmit: definition.vmac?.transmitOnBase !== true },
      family: definition.family,
      sourceAddress: source,
      group: definition.family === 'ipv4' ? globalDefs.multicastGroup4 : globalDefs.multicastGroup6,
      checksumForm: definition.checksumForm,
      virtualAddresses,
      excludedAddresses,
      routing,
      announceSpacingMs: {
        ipv4: globalDefs.garpInterval / MICROSECONDS_PER_MILLISECOND,
        ipv6: globalDefs.gnaInterval / MICROSECONDS_PER_MILLISECOND,
      },
      ipsecAhKey: definition.authentication.kind === 'ipsecAh' ? definition.authentication.key : null,
      unicast: unicastLinkOf(definition),
    };
  }

  /** virtual_routes and virtual_rules resolved against the interfaces now; options vipd leaves out are logged. */
  private resolveRouting(definition: InstanceDefinition, links: readonly Link[]): RoutingTargets {
    const ifindexOf = (name: string): number | null => links.find((l) => l.name === name)?.ifindex ?? null;
    const routes = new Map<VirtualRouteKey, Route>();
    const rules = new Map<VirtualRuleKey, Rule>();
    const warn = (text: string): void => this.deps.logger.write({ level: 'warning', text: `(${definition.name}) ${text}` });
    const tableNames = definition.virtualRoutes.length + definition.virtualRules.length > 0 ? readRouteTableNames() : new Map<string, number>();
    for (const spec of definition.virtualRoutes) {
      const resolved = routeOf(spec, definition.family, ifindexOf, tableNames);
      if (!resolved.ok) throw new StartupError(`(${definition.name}) virtual_routes ${routeLine(spec)}: ${resolved.error}`);
      resolved.value.warnings.forEach(warn);
      routes.set(routeLine(spec), resolved.value.value);
    }
    for (const spec of definition.virtualRules) {
      const resolved = ruleOf(spec, definition.family, tableNames);
      if (!resolved.ok) throw new StartupError(`(${definition.name}) virtual_rules ${ruleLine(spec)}: ${resolved.error}`);
      resolved.value.warnings.forEach(warn);
      rules.set(ruleLine(spec), resolved.value.value);
    }
    return { routes, rules };
  }

  private socketFor(ifindex: number, family: IpFamily, group: IpAddress): VrrpSocket {
    const key = socketKey(ifindex, family);
    const existing = this.sockets.get(key);
    if (existing !== undefined) return existing;
    const socket = VrrpSocket.open(
      this.deps.binding,
      { family, ifindex, group },
      {
        onPacket: (packet) => this.onPacket(packet),
        onError: (error) => this.deps.logger.write({ level: 'warning', text: `VRRP socket: ${error.message}` }),
      },
    );
    this.sockets.set(key, socket);
    return socket;
  }

  /**
   * A VMAC's socket for sending adverts: it joins no group, so that the
   * kernel sends no IGMP/MLD report from the virtual MAC (keepalived filters
   * those with nftables, reference §3); adverts are received on the parent.
   */
  private transmitSocketFor(ifindex: number, family: IpFamily, group: IpAddress): VrrpSocket {
    const key = socketKey(ifindex, family);
    const existing = this.transmitSockets.get(key);
    if (existing !== undefined) return existing;
    const socket = VrrpSocket.open(
      this.deps.binding,
      { family, ifindex, group, joinGroup: false },
      {
        onPacket: () => undefined,
        onError: (error) => this.deps.logger.write({ level: 'warning', text: `VRRP socket: ${error.message}` }),
      },
    );
    this.transmitSockets.set(key, socket);
    return socket;
  }

  /** The interface's IP protocol 51 socket (keepalived auth_type AH, reference §2), opened on first use. */
  private ipsecAhSocketFor(ifindex: number, group: IpAddress): VrrpSocket {
    const existing = this.ipsecAhSockets.get(ifindex);
    if (existing !== undefined) return existing;
    const socket = VrrpSocket.open(
      this.deps.binding,
      { family: 'ipv4', ifindex, group, protocol: IPSEC_AH_PROTOCOL },
      {
        onPacket: (packet) => this.onPacket(packet),
        onError: (error) => this.deps.logger.write({ level: 'warning', text: `IPSEC-AH socket: ${error.message}` }),
      },
    );
    this.ipsecAhSockets.set(ifindex, socket);
    return socket;
  }

  private onPacket(packet: ReceivedVrrpPacket): void {
    const now = packet.receivedAt;
    let payload = packet.payload;
    let source: IpAddress = packet.source;
    let destination: IpAddress | undefined = packet.destination;
    let ttl = packet.ttl;
    let ipsecAh: ReceivedIpsecAh | undefined;
    if (packet.family === 'ipv4') {
      // raw(7) IPv4 sockets deliver the IP header: cut the VRRP message out by its length.
      const decoded = decodeIpv4Packet(packet.payload);
      if (!decoded.ok) {
        this.unclaimed.malformedIp++;
        return;
      }
      const { header } = decoded.value;
      payload = decoded.value.payload;
      source = header.source;
      destination = header.destination;
      ttl = header.ttl;
      if (header.protocol === IPSEC_AH_PROTOCOL) {
        // keepalived auth_type AH: the VRRP message follows the AH header, which the
        // core authenticates (protocol/ipsec-ah-check.ts). A header that does not decode,
        // or protects something other than VRRP, belongs to no instance.
        const ah = decodeIpsecAh(payload);
        if (!ah.ok) {
          this.unclaimed.malformedIp++;
          return;
        }
        ipsecAh = { ipHeader: packet.payload.subarray(0, header.ihl * 4), header: ah.value.header };
        payload = ah.value.payload;
      }
    }
    if (destination === undefined) {
      // Without IP_PKTINFO / IPV6_PKTINFO the v3 checksum cannot be checked.
      this.unclaimed.missingDestination++;
      return;
    }
    const vrid = peekVrid(payload);
    const sharing = vrid === null ? undefined : this.byVrid.get(socketKey(packet.ifindex, packet.family))?.get(vrid);
    const instance = sharing === undefined ? undefined : instanceForPacket(sharing, source, destination);
    if (instance === undefined) {
      this.unclaimed.unknownVrid++;
      return;
    }
    const received = ipsecAh === undefined ? { payload, source, destination, ttl } : { payload, source, destination, ttl, ipsecAh };
    instance.runner.handle({ kind: 'packetReceived', packet: received }, now);
  }

  private onRtnetlinkEvent(event: RtnetlinkEvent): void {
    switch (event.kind) {
      case 'linkChanged':
        this.applyLinkState(event.link);
        return;
      case 'linkRemoved':
        this.applyLinkState({ ...event.link, flags: { ...event.link.flags, up: false, lowerUp: false, running: false } });
        return;
      case 'eventsLost':
        // Read the truth again: notifications were dropped.
        this.rtnl.listLinks().then(
          (links) => links.forEach((l) => this.applyLinkState(l)),
          (error: unknown) => this.deps.logger.write({ level: 'warning', text: `netlink: cannot re-read links: ${String(error)}` }),
        );
        return;
      case 'addressAdded':
      case 'addressRemoved':
        // Our own VIPs and eVIPs coming and going say nothing about source addresses.
        if (this.instances.some((i) => i.link.virtualAddresses.has(event.address.address) || i.link.excludedAddresses.has(event.address.address))) return;
        this.refreshSources(event.address.ifindex);
        return;
    }
  }

  /**
   * A link changed: every instance tracking it hears (the core ignores a
   * tracker it does not have). A link first seen now was missing, so down.
   */
  /**
   * An address came or went on `ifindex`: each instance there advertises
   * from the interface's primary address, and is in FAULT while it has none.
   * A new source is a reconfiguration (the core's adverts carry it).
   */
  private refreshSources(ifindex: number): void {
    if (!this.instances.some((i) => i.link.ifindex === ifindex)) return;
    this.rtnl.listAddresses().then(
      (addresses) => {
        for (const instance of this.instances) {
          // unicast_src_ip / mcast_src_ip is fixed by the configuration.
          if (instance.link.ifindex !== ifindex || this.stopped || instance.definition.unicastSource !== null) continue;
          const { family } = instance.definition;
          const vips = new Set<IpAddress>(instance.definition.virtualAddresses.map((v) => v.address));
          const found = primaryAddress(addresses, ifindex, family, vips);
          const source = found ?? unspecifiedAddress(family);
          if (source === instance.link.sourceAddress) continue;
          const tracker = sourceTracker(family).name;
          if (found === null) instance.runner.handle({ kind: 'trackerChanged', tracker, up: false });
          instance.link = { ...instance.link, sourceAddress: source };
          instance.effects.reconfigure(instance.link);
          instance.runner.reconfigure({ ...instance.runner.config, sourceAddress: source }, []);
          if (found !== null) instance.runner.handle({ kind: 'trackerChanged', tracker, up: true });
        }
      },
      (error: unknown) => this.deps.logger.write({ level: 'warning', text: `netlink: cannot re-read addresses: ${String(error)}` }),
    );
  }

  /** A script's new state, as each instance's core must see it (coreUpFor). */
  private deliverHealth(tracker: string, health: TrackerHealth): void {
    for (const instance of this.instances) {
      const configured = instance.runner.config.trackers.find((t) => t.name === tracker);
      if (configured !== undefined) instance.runner.handle({ kind: 'trackerChanged', tracker, up: coreUpFor(configured, health) });
    }
  }

  private applyLinkState(link: Link): void {
    const wasUp = this.linkUp.get(link.ifindex) ?? false;
    const up = isLinkUp(link);
    this.linkUp.set(link.ifindex, up);
    if (wasUp === up) return;
    this.deps.logger.write({ level: 'info', text: `Netlink reports ${link.name} ${up ? 'up' : 'down'}` });
    const tracker = interfaceTrackerName(link.name);
    for (const instance of this.instances) instance.runner.handle({ kind: 'trackerChanged', tracker, up });
  }
}

/** An instance as the configuration and the system describe it, before it runs. */
interface ResolvedInstance {
  readonly definition: InstanceDefinition;
  readonly link: InstanceLink;
  readonly config: InstanceConfig;
  /** Health of its binary trackers now (interfaces from the links as listed, scripts from their checks). */
  readonly trackersUp: Readonly<Record<string, boolean>>;
  /** Values of its valued trackers now (track_file). */
  readonly trackerValues: Readonly<Record<string, number>>;
}

/**
 * What makes a reloaded instance "the same" (keepalived vrrp.c reload,
 * reference §3): VRID, family, interface, multicast group, unicast or
 * multicast with, for unicast, the source address, and the VMAC flags
 * (use_vmac with its name and MAC, vmac_xmit_base).
 */
function matchKey(definition: InstanceDefinition, link: InstanceLink): string {
  const mode = link.unicast === null ? 'multicast' : `unicast from ${link.sourceAddress}`;
  const vmac = definition.vmac === null ? 'none' : `${definition.vmac.kind}/${vmacKeyOf(definition, link.ifindex) ?? ''}/${definition.vmac.transmitOnBase}`;
  return `${definition.vrid}/${definition.family}/${link.ifindex}/${link.group}/${mode}/${vmac}`;
}

/**
 * matchKey of each instance; unicast instances that share one (same VRID and
 * source, disjoint peers) are told apart by their peers as well.
 */
function matchKeys<T extends { readonly definition: InstanceDefinition; readonly link: InstanceLink }>(instances: readonly T[]): Map<T, string> {
  const keys = new Map(instances.map((i) => [i, matchKey(i.definition, i.link)] as const));
  const counts = new Map<string, number>();
  for (const key of keys.values()) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [instance, key] of keys) {
    if ((counts.get(key) ?? 0) > 1) keys.set(instance, `${key}/${[...(instance.link.unicast?.peers ?? [])].sort().join(',')}`);
  }
  return keys;
}

/** The same address line on the same interface: nothing to reinstall. */
function sameInstallation(a: VirtualAddressTarget, b: VirtualAddressTarget): boolean {
  const x = a.spec;
  const y = b.spec;
  return (
    a.ifindex === b.ifindex &&
    x.prefixLength === y.prefixLength &&
    x.broadcast === y.broadcast &&
    x.scope === y.scope &&
    x.label === y.label
  );
}

/** The weight-0 tracker of "the interface has an address of this family" (keepalived: FAULT without one). */
function sourceTracker(family: IpFamily): TrackerConfig {
  return { name: `address ${family}`, weight: 0, reverse: false };
}

/** Where an instance without a source address "advertises" from: nowhere (it is in FAULT). */
function unspecifiedAddress(family: IpFamily): IpAddress {
  return (family === 'ipv4' ? '0.0.0.0' : '::') as IpAddress;
}

function socketKey(ifindex: number, family: IpFamily): string {
  return `${ifindex}/${family}`;
}

/** Administratively up with carrier (IFF_UP and IFF_LOWER_UP). */
function isLinkUp(link: Link): boolean {
  return link.flags.up && link.flags.lowerUp;
}

/**
 * The address adverts are sent from: the interface's primary IPv4 address,
 * or its IPv6 link-local address (RFC 5798 §5.1.2.1), never a VIP.
 */
function primaryAddress(
  addresses: readonly InterfaceAddress[],
  ifindex: number,
  family: IpFamily,
  vips: ReadonlySet<IpAddress>,
): IpAddress | null {
  const candidates = addresses.filter((a) => a.ifindex === ifindex && a.family === family && !vips.has(a.address));
  const chosen =
    family === 'ipv4'
      ? (candidates.find((a) => !a.flags.secondary) ?? candidates[0])
      : candidates.find((a) => a.scope === 'link' || a.address.startsWith('fe80:'));
  return chosen?.address ?? null;
}

// ===== What moves with mastership besides the VIPs (virtual_ipaddress_excluded, virtual_routes, virtual_rules) =====

/** Each address line with the interface it goes on (`dev`, or the instance's) and that interface's MAC. */
function addressTargets(
  definition: InstanceDefinition,
  specs: readonly VirtualAddressSpec[],
  defaultDevice: Pick<Link, 'ifindex' | 'macAddress'>,
  links: readonly Link[],
): Map<IpAddress, VirtualAddressTarget> {
  const targets = new Map<IpAddress, VirtualAddressTarget>();
  for (const spec of specs) {
    const device = spec.device === null ? defaultDevice : links.find((l) => l.name === spec.device);
    if (device === undefined) {
      throw new StartupError(`(${definition.name}) interface ${spec.device ?? ''} for ${spec.address} doesn't exist`);
    }
    targets.set(spec.address, { spec, ifindex: device.ifindex, ...(device.macAddress === null ? {} : { mac: device.macAddress }) });
  }
  return targets;
}

/** Every address, route and rule an instance installs as master: what startup clears in case a previous run left them. */
function heldByMaster(link: InstanceLink): { addresses: IpAddress[]; excluded: IpAddress[]; routes: string[]; rules: string[] } {
  return {
    addresses: [...link.virtualAddresses.keys()],
    excluded: [...link.excludedAddresses.keys()],
    routes: [...link.routing.routes.keys()],
    rules: [...link.routing.rules.keys()],
  };
}
