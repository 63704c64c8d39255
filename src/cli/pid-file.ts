/** keepalived-style pid files: refuse to start twice, remove on exit. */
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isProcessAlive } from '../runtime/process-alive.js';

/** Null when written; otherwise the pid of the running process that owns the file. */
export function claimPidFile(path: string): number | null {
  try {
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isProcessAlive(owner)) return owner;
  } catch {
    // no file (or unreadable): ours to write
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${process.pid}\n`);
  return null;
}

export function releasePidFile(path: string): void {
  try {
    if (Number(readFileSync(path, 'utf8').trim()) === process.pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}
