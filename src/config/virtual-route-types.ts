/**
 * virtual_routes / static_routes and virtual_rules / static_rules lines, in
 * ip-route(8) and ip-rule(8) syntax (keepalived.conf(5) "Static
 * routes/addresses/rules", "VRRP instance(s)"; keepalived adds `no_track`).
 */
import type { IpPrefix, SourceLocation } from './config-types.js';
import type { IpAddress } from '../primitives/ip-address.js';

/** ip-route(8) TYPE: unicast unless given. */
export type RouteType = 'unicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw';

/** `[TYPE] PREFIX|default [src A] [via A] [dev IF] [table T] [metric N] [scope S] [proto P] [no_track] …`. */
export interface RouteSpec {
  readonly type: RouteType;
  /** null = `default`. */
  readonly destination: IpPrefix | null;
  readonly source: IpAddress | null;
  readonly via: IpAddress | null;
  readonly device: string | null;
  /** A table number or a name from rt_tables. */
  readonly table: string | null;
  readonly metric: number | null;
  readonly scope: string | null;
  readonly protocol: string | null;
  readonly noTrack: boolean;
  /** Further ip-route(8) options, as words (e.g. `onlink`, `mtu 1400`). */
  readonly moreOptions: readonly string[];
  readonly location: SourceLocation;
}

/** ip-rule(8) action. */
export type RuleAction = 'table' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';

/** `[not] [from P|all] [to P|all] [iif IF] [oif IF] [fwmark M[/MASK]] [priority N] [table T|goto N|TYPE] [no_track] …`. */
export interface RuleSpec {
  readonly not: boolean;
  /** null = all. */
  readonly from: IpPrefix | null;
  readonly to: IpPrefix | null;
  readonly inputInterface: string | null;
  readonly outputInterface: string | null;
  /** fwmark VALUE[/MASK], as written. */
  readonly firewallMark: string | null;
  /** priority / preference / order. */
  readonly priority: number | null;
  readonly action: RuleAction;
  /** For action `table`: the table number or name. */
  readonly table: string | null;
  /** For action `goto`: the rule priority to go to. */
  readonly gotoPriority: number | null;
  readonly noTrack: boolean;
  /** Further ip-rule(8) selectors, as words (e.g. `tos 10`, `uidrange 1-10`). */
  readonly moreOptions: readonly string[];
  readonly location: SourceLocation;
}
