import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitScriptWords } from './script-words.js';

describe('splitScriptWords', () => {
  // The three strings below and their argv are what keepalived 2.2.7 passed
  // to notify scripts in our namespace experiment (see script-words.ts).
  it('splits on blanks and keeps single-quoted words whole', () => {
    assert.deepEqual(splitScriptWords("/run/kxq/m a b 'c d' x"), ['/run/kxq/m', 'a', 'b', 'c d', 'x']);
  });

  it('treats runs of spaces and tabs as one separator and drops trailing blanks', () => {
    assert.deepEqual(splitScriptWords('/run/kxq/s   multiple   spaces\ttab  '), ['/run/kxq/s', 'multiple', 'spaces', 'tab']);
  });

  it('glues quoted parts to their word and honours backslash outside quotes', () => {
    assert.deepEqual(splitScriptWords('/run/kxq/g g\'h\'i "j k" \'l"m\' \\\\ y"z"w'), ['/run/kxq/g', 'ghi', 'j k', 'l"m', '\\', 'yzw']);
  });

  it('keeps an empty quoted word', () => {
    assert.deepEqual(splitScriptWords("/bin/x '' \"\""), ['/bin/x', '', '']);
  });

  it('runs an unterminated quote to the end', () => {
    assert.deepEqual(splitScriptWords("/bin/x 'a b"), ['/bin/x', 'a b']);
  });

  it('returns no words for a blank string', () => {
    assert.deepEqual(splitScriptWords(' \t '), []);
  });
});
