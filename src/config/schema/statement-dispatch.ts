/**
 * Hands each statement of a block to the handler for its keyword, and says
 * what vipd makes of the keywords it has no handler for: one message per
 * occurrence, naming file:line:column and the block; the statement (and its
 * block, whole) is skipped and reading goes on.
 */
import { isAnonymousBlock, type Statement } from '../block-parser.js';
import {
  isSupportedKeyword,
  placeOf,
  standingOf,
  type KeywordContext,
  type SupportedKeyword,
} from '../keyword-registry.js';
import { notLandedConsequence } from '../not-landed.js';
import { assertNever } from '../../primitives/result.js';
import type { SchemaContext } from './schema-context.js';

export type StatementHandler<D> = (statement: Statement, draft: D, context: SchemaContext) => void;

/** One handler per supported keyword of the context, no more, no fewer. */
export type HandlerTable<C extends KeywordContext, D> = { readonly [K in SupportedKeyword<C>]: StatementHandler<D> };

/**
 * `record` receives the statements of keywords vipd knows but does not type
 * (keepalived-keywords.ts), so that they are kept as written; without it they
 * are skipped. Either way each is reported "not supported yet".
 */
export function dispatchStatements<C extends KeywordContext, D>(
  statements: readonly Statement[],
  keywordContext: C,
  handlers: HandlerTable<C, D>,
  draft: D,
  context: SchemaContext,
  record?: (statement: Statement) => void,
): void {
  for (const statement of statements) {
    if (isAnonymousBlock(statement)) continue; // reported by the block parser
    const keyword = statement.keyword.text;
    if (isSupportedKeyword(keywordContext, keyword)) {
      const consequence = notLandedConsequence(keywordContext, keyword);
      if (consequence !== null) {
        context.warning(statement.location, `${keyword} is not supported yet: ${consequence}`, 'notSupportedYet');
      }
      const handler: StatementHandler<D> = handlers[keyword];
      handler(statement, draft, context);
    } else {
      reportUnhandled(statement, keywordContext, context, record);
    }
  }
}

function reportUnhandled(
  statement: Statement,
  keywordContext: KeywordContext,
  context: SchemaContext,
  record: ((statement: Statement) => void) | undefined,
): void {
  const keyword = statement.keyword.text;
  const skipped = statement.block === undefined ? 'the line is ignored' : 'the block is ignored';
  const standing = standingOf(keywordContext, keyword);
  switch (standing.kind) {
    case 'include':
      // language/expand-config.ts has read every include line written as such; keepalived calls this one an
      // unknown keyword.
      context.warning(
        statement.location,
        `${keyword} is read only as an unquoted keyword with exactly one file name (quote a name with blanks); the line is ignored`,
        'unknownKeyword',
      );
      return;
    case 'notSupportedYet':
      if (record === undefined) {
        context.warning(statement.location, `${keyword} is not supported yet; ${skipped}`, 'notSupportedYet');
        return;
      }
      record(statement);
      context.warning(
        statement.location,
        `${keyword} is not supported yet: vipd keeps it as written (vipd -d shows it) but does not act on it`,
        'notSupportedYet',
      );
      return;
    case 'outOfScope':
      context.warning(
        statement.location,
        `${keyword} belongs to keepalived's checker/LVS half and is outside vipd's scope; ${skipped}`,
        'outOfScope',
      );
      return;
    case 'misplaced':
      context.warning(
        statement.location,
        `${keyword} is not valid ${placeOf(keywordContext)}; it belongs ${placeOf(standing.belongsIn)}, so ${skipped}`,
      );
      return;
    case 'unknown': {
      const hint = standing.suggestion === null ? '' : ` (did you mean "${standing.suggestion}"?)`;
      context.warning(statement.location, `unknown keyword "${keyword}"${hint}; ${skipped}`, 'unknownKeyword');
      return;
    }
    default:
      assertNever(standing);
  }
}
