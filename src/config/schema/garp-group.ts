/**
 * `garp_group { garp_interval S; gna_interval S; interface IF; interfaces { IF … } }`
 * (keepalived.conf(5) global section): GARP/NA pacing for a group of interfaces.
 */
import { isAnonymousBlock, type Statement } from '../block-parser.js';
import type { GarpGroupDefinition } from '../config-types.js';
import { microseconds, type Microseconds } from '../../primitives/time.js';
import { requireBlock } from './arguments.js';
import { interfaceNameProblem } from './interface-name.js';
import type { SchemaContext, Setting } from './schema-context.js';
import { interfaceName, MAX_TIMER, seconds, setting } from './setting-handlers.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';

interface GarpGroupDraft {
  garpInterval?: Setting<Microseconds>;
  gnaInterval?: Setting<Microseconds>;
  readonly interfaces: string[];
}

const HANDLERS: HandlerTable<'garp_group', GarpGroupDraft> = {
  garp_interval: setting('garpInterval', seconds(microseconds(1), MAX_TIMER)),
  gna_interval: setting('gnaInterval', seconds(microseconds(1), MAX_TIMER)),
  interface(statement, draft, context) {
    const name = interfaceName(statement, context);
    if (name !== null) draft.interfaces.push(name);
  },
  interfaces(statement, draft, context) {
    const block = requireBlock(statement, context, 'interfaces { IF … }');
    if (block === null) return;
    for (const line of block.children) {
      if (isAnonymousBlock(line)) continue;
      for (const word of [line.keyword, ...line.args]) {
        const problem = interfaceNameProblem(word.text);
        if (problem === null) draft.interfaces.push(word.text);
        else context.error(word.location, `interfaces: ${problem}`);
      }
    }
  },
};

export function readGarpGroup(statement: Statement, context: SchemaContext): GarpGroupDefinition | null {
  const block = requireBlock(statement, context, 'garp_group { garp_interval SECONDS; interfaces { IF … } }');
  if (block === null) return null;
  const draft: GarpGroupDraft = { interfaces: [] };
  const inner = context.within('garp_group');
  dispatchStatements(block.children, 'garp_group', HANDLERS, draft, inner);
  if (draft.interfaces.length === 0) inner.error(statement.location, 'garp_group has no interface; add interface IF or interfaces { IF … }');
  return {
    location: statement.location,
    garpInterval: draft.garpInterval?.value ?? null,
    gnaInterval: draft.gnaInterval?.value ?? null,
    interfaces: draft.interfaces,
  };
}
