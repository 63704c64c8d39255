import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandBraces } from './brace-expansion.js';

describe('brace expansion', () => {
  it('expands alternatives in order, nested, as keepalived.conf(5) shows', () => {
    assert.deepEqual(expandBraces('{foo/{,cat,dog},bar}'), ['foo/', 'foo/cat', 'foo/dog', 'bar']);
    assert.deepEqual(expandBraces('conf.d/{b,a}/*.conf'), ['conf.d/b/*.conf', 'conf.d/a/*.conf']);
    assert.deepEqual(expandBraces('{a,b}{1,2}'), ['a1', 'a2', 'b1', 'b2']);
  });

  it('leaves a pattern without a brace expression as it is', () => {
    for (const pattern of ['plain.conf', 'a{b', 'a}b', '{}', 'x{}y', 'a\\{b,c}']) {
      assert.deepEqual(expandBraces(pattern), [pattern], pattern);
    }
  });

  it('takes a pair without a comma for its one alternative, as glob(3) does', () => {
    assert.deepEqual(expandBraces('a{b}c'), ['abc']);
  });

  it('keeps escaped commas and braces inside an alternative', () => {
    assert.deepEqual(expandBraces('{a\\,b,c\\}}'), ['a\\,b', 'c\\}']);
  });
});
