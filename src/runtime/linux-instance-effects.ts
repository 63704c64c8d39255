/**
 * The core's actions carried out on Linux for one instance: adverts on the
 * VRRP socket, addresses over rtnetlink, gratuitous ARP / unsolicited NA on an
 * AF_PACKET socket, log lines in keepalived's wording.
 *
 * Adverts go out at once (keepalived sends the advert first so the old master
 * releases). Address changes and announcements are queued in order, so that
 * an announcement never precedes the address it announces.
 */
import { encodeAdvert } from '../codec/advert-encoder.js';
import type { Advert, ChecksumForm } from '../codec/advert.js';
import { encodeGratuitousArp } from '../codec/gratuitous-arp.js';
import { encodeUnsolicitedNeighbourAdvert } from '../codec/unsolicited-na.js';
import type { VirtualAddressSpec } from '../config/config-types.js';
import { isIpv4, type IpAddress, type IpFamily } from '../primitives/ip-address.js';
import type { MacAddress } from '../primitives/mac-address.js';
import { RESIGN_PRIORITY } from '../primitives/vrrp-numbers.js';
import type { AnnounceReason } from '../protocol/actions.js';
import type { LogEvent } from '../protocol/log-events.js';
import type { TransitionReason, VrrpStateName } from '../protocol/vrrp-state.js';
import { isSystemError } from '../io/native-binding.js';
import type { PacketSocket } from '../io/packet-socket.js';
import type { RtnetlinkClient } from '../io/rtnetlink-client.js';
import { RtnetlinkError } from '../io/rtnetlink-error.js';
import { NETWORK_CONTROL_TOS, VRRP_TTL, type VrrpSocket } from '../io/vrrp-socket.js';
import { encodeIpsecAhDatagram, ipsecAhSpi } from '../codec/ipsec-ah.js';
import { logEventLine, transitionLine } from '../log/log-lines.js';
import type { Logger } from '../log/logger.js';
import type { Instant } from '../primitives/time.js';
import type { MonotonicClock } from './clock.js';
import type { InstanceEffects } from './instance-effects.js';
import { addRequestOf, removeRequestOf } from './virtual-address-request.js';
import { UnicastSender, type UnicastLink } from './unicast-sender.js';
import { VirtualRouting, type RoutingTargets } from './virtual-routing.js';
import type { VirtualRouteKey, VirtualRuleKey } from '../protocol/instance-config.js';

/** A virtual address line and the interface it goes on. */
export interface VirtualAddressTarget {
  readonly spec: VirtualAddressSpec;
  readonly ifindex: number;
  /** That interface's MAC, the sender of its announcements (keepalived vrrp_arp.c: the address's interface); absent = the instance's. */
  readonly mac?: MacAddress;
}

/** Where an instance lives, resolved from the system at startup (and again at each reload). */
export interface InstanceLink {
  readonly instanceName: string;
  readonly interfaceName: string;
  readonly ifindex: number;
  /** The MAC announcements carry: the interface's, or the VMAC's. */
  readonly mac: MacAddress;
  /** use_vmac: the instance's VMAC, and whether adverts leave from it (not with vmac_xmit_base). */
  readonly vmac: { readonly name: string; readonly ifindex: number; readonly transmit: boolean } | null;
  readonly family: IpFamily;
  readonly sourceAddress: IpAddress;
  readonly group: IpAddress;
  readonly checksumForm: ChecksumForm;
  /** Each virtual address with its line and the ifindex it goes on (`dev` or the instance's). */
  readonly virtualAddresses: ReadonlyMap<IpAddress, VirtualAddressTarget>;
  /** virtual_ipaddress_excluded, likewise (either family). */
  readonly excludedAddresses: ReadonlyMap<IpAddress, VirtualAddressTarget>;
  /** virtual_routes and virtual_rules, resolved, by the core's keys. */
  readonly routing: RoutingTargets;
  /** Pause between announcements: vrrp_garp_interval for IPv4, vrrp_gna_interval for IPv6 (0 = none). */
  readonly announceSpacingMs: Readonly<Record<IpFamily, number>>;
  /** auth_type AH: the 8-byte HMAC-MD5-96 key; adverts then go out as IP protocol 51. */
  readonly ipsecAhKey: Uint8Array | null;
  /** keepalived unicast_peer: adverts go to each peer (unicast-sender.ts); null = to the group. */
  readonly unicast: UnicastLink | null;
}

