/**
 * The test side of a fixture (see fixtures/fixture-protocol.ts): a node
 * process started inside a lab namespace, whose JSON-line events the test
 * awaits with bounded timeouts, never with sleeps.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../../src/lab/namespace-lan.js';

export interface FixtureEventShape {
  readonly event: string;
}

export interface FixtureExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Waiter<Event> {
  readonly matches: (event: Event) => boolean;
  readonly resolve: (event: Event) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface FixtureStartOptions {
  /** Runs node with --expose-gc. */
  readonly exposeGc?: boolean;
}

/** The type guard for events of one kind, optionally with a further condition. */
export function eventOf<Event extends FixtureEventShape, Kind extends Event['event']>(
  kind: Kind,
  condition: (event: Extract<Event, { readonly event: Kind }>) => boolean = () => true,
): (event: Event) => event is Extract<Event, { readonly event: Kind }> {
  return (event: Event): event is Extract<Event, { readonly event: Kind }> =>
    event.event === kind && condition(event as Extract<Event, { readonly event: Kind }>);
}

export class FixtureProcess<Event extends FixtureEventShape, Command extends object> {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #unclaimed: Event[] = [];
  readonly #waiters = new Set<Waiter<Event>>();
  readonly #exit: Promise<FixtureExit>;
  #stderr = '';
  #exited: FixtureExit | null = null;

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.#child = child;
    this.#exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#exited = { code, signal };
        this.#rejectAll(`exited (code ${code}, signal ${signal})`);
        resolve({ code, signal });
      });
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.#stderr += text));
    if (child.stdout !== null) createInterface({ input: child.stdout }).on('line', (line) => this.#onLine(line));
  }

  /** Starts dist/test/io/fixtures/<fixture>.js in a namespace with a JSON config. */
  static start<Event extends FixtureEventShape, Command extends object>(
    lab: Lab,
    namespace: string,
    fixture: string,
    config: object,
    options: FixtureStartOptions = {},
  ): FixtureProcess<Event, Command> {
    const script = fileURLToPath(new URL(`./fixtures/${fixture}.js`, import.meta.url));
    const args = [...(options.exposeGc === true ? ['--expose-gc'] : []), script, JSON.stringify(config)];
    return new FixtureProcess<Event, Command>(`${fixture}@${namespace}`, lab.spawn(namespace, process.execPath, args));
  }

  /** The first event, already received or still to come, that the guard accepts; it is consumed. */
  next<Narrow extends Event>(guard: (event: Event) => event is Narrow, timeoutMs: number, what: string): Promise<Narrow> {
    const index = this.#unclaimed.findIndex(guard);
    if (index >= 0) {
      const [event] = this.#unclaimed.splice(index, 1);
      return Promise.resolve(event as Narrow);
    }
    if (this.#exited !== null) return Promise.reject(this.#failure(`had exited before ${what}`));
    return new Promise<Narrow>((resolve, reject) => {
      const waiter: Waiter<Event> = {
        matches: guard,
        resolve: (event) => resolve(event as Narrow),
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(this.#failure(`gave no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Events received and not consumed by next(). */
  unclaimed(): readonly Event[] {
    return [...this.#unclaimed];
  }

  send(command: Command): void {
    this.#child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** Closes the fixture's stdin: fixtures that read commands shut down then. */
  endInput(): void {
    this.#child.stdin?.end();
  }

  /** Resolves when the process exits; rejects if it has not within the timeout. */
  waitForExit(timeoutMs: number): Promise<FixtureExit> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.#failure(`did not exit within ${timeoutMs} ms`)), timeoutMs);
      void this.#exit.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }

  #onLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#stderr += `[unparsable stdout line] ${line}\n`;
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { event?: unknown }).event !== 'string') {
      this.#stderr += `[stdout line without an event] ${line}\n`;
      return;
    }
    // The fixture is ours and its events are typed at their source; `event` was checked above.
    const event = parsed as Event;
    if (event.event === 'fixtureError') this.#rejectAll(`failed: ${line}`);
    for (const waiter of this.#waiters) {
      if (waiter.matches(event)) {
        this.#waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(event);
        return;
      }
    }
    this.#unclaimed.push(event);
  }

  #rejectAll(what: string): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(this.#failure(what));
    }
    this.#waiters.clear();
  }

  #failure(what: string): Error {
    return new Error(`fixture ${this.name} ${what}${this.#stderr === '' ? '' : `\n--- its stderr ---\n${this.#stderr}`}`);
  }
}
