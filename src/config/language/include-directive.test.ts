import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lexLine } from '../lexer.js';
import { applyIncludeCheck, checksFor, readIncludeLine, type IncludeCheck } from './include-directive.js';
import { SourceLine } from './source-line.js';

const AT = { file: 'f.conf', line: 1, column: 1 };
const read = (text: string) => readIncludeLine(lexLine(SourceLine.verbatim(text, AT), 'words').tokens);
const sorted = (checks: ReadonlySet<IncludeCheck> | { error: string }): string[] | { error: string } =>
  'error' in checks ? checks : [...checks].sort();

describe('include lines', () => {
  it('recognise every variant with exactly one file name, quoted or not', () => {
    assert.deepEqual(read('include conf.d/{a,b}.conf'), { kind: 'include', keyword: 'include', pattern: 'conf.d/{a,b}.conf', location: AT });
    assert.deepEqual(read('includea "my dir/x.conf"'), { kind: 'include', keyword: 'includea', pattern: 'my dir/x.conf', location: AT });
    for (const text of ['include', 'include a b', '"include" a', 'includex a', 'priority 100']) assert.equal(read(text), null, text);
  });

  it('recognise include_check with its options', () => {
    assert.deepEqual(read('include_check +match -readable'), { kind: 'includeCheck', options: ['+match', '-readable'], location: AT });
  });

  it('apply a variant on top of the setting, readable implied', () => {
    assert.deepEqual(sorted(checksFor('include', new Set())), []);
    assert.deepEqual(sorted(checksFor('includem', new Set())), ['match', 'readable']);
    assert.deepEqual(sorted(checksFor('includeb', new Set(['wildcard_match']))), ['brace_match', 'readable', 'wildcard_match']);
    assert.deepEqual(sorted(checksFor('includea', new Set())), ['brace_match', 'match', 'readable', 'wildcard_match']);
  });

  it('set include_check: all without options, replaced by plain options, changed by + and -', () => {
    const none = new Set<IncludeCheck>();
    const some = new Set<IncludeCheck>(['match', 'readable']);
    assert.deepEqual(sorted(applyIncludeCheck(some, [])), ['brace_match', 'match', 'readable', 'wildcard_match']);
    assert.deepEqual(sorted(applyIncludeCheck(some, ['brace_match'])), ['brace_match']);
    assert.deepEqual(sorted(applyIncludeCheck(some, ['+wildcard_match', '-match'])), ['readable', 'wildcard_match']);
    assert.deepEqual(sorted(applyIncludeCheck(some, ['-', 'match', 'readable'])), []);
    assert.deepEqual(sorted(applyIncludeCheck(none, ['+match', 'brace_match'])), ['brace_match', 'match']);
    assert.deepEqual(applyIncludeCheck(none, ['+matches']), {
      error: 'include_check: unknown check "matches"; use readable, match, wildcard_match or brace_match, each with + or - to add or remove it',
    });
  });
});
