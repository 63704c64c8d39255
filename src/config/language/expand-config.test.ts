import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigMessage } from '../config-message.js';
import type { ParseOptions, SourceLocation } from '../config-types.js';
import { memoryFiles } from '../config-test-helpers.js';
import { expandConfig, MAX_EXPANDED_LINES, MAX_INCLUDE_DEPTH } from './expand-config.js';

const MAIN = '/etc/keepalived/keepalived.conf';
const CONTINUED =
  'this line ends in "\\", so vipd continues it on the next line; keepalived continues only $NAME= definitions ' +
  '(keepalived.conf(5)) and reads this "\\" as part of the line';

interface Expanded {
  /** Each line as its words joined by a blank, braces as words. */
  readonly lines: string[];
  readonly messages: string[];
}

function expand(text: string, options: ParseOptions = {}, file = MAIN): Expanded {
  return shown(text, options, file, () => '');
}

/** Like expand, each line followed by ` @file:line[:column]` of its first token. */
function expandPlaced(text: string, options: ParseOptions = {}, file = MAIN): Expanded {
  return shown(text, options, file, (at) => ` @${at.file}:${at.line}${at.column === undefined ? '' : `:${at.column}`}`);
}

function shown(text: string, options: ParseOptions, file: string, place: (at: SourceLocation) => string): Expanded {
  const { tokens, messages } = expandConfig(text, file, options);
  const lines: string[] = [];
  let words: string[] = [];
  let first: SourceLocation | null = null;
  for (const token of tokens) {
    if (token.kind === 'endOfLine') {
      lines.push(words.join(' ') + (first === null ? '' : place(first)));
      words = [];
      first = null;
      continue;
    }
    first ??= token.location;
    words.push(token.kind === 'word' ? token.text : token.kind === 'open' ? '{' : '}');
  }
  return { lines, messages: messages.map(formatConfigMessage) };
}

const lines = (text: string, options: ParseOptions = {}): string[] => {
  const { lines: result, messages } = expand(text, options);
  assert.deepEqual(messages, []);
  return result;
};

