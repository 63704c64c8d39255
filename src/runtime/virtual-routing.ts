/**
 * An instance's virtual_routes and virtual_rules on the kernel: what the
 * core's addRouting / removeRouting actions mean (protocol/master-holdings.ts).
 * Routes go in before rules and come out after them (keepalived vrrp.c; seen
 * with `ip monitor route rule` against keepalived 2.2.7, which logs "(VI_1)
 * setting Virtual Routes", "setting Virtual Rules", "removing Virtual Rules",
 * "removing Virtual Routes"; so does vipd).
 *
 * What was installed is remembered as it was installed, so that removal after
 * a reload takes away what is really there. Removing what is not there (ESRCH
 * for a route, ENOENT for a rule) is what removal wants, and is how leftovers
 * of a previous run are cleared at startup; installing what is already there
 * (EEXIST) counts as installed.
 */
import type { Route } from '../netlink/route-message.js';
import type { Rule } from '../netlink/rule-message.js';
import type { VirtualRouteKey, VirtualRuleKey } from '../protocol/instance-config.js';
import type { RtnetlinkClient } from '../io/rtnetlink-client.js';
import { RtnetlinkError } from '../io/rtnetlink-error.js';

/** The instance's routes and rules as they are to be installed, by the core's keys. */
export interface RoutingTargets {
  readonly routes: ReadonlyMap<VirtualRouteKey, Route>;
  readonly rules: ReadonlyMap<VirtualRuleKey, Rule>;
}

export type RoutingClient = Pick<RtnetlinkClient, 'addRoute' | 'removeRoute' | 'addRule' | 'removeRule'>;

export class VirtualRouting {
  private readonly installedRoutes = new Map<VirtualRouteKey, Route>();
  private readonly installedRules = new Map<VirtualRuleKey, Rule>();

  constructor(
    private readonly rtnl: RoutingClient,
    /** Told of each failure, worded for the log. */
    private readonly warn: (text: string) => void,
    /** Told what is being done, in keepalived's words ("setting Virtual Routes"). */
    private readonly info: (text: string) => void = () => undefined,
  ) {}

  async add(targets: RoutingTargets, routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): Promise<void> {
    if (routes.length > 0) this.info('setting Virtual Routes');
    for (const key of routes) {
      const route = targets.routes.get(key);
      if (route === undefined) continue;
      if (await this.attempt(() => this.rtnl.addRoute(route), 'EEXIST', `cannot add route ${key}`)) this.installedRoutes.set(key, route);
    }
    if (rules.length > 0) this.info('setting Virtual Rules');
    for (const key of rules) {
      const rule = targets.rules.get(key);
      if (rule === undefined) continue;
      if (await this.attempt(() => this.rtnl.addRule(rule), 'EEXIST', `cannot add rule ${key}`)) this.installedRules.set(key, rule);
    }
  }

  async remove(targets: RoutingTargets, routes: readonly VirtualRouteKey[], rules: readonly VirtualRuleKey[]): Promise<void> {
    if (rules.length > 0) this.info('removing Virtual Rules');
    for (const key of rules) {
      const rule = this.installedRules.get(key) ?? targets.rules.get(key);
      if (rule === undefined) continue;
      this.installedRules.delete(key);
      await this.attempt(() => this.rtnl.removeRule(rule), 'ENOENT', `cannot remove rule ${key}`);
    }
    if (routes.length > 0) this.info('removing Virtual Routes');
    for (const key of routes) {
      const route = this.installedRoutes.get(key) ?? targets.routes.get(key);
      if (route === undefined) continue;
      this.installedRoutes.delete(key);
      await this.attempt(() => this.rtnl.removeRoute(route), 'ESRCH', `cannot remove route ${key}`);
    }
  }

  /** True when done, or when the kernel's answer is `expected` (already so). */
  private async attempt(work: () => Promise<void>, expected: string, what: string): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof RtnetlinkError && error.code === expected) return true;
      this.warn(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
