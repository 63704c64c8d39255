import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/repo-root.js';
import { PURE_LAYERS, purityViolations } from './purity-rules.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('pure layers', () => {
  for (const layer of Object.keys(PURE_LAYERS)) {
    const dir = join(repoRoot(), 'src', layer);
    if (!existsSync(dir)) continue;
    it(`src/${layer} imports no node:*, reads no clock, draws no randomness`, () => {
      const files = sourceFiles(dir);
      assert.ok(files.length > 0, `src/${layer} has no source files`);
      const problems = files.flatMap((file) => {
        const depth = relative(dir, file).split(sep).length - 1;
        return purityViolations(layer, readFileSync(file, 'utf8'), depth).map((p) => `${relative(repoRoot(), file)}: ${p}`);
      });
      assert.deepEqual(problems, []);
    });
  }
});

describe('purityViolations (the rule itself can fail)', () => {
  it('flags node imports, clocks, randomness, timers, logging and upward imports', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import 'node:os';",
      "import { step } from '../runtime/daemon.js';",
      'const now = Date.now();',
      'const r = Math.random();',
      'setTimeout(() => {}, 1);',
      'console.log(1);',
      'const b = Buffer.from([1]);',
      "import { x } from './no-extension';",
    ].join('\n');
    const problems = purityViolations('protocol', bad);
    assert.equal(problems.length, 9, problems.join('\n'));
  });

  it('accepts a pure file and ignores words in comments and strings', () => {
    const good = [
      "import { decodeAdvert } from '../codec/advert-decoder.js';",
      "import { ok } from '../primitives/result.js';",
      "import { skewTime } from './timing.js';",
      '// Date.now() is never called here; setTimeout( neither',
      "const text = 'console.log(Math.random())';",
    ].join('\n');
    assert.deepEqual(purityViolations('protocol', good), []);
  });
});
