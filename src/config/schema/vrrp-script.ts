/**
 * `vrrp_script NAME { script CMD; interval SECONDS; timeout SECONDS; weight W [reverse];
 * rise N; fall N; user USER [GROUP]; init_fail }` (keepalived.conf(5);
 * defaults and ranges as keepalived 2.2.7 -t reports them, reference §1
 * "vrrp_script"): interval and timeout 0 become 1 s with a warning ("vrrp
 * script interval must be greater than 0, setting to 1"), rise and fall 0
 * become 1 ("… invalid, defaulting to 1"), weight beyond ±253 is an error.
 */
import type { Statement } from '../block-parser.js';
import type { CommandSpec, RunAs, VrrpScriptDefinition } from '../config-types.js';
import { MICROSECONDS_PER_SECOND } from '../decimal-seconds.js';
import { microseconds, type Microseconds } from '../../primitives/time.js';
import { noValue } from './arguments.js';
import { readCommand, runAsOf } from './command-line.js';
import { readNamedBlockInto } from './named-block.js';
import type { SchemaContext, Setting } from './schema-context.js';
import { setting, whole, type ValueReader } from './setting-handlers.js';
import type { HandlerTable } from './statement-dispatch.js';

interface ScriptDraft {
  command?: Setting<CommandSpec>;
  interval?: Setting<Microseconds>;
  timeout?: Setting<Microseconds>;
  weight?: Setting<{ readonly weight: number; readonly reverse: boolean }>;
  rise?: Setting<number>;
  fall?: Setting<number>;
  runAs?: Setting<RunAs>;
  initFail?: Setting<boolean>;
}

const ONE_SECOND = microseconds(MICROSECONDS_PER_SECOND);
const MAX_COUNT = 2_147_483_647;
/** The largest whole number of seconds keepalived keeps in its microsecond timers. */
const MAX_WHOLE_SECONDS = 4294;

/** `weight W [reverse|noreverse]`, ±`limit`. */
export function weightWithReverse(limit: number): ValueReader<{ readonly weight: number; readonly reverse: boolean }> {
  return (statement, context) => {
    const [value, option, ...extra] = statement.args;
    if (value === undefined) {
      context.error(statement.location, `weight is missing its value (expected "weight -${limit}..${limit} [reverse]")`);
      return null;
    }
    if (extra.length > 0 || (option !== undefined && option.text !== 'reverse' && option.text !== 'noreverse')) {
      context.error((option ?? value).location, `weight takes a number and then reverse or noreverse, not "${statement.args.map((w) => w.text).join(' ')}"`);
      return null;
    }
    if (!/^[-+]?\d+$/.test(value.text) || Math.abs(Number(value.text)) > limit) {
      context.error(value.location, `weight ${value.text} must be a whole number from -${limit} to ${limit}`);
      return null;
    }
    return { weight: Number(value.text), reverse: option?.text === 'reverse' };
  };
}

/** interval/timeout: whole seconds (keepalived.conf(5) <INTEGER>); 0 is taken as 1 s with a warning, as keepalived does. */
function positiveSeconds(statement: Statement, context: SchemaContext): Microseconds | null {
  const value = whole(0, MAX_WHOLE_SECONDS)(statement, context);
  if (value === null) return null;
  if (value !== 0) return microseconds(value * MICROSECONDS_PER_SECOND);
  context.warning(statement.location, `${statement.keyword.text} must be greater than 0, so 1 second is used (as keepalived does)`, 'keepalivedConfigError');
  return ONE_SECOND;
}

/** rise/fall: 0 is taken as 1 with a warning, as keepalived does. */
function positiveCount(statement: Statement, context: SchemaContext): number | null {
  const value = whole(0, MAX_COUNT)(statement, context);
  if (value !== 0) return value;
  context.warning(statement.location, `${statement.keyword.text} 0 is not valid, so 1 is used (as keepalived does); use 1 or more`, 'keepalivedConfigError');
  return 1;
}

const HANDLERS: HandlerTable<'vrrp_script', ScriptDraft> = {
  script: setting('command', (statement, context) => readCommand(statement, context, false)),
  interval: setting('interval', positiveSeconds),
  timeout: setting('timeout', positiveSeconds),
  weight: setting('weight', weightWithReverse(253)),
  rise: setting('rise', positiveCount),
  fall: setting('fall', positiveCount),
  user: setting('runAs', (statement, context) => {
    const runAs = runAsOf(statement.args, 'user', context);
    if (runAs === null) context.error(statement.location, 'user is missing the user name (expected "user USER [GROUP]")');
    return runAs;
  }),
  init_fail: setting('initFail', (statement, context) => {
    noValue(statement, context);
    return true;
  }),
};

export function readVrrpScript(statement: Statement, context: SchemaContext): VrrpScriptDefinition | null {
  const draft: ScriptDraft = {};
  // keepalived -t: "No script set for vrrp_script chk - removing", exit 5.
  const named = readNamedBlockInto(statement, context, 'vrrp_script', HANDLERS, draft, {
    keyword: 'script',
    fix: 'add the command to run, e.g. script "/usr/bin/pgrep haproxy"',
  });
  if (named === null) return null;
  const interval = draft.interval?.value ?? ONE_SECOND;
  return {
    name: named.name,
    location: named.location,
    command: draft.command?.value ?? null,
    interval,
    // keepalived: the timeout defaults to the interval.
    timeout: draft.timeout?.value ?? interval,
    weight: draft.weight?.value.weight ?? 0,
    reverse: draft.weight?.value.reverse ?? false,
    rise: draft.rise?.value ?? 1,
    fall: draft.fall?.value ?? 1,
    runAs: draft.runAs?.value ?? null,
    initFail: draft.initFail?.value ?? false,
  };
}

