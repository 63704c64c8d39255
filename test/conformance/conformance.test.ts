/**
 * Golden conformance cases: test/conformance/<case>/ holds instance.json,
 * input.events, expected.actions and expected-status.json. Run with
 * UPDATE_GOLDEN=1 to rewrite the expectations (then review the diff).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/repo-root.js';
import { parseEventLines } from '../support/conformance/event-lines.js';
import type { InstanceSettings } from '../support/conformance/instance-settings.js';
import { runCase } from '../support/conformance/run-case.js';

const casesDir = join(repoRoot(), 'test', 'conformance');
const update = process.env['UPDATE_GOLDEN'] === '1';
const caseNames = readdirSync(casesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The first "# checks:" line of a case names the rule it checks. */
function checkedRule(inputText: string): string | null {
  const line = inputText.split('\n').find((l) => l.startsWith('# checks:'));
  return line === undefined ? null : line.slice('# checks:'.length).trim();
}

describe('golden conformance cases', () => {
  it('there are at least 40 of them', () => {
    assert.ok(caseNames.length >= 40, `only ${caseNames.length} cases`);
  });

  it('the README lists every case', () => {
    const readme = readFileSync(join(casesDir, 'README.md'), 'utf8');
    const missing = caseNames.filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(missing, []);
  });

  for (const name of caseNames) {
    it(name, () => {
      const dir = join(casesDir, name);
      const inputText = readFileSync(join(dir, 'input.events'), 'utf8');
      assert.ok(checkedRule(inputText), `${name}/input.events must start with "# checks: <RFC section or keepalived behaviour>"`);
      const settings = JSON.parse(readFileSync(join(dir, 'instance.json'), 'utf8')) as InstanceSettings;
      const run = runCase(settings, parseEventLines(inputText, `${name}/input.events`));
      const statusText = JSON.stringify(run.status, null, 2) + '\n';
      const actionsPath = join(dir, 'expected.actions');
      const statusPath = join(dir, 'expected-status.json');
      if (update) {
        writeFileSync(actionsPath, run.transcript);
        writeFileSync(statusPath, statusText);
      }
      assert.ok(existsSync(actionsPath) && existsSync(statusPath), `${name}: no expectations yet; run with UPDATE_GOLDEN=1 and review them`);
      assert.equal(run.transcript, readFileSync(actionsPath, 'utf8'));
      assert.equal(statusText, readFileSync(statusPath, 'utf8'));
    });
  }
});