describe('include', () => {
  const files = (entries: Record<string, string | null>): ParseOptions => memoryFiles(entries);

  it('reads the included file in place of the include line, relative to the including file', () => {
    const options = files({
      '/etc/keepalived/conf.d/vips.conf': '10.0.0.1\n10.0.0.2',
      '/srv/abs.conf': 'router_id abs',
    });
    const text = 'virtual_ipaddress {\n    include conf.d/vips.conf\n}\ninclude /srv/abs.conf';
    assert.deepEqual(expandPlaced(text, options), {
      lines: [
        `virtual_ipaddress { @${MAIN}:1:1`,
        '10.0.0.1 @/etc/keepalived/conf.d/vips.conf:1:1',
        '10.0.0.2 @/etc/keepalived/conf.d/vips.conf:2:1',
        `} @${MAIN}:3:1`,
        'router_id abs @/srv/abs.conf:1:1',
      ],
      messages: [],
    });
  });

  it('resolves an include in an included file from that file’s directory, and names the include chain in messages', () => {
    const options = files({
      '/etc/keepalived/a/one.conf': 'include ../b/two.conf',
      '/etc/keepalived/b/two.conf': 'x "unclosed',
    });
    assert.deepEqual(expand('include a/one.conf', options), {
      lines: ['x unclosed'],
      messages: [
        '/etc/keepalived/b/two.conf:1:3: error: the " opened here is not closed before the end of the line; add the closing " ' +
          `(included from /etc/keepalived/a/one.conf:1:1, included from ${MAIN}:1:1)`,
      ],
    });
  });

  it('reads glob matches in sorted order, brace alternatives in the order written, in subdirectories', () => {
    const options = files({
      '/etc/keepalived/conf.d/a/2.conf': 'a2',
      '/etc/keepalived/conf.d/a/1.conf': 'a1',
      '/etc/keepalived/conf.d/b/1.conf': 'b1',
      '/etc/keepalived/conf.d/b/x.txt': 'bx',
      '/etc/keepalived/conf.d/b/.hidden.conf': 'hidden',
    });
    assert.deepEqual(lines('include conf.d/{b,a}/*.conf', options), ['b1', 'a1', 'a2']);
    assert.deepEqual(lines('include "conf.d/[ab]/?.conf"', options), ['a1', 'a2', 'b1']);
    assert.deepEqual(expand('include conf.d/*/1.{conf,txt}', options), {
      lines: ['a1', 'b1'],
      messages: [`${MAIN}:1:1: warning: include "conf.d/*/1.{conf,txt}": the brace alternative "conf.d/*/1.txt" matches no file`],
    });
  });

  it('takes a relative main file name as it is given', () => {
    const options = files({ 'conf.d/a.conf': 'a' });
    assert.deepEqual(expandPlaced('include conf.d/*.conf', options, 'keepalived.conf').lines, ['a @conf.d/a.conf:1:1']);
  });

  it('skips a pattern that matches nothing and a file that cannot be read, with a warning, as keepalived does', () => {
    const options = files({ '/etc/keepalived/conf.d/locked.conf': null });
    assert.deepEqual(expand('include conf.d/*.conf\ninclude missing.conf\ninclude {x,y}.conf\nrest', options), {
      lines: ['rest'],
      messages: [
        `${MAIN}:1:1: warning: "/etc/keepalived/conf.d/locked.conf" (matched by include "conf.d/*.conf") cannot be read: ` +
          'it is missing, not a regular file, executable or not permitted; it is skipped, as keepalived skips it',
        `${MAIN}:2:1: warning: include "missing.conf": no file matches, so nothing is included`,
        `${MAIN}:3:1: warning: include "{x,y}.conf": no file matches, so nothing is included`,
      ],
    });
  });

  it('makes them errors under the variants and include_check (keepalived.conf(5))', () => {
    const options = files({ '/etc/keepalived/locked.conf': null, '/etc/keepalived/x.conf': 'x' });
    const messages = (text: string): string[] => expand(text, options).messages;
    assert.deepEqual(messages('includer locked.conf\nincluder missing.conf'), [
      `${MAIN}:1:1: error: "/etc/keepalived/locked.conf" (matched by includer "locked.conf") cannot be read: it is missing, ` +
        'not a regular file, executable or not permitted, and the readable include check requires every match to be read',
      `${MAIN}:2:1: warning: includer "missing.conf": no file matches, so nothing is included`,
    ]);
    assert.deepEqual(messages('includem missing.conf\nincludem *.none'), [
      `${MAIN}:1:1: error: includem "missing.conf": no file matches, and the match include check requires one`,
      `${MAIN}:2:1: warning: includem "*.none": no file matches, so nothing is included`,
    ]);
    assert.deepEqual(messages('includew *.none'), [
      `${MAIN}:1:1: error: includew "*.none": no file matches, and the wildcard_match include check requires one`,
    ]);
    assert.deepEqual(messages('includeb {x,y}.conf'), [
      `${MAIN}:1:1: error: includeb "{x,y}.conf": the brace alternative "y.conf" matches no file, and the brace_match ` +
        'include check requires each to match',
    ]);
    assert.deepEqual(messages('include_check match\ninclude missing.conf\ninclude_check -match\ninclude missing.conf'), [
      `${MAIN}:2:1: error: include "missing.conf": no file matches, and the match include check requires one`,
      `${MAIN}:4:1: warning: include "missing.conf": no file matches, so nothing is included`,
    ]);
    assert.deepEqual(messages('include_check bogus'), [
      `${MAIN}:1:1: error: include_check: unknown check "bogus"; use readable, match, wildcard_match or brace_match, each ` +
        'with + or - to add or remove it',
    ]);
  });

  it('lets an included file inherit include_check, and restores the setting when it ends', () => {
    const options = files({
      '/etc/keepalived/child.conf': 'include missing-in-child.conf\ninclude_check\ninclude missing-after-change.conf',
    });
    assert.deepEqual(expand('include_check wildcard_match\ninclude child.conf\ninclude_check -wildcard_match\ninclude missing.conf', options).messages, [
      '/etc/keepalived/child.conf:1:1: error: include "missing-in-child.conf": no file matches, and the wildcard_match include ' +
        `check requires one (included from ${MAIN}:2:1)`,
      '/etc/keepalived/child.conf:3:1: error: include "missing-after-change.conf": no file matches, and the wildcard_match ' +
        `include check requires one (included from ${MAIN}:2:1)`,
      `${MAIN}:4:1: warning: include "missing.conf": no file matches, so nothing is included`,
    ]);
  });

  it('reports include loops at the include line that would close them, and reads on', () => {
    const options = files({
      [MAIN]: '',
      '/etc/keepalived/a.conf': 'a\ninclude b.conf',
      '/etc/keepalived/b.conf': 'b\ninclude ./a.conf\ninclude ../keepalived/keepalived.conf',
    });
    assert.deepEqual(expand('include a.conf\nmain', options), {
      lines: ['a', 'b', 'main'],
      messages: [
        '/etc/keepalived/b.conf:2:1: error: include loop: "/etc/keepalived/a.conf" is already being read (it includes this ' +
          `file), so it is not read again (included from /etc/keepalived/a.conf:2:1, included from ${MAIN}:1:1)`,
        `/etc/keepalived/b.conf:3:1: error: include loop: "${MAIN}" is already being read (it includes this file), so it is ` +
          `not read again (included from /etc/keepalived/a.conf:2:1, included from ${MAIN}:1:1)`,
      ],
    });
    assert.deepEqual(expand('include keepalived.conf', options).messages, [
      `${MAIN}:1:1: error: include loop: "${MAIN}" is already being read (it includes this file), so it is not read again`,
    ]);
  });

  it('recognises a loop through a relative and an absolute name when it knows the working directory', () => {
    const options: ParseOptions = { ...files({ '/etc/keepalived/keepalived.conf': 'x' }), workingDirectory: '/etc/keepalived' };
    assert.deepEqual(expand('include /etc/keepalived/keepalived.conf', options, 'keepalived.conf').messages, [
      'keepalived.conf:1:1: error: include loop: "/etc/keepalived/keepalived.conf" is already being read (it includes this ' +
        'file), so it is not read again',
    ]);
  });

  it(`stops including more than ${MAX_INCLUDE_DEPTH} files deep`, () => {
    const entries: Record<string, string> = {};
    for (let i = 1; i <= 40; i++) entries[`/d/f${i}.conf`] = `f${i}\ninclude f${i + 1}.conf`;
    const result = expand('include f1.conf', files(entries), '/d/main.conf');
    assert.deepEqual(result.lines, Array.from({ length: MAX_INCLUDE_DEPTH - 1 }, (_, i) => `f${i + 1}`));
    assert.equal(result.messages.length, 1);
    assert.match(result.messages[0] ?? '', /^\/d\/f31\.conf:2:1: error: includes nest more than 32 files deep here, so "\/d\/f32\.conf" is not read;/);
  });

  it('reads no file without file access, and says so', () => {
    assert.deepEqual(expand('include conf.d/*.conf'), {
      lines: [],
      messages: [`${MAIN}:1:1: warning: include "conf.d/*.conf" is not read: the parser was given no file access, so nothing it defines is configured`],
    });
  });

  it('is read as written: an include made by @ or $ is refused (keepalived versions differ), a parameter in it not replaced', () => {
    const options: ParseOptions = { ...files({ '/etc/keepalived/x.conf': 'x' }), configId: 'lb1' };
    const made = (keyword: string): string =>
      `this ${keyword} line is made by @, $, ~SEQ or ~LST; keepalived.conf(5) says such a line is not read as an include, ` +
      'but keepalived 2.2 reads it, so vipd does not guess and ignores it: write the include line itself';
    assert.deepEqual(expand('@lb1 include x.conf\n$F=x.conf\ninclude $F\n$I=include_check\n$I match\n@lb2 include x.conf', options), {
      lines: [],
      messages: [
        `${MAIN}:1:6: error: ${made('include')}`,
        `${MAIN}:3:1: warning: include "$F": no file matches, so nothing is included`,
        `${MAIN}:5: error: ${made('include_check')}`,
      ],
    });
  });
});

