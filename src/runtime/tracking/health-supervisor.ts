/**
 * Runs what the instances track besides interfaces (keepalived vrrp_script,
 * track_file): one check per object that some instance references, its
 * results turned into tracker health for the core ("script NAME" up, down or
 * still in init; "file NAME" with its value). A reload keeps the checks
 * whose definition did not change, with their state (keepalived: "considered
 * successful on reload"), starts the new ones and stops the rest.
 *
 * Scripts go through keepalived's script security first (runtime/health/
 * script-security.ts): a script it would refuse is not run, and its tracker
 * stays in init (it adds no weight), as keepalived disables it.
 */
import type { TrackFileDefinition, TrackProcessDefinition, VipdConfig, VrrpScriptDefinition } from '../../config/config-types.js';
import type { NativeBinding } from '../../io/native-binding.js';
import { openProcEventSource, type ProcEventSource } from '../health/proc-event-source.js';
import { procfsReader } from '../health/proc-reader.js';
import { ProcessWatch } from '../health/process-watch.js';
import { TrackProcess } from '../health/track-process.js';
import type { Logger } from '../../log/logger.js';
import type { LogLine } from '../../log/log-lines.js';
import type { MonotonicClock } from '../clock.js';
import type { DeadlineSource } from '../deadline-source.js';
import type { ProcessRunner } from '../health/process-runner.js';
import { ScriptCheck } from '../health/script-check.js';
import { inspectScript, scriptAllowed, scriptSecurityLines, securityViolationLine, trackScriptDisabledLine, pathSearchLine } from '../health/script-security.js';
import { TrackFile } from '../health/track-file.js';
import { resolveRunAs, type AccountDatabase } from './run-as.js';
import { fileTrackerName, processTrackerName, scriptTrackerName } from './tracked-objects.js';

/** A binary tracker's state as the core must see it: up, down, or no result yet (no weight either way). */
export type TrackerHealth = 'up' | 'down' | 'init';

export interface HealthListener {
  health(tracker: string, health: TrackerHealth): void;
  value(tracker: string, value: number): void;
}

export interface HealthSupervisorDependencies {
  readonly clock: MonotonicClock;
  readonly deadlines: DeadlineSource;
  readonly logger: Logger;
  readonly runner: ProcessRunner;
  readonly accounts: AccountDatabase;
  readonly listener: HealthListener;
  /** For the process-events socket (vrrp_track_process). */
  readonly binding: NativeBinding;
}

interface RunningScript {
  readonly key: string;
  readonly check: ScriptCheck | null;
}

interface RunningFile {
  readonly key: string;
  readonly file: TrackFile;
}

interface RunningProcess {
  readonly key: string;
  readonly tracker: TrackProcess;
}

const MICROSECONDS_PER_MILLISECOND = 1000;
/**
 * Where the kernel will not send process events (the proc connector works
 * only in the initial network namespace), /proc is read again this often.
 */
const PROCESS_RESCAN_MS = 1000;

