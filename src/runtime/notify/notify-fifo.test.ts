import assert from 'node:assert/strict';
import { createReadStream, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NotifyFifo } from './notify-fifo.js';

/** Reads `count` lines from the FIFO at `path` (bounded by 5 s). */
function readLines(path: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8' });
    let text = '';
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`only ${text.split('\n').length - 1} of ${count} lines within 5 s`));
    }, 5000);
    stream.on('data', (chunk) => {
      text += chunk;
      const lines = text.split('\n');
      if (lines.length - 1 >= count) {
        clearTimeout(timer);
        stream.destroy();
        resolve(lines.slice(0, count));
      }
    });
  });
}

describe('NotifyFifo', () => {
  it('creates a missing FIFO 0600, never blocks without a reader, and delivers lines in order once one comes', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'vipd-fifo-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'notify.fifo');
    const fifo = NotifyFifo.open(path, () => {});
    t.after(() => fifo.close());
    const s = lstatSync(path);
    assert.ok(s.isFIFO());
    assert.equal(s.mode & 0o777, 0o600);
    // More than a pipe holds (64 KiB), written with no reader: returns at once.
    const count = 5000;
    const started = performance.now();
    for (let i = 0; i < count; i++) fifo.write(`INSTANCE "VI_${i}" MASTER 100`);
    assert.ok(performance.now() - started < 500, 'writes did not block');
    const lines = await readLines(path, count);
    assert.equal(lines[0], 'INSTANCE "VI_0" MASTER 100');
    assert.deepEqual(lines, Array.from({ length: count }, (_, i) => `INSTANCE "VI_${i}" MASTER 100`));
  });

  it('refuses a path that is not a FIFO', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'vipd-fifo-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    assert.throws(() => NotifyFifo.open(dir, () => {}), /is not a FIFO/);
  });
});