describe('conditional lines (@ID, @^ID)', () => {
  const MAN_EXAMPLE = [
    'global_defs {',
    '    @main   router_id main_router',
    '    @backup router_id backup_router',
    '}',
    'vrrp_instance VRRP {',
    '    @main    unicast_src_ip 1.2.3.4',
    '    @backup  unicast_src_ip 1.2.3.5',
    '    @backup2 unicast_src_ip 1.2.3.6',
    '    unicast_peer {',
    '        @^main    1.2.3.4',
    '        @^backup  1.2.3.5',
    '        @^backup2 1.2.3.6',
    '    }',
    '}',
  ].join('\n');

  it("keeps @ID lines for the config id and @^ID lines for the others (keepalived.conf(5)'s example)", () => {
    assert.deepEqual(lines(MAN_EXAMPLE, { configId: 'main' }), [
      'global_defs {',
      'router_id main_router',
      '}',
      'vrrp_instance VRRP {',
      'unicast_src_ip 1.2.3.4',
      'unicast_peer {',
      '1.2.3.5',
      '1.2.3.6',
      '}',
      '}',
    ]);
    assert.deepEqual(lines(MAN_EXAMPLE, { configId: 'other' }), [
      'global_defs {',
      '}',
      'vrrp_instance VRRP {',
      'unicast_peer {',
      '1.2.3.4',
      '1.2.3.5',
      '1.2.3.6',
      '}',
      '}',
    ]);
  });

  it('keeps the columns of what follows the id', () => {
    assert.deepEqual(expandPlaced('  @lb1   priority 100', { configId: 'lb1' }).lines, [`priority 100 @${MAIN}:1:10`]);
  });

  it('ignores a line with nothing after the id, with a warning', () => {
    assert.deepEqual(expand('@main\n@^main   ', { configId: 'main' }), {
      lines: [],
      messages: [
        `${MAIN}:1:1: warning: "@main" has nothing after the config id, so the line is ignored`,
        `${MAIN}:2:1: warning: "@^main" has nothing after the config id, so the line is ignored`,
      ],
    });
  });

  it('is an error when no config id was given', () => {
    assert.deepEqual(expand('@lb2 priority 50'), {
      lines: [],
      messages: [`${MAIN}:1:1: error: conditional configuration ("@lb2 …") cannot be decided: no config id was given`],
    });
  });
});

