/**
 * One track_file: the integer in a file, re-read whenever the file changes.
 *
 * Event-driven like keepalived (inotify): we watch the file's DIRECTORY, so
 * that creating the file, replacing it by rename and deleting it are all
 * seen (keepalived 2.2.7: a file missing at start read 0 and its later
 * creation was picked up; an update by `mv tmp file` was picked up; deleting
 * the file made the value 0). fs.watch reports modifications, not the
 * close after a write, and `echo 5 > file` is a truncate then a write: a read
 * in between would see "" (0) and could flap an instance through FAULT. So a
 * read waits until the directory has been quiet for SETTLE_MS. Reads are
 * serialised: a change during a read causes one more read, so the last
 * value read is the file's last content.
 *
 * `init_file [V] [overwrite]`: before watching, write V (default 0) if the
 * file does not exist, or always with `overwrite`. keepalived created it
 * mode 0600 with content "V\n".
 *
 * The daemon maps keepalived.conf's track_file block onto TrackFileSpec
 * (`file` → path; `init_file` → initFile) and applies each instance's
 * weight/reverse with trackFileEffect on every value reported here.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { LogLine } from '../../log/log-lines.js';
import { trackFileInvalidLine } from './health-log-lines.js';
import { parseTrackFileValue } from './track-file-value.js';

export interface TrackFileSpec {
  readonly name: string;
  /** Absolute path of the watched file. */
  readonly path: string;
  readonly initFile: { readonly value: number; readonly overwrite: boolean } | null;
}

export interface TrackFileDependencies {
  readonly log: (line: LogLine) => void;
  /** Called with each new value (not at start; read `value` after start()). */
  readonly onChange: (value: number) => void;
}

/** How long the file must be left alone before it is read. */
const SETTLE_MS = 10;

export class TrackFile {
  private current = 0;
  private watcher: FSWatcher | null = null;
  private reading: Promise<void> | null = null;
  private settle: NodeJS.Timeout | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly spec: TrackFileSpec,
    private readonly deps: TrackFileDependencies,
  ) {}

  get value(): number {
    return this.current;
  }

  /** Applies init_file, starts watching, and reads the initial value. */
  async start(): Promise<void> {
    if (this.spec.initFile !== null) {
      const { value, overwrite } = this.spec.initFile;
      try {
        await writeFile(this.spec.path, `${value}\n`, { mode: 0o600, flag: overwrite ? 'w' : 'wx' });
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
    }
    const name = basename(this.spec.path);
    this.watcher = watch(dirname(this.spec.path), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) this.changed();
    });
    this.watcher.on('error', () => {
      // The directory went away: the file reads as missing (0) from now on.
      this.changed();
    });
    this.current = await this.readValue(this.current);
  }

  close(): void {
    this.closed = true;
    if (this.settle !== null) clearTimeout(this.settle);
    this.watcher?.close();
    this.watcher = null;
  }

  private changed(): void {
    if (this.closed) return;
    if (this.settle !== null) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.read();
    }, SETTLE_MS);
  }

  private read(): void {
    if (this.closed) return;
    if (this.reading !== null) {
      this.again = true;
      return;
    }
    this.reading = this.readLoop().finally(() => (this.reading = null));
  }

  private async readLoop(): Promise<void> {
    do {
      this.again = false;
      const value = await this.readValue(this.current);
      if (this.closed) return;
      if (value !== this.current) {
        this.current = value;
        this.deps.onChange(value);
      }
    } while (this.again);
  }

  private async readValue(previous: number): Promise<number> {
    let content: string;
    try {
      content = await readFile(this.spec.path, 'utf8');
    } catch {
      return 0; // missing or unreadable: keepalived reads 0
    }
    const reading = parseTrackFileValue(content);
    if (reading.kind === 'invalid') {
      this.deps.log(trackFileInvalidLine(this.spec.path, reading.text));
      return previous;
    }
    return reading.value;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
