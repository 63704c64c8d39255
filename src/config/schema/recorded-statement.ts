/**
 * A statement vipd knows but does not type, kept as written (words and
 * nested lines) so that `vipd -d` shows it and nothing is silently dropped.
 */
import type { Statement } from '../block-parser.js';
import type { RecordedStatement } from '../config-types.js';

export function recordStatement(statement: Statement): RecordedStatement {
  return {
    keyword: statement.keyword.text,
    words: statement.args.map((w) => w.text),
    block: statement.block === undefined ? null : statement.block.children.map(recordStatement),
    location: statement.location,
  };
}
