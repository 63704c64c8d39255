import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expandGlob } from './expand-glob.js';

describe('expandGlob on a real directory tree', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'vipd-glob-'));
    for (const dir of ['conf.d/web', 'conf.d/db', 'conf.d/web/nested.conf']) mkdirSync(join(root, dir), { recursive: true });
    for (const file of ['conf.d/web/b.conf', 'conf.d/web/a.conf', 'conf.d/web/.hidden.conf', 'conf.d/web/notes.txt', 'conf.d/db/a.conf', 'top.conf']) {
      writeFileSync(join(root, file), file);
    }
    symlinkSync(join(root, 'missing.conf'), join(root, 'conf.d/db/dangling.conf'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const relative = (paths: string[]): string[] => paths.map((p) => p.slice(root.length + 1));

  it('matches wildcards per segment, sorted, without directories or hidden files', () => {
    assert.deepEqual(relative(expandGlob(join(root, 'conf.d/web/*.conf'))), ['conf.d/web/a.conf', 'conf.d/web/b.conf']);
    assert.deepEqual(relative(expandGlob(join(root, 'conf.d/*/a.conf'))), ['conf.d/db/a.conf', 'conf.d/web/a.conf']);
    assert.deepEqual(relative(expandGlob(join(root, 'conf.d/web/[!a]*'))), ['conf.d/web/b.conf', 'conf.d/web/notes.txt']);
  });

  it('takes brace alternatives in the order written', () => {
    assert.deepEqual(relative(expandGlob(join(root, 'conf.d/{web,db}/a.conf'))), ['conf.d/web/a.conf', 'conf.d/db/a.conf']);
  });

  it('gives a name without wildcards when it exists and is not a directory, a dangling link included', () => {
    assert.deepEqual(relative(expandGlob(join(root, 'top.conf'))), ['top.conf']);
    assert.deepEqual(expandGlob(join(root, 'nope.conf')), []);
    assert.deepEqual(expandGlob(join(root, 'conf.d')), []);
    assert.deepEqual(relative(expandGlob(join(root, 'conf.d/db/dangling.conf'))), ['conf.d/db/dangling.conf']);
  });

  it('finds nothing below a missing directory or a file', () => {
    assert.deepEqual(expandGlob(join(root, 'none/*.conf')), []);
    assert.deepEqual(expandGlob(join(root, 'top.conf/*')), []);
  });
});
