import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { TrackFile, type TrackFileSpec } from './track-file.js';

/** A TrackFile in a fresh directory, with its changes as awaitable events. */
async function tracked(t: TestContext, initFile: TrackFileSpec['initFile'] = null, before?: (path: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'vipd-track-file-'));
  const path = join(dir, 'weight');
  before?.(path);
  const lines: string[] = [];
  const waitingLines: ((line: string) => void)[] = [];
  const waiting: ((value: number) => void)[] = [];
  const values: number[] = [];
  const file = new TrackFile({ name: 'tf', path, initFile }, {
    log: (line) => {
      lines.push(line.text);
      waitingLines.shift()?.(line.text);
    },
    onChange: (value) => {
      values.push(value);
      waiting.shift()?.(value);
    },
  });
  t.after(() => {
    file.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await file.start();
  /** The next item pushed to `queue`, or a rejection after 2 s. */
  const nextOf = <T>(queue: ((item: T) => void)[]): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing reported within 2 s')), 2000);
      queue.push((item) => {
        clearTimeout(timer);
        resolve(item);
      });
    });
  const next = (): Promise<number> => nextOf(waiting);
  const nextLine = (): Promise<string> => nextOf(waitingLines);
  return { dir, path, file, lines, values, next, nextLine };
}

describe('TrackFile', () => {
  it('reads a missing file as 0 and sees it created, replaced by rename, rewritten and deleted', async (t) => {
    const h = await tracked(t);
    assert.equal(h.file.value, 0);
    let change = h.next();
    writeFileSync(h.path, '12\n');
    assert.equal(await change, 12);
    change = h.next();
    writeFileSync(`${h.path}.tmp`, '6\n');
    renameSync(`${h.path}.tmp`, h.path);
    assert.equal(await change, 6);
    change = h.next();
    writeFileSync(h.path, '0x10\n');
    assert.equal(await change, 16);
    change = h.next();
    unlinkSync(h.path);
    assert.equal(await change, 0);
    assert.equal(h.file.value, 0);
  });

  it('never reports the empty file between the truncate and the write of an update', async (t) => {
    const h = await tracked(t, null, (path) => writeFileSync(path, '1\n'));
    for (let round = 2; round <= 30; round++) {
      const change = h.next();
      writeFileSync(h.path, `${round}\n`);
      assert.equal(await change, round);
    }
    assert.ok(!h.values.includes(0), `values ${h.values.join(',')}`);
  });

  it('reads the existing value at start', async (t) => {
    const h = await tracked(t, null, (path) => writeFileSync(path, ' -5\n'));
    assert.equal(h.file.value, -5);
  });

  it('ignores an out-of-range number with keepalived\'s message and keeps the value', async (t) => {
    const h = await tracked(t, null, (path) => writeFileSync(path, '3\n'));
    const line = h.nextLine();
    writeFileSync(h.path, '99999999999\n');
    assert.equal(await line, `Invalid number 99999999999 read from ${h.path} - ignoring`);
    assert.equal(h.file.value, 3);
    const change = h.next();
    writeFileSync(h.path, '4\n');
    assert.equal(await change, 4);
    assert.deepEqual(h.values, [4]);
  });

  it('init_file writes the value, mode 0600, only when missing unless overwrite', async (t) => {
    const created = await tracked(t, { value: 7, overwrite: false });
    assert.equal(created.file.value, 7);
    assert.equal(readFileSync(created.path, 'utf8'), '7\n');
    assert.equal(statSync(created.path).mode & 0o777, 0o600);

    const kept = await tracked(t, { value: 7, overwrite: false }, (path) => writeFileSync(path, '3\n'));
    assert.equal(kept.file.value, 3);

    const overwritten = await tracked(t, { value: 9, overwrite: true }, (path) => writeFileSync(path, '3\n'));
    assert.equal(overwritten.file.value, 9);
    assert.equal(readFileSync(overwritten.path, 'utf8'), '9\n');
  });
});
