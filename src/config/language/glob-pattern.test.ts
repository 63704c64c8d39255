import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasWildcard, segmentMatcher, unescapeSegment } from './glob-pattern.js';

const matching = (segment: string, names: string[]): string[] => names.filter(segmentMatcher(segment));

describe('glob pattern segments', () => {
  it('knows which patterns have wildcards', () => {
    assert.equal(hasWildcard('/etc/keepalived/conf.d/*.conf'), true);
    assert.equal(hasWildcard('a?c'), true);
    assert.equal(hasWildcard('[ab].conf'), true);
    assert.equal(hasWildcard('/etc/keepalived/keepalived.conf'), false);
    assert.equal(hasWildcard('a\\*b'), false);
  });

  it('matches * and ? within a segment', () => {
    const names = ['a.conf', 'b.conf', 'ab.conf', 'a.conf.bak', 'conf'];
    assert.deepEqual(matching('*.conf', names), ['a.conf', 'b.conf', 'ab.conf']);
    assert.deepEqual(matching('?.conf', names), ['a.conf', 'b.conf']);
    assert.deepEqual(matching('*', names), names);
  });

  it('matches bracket expressions: sets, ranges, negation, a leading ]', () => {
    const names = ['a', 'b', 'c', 'x', '-', ']', '^'];
    assert.deepEqual(matching('[ab]', names), ['a', 'b']);
    assert.deepEqual(matching('[a-c]', names), ['a', 'b', 'c']);
    assert.deepEqual(matching('[!a-c]', names), ['x', '-', ']', '^']);
    assert.deepEqual(matching('[^a-c]', names), ['x', '-', ']', '^']);
    assert.deepEqual(matching('[]a]', names), ['a', ']']);
    assert.deepEqual(matching('[a-]', names), ['a', '-']);
    assert.deepEqual(matching('[\\^x]', names), ['x', '^']);
  });

  it('takes an unclosed [ and escaped wildcards literally', () => {
    assert.deepEqual(matching('[ab', ['[ab', 'a']), ['[ab']);
    assert.deepEqual(matching('a\\*', ['a*', 'ab']), ['a*']);
    assert.equal(unescapeSegment('a\\*b\\\\c'), 'a*b\\c');
  });

  it('does not match a leading dot unless the pattern starts with one', () => {
    assert.deepEqual(matching('*', ['.hidden', 'shown']), ['shown']);
    assert.deepEqual(matching('.*', ['.hidden', 'shown']), ['.hidden']);
    assert.deepEqual(matching('?hidden', ['.hidden']), []);
  });

  it('takes regular-expression characters literally', () => {
    assert.deepEqual(matching('a+(b).conf', ['a+(b).conf', 'aab.conf']), ['a+(b).conf']);
    assert.deepEqual(matching('v$1|x', ['v$1|x']), ['v$1|x']);
  });
});