export interface LinuxEffectsDependencies {
  readonly clock: MonotonicClock;
  readonly socket: VrrpSocket;
  readonly packets: PacketSocket;
  readonly rtnl: RtnetlinkClient;
  readonly logger: Logger;
  /** The interface's IP protocol 51 socket, for auth_type AH adverts (opened by the daemon). */
  readonly ipsecAhSocket: () => VrrpSocket;
  /** Told of every transition after it has been logged. */
  readonly onStateChanged?: (from: VrrpStateName, to: VrrpStateName, reason: TransitionReason) => void;
  /** A sync-group member's Master_Down_Timer fired: its group decides. */
  readonly onSyncGroupWantsMaster?: () => void;
}

/** A rejected advert is logged at most once a second per instance, sender and reason. */
const REJECT_LOG_INTERVAL_US = 1_000_000;

export class LinuxInstanceEffects implements InstanceEffects {
  private queue: Promise<void> = Promise.resolve();
  /**
   * Encoded adverts by priority: for one instance nothing else varies, and a
   * takeover should not spend its first fraction of a millisecond encoding.
   */
  private readonly encodedAdverts = new Map<number, Uint8Array>();
  private readonly lastRejectLog = new Map<string, Instant>();
  /**
   * What this instance installed, as it installed it: removal takes the
   * address off where it was put, also after a reload changed its line.
   */
  private readonly installed = new Map<IpAddress, VirtualAddressTarget>();
  /** virtual_routes / virtual_rules on the kernel. */
  private readonly routing: VirtualRouting;
  /** IPv4 Identification of the last AH advert: +1 per advert from 1, as keepalived (never 0: raw(7) would replace it). */
  private ipIdentification = 0;

  /** Unicast adverts, encoded per peer; null for a multicast instance. */
  private unicastSender: UnicastSender | null;

  constructor(
    private link: InstanceLink,
    private readonly deps: LinuxEffectsDependencies,
  ) {
    this.unicastSender = unicastSenderOf(link);
    this.routing = new VirtualRouting(
      deps.rtnl,
      (text) => this.warn(`(${this.link.instanceName}) ${text}`),
      (text) => this.info(`(${this.link.instanceName}) ${text}`),
    );
  }

  /** Reload: the instance's (new) name, addresses, source and pacing from now on. */
  reconfigure(link: InstanceLink): void {
    this.link = link;
    this.encodedAdverts.clear();
    this.unicastSender = unicastSenderOf(link);
  }

  /** Resolves once every queued address change and announcement is done. */
  drain(): Promise<void> {
    return this.queue;
  }

  prepareAdvert(advert: Advert, oldUnicastChecksum = false): void {
    if (this.unicastSender !== null) {
      this.unicastSender.prepare(advert, oldUnicastChecksum);
      return;
    }
    if (this.encodedAdverts.has(advert.priority)) return;
    const { link } = this;
    const addressing = { family: link.family, source: link.sourceAddress, destination: link.group };
    this.encodedAdverts.set(advert.priority, encodeAdvert(advert, addressing, link.checksumForm));
  }

  sendAdvert(advert: Advert, ipsecAhSequence?: number, oldUnicastChecksum = false): void {
    const { link } = this;
    if (this.unicastSender !== null) {
      this.sendUnicast(this.unicastSender, advert, oldUnicastChecksum);
      return;
    }
    this.prepareAdvert(advert);
    const bytes = this.encodedAdverts.get(advert.priority);
    if (bytes === undefined) return;
    try {
      if (ipsecAhSequence !== undefined) this.sendIpsecAh(bytes, ipsecAhSequence);
      else this.deps.socket.send(bytes, { source: link.sourceAddress });
      if (advert.priority === RESIGN_PRIORITY) this.info(`(${link.instanceName}) sent 0 priority`);
    } catch (error) {
      this.warn(`(${link.instanceName}) send advert error ${errorCode(error)}`);
    }
  }

