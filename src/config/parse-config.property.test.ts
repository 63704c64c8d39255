import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatConfigMessage } from './config-message.js';
import type { ParseOutcome, SourceLocation } from './config-types.js';
import { memoryFiles } from './config-test-helpers.js';
import { parseKeepalivedConfig } from './parse-config.js';
import { ipv4FromBytes } from '../primitives/ip-address.js';

const FILE = '/etc/keepalived/keepalived.conf';

/** What must hold of every outcome, whatever the text. */
function checkOutcome(text: string, outcome: ParseOutcome): void {
  const lines = text.split('\n').length;
  const hasError = outcome.messages.some((m) => m.severity === 'error');
  assert.equal(outcome.config === null, hasError, 'a configuration exactly when there is no error');
  for (const m of outcome.messages) {
    const shown = formatConfigMessage(m);
    assert.equal(m.location.file, FILE, shown);
    assert.ok(Number.isInteger(m.location.line) && m.location.line >= 1 && m.location.line <= lines, shown);
    if (m.location.column !== undefined) assert.ok(Number.isInteger(m.location.column) && m.location.column >= 1, shown);
    assert.ok(m.severity === 'error' || m.severity === 'warning', shown);
    assert.ok(m.text.length > 0, shown);
    assert.ok(shown.startsWith(`${FILE}:${m.location.line}`), shown);
  }
  const positions = outcome.messages.map((m) => [m.location.line, m.location.column ?? 0] as const);
  for (let i = 1; i < positions.length; i++) {
    const [pl = 0, pc = 0] = positions[i - 1] ?? [];
    const [l = 0, c = 0] = positions[i] ?? [];
    assert.ok(pl < l || (pl === l && pc <= c), 'messages are in reading order');
  }
}

/** Words, braces, quotes, comment characters and line ends that keepalived.conf is made of. */
const SOUP = fc.constantFrom(
  'global_defs', 'vrrp_instance', 'VI_1', 'VI_2', '{', '}', '\n', '\n', '\n', ' ', '\t', '"', "'", '#', '!', '\\',
  'state', 'MASTER', 'BACKUP', 'interface', 'eth0', 'virtual_router_id', '51', '0', '256', 'priority', '255', '100',
  'advert_int', '0.5', '1', 'version', '2', '3', 'authentication', 'auth_type', 'PASS', 'AH', 'auth_pass', 'secret!x',
  'virtual_ipaddress', '10.0.0.1', '10.0.0.1/24', 'fe80::1', '2001:db8::1/64', 'brd', '+', 'dev', 'scope', 'link',
  'label', 'nopreempt', 'preempt', 'preempt_delay', 'accept', 'no_accept', 'v3_checksum_as_v2', 'vrrp_version',
  'vrrp_garp_interval', 'vrrp_gna_interval', 'vrrp_garp_master_delay', 'vrrp_garp_master_repeat', 'vrrp_mcast_group4',
  'router_id', 'include', 'vrrp_script', 'virtual_server', 'track_script', '@host', '$X=1', '${X}', '~SEQ(i,1,3)',
  'peer', 'preferred_lft', '-nodad', 'wibble', '😀',
);

