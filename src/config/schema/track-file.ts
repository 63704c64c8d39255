/**
 * `track_file NAME { file PATH; weight W [reverse]; init_file [VALUE] [overwrite] }`
 * (keepalived.conf(5) "Track files"; `vrrp_track_file` is the older name):
 * the integer in the file × weight (default 1, at most ±254) is added to the
 * priority of the instances tracking it.
 */
import type { Statement } from '../block-parser.js';
import type { TrackFileDefinition } from '../config-types.js';
import { KEEPALIVED_DEFAULTS } from '../keepalived-defaults.js';
import { readNamedBlockInto } from './named-block.js';
import type { SchemaContext, Setting } from './schema-context.js';
import { setting, text, type ValueReader } from './setting-handlers.js';
import type { HandlerTable } from './statement-dispatch.js';
import { weightWithReverse } from './vrrp-script.js';

interface TrackFileDraft {
  path?: Setting<string>;
  weight?: Setting<{ readonly weight: number; readonly reverse: boolean }>;
  initFile?: Setting<{ readonly value: number; readonly overwrite: boolean }>;
}

/** `init_file [VALUE] [overwrite]`: create the file with VALUE (0) if missing, or always with overwrite. */
const initFile: ValueReader<{ readonly value: number; readonly overwrite: boolean }> = (statement, context) => {
  let value = 0;
  let overwrite = false;
  for (const word of statement.args) {
    if (word.text === 'overwrite') overwrite = true;
    else if (/^-?\d+$/.test(word.text)) value = Number(word.text);
    else {
      context.error(word.location, `init_file takes a whole number and overwrite, not "${word.text}"`);
      return null;
    }
  }
  return { value, overwrite };
};

const HANDLERS: HandlerTable<'track_file', TrackFileDraft> = {
  file: setting('path', text),
  weight: setting('weight', weightWithReverse(254)),
  init_file: setting('initFile', initFile),
};

export function readTrackFile(statement: Statement, context: SchemaContext): TrackFileDefinition | null {
  const draft: TrackFileDraft = {};
  const named = readNamedBlockInto(statement, context, 'track_file', HANDLERS, draft, {
    keyword: 'file',
    fix: 'add the file to watch, e.g. file "/var/run/keepalived/weight"',
  });
  if (named === null) return null;
  return {
    name: named.name,
    location: named.location,
    path: draft.path?.value ?? null,
    weight: draft.weight?.value.weight ?? KEEPALIVED_DEFAULTS.trackFileWeight,
    reverse: draft.weight?.value.reverse ?? false,
    initFile: draft.initFile?.value ?? null,
  };
}
