import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { joinCommand, splitCommand } from './command-line.js';

describe('command lines', () => {
  it('splits at blanks, quotes grouping words', () => {
    assert.deepEqual(splitCommand('/etc/keepalived/notify.sh master  VI_1'), ['/etc/keepalived/notify.sh', 'master', 'VI_1']);
    assert.deepEqual(splitCommand(`/bin/sh -c 'echo "a b"'`), ['/bin/sh', '-c', 'echo "a b"']);
    assert.deepEqual(splitCommand("x ''"), ['x', '']);
    assert.deepEqual(splitCommand('   '), []);
  });

  it('joins argv into a string that splits back into it', () => {
    const word = fc.string({ maxLength: 6 }).filter((w) => !(w.includes("'") && w.includes('"')));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (argv) => {
        assert.deepEqual(splitCommand(joinCommand(argv)), argv);
      }),
    );
  });
});
