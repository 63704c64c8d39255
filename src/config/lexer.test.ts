import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceLine } from './language/source-line.js';
import { lexLine, type LexMode, type Token } from './lexer.js';

const line = (text: string, lineNumber = 1): SourceLine => SourceLine.verbatim(text, { file: 'f.conf', line: lineNumber, column: 1 });

/** Tokens as compact strings: `word@line:col` for words, `{`/`}` with positions for braces. */
function tokens(text: string, mode: LexMode = 'statement'): string[] {
  return lexLine(line(text), mode).tokens.map(show);
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
  return lexLine(line(text)).tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
}

function messages(text: string): string[] {
  return lexLine(line(text)).messages.map((m) => `${m.location.file}:${m.location.line}:${m.location.column ?? '?'}: ${m.severity}: ${m.text}`);
}

describe('lexer', () => {
  it('gives words and braces with the line and 1-based columns of the source line', () => {
    assert.deepEqual(tokens('vrrp_instance VI_1 {'), ['"vrrp_instance"@1:1', '"VI_1"@1:15', '{@1:20']);
    assert.deepEqual(lexLine(line('  priority 100', 7)).tokens.map(show), ['"priority"@7:3', '"100"@7:12']);
  });

  it('splits braces off words wherever they stand', () => {
    assert.deepEqual(tokens('a{b}c'), ['"a"@1:1', '{@1:2', '"b"@1:3', '}@1:4', '"c"@1:5']);
  });

  it('keeps braces in words when lexing an include line as words', () => {
    assert.deepEqual(tokens('include conf.d/{a,b}.conf "x y"', 'words'), ['"include"@1:1', '"conf.d/{a,b}.conf"@1:9', 'q"x y"@1:27']);
  });

  it('treats tabs, carriage returns, vertical tabs and form feeds as blanks, and nothing else', () => {
    assert.deepEqual(tokens('a\tb\rc\vd\fe'), ['"a"@1:1', '"b"@1:3', '"c"@1:5', '"d"@1:7', '"e"@1:9']);
    assert.deepEqual(words('a\u00a0b'), ['a\u00a0b']);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    assert.deepEqual(tokens('"😀é" x'), ['q"😀é"@1:1', '"x"@1:6']);
  });

  it('reads # and ! as ordinary characters (comments are gone before lexing)', () => {
    assert.deepEqual(words('a#b !c'), ['a#b', '!c']);
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

    it('outside quotes, makes \\# \\! \\" \\\' the character itself and leaves other backslashes alone', () => {
      assert.deepEqual(words(String.raw`a\tb p\#s\!w \"x\' c\\d`), [String.raw`a\tb`, 'p#s!w', `"x'`, String.raw`c\\d`]);
    });

    it('reports a quote left open at the end of its line, at the opening quote', () => {
      assert.deepEqual(tokens('auth_pass "abc'), ['"auth_pass"@1:1', 'q"abc"@1:11']);
      assert.deepEqual(messages('auth_pass "abc'), [
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

  it('locates the words of an expanded line at the line that used the expansion, without a column', () => {
    const expanded = SourceLine.expanded('priority 100', { file: 'f.conf', line: 9, column: 5 });
    assert.deepEqual(lexLine(expanded).tokens.map(show), ['"priority"@9:?', '"100"@9:?']);
  });

  it('gives no tokens and no messages for an empty line', () => {
    assert.deepEqual(lexLine(line('')), { tokens: [], messages: [] });
  });
});