describe('parameters ($NAME=VALUE)', () => {
  it('replaces $NAME and ${NAME} after the definition, and only there', () => {
    assert.deepEqual(lines('$P=120\npriority $P\naddress 10.0.${P}.1\n$P=130\npriority $P'), [
      'priority 120',
      'address 10.0.120.1',
      'priority 130',
    ]);
  });

  it('expands lazily and recursively (keepalived.conf(5) ADDRESS_BASE example)', () => {
    const text = [
      '$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}',
      '$ADDRESS_BASE_SUB=0',
      '${ADDRESS_BASE}.100/32',
      '$ADDRESS_BASE_SUB=10',
      '${ADDRESS_BASE}.100/32',
    ].join('\n');
    assert.deepEqual(lines(text), ['10.2.0.100/32', '10.2.10.100/32']);
  });

  it('allows empty values and drops blanks after "=", substitutes inside quotes, and ends $NAME at "," and ")"', () => {
    assert.deepEqual(lines('$E=\n$V=   spaced value\nx${E}y "$V here" f($V,$V)'), ['xy spaced value here f(spaced value,spaced value)']);
  });

  it('leaves an undefined name as written, with a warning where it stands', () => {
    assert.deepEqual(expandPlaced('notify "/bin/echo $HOME now"\nx ${NOPE}'), {
      lines: [`notify /bin/echo $HOME now @${MAIN}:1:1`, `x \${NOPE} @${MAIN}:2:1`],
      messages: [
        `${MAIN}:1:19: warning: $HOME is not defined, so it is left as written (define it with "$HOME=…" on a line before this one)`,
        `${MAIN}:2:3: warning: \${NOPE} is not defined, so it is left as written (define it with "$NOPE=…" on a line before this one)`,
      ],
    });
  });

  it('does not replace a defined $NAME glued to other text, and says how to', () => {
    assert.deepEqual(expand('$INST=low\nx $INST.x ${INST}.x'), {
      lines: ['x $INST.x low.x'],
      messages: [`${MAIN}:2:3: warning: "$INST" is followed by ".", so it is not replaced; write "\${INST}" to use the parameter here`],
    });
  });

  it('refuses a blank before "="', () => {
    assert.deepEqual(expand('$P =1'), {
      lines: [],
      messages: [`${MAIN}:1:1: error: "$P =…" is not a parameter definition: keepalived.conf(5) allows no blank before "="; write "$P=…"`],
    });
  });

  it('works with conditional lines both ways (keepalived.conf(5) examples)', () => {
    const text = '@main $PRIORITY=240\n@backup $PRIORITY=200\npriority $PRIORITY\n$IF_MAIN=@main\n$IF_MAIN priority 241';
    assert.deepEqual(lines(text, { configId: 'main' }), ['priority 240', 'priority 241']);
    assert.deepEqual(lines(text, { configId: 'backup' }), ['priority 200']);
  });

  it('reports a definition that uses itself instead of expanding forever', () => {
    assert.deepEqual(expand('$A=x$A\n$B=${B}\n$A\n$B\nnext'), {
      lines: ['next'],
      messages: [
        `${MAIN}:3: error: parameter substitution does not end ($A still expands after 1000 replacements or past 65536 characters); ` +
          'a definition probably refers to itself. The line is ignored',
        `${MAIN}:4: error: parameter substitution does not end (\${B} still expands after 1000 replacements or past 65536 characters); ` +
          'a definition probably refers to itself. The line is ignored',
      ],
    });
  });

  describe('multi-line definitions', () => {
    const INSTANCE = [
      '$INSTANCE= \\',
      'vrrp_instance VI_${NUM} { \\',
      '    interface eth0.${NUM} \\',
      '    virtual_router_id 1 \\',
      '    @high priority 130 \\',
      '    @low priority 120 \\',
      '    virtual_ipaddress { \\',
      '        10.0.${NUM}.254/24 \\',
      '    } \\',
      '}',
      '',
      '$NUM=0',
      '$INSTANCE',
      '',
      '$NUM=1',
      '$INSTANCE',
    ].join('\n');

    it("make one line per line of the definition where they are used (keepalived.conf(5)'s $INSTANCE example)", () => {
      const block = (n: number, priority: string): string[] => [
        `vrrp_instance VI_${n} {`,
        `interface eth0.${n}`,
        'virtual_router_id 1',
        `priority ${priority}`,
        'virtual_ipaddress {',
        `10.0.${n}.254/24`,
        '}',
        '}',
      ];
      assert.deepEqual(lines(INSTANCE, { configId: 'high' }), [...block(0, '130'), ...block(1, '130')]);
      assert.deepEqual(lines(INSTANCE, { configId: 'low' }), [...block(0, '120'), ...block(1, '120')]);
    });

    it('place the lines they make at the line that used them', () => {
      const placed = expandPlaced(INSTANCE, { configId: 'high' }).lines;
      assert.equal(placed[0], `vrrp_instance VI_0 { @${MAIN}:13`);
      assert.equal(placed[15], `} @${MAIN}:16`);
    });

    it('nest, and read definitions made by their own lines in order (keepalived.conf(5) $VS/$RS example)', () => {
      const text = [
        '$RS= \\',
        'real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\',
        '    weight 1 \\',
        '}',
        '$VS= \\',
        'virtual_server 10.0.${VS_NUM}.4 80 { \\',
        '    $RS_NUM=1 \\',
        '    $RS \\',
        '    $RS_NUM=2 \\',
        '    $RS \\',
        '}',
        '$VS_NUM=0',
        '$VS',
      ].join('\n');
      assert.deepEqual(lines(text), [
        'virtual_server 10.0.0.4 80 {',
        'real_server 192.168.0.1 80 {',
        'weight 1',
        '}',
        'real_server 192.168.0.2 80 {',
        'weight 1',
        '}',
        '}',
      ]);
    });

    it('end at a blank line; a line holding only "\\" adds nothing', () => {
      assert.deepEqual(lines('$M=a \\\n\\\nb \\\n\nc\n$M'), ['c', 'a', 'b']);
    });

    it('are replaced only where they end a line', () => {
      assert.deepEqual(expand('$M=a \\\nb\nx $M y'), {
        lines: ['x $M y'],
        messages: [
          `${MAIN}:3:3: warning: $M is a multi-line parameter, which is replaced only where it ends the line (keepalived.conf(5)), ` +
            'so it is left as written here',
        ],
      });
    });

    it('left out by @, leave the lines after them to be read as lines, as keepalived does', () => {
      assert.deepEqual(expand('@other $M= \\\nread \\\nas lines\nkept\n$M', { configId: 'me' }), {
        lines: ['read as lines', 'kept', '$M'],
        messages: [`${MAIN}:2:1: warning: ${CONTINUED}`, `${MAIN}:5:1: warning: $M is not defined, so it is left as written (define it with "$M=…" on a line before this one)`],
      });
    });
  });

  describe('predefined parameters', () => {
    it('${_PWD} is the directory of the file being read, absolute with the working directory', () => {
      const options: ParseOptions = { ...memoryFiles({ 'conf.d/sub.conf': 'script ${_PWD}/check.sh' }), workingDirectory: '/etc/keepalived' };
      assert.deepEqual(expand('script ${_PWD}/notify.sh\ninclude conf.d/sub.conf', options, 'keepalived.conf'), {
        lines: ['script /etc/keepalived/notify.sh', 'script /etc/keepalived/conf.d/check.sh'],
        messages: [],
      });
      assert.deepEqual(lines('x ${_PWD}'), ['x /etc/keepalived']);
      assert.deepEqual(expand('x ${_PWD}', {}, 'keepalived.conf').lines, ['x .']);
    });

    it('${_INSTANCE} is the config id', () => {
      assert.deepEqual(lines('router_id ${_INSTANCE}', { configId: 'lb1' }), ['router_id lb1']);
      assert.deepEqual(expand('router_id ${_INSTANCE}').messages, [`${MAIN}:1:11: error: \${_INSTANCE} is the config id, and none was given`]);
    });

    it('${_HASH} and ${_BANG} make "#" and "!" that start no comment', () => {
      assert.deepEqual(lines('auth_pass a${_HASH}b${_BANG}c # comment'), ['auth_pass a#b!c']);
    });

    it('${_ENV NAME} reads the environment it is given', () => {
      const environment = { HOME: '/root' };
      assert.deepEqual(expand('x ${_ENV HOME}/y ${_ENV UNSET}z', { environment }), {
        lines: ['x /root/y z'],
        messages: [`${MAIN}:1:18: warning: environment variable UNSET is not set, so \${_ENV UNSET} is empty`],
      });
      assert.deepEqual(expand('x ${_ENV HOME}').messages, [`${MAIN}:1:3: error: \${_ENV HOME} cannot be expanded: no environment was given`]);
      assert.deepEqual(expand('x $_ENV', { environment }).messages, [
        `${MAIN}:1:3: error: \${_ENV} needs the name of an environment variable, e.g. \${_ENV HOME}`,
      ]);
    });

    it('${_RANDOM} is refused: vipd draws no random numbers while reading its configuration', () => {
      assert.deepEqual(expand('priority ${_RANDOM 1 254}').messages, [
        `${MAIN}:1:10: error: \${_RANDOM} is not supported: vipd reads its configuration without drawing random numbers, so ` +
          'that a file always means the same configuration; write the number',
      ]);
    });

    it('can be redefined, and take no argument they do not expect', () => {
      assert.deepEqual(expand('$_HASH=hash\nx ${_HASH} ${_BANG x}'), {
        lines: ['x hash ${_BANG x}'],
        messages: [`${MAIN}:2:12: warning: \${_BANG} takes no argument, so "\${_BANG x}" is left as written`],
      });
    });
  });
});