  /**
   * keepalived's AH advert (reference §2 IPSEC-AH): IPv4 header as keepalived
   * builds it (TOS 0xc0, TTL 255, DF clear, Identification +1 per advert) ‖
   * AH (SPI = our address, the core's sequence number) ‖ the VRRP message,
   * the ICV computed over all three.
   */
  private sendIpsecAh(vrrp: Uint8Array, sequence: number): void {
    const { link } = this;
    const source = link.sourceAddress;
    const group = link.group;
    if (link.ipsecAhKey === null || !isIpv4(source) || !isIpv4(group)) {
      this.warn(`(${link.instanceName}) cannot send an IPSEC-AH advert without an IPv4 source, group and key`);
      return;
    }
    this.ipIdentification = (this.ipIdentification % 0xffff) + 1;
    const datagram = encodeIpsecAhDatagram(
      link.ipsecAhKey,
      { tos: NETWORK_CONTROL_TOS, identification: this.ipIdentification, dontFragment: false, ttl: VRRP_TTL, source, destination: group },
      { spi: ipsecAhSpi(source), sequence },
      vrrp,
    );
    this.deps.ipsecAhSocket().sendDatagram(datagram);
  }

  // ===== Unicast (keepalived unicast_peer; unicast-sender.ts) =====

  /** One advert per peer; each failure is logged with its peer, as keepalived does per sendmsg. */
  private sendUnicast(sender: UnicastSender, advert: Advert, oldUnicastChecksum: boolean): void {
    const { link } = this;
    for (const { peer, error } of sender.send(this.deps.socket, advert, oldUnicastChecksum)) {
      if (error !== null) this.warn(`(${link.instanceName}) send advert to ${peer} error ${errorCode(error)}`);
    }
    if (advert.priority === RESIGN_PRIORITY) this.info(`(${link.instanceName}) sent 0 priority`);
  }

  /**
   * keepalived, leaving FAULT in unicast mode (reference §2 Unicast): one
   * gratuitous ARP for our own source address, so that the peers' ARP entry
   * for it is fresh before our unicast adverts need it. IPv4 only.
   */
  private announceUnicastSource(): void {
    const { link } = this;
    if (!isIpv4(link.sourceAddress)) return;
    try {
      this.deps.packets.sendFrame(encodeGratuitousArp({ senderMac: link.mac, address: link.sourceAddress }), link.ifindex);
      this.detail(`Sending gratuitous ARP on ${link.interfaceName} for ${link.sourceAddress}`);
    } catch (error) {
      this.warn(`(${link.instanceName}) cannot announce ${link.sourceAddress}: ${describe(error)}`);
    }
  }

  // ===== End of unicast =====

  addVirtualAddresses(addresses: readonly IpAddress[], acceptTraffic: boolean): void {
    this.enqueue(async () => {
      this.info(`(${this.link.instanceName}) setting VIPs.`);
      if (!acceptTraffic) {
        this.warn(`(${this.link.instanceName}) no_accept is not enforced yet: packets to the VIPs are accepted`);
      }
      await this.addAddresses(addresses, this.link.virtualAddresses);
    });
  }

  removeVirtualAddresses(addresses: readonly IpAddress[]): void {
    this.enqueue(() => {
      this.info(`(${this.link.instanceName}) removing VIPs.`);
      return this.removeAddresses(addresses);
    });
  }

  // ===== What moves with mastership besides the VIPs (protocol/master-holdings.ts) =====

  addExcludedAddresses(addresses: readonly IpAddress[]): void {
    this.enqueue(() => this.addAddresses(addresses, this.link.excludedAddresses));
  }

  removeExcludedAddresses(addresses: readonly IpAddress[]): void {
    this.enqueue(() => this.removeAddresses(addresses));
  }

  addRouting(routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): void {
    this.enqueue(() => this.routing.add(this.link.routing, routes, rules));
  }

  removeRouting(routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): void {
    this.enqueue(() => this.routing.remove(this.link.routing, routes, rules));
  }

  // ===== End of what moves with mastership =====

  announce(addresses: readonly IpAddress[], repeat: number, _reason: AnnounceReason): void {
    const { link } = this;
    this.enqueue(async () => {
      const ipv4 = addresses.filter(isIpv4);
      const on = link.vmac?.name ?? link.interfaceName;
      if (ipv4.length > 0) {
        this.info(`(${link.instanceName}) Sending/queueing gratuitous ARPs on ${on} for ${ipv4.join(' ')}`);
      }
      const ipv6 = addresses.filter((a) => !isIpv4(a));
      if (ipv6.length > 0) {
        this.info(`(${link.instanceName}) Sending/queueing Unsolicited Neighbour Adverts on ${on} for ${ipv6.join(' ')}`);
      }
      for (let round = 0; round < repeat; round++) {
        for (const address of addresses) {
          if (round > 0 || address !== addresses[0]) await pause(link.announceSpacingMs[isIpv4(address) ? 'ipv4' : 'ipv6']);
          this.sendAnnouncement(address);
        }
      }
    });
  }

