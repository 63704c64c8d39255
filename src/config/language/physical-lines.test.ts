import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigMessage } from '../config-message.js';
import { physicalLines } from './physical-lines.js';

/** Each line as `content@line:column` (+ `\` when continued). */
function lines(text: string): string[] {
  return physicalLines(text, 'f.conf').lines.map(({ content, continued }) => {
    const at = content.location;
    return `${content.text}@${at.line}:${at.column ?? '?'}${continued ? ' \\' : ''}`;
  });
}

function messages(text: string): string[] {
  return physicalLines(text, 'f.conf').messages.map(formatConfigMessage);
}

describe('physical lines', () => {
  it('gives each line without blanks around it, at the column where its text starts', () => {
    assert.deepEqual(lines('a b\n   c  \n\n\td'), ['a b@1:1', 'c@2:4', '@3:1', 'd@4:2']);
    assert.deepEqual(lines('x\r\ny\n'), ['x@1:1', 'y@2:1']);
    assert.deepEqual(lines(''), []);
  });

  describe('comments', () => {
    it('cuts # and ! comments at the start of a line or after words', () => {
      assert.deepEqual(lines('# whole line\n! bang line\npriority 100 # trailing\nstate BACKUP ! trailing'), [
        '@1:1',
        '@2:1',
        'priority 100@3:1',
        'state BACKUP@4:1',
      ]);
    });

    it('keeps # and ! inside double and single quotes, and after a backslash', () => {
      assert.deepEqual(lines(`auth_pass "se#cr!t" 'a!b#c' p\\#q\\!r # gone`), [`auth_pass "se#cr!t" 'a!b#c' p\\#q\\!r@1:1`]);
      assert.deepEqual(lines(`x "a\\"#b" # gone`), [`x "a\\"#b"@1:1`]);
    });

    it('hides braces and quotes inside a comment', () => {
      assert.deepEqual(lines('a # { } " \' \nb'), ['a@1:1', 'b@2:1']);
    });

    it('cuts a word at a comment character and warns where it is', () => {
      assert.deepEqual(lines('auth_pass secret!1 more'), ['auth_pass secret@1:1']);
      assert.deepEqual(messages('auth_pass secret!1 more'), [
        'f.conf:1:17: warning: "!" starts a comment in the middle of a word, so only "secret" is read here; ' +
          'quote the word if "!" is part of it',
      ]);
      assert.deepEqual(messages('x ab#c'), [
        'f.conf:1:5: warning: "#" starts a comment in the middle of a word, so only "ab" is read here; ' +
          'quote the word if "#" is part of it',
      ]);
    });

    it('does not warn about a comment that follows a blank', () => {
      assert.deepEqual(messages('a #b\nc !d\n#e'), []);
    });
  });

  describe('continuation', () => {
    it('marks a line ending in \\ outside quotes, without the \\ and the blanks before it', () => {
      assert.deepEqual(lines('$X= \\\na \\\nb\\\\\n"c \\" d'), ['$X=@1:1 \\', 'a@2:1 \\', 'b\\\\@3:1', '"c \\" d@4:1']);
    });

    it('sees the \\ before a comment, and after the blank it escapes', () => {
      assert.deepEqual(lines('a \\ # note\nb \\ '), ['a@1:1 \\', 'b@2:1 \\']);
    });

    it('takes no \\ inside an unclosed quote for a continuation', () => {
      assert.deepEqual(lines('x "a\\'), ['x "a\\@1:1']);
    });
  });

  it('names the include line that read an included file in every location', () => {
    const includedFrom = { file: 'main.conf', line: 3, column: 1 };
    const [first] = physicalLines('x', 'sub.conf', includedFrom).lines;
    assert.deepEqual(first?.content.location, { file: 'sub.conf', line: 1, column: 1, includedFrom });
  });
});
