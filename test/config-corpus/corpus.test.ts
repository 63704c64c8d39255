/**
 * The keepalived.conf corpus: every `NAME.conf` beside this file (with the
 * files it includes in `NAME/`) is parsed as `vipd -i lb1` would, and what
 * comes out is compared with `NAME.expected`:
 *
 * - the `vipd -t` line of every message, file names relative to this folder;
 * - then, when the file yields a configuration, its `vipd -d` dump.
 *
 * Every configuration must read back from its dump unchanged (locations
 * aside), and dumping that again gives the same text. `UPDATE_CORPUS=1 npm
 * test` rewrites the .expected files from what the parser says now: review
 * the diff before keeping it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { formatConfigMessage } from '../../src/config/config-message.js';
import { memoryFiles, withoutLocations } from '../../src/config/config-test-helpers.js';
import type { ParseOptions, ParseOutcome } from '../../src/config/config-types.js';
import { dumpConfig } from '../../src/config/dump-config.js';
import { parseKeepalivedConfig } from '../../src/config/parse-config.js';
import { repoRoot } from '../support/repo-root.js';
import { LARGE_FILE_INTERFACES, manyIncludesFiles, manyInstancesFile } from './generated.js';

const CORPUS = join(repoRoot(), 'test', 'config-corpus');
const UPDATE = process.env['UPDATE_CORPUS'] === '1';
/** The config id `@ID` lines are decided by (`vipd -i lb1`). */
const CONFIG_ID = 'lb1';
const ENVIRONMENT: Readonly<Record<string, string>> = { VIPD_CORPUS_INTERFACE: 'eth7' };
const MINIMUM_CASES = 130;

/** Every configuration file under the corpus, by path relative to it. */
function corpusFiles(dir = CORPUS): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) Object.assign(files, corpusFiles(path));
    else if (!/\.(ts|expected)$/.test(entry)) files[relative(CORPUS, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

function parseInCorpus(name: string, files: Readonly<Record<string, string>>): ParseOutcome {
  const options: ParseOptions = { ...memoryFiles(files), configId: CONFIG_ID, environment: ENVIRONMENT };
  return parseKeepalivedConfig(files[name] ?? '', name, options);
}

/** What NAME.expected holds: the messages, then the dump when there is a configuration. */
function describeOutcome(outcome: ParseOutcome): string {
  const messages = outcome.messages.map((m) => `${formatConfigMessage(m)}\n`).join('');
  return outcome.config === null ? messages : `${messages}${dumpConfig(outcome.config)}`;
}

/** The configuration reads back from its dump unchanged, and its dump is a fixed point. */
function assertRoundTrip(outcome: ParseOutcome, name: string): void {
  if (outcome.config === null) return;
  const dump = dumpConfig(outcome.config);
  const again = parseKeepalivedConfig(dump, `${name} (dump)`);
  assert.ok(again.config !== null, `the dump of ${name} does not parse:\n${again.messages.map(formatConfigMessage).join('\n')}`);
  assert.deepEqual(withoutLocations(again.config), withoutLocations(outcome.config));
  assert.equal(dumpConfig(again.config), dump);
}

describe('keepalived.conf corpus', () => {
  const files = corpusFiles();
  const cases = Object.keys(files)
    .filter((path) => !path.includes('/') && path.endsWith('.conf'))
    .sort();

  it(`holds at least ${MINIMUM_CASES} cases`, (t) => {
    t.diagnostic(`${cases.length} corpus files`);
    assert.ok(cases.length >= MINIMUM_CASES, `only ${cases.length} cases`);
  });

  for (const name of cases) {
    it(name, () => {
      const outcome = parseInCorpus(name, files);
      const actual = describeOutcome(outcome);
      const expectedPath = join(CORPUS, name.replace(/\.conf$/, '.expected'));
      if (UPDATE) writeFileSync(expectedPath, actual);
      assert.equal(actual, readFileSync(expectedPath, 'utf8'));
      assertRoundTrip(outcome, name);
    });
  }

  it('a generated file of 255 instances on several interfaces parses clean and round-trips', () => {
    const outcome = parseKeepalivedConfig(manyInstancesFile(255), 'many-instances.conf');
    assert.deepEqual(outcome.messages.map(formatConfigMessage), []);
    assert.equal(outcome.config?.instances.length, 255);
    assert.deepEqual(new Set(outcome.config.instances.map((i) => i.interface)), new Set(LARGE_FILE_INTERFACES));
    assertRoundTrip(outcome, 'many-instances.conf');
  });

  it('a generated main file including 120 files through globs, braces and nested includes reads them all in order', () => {
    const included = manyIncludesFiles(120);
    const outcome = parseInCorpus('many-includes.conf', included);
    assert.deepEqual(outcome.messages.map(formatConfigMessage), []);
    const names = outcome.config?.instances.map((i) => i.name) ?? [];
    assert.equal(names.length, 120);
    // vrrp/*.conf first (brace order), then extra/nested.conf, which includes deeper/*.conf.
    assert.equal(names[0], 'VI_1');
    assert.equal(names[names.length - 1], 'VI_120');
    assert.equal(names.indexOf('VI_4'), 90);
    assertRoundTrip(outcome, 'many-includes.conf');
  });
});

describe('parse time', () => {
  it('parses the 255-instance file in well under 100 ms (median of 5)', (t) => {
    const text = manyInstancesFile(255);
    parseKeepalivedConfig(text, 'warm-up.conf');
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      const outcome = parseKeepalivedConfig(text, 'many-instances.conf');
      times.push(performance.now() - start);
      assert.equal(outcome.config?.instances.length, 255);
    }
    const median = [...times].sort((a, b) => a - b)[2] ?? Infinity;
    t.diagnostic(`255 instances (${text.length} bytes): median ${median.toFixed(1)} ms of ${times.map((ms) => ms.toFixed(1)).join(', ')}`);
    assert.ok(median < 100, `median ${median.toFixed(1)} ms`);
  });
});
