import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostics, formatConfigMessage, inReadingOrder, referTo } from './config-message.js';
import type { ConfigMessage } from './config-types.js';

describe('config messages', () => {
  it('formats FILE:LINE:COL: severity: (block) text', () => {
    assert.equal(
      formatConfigMessage({
        severity: 'error',
        location: { file: '/etc/keepalived/keepalived.conf', line: 12, column: 14 },
        block: 'vrrp_instance VI_1',
        text: 'priority 300 is out of range; use a value from 1 to 255',
      }),
      '/etc/keepalived/keepalived.conf:12:14: error: (vrrp_instance VI_1) priority 300 is out of range; use a value from 1 to 255',
    );
  });

  it('leaves out the column and the block when there are none', () => {
    assert.equal(
      formatConfigMessage({ severity: 'warning', location: { file: 'k.conf', line: 1 }, text: 'no vrrp_instance' }),
      'k.conf:1: warning: no vrrp_instance',
    );
  });

  it('refers to another place by line in the same file and by file:line in another', () => {
    assert.equal(referTo({ file: 'a', line: 3 }, { file: 'a', line: 9 }), 'line 3');
    assert.equal(referTo({ file: 'b', line: 3 }, { file: 'a', line: 9 }), 'b:3');
  });

  it('collects messages, counts errors, and keeps the block only when given', () => {
    const diagnostics = new Diagnostics();
    diagnostics.warning({ file: 'a', line: 1 }, 'w');
    assert.equal(diagnostics.hasErrors, false);
    diagnostics.error({ file: 'a', line: 2 }, 'e', 'global_defs');
    diagnostics.addAll([{ severity: 'error', location: { file: 'a', line: 3 }, text: 'lexed' }]);
    assert.equal(diagnostics.hasErrors, true);
    assert.equal(diagnostics.errorCount, 2);
    assert.deepEqual(diagnostics.messages, [
      { severity: 'warning', location: { file: 'a', line: 1 }, text: 'w' },
      { severity: 'error', location: { file: 'a', line: 2 }, block: 'global_defs', text: 'e' },
      { severity: 'error', location: { file: 'a', line: 3 }, text: 'lexed' },
    ]);
    assert.equal('block' in (diagnostics.messages[0] ?? {}), false);
  });

  it('sorts by file (first mention first), line and column, keeping the order of ties', () => {
    const m = (file: string, line: number, column: number | undefined, text: string): ConfigMessage => ({
      severity: 'warning',
      location: column === undefined ? { file, line } : { file, line, column },
      text,
    });
    const sorted = inReadingOrder([m('a', 5, 1, 'a5'), m('b', 1, 1, 'b1'), m('a', 2, 7, 'a2c7'), m('a', 2, 3, 'a2c3'), m('a', 2, undefined, 'a2'), m('a', 2, 3, 'a2c3-later')]);
    assert.deepEqual(sorted.map((x) => x.text), ['a2', 'a2c3', 'a2c3-later', 'a2c7', 'a5', 'b1']);
  });

  it('names the include lines that led to a message in an included file, innermost first', () => {
    const main = { file: 'keepalived.conf', line: 3, column: 1 };
    const middle = { file: 'conf.d/a.conf', line: 7, column: 5, includedFrom: main };
    assert.equal(
      formatConfigMessage({ severity: 'error', location: { file: 'conf.d/b.conf', line: 2, includedFrom: middle }, text: 'bad' }),
      'conf.d/b.conf:2: error: bad (included from conf.d/a.conf:7:5, included from keepalived.conf:3:1)',
    );
  });

  it('puts the messages of an included file at its include line, after a message about that line', () => {
    const include = { file: 'main', line: 4, column: 1 };
    const m = (location: ConfigMessage['location'], text: string): ConfigMessage => ({ severity: 'warning', location, text });
    const sorted = inReadingOrder([
      m({ file: 'main', line: 9 }, 'main9'),
      m({ file: 'sub', line: 1, includedFrom: include }, 'sub1'),
      m({ file: 'sub', line: 8, includedFrom: { file: 'main', line: 2, column: 1 } }, 'sub8-from-main2'),
      m(include, 'main4'),
      m({ file: 'main', line: 1 }, 'main1'),
    ]);
    assert.deepEqual(sorted.map((x) => x.text), ['main1', 'sub8-from-main2', 'main4', 'sub1', 'main9']);
  });
});
