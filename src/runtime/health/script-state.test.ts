import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countScriptResult, initialScriptCounter, scriptCountsAsUp, type ScriptState } from './script-state.js';

/** The run numbers (1-based) at which the state changed, and to what. */
function transitions(exitCodes: readonly number[], rise: number, fall: number, initFail: boolean): string[] {
  let counter = initialScriptCounter(initFail);
  const seen: string[] = [];
  exitCodes.forEach((code, index) => {
    const next = countScriptResult(counter, code === 0, { rise, fall });
    if (next.state !== counter.state) seen.push(`${index + 1}:${next.state}`);
    counter = next;
  });
  return seen;
}

describe('countScriptResult', () => {
  // Each case is one script of the keepalived 2.2.7 experiment: its exit-code
  // sequence and the runs at which keepalived logged succeeded/failed.
  const cases: { name: string; codes: number[]; rise: number; fall: number; initFail: boolean; expected: string[] }[] = [
    { name: 'sa rise 3 fall 3', codes: [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], rise: 3, fall: 3, initFail: false, expected: ['1:down', '7:up', '11:down'] },
    { name: 'sb rise 3 fall 3 init_fail', codes: [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0], rise: 3, fall: 3, initFail: true, expected: ['1:up', '7:down', '11:up'] },
    { name: 'sc rise 2 fall 2', codes: [0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1], rise: 2, fall: 2, initFail: false, expected: ['1:up', '4:down', '7:up', '12:down'] },
    { name: 'sd rise 2 fall 2 init_fail', codes: [1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0], rise: 2, fall: 2, initFail: true, expected: ['1:down', '3:up', '6:down', '11:up'] },
    { name: 'se rise 3 fall 3', codes: [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0], rise: 3, fall: 3, initFail: false, expected: ['1:up', '7:down', '11:up'] },
    { name: 'sg rise 3 fall 3 init_fail', codes: [1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1], rise: 3, fall: 3, initFail: true, expected: ['1:down', '7:up', '13:down'] },
    { name: 'sh rise 2 fall 3', codes: [0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1], rise: 2, fall: 3, initFail: false, expected: ['1:up', '9:down', '11:up', '14:down'] },
  ];
  for (const c of cases) {
    it(`matches keepalived for ${c.name}`, () => {
      assert.deepEqual(transitions(c.codes, c.rise, c.fall, c.initFail), c.expected);
    });
  }

  it('counts init as nothing and initFailed as down', () => {
    const expected: Record<ScriptState, boolean | null> = { init: null, initFailed: false, up: true, down: false };
    for (const state of Object.keys(expected) as ScriptState[]) assert.equal(scriptCountsAsUp(state), expected[state]);
  });
});
