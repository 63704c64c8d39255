/**
 * Tokens → statements: a keyword, its arguments (the rest of its line) and,
 * when a `{` follows, the statements of its block.
 *
 * keepalived.conf(5) DESCRIPTION: "Keywords are placed in hierarchies of
 * blocks and subblocks, each layer being delimited by '{' and '}' pairs."
 * A statement ends at the end of its line, at a `{` (which opens its block) or
 * at a `}`; whatever follows a brace on the same line starts a new statement,
 * so `virtual_ipaddress { 10.0.0.1 }` is a block holding one statement. A `{`
 * alone at the start of a line opens the block of the statement just above
 * it (the "brace on its own line" style).
 *
 * The parser knows no keywords; meaning is the schema's business. Unbalanced
 * braces are errors located at the brace that has no partner.
 */
import type { ConfigMessage, SourceLocation } from './config-types.js';
import type { Token } from './lexer.js';

export interface Word {
  readonly text: string;
  /** Some of the word was quoted (so it can never be a brace or a comment). */
  readonly quoted: boolean;
  readonly location: SourceLocation;
}

export interface StatementBlock {
  /** Position of the `{`. */
  readonly open: SourceLocation;
  readonly children: readonly Statement[];
}

export interface Statement {
  readonly keyword: Word;
  readonly args: readonly Word[];
  /** Where the keyword is. */
  readonly location: SourceLocation;
  readonly block?: StatementBlock;
}

export interface StatementsOutcome {
  readonly statements: readonly Statement[];
  readonly messages: readonly ConfigMessage[];
}

/** `keyword first-argument`, how a message names a block (e.g. `vrrp_instance VI_1`). */
export function statementTitle(statement: Statement): string {
  const first = statement.args[0];
  return first === undefined ? statement.keyword.text : `${statement.keyword.text} ${first.text}`;
}

/**
 * A block opened by a "{" with no keyword before it (an error already
 * reported): its keyword is the "{" itself, which no word can be.
 */
export function isAnonymousBlock(statement: Statement): boolean {
  return statement.keyword.text === '{' && !statement.keyword.quoted;
}

interface OpenStatement {
  keyword: Word;
  args: Word[];
  location: SourceLocation;
  block?: OpenBlock;
}

interface OpenBlock {
  open: SourceLocation;
  children: OpenStatement[];
}

interface Level {
  readonly statements: OpenStatement[];
  /** The statement whose block this level is; null for the top level. */
  readonly owner: OpenStatement | null;
}

export function parseStatements(tokens: readonly Token[]): StatementsOutcome {
  const messages: ConfigMessage[] = [];
  const top: Level = { statements: [], owner: null };
  const levels: Level[] = [top];
  let current: OpenStatement | null = null;
  /** The last statement, if only line ends have followed it: a `{` now opens its block. */
  let awaitingBrace: OpenStatement | null = null;

  const level = (): Level => levels[levels.length - 1] ?? top;
  const finish = (): OpenStatement | null => {
    const done = current;
    if (done !== null) level().statements.push(done);
    current = null;
    return done;
  };

  for (const token of tokens) {
    switch (token.kind) {
      case 'word':
        awaitingBrace = null;
        if (current === null) current = { keyword: token, args: [], location: token.location };
        else current.args.push(token);
        break;
      case 'endOfLine': {
        const done = finish();
        if (done !== null) awaitingBrace = done;
        break;
      }
      case 'open': {
        const owner = finish() ?? awaitingBrace;
        awaitingBrace = null;
        if (owner === null) {
          messages.push({
            severity: 'error',
            location: token.location,
            text: '"{" with no keyword before it; put the keyword that owns this block before the "{"',
          });
          // Read the block anyway, as an anonymous statement nobody will accept, so that its
          // "}" balances and the statements after it stay at their level.
          const anonymous: OpenStatement = {
            keyword: { text: '{', quoted: false, location: token.location },
            args: [],
            location: token.location,
          };
          level().statements.push(anonymous);
          openBlock(anonymous, token.location);
        } else {
          openBlock(owner, token.location);
        }
        break;
      }
      case 'close':
        finish();
        awaitingBrace = null;
        if (levels.length <= 1) {
          messages.push({
            severity: 'error',
            location: token.location,
            text: '"}" has no matching "{"; remove it, or add the "{" it was meant to close',
          });
        } else {
          levels.pop();
        }
        break;
    }
  }
  finish();

  for (const unclosed of levels.slice(1)) {
    const owner = unclosed.owner;
    if (owner?.block === undefined) continue;
    messages.push({
      severity: 'error',
      location: owner.block.open,
      text: isAnonymousBlock(owner)
        ? 'the "{" opened here is never closed; add the missing "}"'
        : `the "{" of ${statementTitle(owner)} (line ${owner.location.line}) is never closed; add the missing "}"`,
    });
  }
  return { statements: top.statements, messages };

  function openBlock(owner: OpenStatement, open: SourceLocation): void {
    const block: OpenBlock = { open, children: [] };
    owner.block = block;
    levels.push({ statements: block.children, owner });
  }
}
