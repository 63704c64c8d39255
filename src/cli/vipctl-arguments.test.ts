import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONTROL_SOCKET } from './daemon-options.js';
import { parseVipctlArguments, type VipctlCommand } from './vipctl-arguments.js';

const split = (text: string): string[] => (text === '' ? [] : text.split(' '));

describe('parseVipctlArguments', () => {
  const accepted: [string, VipctlCommand][] = [
    ['status', { kind: 'status', instance: null, json: false }],
    ['status VI_1 --json', { kind: 'status', instance: 'VI_1', json: true }],
    ['--json status', { kind: 'status', instance: null, json: true }],
    ['backup VI_1', { kind: 'backup', instance: 'VI_1' }],
    ['resume VI_1', { kind: 'resume', instance: 'VI_1' }],
    ['garp VI_1', { kind: 'garp', instance: 'VI_1' }],
    ['priority VI_1 =200', { kind: 'priority', instance: 'VI_1', change: { kind: 'set', value: 200 } }],
    ['priority VI_1 +5', { kind: 'priority', instance: 'VI_1', change: { kind: 'add', value: 5 } }],
    ['priority VI_1 -10', { kind: 'priority', instance: 'VI_1', change: { kind: 'add', value: -10 } }],
    ['priority VI_1 -- -10', { kind: 'priority', instance: 'VI_1', change: { kind: 'add', value: -10 } }],
    ['reload', { kind: 'reload' }],
    ['events', { kind: 'events', json: false }],
    ['events --json', { kind: 'events', json: true }],
    ['atropos --state', { kind: 'atropos', action: 'state', instance: null }],
    ['atropos --backup VI_1', { kind: 'atropos', action: 'backup', instance: 'VI_1' }],
    ['atropos --reduce', { kind: 'atropos', action: 'reduce', instance: null }],
    ['atropos --increase VI_2', { kind: 'atropos', action: 'increase', instance: 'VI_2' }],
    ['--help', { kind: 'help' }],
  ];
  for (const [args, command] of accepted) {
    it(`vipctl ${args}`, () => assert.deepEqual(parseVipctlArguments(split(args)), { ok: true, value: { socket: DEFAULT_CONTROL_SOCKET, command } }));
  }

  it('--socket PATH', () => {
    assert.deepEqual(parseVipctlArguments(['--socket', '/tmp/x.sock', 'reload']), { ok: true, value: { socket: '/tmp/x.sock', command: { kind: 'reload' } } });
  });

  const refused: [string, string | RegExp][] = [
    ['', 'no command given; try vipctl --help'],
    ['frobnicate', 'unknown command "frobnicate"; try vipctl --help'],
    ['status --frobnicate', /^Unknown option '--frobnicate'/],
    ['status A B', 'status takes at most one instance name, got 2'],
    ['backup', 'backup needs an instance name'],
    ['resume A B', 'resume takes one instance name, got 2 arguments'],
    ['garp', 'garp needs an instance name'],
    ['backup VI_1 --json', '--json applies only to status and events'],
    ['priority VI_1', 'priority needs an instance name and +N, -N or =N'],
    ['priority VI_1 200', 'priority value must be +N, -N or =N, got "200"'],
    ['priority VI_1 =abc', 'priority value must be +N, -N or =N, got "=abc"'],
    ['priority VI_1 +1.5', 'priority value must be +N, -N or =N, got "+1.5"'],
    ['priority VI_1 =255', 'priority must be from 1 to 254, got 255'],
    ['priority VI_1 =0', 'priority must be from 1 to 254, got 0'],
    ['priority VI_1 -300', 'a priority step must be from -253 to +253, got -300'],
    ['priority VI_1 +5 +6', 'priority takes an instance name and one value, got 3 arguments'],
    ['reload now', 'reload takes no arguments'],
    ['events VI_1', 'events takes no arguments'],
    ['atropos', 'atropos needs one of --state, --backup, --reduce, --increase'],
    ['atropos --state --backup', 'atropos takes one of --state, --backup, --reduce, --increase, not several'],
    ['atropos --state A B', 'atropos takes at most one instance name, got 2'],
    ['status --state', '--state belongs to "vipctl atropos"'],
    ['--socket', /^Option '--socket <value>' argument missing/],
  ];
  for (const [args, error] of refused) {
    it(`refuses vipctl ${args}`, () => {
      const parsed = parseVipctlArguments(split(args));
      assert.equal(parsed.ok, false);
      if (!parsed.ok) typeof error === 'string' ? assert.equal(parsed.error, error) : assert.match(parsed.error, error);
    });
  }
});