describe('parseKeepalivedConfig on any text', () => {
  it('never throws on arbitrary strings, and every message names the file and a line ≥ 1', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        checkOutcome(text, parseKeepalivedConfig(text, FILE));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on token soups of keywords, braces, quotes and comments', () => {
    fc.assert(
      fc.property(fc.array(SOUP, { maxLength: 200 }), fc.constantFrom(' ', ''), (parts, glue) => {
        const text = parts.join(glue);
        checkOutcome(text, parseKeepalivedConfig(text, FILE));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws when a valid file is cut short or has a character changed', () => {
    const valid = [
      'global_defs {',
      '    vrrp_garp_interval 0.001',
      '}',
      'vrrp_instance VI_1 {',
      '    state BACKUP',
      '    interface eth0',
      '    virtual_router_id 51',
      '    priority 100',
      '    authentication {',
      '        auth_type PASS',
      '        auth_pass "p4ss w#rd"',
      '    }',
      '    virtual_ipaddress {',
      '        10.0.0.1/24 brd + dev eth0 scope global label eth0:1',
      '    }',
      '}',
    ].join('\n');
    checkOutcome(valid, parseKeepalivedConfig(valid, FILE));
    assert.notEqual(parseKeepalivedConfig(valid, FILE).config, null);
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length }),
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom('{', '}', '"', '#', '\n', ' ', 'x', '0', ''),
        (cut, at, replacement) => {
          const truncated = valid.slice(0, cut);
          checkOutcome(truncated, parseKeepalivedConfig(truncated, FILE));
          const changed = valid.slice(0, at) + replacement + valid.slice(at + 1);
          checkOutcome(changed, parseKeepalivedConfig(changed, FILE));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Words of the language: parameters, @, ~SEQ/~LST, include patterns, continuations, and some of a vrrp_instance. */
const LANGUAGE_WORD = fc.constantFrom(
  'a.conf', 'conf.d/*.conf', '{a,b,c}.conf', 'keepalived.conf', '$X=', '$Y=${X}${X}', '$M=', '$X', '${X}', '$Y', '$M',
  '$X.x', '$A =1', '\\', '@lb1', '@^lb1', '@', '~SEQ(i,1,3)', '~SEQx(i,0,0x2)', '~SEQ(i,3,-1,1)', '~SEQ(i,$X)',
  '~LST(i,a,b)', '~LST({a,b},{1,2},{3,4})', '$i', '${a}', '${_PWD}', '${_INSTANCE}', '${_ENV HOME}', '${_RANDOM}',
  '${_HASH}', '${_BANG x}', 'vrrp_instance', 'VI_1', '{', '}', 'interface', 'eth0', 'virtual_router_id', '51',
  'virtual_ipaddress', '10.0.0.1', '"', '#', '!',
);

const words = (maxLength: number) => fc.array(LANGUAGE_WORD, { maxLength }).map((parts) => parts.join(' '));

/** Lines that are often include lines, definitions, conditional or repeated lines, and sometimes anything. */
const LANGUAGE_LINE = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('include', 'includea', 'includer', 'includeb', 'include_check', '  include'),
      fc.constantFrom('a.conf', 'b.conf', 'conf.d/*.conf', 'conf.d/{b,a}.conf', '{a,b,c}.conf', 'keepalived.conf',
        '../keepalived/a.conf', '"a.conf"', '*', '[ab].conf', '+match', '-readable', 'a.conf b.conf'),
    )
    .map(([keyword, pattern]) => `${keyword} ${pattern}`),
  fc.tuple(fc.constantFrom('$X=', '$Y=', '$M=', '@lb1 $X=', '$M= \\'), words(6)).map(([head, rest]) => `${head}${rest}`),
  fc.tuple(fc.constantFrom('@lb1', '@^lb1', '~SEQ(i,1,3)', '~LST(i,a,b)', '$M', '$X'), words(6)).map((parts) => parts.join(' ')),
  words(10),
);

const language = (maxLines: number) => fc.array(LANGUAGE_LINE, { maxLength: maxLines }).map((lines) => lines.join('\n'));

/** Where every message of a parse over `files` may point: a line of one of the files, through include lines. */
function checkAcrossFiles(files: Readonly<Record<string, string>>, outcome: ParseOutcome): void {
  const hasError = outcome.messages.some((m) => m.severity === 'error');
  assert.equal(outcome.config === null, hasError, 'a configuration exactly when there is no error');
  const checkPlace = (at: SourceLocation, shown: string): void => {
    const text = files[at.file];
    assert.ok(text !== undefined, `${shown}: ${at.file} is one of the files`);
    assert.ok(Number.isInteger(at.line) && at.line >= 1 && at.line <= text.split('\n').length, shown);
    if (at.column !== undefined) assert.ok(Number.isInteger(at.column) && at.column >= 1, shown);
  };
  for (const m of outcome.messages) {
    const shown = formatConfigMessage(m);
    assert.ok(m.text.length > 0 && !shown.includes('\n'), shown);
    for (let at: SourceLocation | undefined = m.location; at !== undefined; at = at.includedFrom) checkPlace(at, shown);
  }
}

describe('parseKeepalivedConfig on any include/definition soup over an in-memory file system', () => {
  const MAIN = '/etc/keepalived/keepalived.conf';
  const fileSystem = fc.record({
    [MAIN]: language(16),
    '/etc/keepalived/a.conf': language(8),
    '/etc/keepalived/b.conf': language(8),
    '/etc/keepalived/conf.d/a.conf': language(8),
    '/etc/keepalived/conf.d/b.conf': language(8),
  });

  it('never throws, points every message at a line of a file it read, and gives the same outcome twice', () => {
    fc.assert(
      fc.property(fileSystem, fc.constantFrom('lb1', 'lb2'), (files, configId) => {
        const options = { ...memoryFiles(files), configId, environment: { HOME: '/root' }, workingDirectory: '/' };
        const outcome = parseKeepalivedConfig(files[MAIN], MAIN, options);
        checkAcrossFiles(files, outcome);
        assert.deepEqual(parseKeepalivedConfig(files[MAIN], MAIN, options), outcome, 'parsing is a function of its input');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on language soup in a single file without file access or config id', () => {
    fc.assert(
      fc.property(language(24), (text) => {
        checkOutcome(text, parseKeepalivedConfig(text, FILE));
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseKeepalivedConfig on generated well-formed instances', () => {
  const instanceSettings = fc.record({
    vrid: fc.integer({ min: 1, max: 255 }),
    priority: fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
    state: fc.constantFrom(undefined, 'MASTER', 'BACKUP'),
    version: fc.constantFrom(2, 3),
    /** Whole seconds for v2, centiseconds for v3. */
    interval: fc.integer({ min: 1, max: 255 }),
    centiseconds: fc.integer({ min: 1, max: 4095 }),
    password: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { nil: undefined }),
    addresses: fc.uniqueArray(fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => ipv4FromBytes(b)), {
      minLength: 1,
      maxLength: 20,
    }),
    prefix: fc.integer({ min: 0, max: 32 }),
  });

  it('gives back the values it was written with', () => {
    fc.assert(
      fc.property(instanceSettings, (s) => {
        const advert = s.version === 2 ? String(s.interval) : (s.centiseconds / 100).toFixed(2);
        const lines = [
          'vrrp_instance generated {',
          s.state === undefined ? '' : `  state ${s.state}`,
          '  interface eth0',
          `  virtual_router_id ${s.vrid}`,
          s.priority === undefined ? '' : `  priority ${s.priority}`,
          `  version ${s.version}`,
          `  advert_int ${advert}`,
          s.password === undefined ? '' : `  authentication {\n    auth_type PASS\n    auth_pass ${s.password}\n  }`,
          '  virtual_ipaddress {',
          ...s.addresses.map((a) => `    ${a}/${s.prefix}`),
          '  }',
          '}',
        ];
        const text = lines.join('\n');
        const outcome = parseKeepalivedConfig(text, FILE);
        checkOutcome(text, outcome);
        const definition = outcome.config?.instances[0];
        assert.ok(definition !== undefined, outcome.messages.map(formatConfigMessage).join('\n'));
        assert.equal(definition.vrid, s.vrid);
        assert.equal(definition.priority, s.priority ?? (s.state === 'MASTER' ? 255 : 100));
        assert.equal(definition.initialState, s.state ?? null);
        assert.equal(definition.version, s.version);
        assert.equal(definition.advertInterval, s.version === 2 ? s.interval * 100 : s.centiseconds);
        assert.deepEqual(
          definition.authentication,
          s.password === undefined || s.version === 3
            ? { kind: 'none' }
            : { kind: 'simpleText', password: new TextEncoder().encode(s.password) },
        );
        assert.deepEqual(definition.virtualAddresses.map((a) => a.address), s.addresses);
        assert.ok(definition.virtualAddresses.every((a) => a.prefixLength === s.prefix));
      }),
      { numRuns: 300 },
    );
  });
});
