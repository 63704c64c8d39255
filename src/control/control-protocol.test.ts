import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseControlRequest } from './control-protocol.js';

describe('parseControlRequest', () => {
  const accepted: [string, unknown][] = [
    ['{"command":"status"}', { command: 'status' }],
    ['{"command":"status","instance":"VI_1"}', { command: 'status', instance: 'VI_1' }],
    ['{"command":"backup","instance":"VI_1"}', { command: 'backup', instance: 'VI_1' }],
    ['{"command":"resume","instance":"VI_1"}', { command: 'resume', instance: 'VI_1' }],
    ['{"command":"garp","instance":"VI_1"}', { command: 'garp', instance: 'VI_1' }],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"set","value":254}}', { command: 'priority', instance: 'VI_1', change: { kind: 'set', value: 254 } }],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"add","value":-253}}', { command: 'priority', instance: 'VI_1', change: { kind: 'add', value: -253 } }],
    ['{"command":"reload"}', { command: 'reload' }],
    ['{"command":"events"}', { command: 'events' }],
  ];
  for (const [line, request] of accepted) {
    it(`accepts ${line}`, () => assert.deepEqual(parseControlRequest(line), { ok: true, value: request }));
  }

  const refused: [string, string][] = [
    ['not json', 'request is not valid JSON'],
    ['[1]', 'request must be a JSON object'],
    ['{"command":"frob"}', 'unknown command "frob"'],
    ['{}', 'unknown command undefined'],
    ['{"command":"status","instanse":"VI_1"}', 'unknown field "instanse" in a status request'],
    ['{"command":"reload","instance":"VI_1"}', 'unknown field "instance" in a reload request'],
    ['{"command":"backup"}', '"instance" is required'],
    ['{"command":"garp","instance":""}', '"instance" must be a non-empty string'],
    ['{"command":"resume","instance":7}', '"instance" must be a non-empty string'],
    ['{"command":"status","instance":null}', '"instance" must be a non-empty string'],
    ['{"command":"priority","instance":"VI_1"}', '"change" must be an object {kind: "set"|"add", value}'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"mul","value":2}}', '"change.kind" must be "set" or "add", got "mul"'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"set","value":"200"}}', '"change.value" must be an integer, got "200"'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"set","value":1.5}}', '"change.value" must be an integer, got 1.5'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"set","value":255}}', 'priority must be from 1 to 254, got 255'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"set","value":0}}', 'priority must be from 1 to 254, got 0'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"add","value":254}}', 'a priority step must be from -253 to +253, got 254'],
    ['{"command":"priority","instance":"VI_1","change":{"kind":"add","value":1,"clamp":true}}', 'unknown field "clamp" in "change"'],
  ];
  for (const [line, error] of refused) {
    it(`refuses ${line}: ${error}`, () => assert.deepEqual(parseControlRequest(line), { ok: false, error }));
  }
});
