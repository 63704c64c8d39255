/**
 * A daemon for control tests without sockets or namespaces: each instance is
 * the pure core driven directly (startup, then whatever the test or the
 * dispatcher feeds it), on a clock the test moves.
 */
import type { UnclaimedPackets } from '../../src/control/control-protocol.js';
import { instanceStatus, type InstanceStatus } from '../../src/control/instance-status.js';
import { instantAt, type Instant } from '../../src/primitives/time.js';
import type { Priority } from '../../src/primitives/vrrp-numbers.js';
import type { VrrpAction } from '../../src/protocol/actions.js';
import type { VrrpEvent } from '../../src/protocol/events.js';
import type { InstanceConfig } from '../../src/protocol/instance-config.js';
import { initialInstanceState, type InstanceState } from '../../src/protocol/instance-state.js';
import { step } from '../../src/protocol/step.js';
import type { ControlledDaemon, ControlledInstance } from '../../src/runtime/control-dispatch.js';
import { testInstanceConfig } from './runner-doubles.js';

/** runner-doubles' test instance under another name and priority. */
export function namedInstanceConfig(name: string, priority: number): InstanceConfig {
  return { ...testInstanceConfig, name, priority: priority as Priority };
}

export class CoreInstance implements ControlledInstance {
  state: InstanceState;
  /** Every action the core returned, in order. */
  readonly actions: VrrpAction[] = [];
  now: Instant = instantAt(0);

  constructor(readonly config: InstanceConfig) {
    this.state = initialInstanceState(config);
    this.handle({ kind: 'startup' });
  }

  handle(event: VrrpEvent): void {
    const result = step(this.config, this.state, event, this.now);
    this.state = result.state;
    this.actions.push(...result.actions);
  }

  /** Fire Master_Down_Timer at its deadline (a backup with no master heard becomes master). */
  expireMasterDown(): void {
    const at = this.state.timers.masterDown;
    if (at === undefined) throw new Error(`${this.config.name}: Master_Down_Timer is not armed`);
    this.now = at;
    this.handle({ kind: 'timerExpired', timer: 'masterDown' });
  }

  status(): InstanceStatus {
    return instanceStatus(this.config, this.state, this.now);
  }
}

export class CoreControlledDaemon implements ControlledDaemon {
  readonly unclaimedPackets: UnclaimedPackets = { unknownVrid: 0, malformedIp: 0, missingDestination: 0 };
  constructor(
    readonly instances: readonly CoreInstance[],
    /** vrrpd's -z/-x by instance name (the `vipd vrrpd` form). */
    private readonly extras: ReadonlyMap<string, { reducePriority: number | null; increasePriority: number | null }> = new Map(),
  ) {}

  instanceExtras(name: string): { reducePriority: number | null; increasePriority: number | null } | undefined {
    return this.extras.get(name);
  }

  status(): InstanceStatus[] {
    return this.instances.map((i) => i.status());
  }

  controlledInstance(name: string): CoreInstance | undefined {
    return this.instances.find((i) => i.config.name === name);
  }
}
