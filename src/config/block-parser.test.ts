import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatements, statementTitle, type Statement } from './block-parser.js';
import { expandConfig } from './language/expand-config.js';

/** Statements as nested arrays of `keyword args…@line:col`, a block as an array after its owner. */
type Shape = string | Shape[];

function shape(statements: readonly Statement[]): Shape[] {
  return statements.flatMap((s): Shape[] => {
    const head = `${[s.keyword.text, ...s.args.map((a) => a.text)].join(' ')}@${s.location.line}:${s.location.column ?? '?'}`;
    return s.block === undefined ? [head] : [head, shape(s.block.children)];
  });
}

function parse(text: string): { shape: Shape[]; messages: string[] } {
  const outcome = parseStatements(expandConfig(text, 'f.conf').tokens);
  return {
    shape: shape(outcome.statements),
    messages: outcome.messages.map((m) => `${m.location.line}:${m.location.column ?? '?'}: ${m.severity}: ${m.text}`),
  };
}

describe('block parser', () => {
  it('makes one statement per line and nests blocks', () => {
    const text = [
      'global_defs {',
      '  router_id r1',
      '}',
      'vrrp_instance VI_1 {',
      '  authentication {',
      '    auth_type PASS',
      '  }',
      '  priority 100',
      '}',
    ].join('\n');
    assert.deepEqual(parse(text), {
      shape: [
        'global_defs@1:1',
        ['router_id r1@2:3'],
        'vrrp_instance VI_1@4:1',
        ['authentication@5:3', ['auth_type PASS@6:5'], 'priority 100@8:3'],
      ],
      messages: [],
    });
  });

  it('records where a block opens', () => {
    const [statement] = parseStatements(expandConfig('a b {\n}', 'f.conf').tokens).statements;
    assert.deepEqual(statement?.block?.open, { file: 'f.conf', line: 1, column: 5 });
  });

  it('reads blocks written on one line, statements split at the braces', () => {
    assert.deepEqual(parse('virtual_ipaddress { 10.0.0.1 10.0.0.2 }  priority 5\nx { a { b } c } d').shape, [
      'virtual_ipaddress@1:1',
      ['10.0.0.1 10.0.0.2@1:21'],
      'priority 5@1:42',
      'x@2:1',
      ['a@2:5', ['b@2:9'], 'c@2:13'],
      'd@2:17',
    ]);
  });

  it('opens the block of the statement above when "{" starts a line, across blank and comment lines', () => {
    assert.deepEqual(parse('vrrp_instance VI_1\n\n# comment\n{\n  priority 1\n}').shape, [
      'vrrp_instance VI_1@1:1',
      ['priority 1@5:3'],
    ]);
  });

  it('keeps empty blocks', () => {
    assert.deepEqual(parse('a {}\nb {\n}').shape, ['a@1:1', [], 'b@2:1', []]);
  });

  it('reports a block that is never closed at its opening brace, outermost first', () => {
    const text = 'vrrp_instance VI_1 {\n  virtual_ipaddress {\n    10.0.0.1\n';
    assert.deepEqual(parse(text), {
      shape: ['vrrp_instance VI_1@1:1', ['virtual_ipaddress@2:3', ['10.0.0.1@3:5']]],
      messages: [
        '1:20: error: the "{" of vrrp_instance VI_1 (line 1) is never closed; add the missing "}"',
        '2:21: error: the "{" of virtual_ipaddress (line 2) is never closed; add the missing "}"',
      ],
    });
  });

  it('reports a "}" with no "{" where it is, and reads on', () => {
    assert.deepEqual(parse('a {\n}\n}\nb 1'), {
      shape: ['a@1:1', [], 'b 1@4:1'],
      messages: ['3:1: error: "}" has no matching "{"; remove it, or add the "{" it was meant to close'],
    });
  });

  it('reports a "{" with no keyword, and keeps the braces balanced', () => {
    assert.deepEqual(parse('a {\n}\n{ x }\nb'), {
      shape: ['a@1:1', [], '{@3:1', ['x@3:3'], 'b@4:1'],
      messages: ['3:1: error: "{" with no keyword before it; put the keyword that owns this block before the "{"'],
    });
    assert.deepEqual(parse('{').messages, [
      '1:1: error: "{" with no keyword before it; put the keyword that owns this block before the "{"',
      '1:1: error: the "{" opened here is never closed; add the missing "}"',
    ]);
  });

  it('does not attach a "{" to a statement that already has a block', () => {
    assert.deepEqual(parse('a {\n}\n{\n}').messages, [
      '3:1: error: "{" with no keyword before it; put the keyword that owns this block before the "{"',
    ]);
  });

  it('names a block by its keyword and first argument', () => {
    const [a, b] = parseStatements(expandConfig('vrrp_instance VI_1 x {}\nglobal_defs {}', 'f.conf').tokens).statements;
    assert.equal(a && statementTitle(a), 'vrrp_instance VI_1');
    assert.equal(b && statementTitle(b), 'global_defs');
  });
});
