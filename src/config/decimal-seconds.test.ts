import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatSeconds, parseDecimalSeconds } from './decimal-seconds.js';
import { microseconds } from '../primitives/time.js';

describe('decimal seconds', () => {
  it('reads whole and fractional seconds exactly, in microseconds', () => {
    const cases: [string, number][] = [
      ['1', 1_000_000],
      ['0', 0],
      ['0.1', 100_000],
      ['2.71828', 2_718_280],
      ['0.000001', 1],
      ['40.95', 40_950_000],
      ['007.5', 7_500_000],
      ['1.', 1_000_000],
      ['.5', 500_000],
    ];
    for (const [text, expected] of cases) assert.deepEqual(parseDecimalSeconds(text), { ok: true, value: expected }, text);
  });

  it('rejects anything but digits with one decimal point', () => {
    for (const text of ['', '.', '-1', '+1', '1e3', '1,5', '1.2.3', '1s', ' 1', 'abc', '0x10']) {
      assert.deepEqual(parseDecimalSeconds(text), { ok: false, error: 'notANumber' }, text);
    }
  });

  it('rejects more than 6 decimal places (1 µs resolution)', () => {
    assert.deepEqual(parseDecimalSeconds('0.0000001'), { ok: false, error: 'tooPrecise' });
    assert.deepEqual(parseDecimalSeconds('1.1234567'), { ok: false, error: 'tooPrecise' });
  });

  it('formats seconds without trailing zeros', () => {
    assert.equal(formatSeconds(microseconds(1_500_000)), '1.5');
    assert.equal(formatSeconds(microseconds(3_000_000)), '3');
    assert.equal(formatSeconds(microseconds(10_000)), '0.01');
    assert.equal(formatSeconds(microseconds(1)), '0.000001');
    assert.equal(formatSeconds(microseconds(0)), '0');
  });

  it('formats what it parses back to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (us) => {
        assert.deepEqual(parseDecimalSeconds(formatSeconds(microseconds(us))), { ok: true, value: us });
      }),
    );
  });
});
