import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lex, type Token } from './lexer.js';

/** Tokens as compact strings: `word@line:col` for words, `{`/`}`/`⏎` with positions for the rest. */
function tokens(text: string): string[] {
  return lex(text, 'f.conf').tokens.map(show);
}

function show(token: Token): string {
  const at = `@${token.location.line}:${token.location.column ?? '?'}`;
  switch (token.kind) {
    case 'word':
      return `${token.quoted ? 'q' : ''}${JSON.stringify(token.text)}${at}`;
    case 'open':
      return `{${at}`;
    case 'close':
      return `}${at}`;
    case 'endOfLine':
      return `⏎${at}`;
  }
}

function words(text: string): string[] {
  return lex(text, 'f.conf').tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
}

function messages(text: string): string[] {
  return lex(text, 'f.conf').messages.map(
    (m) => `${m.location.file}:${m.location.line}:${m.location.column ?? '?'}: ${m.severity}: ${m.text}`,
  );
}

describe('lexer', () => {
  it('gives words, braces and line ends with 1-based lines and columns', () => {
    assert.deepEqual(tokens('vrrp_instance VI_1 {\n  priority 100\n}\n'), [
      '"vrrp_instance"@1:1',
      '"VI_1"@1:15',
      '{@1:20',
      '⏎@1:21',
      '"priority"@2:3',
      '"100"@2:12',
      '⏎@2:15',
      '}@3:1',
      '⏎@3:2',
    ]);
  });

  it('splits braces off words wherever they stand', () => {
    assert.deepEqual(tokens('a{b}c'), ['"a"@1:1', '{@1:2', '"b"@1:3', '}@1:4', '"c"@1:5']);
  });

  it('treats tabs, carriage returns, vertical tabs and form feeds as blanks', () => {
    assert.deepEqual(tokens('a\tb\r\nc\vd\fe'), ['"a"@1:1', '"b"@1:3', '⏎@1:5', '"c"@2:1', '"d"@2:3', '"e"@2:5']);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    assert.deepEqual(tokens('"😀é" x'), ['q"😀é"@1:1', '"x"@1:6']);
  });

  describe('comments', () => {
    it('runs # and ! comments to the end of the line, at the start or after words', () => {
      assert.deepEqual(tokens('# whole line\n! bang line\npriority 100 # trailing\nstate BACKUP ! trailing'), [
        '⏎@1:13',
        '⏎@2:12',
        '"priority"@3:1',
        '"100"@3:10',
        '⏎@3:24',
        '"state"@4:1',
        '"BACKUP"@4:7',
      ]);
    });

    it('keeps # and ! inside double and single quotes', () => {
      assert.deepEqual(words(`auth_pass "se#cr!t" 'a!b#c'`), ['auth_pass', 'se#cr!t', 'a!b#c']);
    });

    it('hides braces and quotes inside a comment', () => {
      assert.deepEqual(tokens('a # { } " \' \nb'), ['"a"@1:1', '⏎@1:13', '"b"@2:1']);
    });

    it('cuts a word at a comment character and warns where it is', () => {
      assert.deepEqual(words('auth_pass secret!1 more\nnext'), ['auth_pass', 'secret', 'next']);
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
      assert.deepEqual(messages('a #b\nc !d'), []);
    });
  });

  describe('quotes', () => {
    it('makes one word of quoted parts glued together and keeps their blanks (keepalived.conf(5) example)', () => {
      assert.deepEqual(words(`'abcd" efg h jkl "mnop'`), ['abcd" efg h jkl "mnop']);
      assert.deepEqual(words(`abcd" efg h jkl "mnop`), ['abcd efg h jkl mnop']);
      assert.deepEqual(words(`abcd "efg h jkl" mnop`), ['abcd', 'efg h jkl', 'mnop']);
    });

    it('marks quoted words and keeps a quoted brace a word', () => {
      assert.deepEqual(tokens(`"{" '}' ""`), ['q"{"@1:1', 'q"}"@1:5', 'q""@1:9']);
    });

    it('applies the C escapes of keepalived.conf(5) inside quotes', () => {
      assert.deepEqual(words(String.raw`"a\tb" "\a\b\E\f\n\r\v" "\101\7x\0101" "\x41\x4a\x4Z\xg" "\cA\c[" "\q\\\"\'"`), [
        'a\tb',
        '\x07\b\x1b\f\n\r\v',
        'A\x07x\x081',
        'AJ\x04Zxg',
        '\x01\x1b',
        'q\\"\'',
      ]);
    });

    it('leaves backslashes outside quotes alone', () => {
      assert.deepEqual(words(String.raw`a\tb`), [String.raw`a\tb`]);
    });

    it('reports a quote left open at the end of its line, at the opening quote', () => {
      const outcome = lex('auth_pass "abc\nstate MASTER', 'f.conf');
      assert.deepEqual(outcome.tokens.map(show), ['"auth_pass"@1:1', 'q"abc"@1:11', '⏎@1:15', '"state"@2:1', '"MASTER"@2:7']);
      assert.deepEqual(messages('auth_pass "abc\nstate MASTER'), [
        'f.conf:1:11: error: the " opened here is not closed before the end of the line; add the closing "',
      ]);
      assert.deepEqual(messages("x 'abc"), ["f.conf:1:3: error: the ' opened here is not closed before the end of the line; add the closing '"]);
    });

    it('reports a backslash at the end of a quoted line', () => {
      assert.deepEqual(messages('x "abc\\'), [
        'f.conf:1:3: error: a quoted string ends in a lone "\\" before the end of the line; write "\\\\" for a backslash',
      ]);
    });
  });

  it('keeps a parameter reference ${NAME} whole, braces included', () => {
    assert.deepEqual(tokens('priority ${PRIO} ${A}x'), ['"priority"@1:1', '"${PRIO}"@1:10', '"${A}x"@1:18']);
    assert.deepEqual(tokens('a${'), ['"a$"@1:1', '{@1:3']);
  });

  it('gives no tokens and no messages for empty text', () => {
    assert.deepEqual(lex('', 'f.conf'), { tokens: [], messages: [] });
  });
});