describe('~SEQ and ~LST', () => {
  it('repeat the rest of the line for each value (keepalived.conf(5) examples)', () => {
    assert.deepEqual(lines('~SEQ(SUBNET, 0, 3) ip_address 10.0.${SUBNET}.1'), [
      'ip_address 10.0.0.1',
      'ip_address 10.0.1.1',
      'ip_address 10.0.2.1',
      'ip_address 10.0.3.1',
    ]);
    const hex = ['ip_address fe80::20:90:1', 'ip_address fe80::20:a0:1', 'ip_address fe80::20:b0:1', 'ip_address fe80::20:c0:1'];
    assert.deepEqual(lines('~SEQx(SUBNET, 144, 16, 192) ip_address fe80::20:${SUBNET}:1'), hex);
    assert.deepEqual(lines('~SEQx(SUBNET, 0x90, 0x10, 0xc0) ip_address fe80::20:${SUBNET}:1'), hex);
  });

  it('nest, the first one outermost, also counting down', () => {
    assert.deepEqual(lines('~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x10) fe81::10:${AD2}:${AD1}'), [
      'fe81::10:90:12',
      'fe81::10:90:11',
      'fe81::10:90:10',
      'fe81::10:a0:12',
      'fe81::10:a0:11',
      'fe81::10:a0:10',
    ]);
  });

  it('default START and STEP as documented, and read C integers', () => {
    const values = (seq: string): string[] => lines(`${seq} $i`);
    assert.deepEqual(values('~SEQ(i, 3)'), ['1', '2', '3']);
    assert.deepEqual(values('~SEQ(i, -2)'), ['-1', '-2']);
    assert.deepEqual(values('~SEQ(i, 3, 1)'), ['3', '2', '1']);
    assert.deepEqual(values('~SEQ(i, 010, 2, 0xc)'), ['8', '10', '12']);
    assert.deepEqual(values('~SEQ (i,5,5)'), ['5']);
  });

  it('take parameters as arguments, and a multi-line parameter as the rest of the line', () => {
    const text = ['$N=2', '$VI= \\', 'vrrp_instance VI_${ID} { \\', '    virtual_router_id ${ID} \\', '}', '~SEQ(ID, 1, $N) $VI'].join('\n');
    assert.deepEqual(lines(text), ['vrrp_instance VI_1 {', 'virtual_router_id 1', '}', 'vrrp_instance VI_2 {', 'virtual_router_id 2', '}']);
  });

  it('~LST sets one variable or several, nests, and combines with ~SEQ (keepalived.conf(5) examples)', () => {
    assert.deepEqual(lines('~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) 192.168.${IP}.${IP1}'), [
      '192.168.10.1',
      '192.168.20.4',
      '192.168.5.6',
      '192.168.12.8',
    ]);
    assert.deepEqual(lines('~LST(IP, 1, 2) ~LST(IP1, 5,6,7) 192.169.${IP}.${IP1}'), [
      '192.169.1.5',
      '192.169.1.6',
      '192.169.1.7',
      '192.169.2.5',
      '192.169.2.6',
      '192.169.2.7',
    ]);
    assert.deepEqual(lines('~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,172) 192.${IP2}.${IP}.${IP1}'), [
      '192.168.10.1',
      '192.170.10.1',
      '192.172.10.1',
      '192.168.20.4',
      '192.170.20.4',
      '192.172.20.4',
    ]);
  });

  it('come from a parameter that starts with "~"', () => {
    assert.deepEqual(lines('$ALL=~LST(H, a, b) host $H\n$ALL'), ['host a', 'host b']);
  });

  it('keep the columns of the repeated text until a parameter is replaced', () => {
    assert.deepEqual(expandPlaced('  ~LST(X, a, b) same').lines, [`same @${MAIN}:1:17`, `same @${MAIN}:1:17`]);
    assert.deepEqual(expandPlaced('  ~LST(X, a) x $X').lines, [`x a @${MAIN}:1`]);
  });

  it('warn once about a problem of the repeated text', () => {
    assert.deepEqual(expand('~SEQ(i, 3) x$i $UNDEFINED').messages, [
      `${MAIN}:1:16: warning: $UNDEFINED is not defined, so it is left as written (define it with "$UNDEFINED=…" on a line before this one)`,
    ]);
  });

  it('report what is wrong with them, and ignore the line', () => {
    const errors = (line: string): string[] => expand(line).messages;
    const SEQ_FORMS = 'write ~SEQ(VAR, END), ~SEQ(VAR, START, END) or ~SEQ(VAR, START, STEP, END) with whole numbers';
    const LST_FORMS = 'write ~LST(VAR, VALUE, …) or ~LST({VAR, …}, {VALUE, …}, …)';
    assert.deepEqual(errors('~SEQ(i) x'), [`${MAIN}:1:1: error: "~SEQ(i)" is not a valid ~SEQ; ${SEQ_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~SEQ(i, 1, 2, 3, 4) x'), [`${MAIN}:1:1: error: "~SEQ(i, 1, 2, 3, 4)" is not a valid ~SEQ; ${SEQ_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~SEQ(i, one) x'), [`${MAIN}:1:1: error: "~SEQ(i, one)" is not a valid ~SEQ; ${SEQ_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~SEQ(i, 08) x'), [`${MAIN}:1:1: error: "~SEQ(i, 08)" is not a valid ~SEQ; ${SEQ_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~SEQ(1x, 3) x'), [
      `${MAIN}:1:1: error: "~SEQ(1x, 3)" is not a valid ~SEQ: a variable must be a parameter name; ${SEQ_FORMS}; the line is ignored`,
    ]);
    assert.deepEqual(errors('~SEQfoo(i, 3) x'), [`${MAIN}:1:1: error: "~SEQfoo(i, 3)" is not a valid ~SEQ; ${SEQ_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~SEQ(i, 1, -1, 5) x'), [
      `${MAIN}:1:1: error: "~SEQ(i, 1, -1, 5)" never reaches its end: STEP must not be 0 and must go from START towards END; the line is ignored`,
    ]);
    assert.deepEqual(errors('~SEQ(i, 1, 0, 1) x'), [
      `${MAIN}:1:1: error: "~SEQ(i, 1, 0, 1)" never reaches its end: STEP must not be 0 and must go from START towards END; the line is ignored`,
    ]);
    assert.deepEqual(errors('~SEQx(i, -1, 3) x'), [
      `${MAIN}:1:1: error: "~SEQx(i, -1, 3)" counts below 0, but ~SEQx is only for numbers from 0 up; use ~SEQ; the line is ignored`,
    ]);
    assert.deepEqual(errors('~SEQ(i, 1, 1000000) x'), [
      `${MAIN}:1:1: error: "~SEQ(i, 1, 1000000)" repeats its line 1000000 times, more than vipd expands (${MAX_EXPANDED_LINES}); the line is ignored`,
    ]);
    assert.deepEqual(errors('~LST({A, B}, {1,2}, {3}) x'), [
      `${MAIN}:1:1: error: "~LST({A, B}, {1,2}, {3})" gives 1 value ({3}) for 2 variables; give one value per variable; the line is ignored`,
    ]);
    assert.deepEqual(errors('~LST(A) x'), [`${MAIN}:1:1: error: "~LST(A)" is not a valid ~LST; ${LST_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~LST(A, 1,) x'), [`${MAIN}:1:1: error: "~LST(A, 1,)" ends in ","; ${LST_FORMS}; the line is ignored`]);
    assert.deepEqual(errors('~LST(A, {1) x'), [
      `${MAIN}:1:1: error: "~LST(A, {1)" has a "{" that is not closed; ${LST_FORMS}; the line is ignored`,
    ]);
  });

  it(`stop after ${MAX_EXPANDED_LINES} lines made in one file`, () => {
    const result = expand('$M=x \\\n$M\n$M');
    assert.equal(result.lines.length, MAX_EXPANDED_LINES + 1);
    assert.deepEqual(result.messages, [
      `${MAIN}:3: error: ~SEQ, ~LST and multi-line parameters have made ${MAX_EXPANDED_LINES} lines, as many as vipd expands; ` +
        'the expansion stops here (does a multi-line parameter use itself?)',
    ]);
  });

  it('leave other lines starting with "~" to the schema', () => {
    assert.deepEqual(lines('~FOO(1) $X'), ['~FOO(1) $X']);
  });
});

describe('continued lines', () => {
  it('join an ordinary line ending in "\\" to the next, keeping where each word was written, with a warning', () => {
    assert.deepEqual(expandPlaced('virtual_ipaddress { \\\n    10.0.0.1 } # done\nnext'), {
      lines: [`virtual_ipaddress { 10.0.0.1 } @${MAIN}:1:1`, `next @${MAIN}:3:1`],
      messages: [`${MAIN}:1:1: warning: ${CONTINUED}`],
    });
    const { tokens } = expandConfig('a \\\n  b', MAIN);
    assert.deepEqual(tokens[1]?.location, { file: MAIN, line: 2, column: 3 });
  });
});

describe('messages in reading order', () => {
  it('put the messages of an included file at its include line', () => {
    const options = memoryFiles({ '/etc/keepalived/x.conf': 'x "open' });
    assert.deepEqual(expand('a "one\ninclude x.conf\nb "two', options).messages.map((m) => m.split(': error')[0]), [
      `${MAIN}:1:3`,
      '/etc/keepalived/x.conf:1:3',
      `${MAIN}:3:3`,
    ]);
  });
});
