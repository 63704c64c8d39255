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
import { assertNever } from '../../primitives/result.js';
import type { SchemaContext } from './schema-context.js';

export type StatementHandler<D> = (statement: Statement, draft: D, context: SchemaContext) => void;

/** One handler per supported keyword of the context, no more, no fewer. */
export type HandlerTable<C extends KeywordContext, D> = { readonly [K in SupportedKeyword<C>]: StatementHandler<D> };

export function dispatchStatements<C extends KeywordContext, D>(
  statements: readonly Statement[],
  keywordContext: C,
  handlers: HandlerTable<C, D>,
  draft: D,
  context: SchemaContext,
): void {
  for (const statement of statements) {
    if (isAnonymousBlock(statement)) continue; // reported by the block parser
    const keyword = statement.keyword.text;
    if (isSupportedKeyword(keywordContext, keyword)) {
      const handler: StatementHandler<D> = handlers[keyword];
      handler(statement, draft, context);
    } else {
      reportUnhandled(statement, keywordContext, context);
    }
  }
}

/**
 * Keywords that cannot be skipped safely: without them vipd would advertise by
 * multicast to peers that listen for unicast, and each side would become master.
 */
const UNSAFE_TO_IGNORE: ReadonlySet<string> = new Set(['unicast_peer', 'unicast_src_ip']);

function reportUnhandled(statement: Statement, keywordContext: KeywordContext, context: SchemaContext): void {
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
      if (UNSAFE_TO_IGNORE.has(keyword)) {
        context.error(
          statement.location,
          `${keyword} is not supported yet, and ignoring it would make vipd advertise by multicast while its peers ` +
            'expect unicast (both sides would become master); run keepalived for this instance until unicast lands',
          'notSupportedYet',
        );
        return;
      }
      context.warning(statement.location, `${keyword} is not supported yet; ${skipped}`, 'notSupportedYet');
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