export class HealthSupervisor {
  private readonly scripts = new Map<string, RunningScript>();
  private readonly files = new Map<string, RunningFile>();
  private readonly processes = new Map<string, RunningProcess>();
  private readonly watch = new ProcessWatch(procfsReader);
  private events: ProcEventSource | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: HealthSupervisorDependencies) {}

  /** The current health of a tracker this supervisor runs: for the initial state of a new instance. */
  healthOf(tracker: string): TrackerHealth | number | undefined {
    for (const [name, running] of this.scripts) {
      if (scriptTrackerName(name) !== tracker) continue;
      const state = running.check?.state ?? 'init';
      return state === 'up' ? 'up' : state === 'init' ? 'init' : 'down';
    }
    for (const [name, running] of this.files) if (fileTrackerName(name) === tracker) return running.file.value;
    for (const [name, running] of this.processes) {
      if (processTrackerName(name) !== tracker) continue;
      const up = running.tracker.up;
      return up === null ? 'init' : up ? 'up' : 'down';
    }
    return undefined;
  }

  /** Start, keep or stop checks so that exactly what `config`'s instances reference runs. */
  async apply(config: VipdConfig): Promise<void> {
    const scriptNames = new Set(config.instances.flatMap((i) => i.trackScripts.map((r) => r.name)));
    const fileNames = new Set(config.instances.flatMap((i) => i.trackFiles.map((r) => r.name)));
    const processNames = new Set(config.instances.flatMap((i) => i.trackProcesses.map((r) => r.name)));
    const scripts = config.scripts.filter((s) => scriptNames.has(s.name));
    const files = config.trackFiles.filter((f) => fileNames.has(f.name));
    const processes = config.trackProcesses.filter((p) => processNames.has(p.name));

    await this.stopMissing(this.scripts, new Map(scripts.map((s) => [s.name, scriptKey(s)])), (r) => r.check?.close());
    await this.stopMissing(this.files, new Map(files.map((f) => [f.name, fileKey(f)])), (r) => r.file.close());
    await this.stopMissing(this.processes, new Map(processes.map((p) => [p.name, processKey(p)])), (r) => {
      this.watch.remove(r.tracker);
      r.tracker.close();
    });
    for (const definition of processes.filter((p) => !this.processes.has(p.name))) this.startProcess(definition);

    const fresh = scripts.filter((s) => !this.scripts.has(s.name));
    let anyInsecure = false;
    for (const script of fresh) {
      const { check, insecure } = this.startScript(script, config);
      anyInsecure ||= insecure;
      this.scripts.set(script.name, { key: scriptKey(script), check });
    }
    if (fresh.length > 0 && !config.globalDefs.enableScriptSecurity) this.write(securityViolationLine(anyInsecure));

    for (const definition of files.filter((f) => !this.files.has(f.name))) {
      if (definition.path === null) continue;
      const tracker = fileTrackerName(definition.name);
      const file = new TrackFile(
        { name: definition.name, path: definition.path, initFile: definition.initFile },
        { log: (line) => this.write(line), onChange: (value) => this.deps.listener.value(tracker, value) },
      );
      this.files.set(definition.name, { key: fileKey(definition), file });
      await file.start();
      this.deps.listener.value(tracker, file.value);
    }
  }

  private startProcess(definition: TrackProcessDefinition): void {
    const [process, ...params] = definition.process;
    if (process === undefined) return;
    this.listenForProcessEvents();
    const tracker = processTrackerName(definition.name);
    const running = new TrackProcess(
      {
        name: definition.name,
        process,
        params: params.length === 0 ? null : params,
        fullCommand: definition.fullCommand,
        paramMatch: definition.parameterMatch,
        quorum: definition.quorum,
        quorumMax: definition.quorumMax,
        forkDelayMs: (definition.forkDelay ?? 0) / MICROSECONDS_PER_MILLISECOND,
        terminateDelayMs: (definition.terminateDelay ?? 0) / MICROSECONDS_PER_MILLISECOND,
      },
      { clock: this.deps.clock, deadlines: this.deps.deadlines, onChange: (up) => this.deps.listener.health(tracker, up ? 'up' : 'down') },
    );
    this.processes.set(definition.name, { key: processKey(definition), tracker: running });
    this.watch.add(running);
  }

  /** The proc connector, event-driven; where Linux refuses it (a network namespace), /proc scans instead. */
  private listenForProcessEvents(): void {
    if (this.events !== null || this.rescanTimer !== null) return;
    try {
      this.events = openProcEventSource(this.deps.binding, {
        onEvents: (events) => this.watch.handle(events),
        onLost: () => this.watch.rescan(),
        onError: (error) => this.write({ level: 'warning', text: `process events: ${error.message}` }),
      });
    } catch (error) {
      this.write({
        level: 'warning',
        text: `vrrp_track_process: no process events here (${error instanceof Error ? error.message : String(error)}); reading /proc every ${PROCESS_RESCAN_MS} ms instead`,
      });
      this.rescanTimer = setInterval(() => this.watch.rescan(), PROCESS_RESCAN_MS);
    }
  }

  async close(): Promise<void> {
    this.events?.close();
    this.events = null;
    if (this.rescanTimer !== null) clearInterval(this.rescanTimer);
    this.rescanTimer = null;
    for (const running of this.processes.values()) {
      this.watch.remove(running.tracker);
      running.tracker.close();
    }
    this.processes.clear();
    await Promise.all([...this.scripts.values()].map((r) => r.check?.close()));
    this.scripts.clear();
    await Promise.all([...this.files.values()].map((r) => r.file.close()));
    this.files.clear();
  }

  private startScript(script: VrrpScriptDefinition, config: VipdConfig): { check: ScriptCheck | null; insecure: boolean } {
    const program = script.command?.argv[0];
    if (script.command === null || program === undefined) return { check: null, insecure: false };
    const user = resolveRunAs(script.runAs, config.globalDefs.scriptUser, this.deps.accounts);
    if (!user.ok) {
      this.write({ level: 'error', text: `VRRP_Script(${script.name}) cannot run: ${user.reason}` });
      return { check: null, insecure: false };
    }
    const securityEnabled = config.globalDefs.enableScriptSecurity;
    const inspection = inspectScript(program, user.user);
    if (inspection.resolvedByPathSearch !== null) this.write(pathSearchLine(program, inspection.resolvedByPathSearch));
    for (const line of scriptSecurityLines(inspection.verdict, securityEnabled)) this.write(line);
    const insecure = inspection.verdict.kind === 'unsafe';
    if (!scriptAllowed(inspection.verdict, securityEnabled)) {
      const disabled = trackScriptDisabledLine(script.name, inspection.verdict, securityEnabled);
      if (disabled !== null) this.write(disabled);
      return { check: null, insecure };
    }
    const tracker = scriptTrackerName(script.name);
    const check = new ScriptCheck(
      {
        name: script.name,
        command: script.command.argv,
        intervalMs: script.interval / MICROSECONDS_PER_MILLISECOND,
        timeoutMs: script.timeout / MICROSECONDS_PER_MILLISECOND,
        rise: script.rise,
        fall: script.fall,
        initFail: script.initFail,
        user: user.user,
      },
      {
        runner: this.deps.runner,
        clock: this.deps.clock,
        deadlines: this.deps.deadlines,
        log: (line) => this.write(line),
        onChange: (up) => this.deps.listener.health(tracker, up ? 'up' : 'down'),
      },
    );
    check.start();
    if (check.state === 'initFailed') this.deps.listener.health(tracker, 'down');
    return { check, insecure };
  }

  private async stopMissing<R extends { readonly key: string }>(
    running: Map<string, R>,
    wanted: ReadonlyMap<string, string>,
    stop: (r: R) => Promise<void> | void,
  ): Promise<void> {
    for (const [name, r] of running) {
      if (wanted.get(name) === r.key) continue;
      running.delete(name);
      await stop(r);
    }
  }

  private write(line: LogLine): void {
    this.deps.logger.write(line);
  }
}

/** What makes a running script the same after a reload: everything it was started with. */
function scriptKey(s: VrrpScriptDefinition): string {
  return JSON.stringify([s.command?.argv, s.command?.runAs, s.interval, s.timeout, s.rise, s.fall, s.runAs, s.initFail]);
}

function processKey(p: TrackProcessDefinition): string {
  return JSON.stringify([p.process, p.fullCommand, p.parameterMatch, p.quorum, p.quorumMax, p.forkDelay, p.terminateDelay]);
}

function fileKey(f: TrackFileDefinition): string {
  return JSON.stringify([f.path, f.initFile]);
}
