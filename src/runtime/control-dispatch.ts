/**
 * Applies a vipctl request to the running daemon: finds the instance, refuses
 * what cannot be done (with a one-line reason, changing nothing), and feeds
 * the rest to the instance's runner as an administrative event, whose actions
 * are carried out as usual. Field validation happened in control-protocol.ts;
 * the semantics of each event are in src/protocol/administrative-control.ts.
 *
 * Refused here:
 *  - any instance command naming an instance the daemon does not run;
 *  - `priority` on the address owner (priority 255 is fixed, RFC 5798 §5.2.4);
 *  - `garp` on an instance that is not master (only a master owns the addresses).
 */
import type { ControlRequest, ControlResponse, UnclaimedPackets } from '../control/control-protocol.js';
import type { ControlHandlers } from '../control/control-server.js';
import type { EventBroadcaster } from '../control/event-broadcaster.js';
import type { InstanceStatus } from '../control/instance-status.js';
import type { AdministrativeEvent } from '../protocol/administrative-event.js';

export interface ControlledInstance {
  status(): InstanceStatus;
  handle(event: AdministrativeEvent): void;
}

export interface ControlledDaemon {
  status(): InstanceStatus[];
  readonly unclaimedPackets: UnclaimedPackets;
  controlledInstance(name: string): ControlledInstance | undefined;
  /** vrrpd's -z/-x for an instance of the `vipd vrrpd` form (null: the default step of 10). */
  instanceExtras?(name: string): { readonly reducePriority: number | null; readonly increasePriority: number | null } | undefined;
}

export type ReloadResult = { readonly ok: true } | { readonly ok: false; readonly error: string };
/** Re-reads the configuration and applies it (SIGHUP's work), reporting failure in one line. */
export type Reload = () => Promise<ReloadResult>;

export async function dispatchControl(
  daemon: ControlledDaemon,
  reload: Reload,
  request: Exclude<ControlRequest, { command: 'events' }>,
): Promise<ControlResponse> {
  switch (request.command) {
    case 'status': {
      const all = daemon.status().map((s) => withExtras(daemon, s));
      const unclaimedPackets = daemon.unclaimedPackets;
      if (request.instance === undefined) return { ok: true, command: 'status', instances: all, unclaimedPackets };
      const one = all.filter((s) => s.name === request.instance);
      return one.length === 0 ? unknownInstance(request.instance) : { ok: true, command: 'status', instances: one, unclaimedPackets };
    }
    case 'reload': {
      const result = await reload();
      return result.ok ? { ok: true, command: 'reload' } : { ok: false, error: result.error };
    }
    case 'backup':
      return act(daemon, request.instance, request.command, { kind: 'holdBackup' }, (before) => !before.held);
    case 'resume':
      return act(daemon, request.instance, request.command, { kind: 'releaseHold' }, (before) => before.held);
    case 'priority':
      return act(daemon, request.instance, request.command, { kind: 'adjustPriority', change: request.change }, null, (status) =>
        status.isOwner ? `${status.name} is the address owner (priority 255); its priority cannot be changed` : null,
      );
    case 'garp':
      return act(daemon, request.instance, request.command, { kind: 'announce' }, () => true, (status) =>
        status.state === 'master' ? null : `${status.name} is ${status.state.toUpperCase()}; only a master announces its addresses`,
      );
  }
}

function act(
  daemon: ControlledDaemon,
  name: string,
  command: 'backup' | 'resume' | 'priority' | 'garp',
  event: AdministrativeEvent,
  /** Whether the request changes anything, judged before; null = compare the priorities after. */
  changes: ((before: InstanceStatus) => boolean) | null,
  refusal: (status: InstanceStatus) => string | null = () => null,
): ControlResponse {
  const instance = daemon.controlledInstance(name);
  if (instance === undefined) return unknownInstance(name);
  const before = withExtras(daemon, instance.status());
  const refused = refusal(before);
  if (refused !== null) return { ok: false, error: refused };
  instance.handle(event);
  const after = withExtras(daemon, instance.status());
  const changed =
    changes === null
      ? after.administrativePriority !== before.administrativePriority || after.effectivePriority !== before.effectivePriority
      : changes(before);
  return { ok: true, command, instance: after, changed };
}

/** The status with vrrpd's -z/-x, which atropos --reduce/--increase use (src/cli/atropos.ts). */
function withExtras(daemon: ControlledDaemon, status: InstanceStatus): InstanceStatus {
  const extras = daemon.instanceExtras?.(status.name);
  if (extras === undefined) return status;
  return {
    ...status,
    ...(extras.reducePriority === null ? {} : { reducePriority: extras.reducePriority }),
    ...(extras.increasePriority === null ? {} : { increasePriority: extras.increasePriority }),
  };
}

function unknownInstance(name: string): ControlResponse {
  return { ok: false, error: `no instance named "${name}"` };
}

/** The control socket's handlers for a running daemon: requests go to dispatchControl, subscribers to the broadcaster. */
export function controlHandlers(daemon: ControlledDaemon, broadcaster: EventBroadcaster, reload: Reload): ControlHandlers {
  return {
    answer: (request) => dispatchControl(daemon, reload, request),
    subscribe: (sink) => {
      broadcaster.add(sink);
      return () => broadcaster.remove(sink);
    },
  };
}
