import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isParameterName, referenceAt } from './parameter-reference.js';

describe('parameter references', () => {
  it('end a plain $NAME at a blank, ",", ")" or the end of the line', () => {
    for (const text of ['$A b', '$A\tb', '$A,', '$A)', '$A']) {
      assert.deepEqual(referenceAt(text, 0), { kind: 'reference', name: 'A', argument: null, end: 2 }, text);
    }
  });

  it('call $NAME followed by anything else glued: it is no reference', () => {
    assert.deepEqual(referenceAt('$INST.x', 0), { kind: 'glued', name: 'INST' });
    assert.deepEqual(referenceAt('$A"', 0), { kind: 'glued', name: 'A' });
  });

  it('read ${NAME} and ${NAME ARGUMENT} anywhere', () => {
    assert.deepEqual(referenceAt('a${B}c', 1), { kind: 'reference', name: 'B', argument: null, end: 5 });
    assert.deepEqual(referenceAt('${_ENV  HOME }/x', 0), { kind: 'reference', name: '_ENV', argument: 'HOME', end: 14 });
    assert.deepEqual(referenceAt('${_RANDOM 1 10}', 0), { kind: 'reference', name: '_RANDOM', argument: '1 10', end: 15 });
  });

  it('are nothing without a name, or with a brace that does not close them', () => {
    for (const text of ['$', '$1', '$ x', '${', '${A', '${A-B}', '${ A}', '${A }', '${A {x}}']) {
      assert.deepEqual(referenceAt(text, 0), { kind: 'none' }, text);
    }
  });

  it('know parameter names', () => {
    assert.equal(isParameterName('_ADDRESS_BASE2'), true);
    assert.equal(isParameterName('2X'), false);
    assert.equal(isParameterName('A-B'), false);
    assert.equal(isParameterName(''), false);
  });
});
