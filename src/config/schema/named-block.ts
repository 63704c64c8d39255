/**
 * `KEYWORD NAME { … }` blocks other than vrrp_instance: vrrp_script,
 * track_file, vrrp_track_process, vrrp_sync_group. The name is required; words
 * after it are ignored with a warning.
 */
import { statementTitle, type Statement, type StatementBlock } from '../block-parser.js';
import type { SourceLocation } from '../config-types.js';
import type { KeywordContext } from '../keyword-registry.js';
import { requireBlock } from './arguments.js';
import type { SchemaContext } from './schema-context.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';

export interface NamedBlock {
  readonly name: string;
  /** How messages name the block: `vrrp_script chk`. */
  readonly title: string;
  readonly location: SourceLocation;
  readonly block: StatementBlock;
  /** The context whose messages name the block. */
  readonly context: SchemaContext;
}

/** The block's name and body; null when either is missing (reported). */
export function readNamedBlock(statement: Statement, context: SchemaContext): NamedBlock | null {
  const keyword = statement.keyword.text;
  const [nameWord, ...extra] = statement.args;
  const firstExtra = extra[0];
  if (nameWord === undefined) {
    context.error(statement.location, `${keyword} needs a name, e.g. "${keyword} NAME { … }"`);
  } else if (firstExtra !== undefined) {
    context.warning(firstExtra.location, `unexpected "${extra.map((w) => w.text).join(' ')}" after the ${keyword} name is ignored`);
  }
  const block = requireBlock({ ...statement, args: [] }, context, `${keyword} NAME { … }`);
  if (nameWord === undefined || block === null) return null;
  const title = statementTitle(statement);
  return { name: nameWord.text, title, location: statement.location, block, context: context.within(title) };
}

/** A keyword the block must have, and how to add it, e.g. `script` / `add the command to run, e.g. …`. */
export interface RequiredKeyword {
  readonly keyword: string;
  readonly fix: string;
}

/**
 * Reads `KEYWORD NAME { … }` into `draft` with `handlers`; a block without a
 * line of `required.keyword` is an error (a line with a bad value is reported
 * by its handler already).
 */
export function readNamedBlockInto<C extends KeywordContext, D>(
  statement: Statement,
  context: SchemaContext,
  keywordContext: C,
  handlers: HandlerTable<C, D>,
  draft: D,
  required: RequiredKeyword,
): NamedBlock | null {
  const named = readNamedBlock(statement, context);
  if (named === null) return null;
  dispatchStatements(named.block.children, keywordContext, handlers, draft, named.context);
  if (!named.block.children.some((c) => c.keyword.text === required.keyword)) {
    named.context.error(named.location, `${named.title} has no ${required.keyword}; ${required.fix}`);
  }
  return named;
}
