import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceLine } from './source-line.js';

const at = (line: number, column: number) => ({ file: 'f.conf', line, column });

describe('source lines', () => {
  it('locates each character of a verbatim line, also in slices and after trimming', () => {
    const line = SourceLine.verbatim('  @lb1 priority 100  ', at(4, 1));
    assert.deepEqual(line.locate(2), at(4, 3));
    const trimmed = line.trimmed();
    assert.equal(trimmed.text, '@lb1 priority 100');
    assert.deepEqual(trimmed.location, at(4, 3));
    assert.deepEqual(trimmed.slice(5).location, at(4, 8));
  });

  it('keeps the lines of a continued line apart', () => {
    const joined = SourceLine.verbatim('priority', at(1, 1)).joinedTo(SourceLine.verbatim('100', at(2, 5)));
    assert.equal(joined.text, 'priority 100');
    assert.deepEqual(joined.locate(8), at(1, 9));
    assert.deepEqual(joined.locate(9), at(2, 5));
    assert.deepEqual(joined.slice(10).location, at(2, 6));
  });

  it('gives an expanded line the place it was used, without a column', () => {
    const line = SourceLine.expanded('  10.0.0.1', at(7, 9));
    assert.equal(line.isVerbatim, false);
    assert.deepEqual(line.trimmed().locate(3), { file: 'f.conf', line: 7 });
  });
});
