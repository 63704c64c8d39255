import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTrackFileValue, trackFileEffect } from './track-file-value.js';

describe('parseTrackFileValue', () => {
  // Contents and values as keepalived 2.2.7 read them (track-file-value.ts).
  const cases: [string, number][] = [
    ['12\n', 12],
    [' 12\n', 12],
    ['12abc\n', 12],
    ['-5\n', -5],
    ['+3\n', 3],
    ['  -4 x\n', -4],
    ['7\n8\n', 7],
    ['0x10\n', 16],
    ['0X1f\n', 31],
    ['010\n', 8],
    ['08\n', 0],
    ['1e3\n', 1],
    ['3.7\n', 3],
    ['\n 5\n', 5],
    ['- 4\n', 0],
    ['abc\n', 0],
    ['', 0],
    ['-0\n', 0],
  ];
  for (const [content, value] of cases) {
    it(`reads ${JSON.stringify(content)} as ${value}`, () => {
      assert.deepEqual(parseTrackFileValue(content), { kind: 'value', value });
    });
  }

  it('refuses numbers outside -2147483648..2147483648, as keepalived did', () => {
    assert.deepEqual(parseTrackFileValue('99999999999\n'), { kind: 'invalid', text: '99999999999' });
    assert.deepEqual(parseTrackFileValue('2147483648'), { kind: 'value', value: 2147483648 });
    assert.deepEqual(parseTrackFileValue('-2147483648'), { kind: 'value', value: -2147483648 });
    for (const text of ['2147483649', '-2147483649', '3000000000', '4294967295']) {
      assert.deepEqual(parseTrackFileValue(text), { kind: 'invalid', text });
    }
  });
});

describe('trackFileEffect', () => {
  it('adds value × weight, negated by reverse', () => {
    assert.deepEqual(trackFileEffect(8, 1, false), { kind: 'priority', delta: 8 });
    assert.deepEqual(trackFileEffect(3, 2, true), { kind: 'priority', delta: -6 });
    assert.deepEqual(trackFileEffect(-253, 1, false), { kind: 'priority', delta: -253 });
  });

  it('is FAULT below -253', () => {
    assert.deepEqual(trackFileEffect(-254, 1, false), { kind: 'fault' });
    assert.deepEqual(trackFileEffect(-300, 1, false), { kind: 'fault' });
    assert.deepEqual(trackFileEffect(200, 2, true), { kind: 'fault' });
  });

  it('with weight 0 is FAULT on any non-zero value', () => {
    assert.deepEqual(trackFileEffect(-1, 0, false), { kind: 'fault' });
    assert.deepEqual(trackFileEffect(5, 0, false), { kind: 'fault' });
    assert.deepEqual(trackFileEffect(0, 0, false), { kind: 'priority', delta: 0 });
  });
});
