/**
 * `vrrp_track_process NAME { process NAME [ARGS]; full_command; param_match
 * initial|partial; weight W [reverse]; quorum N; quorum_max N; fork_delay S;
 * terminate_delay S; delay S }` (keepalived.conf(5) "VRRP track processes";
 * reference §1): weight ±254 (0 = FAULT when fewer than quorum run), quorum 1.
 */
import type { Statement } from '../block-parser.js';
import type { TrackProcessDefinition } from '../config-types.js';
import { microseconds, type Microseconds } from '../../primitives/time.js';
import { noValue, singleValue } from './arguments.js';
import { readNamedBlockInto } from './named-block.js';
import type { SchemaContext, Setting } from './schema-context.js';
import { MAX_TIMER, seconds, setting, whole, type ValueReader } from './setting-handlers.js';
import type { HandlerTable } from './statement-dispatch.js';
import { weightWithReverse } from './vrrp-script.js';

interface TrackProcessDraft {
  process?: Setting<readonly string[]>;
  fullCommand?: Setting<boolean>;
  parameterMatch?: Setting<'initial' | 'partial'>;
  weight?: Setting<{ readonly weight: number; readonly reverse: boolean }>;
  quorum?: Setting<number>;
  quorumMax?: Setting<number>;
  forkDelay?: Setting<Microseconds>;
  terminateDelay?: Setting<Microseconds>;
}

const MAX_QUORUM = 65535;

const processWords: ValueReader<readonly string[]> = (statement, context) => {
  if (statement.args.length === 0) {
    context.error(statement.location, 'process is missing the process name (expected "process NAME [ARGUMENTS]")');
    return null;
  }
  return statement.args.map((w) => w.text);
};

const parameterMatch: ValueReader<'initial' | 'partial'> = (statement, context) => {
  const value = singleValue(statement, context, 'param_match initial|partial');
  if (value === null) return null;
  if (value.text === 'initial' || value.text === 'partial') return value.text;
  context.error(value.location, `param_match must be initial or partial, not "${value.text}"`);
  return null;
};

const delay = seconds(microseconds(0), MAX_TIMER);

const HANDLERS: HandlerTable<'vrrp_track_process', TrackProcessDraft> = {
  process: setting('process', processWords),
  full_command: setting('fullCommand', (statement, context) => {
    noValue(statement, context);
    return true;
  }),
  param_match: setting('parameterMatch', parameterMatch),
  weight: setting('weight', weightWithReverse(254)),
  quorum: setting('quorum', whole(1, MAX_QUORUM)),
  // keepalived.conf(5): "Setting this to 0 would mean failure if the matching process were running at all."
  quorum_max: setting('quorumMax', whole(0, MAX_QUORUM)),
  fork_delay: setting('forkDelay', delay),
  terminate_delay: setting('terminateDelay', delay),
  // keepalived.conf(5): "delay" sets both.
  delay(statement, draft, context) {
    const value = delay(statement, context);
    if (value === null) return;
    draft.forkDelay = { value, location: statement.location };
    draft.terminateDelay = { value, location: statement.location };
  },
};

export function readTrackProcess(statement: Statement, context: SchemaContext): TrackProcessDefinition | null {
  const draft: TrackProcessDraft = {};
  const named = readNamedBlockInto(statement, context, 'vrrp_track_process', HANDLERS, draft, {
    keyword: 'process',
    fix: 'add the process to watch, e.g. process haproxy',
  });
  if (named === null) return null;
  const quorum = draft.quorum?.value ?? 1;
  const quorumMax = draft.quorumMax?.value ?? null;
  return {
    name: named.name,
    location: named.location,
    process: draft.process?.value ?? [],
    fullCommand: draft.fullCommand?.value ?? false,
    parameterMatch: draft.parameterMatch?.value ?? 'exact',
    weight: draft.weight?.value.weight ?? 0,
    reverse: draft.weight?.value.reverse ?? false,
    quorum,
    quorumMax,
    forkDelay: draft.forkDelay?.value ?? null,
    terminateDelay: draft.terminateDelay?.value ?? null,
  };
}