  stateChanged(from: VrrpStateName, to: VrrpStateName, reason: TransitionReason): void {
    const line = transitionLine(this.link.instanceName, to, reason);
    if (line !== null) this.deps.logger.write(line);
    if (from === 'fault' && this.link.unicast !== null) this.announceUnicastSource();
    this.deps.onStateChanged?.(from, to, reason);
  }

  syncGroupWantsMaster(): void {
    this.deps.onSyncGroupWantsMaster?.();
  }

  log(event: LogEvent): void {
    if (event.kind === 'advertRejected') {
      const key = `${event.source} ${event.reason.kind}`;
      const now = this.deps.clock.now();
      const last = this.lastRejectLog.get(key);
      if (last !== undefined && now - last < REJECT_LOG_INTERVAL_US) return;
      this.lastRejectLog.set(key, now);
    }
    this.deps.logger.write(logEventLine(this.link.instanceName, event));
  }

  private sendAnnouncement(address: IpAddress): void {
    const { link } = this;
    const target = link.virtualAddresses.get(address) ?? link.excludedAddresses.get(address);
    const ifindex = target?.ifindex ?? link.ifindex;
    const mac = target?.mac ?? link.mac;
    const frame = isIpv4(address)
      ? encodeGratuitousArp({ senderMac: mac, address })
      : encodeUnsolicitedNeighbourAdvert({ sourceMac: mac, source: address, target: address, router: false });
    try {
      this.deps.packets.sendFrame(frame, ifindex);
      this.detail(`Sending ${isIpv4(address) ? 'gratuitous ARP' : 'unsolicited neighbour advert'} on ${link.vmac?.name ?? link.interfaceName} for ${address}`);
    } catch (error) {
      this.warn(`(${link.instanceName}) cannot announce ${address}: ${describe(error)}`);
    }
  }

  /** VIPs or eVIPs, each on its interface; one already there (EEXIST) counts as installed. */
  private async addAddresses(addresses: readonly IpAddress[], targets: ReadonlyMap<IpAddress, VirtualAddressTarget>): Promise<void> {
    for (const address of addresses) {
      const target = targets.get(address);
      if (target === undefined) continue;
      try {
        await this.deps.rtnl.addAddress(addRequestOf(target.spec, target.ifindex));
        this.installed.set(address, target);
      } catch (error) {
        if (errorCode(error) === 'EEXIST') this.installed.set(address, target);
        else this.warn(`(${this.link.instanceName}) cannot add ${address}: ${describe(error)}`);
      }
    }
  }

  /** An address already gone (EADDRNOTAVAIL) is what removal wants: no warning. */
  private async removeAddresses(addresses: readonly IpAddress[]): Promise<void> {
    for (const address of addresses) {
      const target = this.installed.get(address) ?? this.link.virtualAddresses.get(address) ?? this.link.excludedAddresses.get(address);
      if (target === undefined) continue;
      this.installed.delete(address);
      try {
        await this.deps.rtnl.removeAddress(removeRequestOf(target.spec, target.ifindex));
      } catch (error) {
        if (errorCode(error) !== 'EADDRNOTAVAIL') this.warn(`(${this.link.instanceName}) cannot remove ${address}: ${describe(error)}`);
      }
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work, work);
  }

  private info(text: string): void {
    this.deps.logger.write({ level: 'info', text });
  }

  private warn(text: string): void {
    this.deps.logger.write({ level: 'warning', text });
  }

  private detail(text: string): void {
    this.deps.logger.write({ level: 'detail', text });
  }
}

function unicastSenderOf(link: InstanceLink): UnicastSender | null {
  if (link.unicast === null) return null;
  return new UnicastSender(link.unicast, { family: link.family, source: link.sourceAddress, checksumForm: link.checksumForm });
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The errno name of a system or rtnetlink error ('EEXIST', 'EADDRNOTAVAIL' …). */
function errorCode(error: unknown): string {
  if (isSystemError(error) || error instanceof RtnetlinkError) return error.code;
  return 'unknown';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
