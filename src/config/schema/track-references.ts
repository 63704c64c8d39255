/**
 * The lines of track_interface, track_script, track_file, track_process and
 * track_bfd blocks (keepalived.conf(5); reference §1):
 *
 *     NAME [weight W [reverse|noreverse]]
 *
 * Weights: ±253 for interfaces and scripts (keepalived turns ±254 into ±253
 * with a warning, "weight for eth0 cannot be +/-254. Setting to +/-253"),
 * ±254 for files, processes and BFD.
 */
import { isAnonymousBlock, type Statement, type Word } from '../block-parser.js';
import type { TrackReference } from '../config-types.js';
import { requireBlock } from './arguments.js';
import type { SchemaContext } from './schema-context.js';

export type TrackKind = 'track_interface' | 'track_script' | 'track_file' | 'track_process' | 'track_bfd';

function weightLimit(kind: TrackKind): number {
  return kind === 'track_interface' || kind === 'track_script' ? 253 : 254;
}

/** Reads one track_* block. */
export function readTrackBlock(statement: Statement, kind: TrackKind, context: SchemaContext): TrackReference[] {
  const block = requireBlock(statement, context, `${kind} { NAME [weight W [reverse]] … }`);
  if (block === null) return [];
  const references: TrackReference[] = [];
  for (const line of block.children) {
    if (isAnonymousBlock(line)) continue;
    const reference = readTrackLine(line, kind, context);
    if (reference !== null) references.push(reference);
  }
  return references;
}

function readTrackLine(line: Statement, kind: TrackKind, context: SchemaContext): TrackReference | null {
  if (line.block !== undefined) context.error(line.block.open, `${kind}: a line cannot open a { … } block; remove it`);
  const name = line.keyword.text;
  let weight: number | null = null;
  let reverse = false;
  const words = line.args;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === undefined) break;
    if (word.text === 'weight') {
      const value = words[i + 1];
      i++;
      const parsed = value === undefined ? undefined : weightOf(value, name, kind, context);
      if (parsed === undefined) {
        if (value === undefined) context.error(word.location, `${kind} ${name}: weight is missing its value (e.g. weight -20)`);
        return null;
      }
      weight = parsed;
    } else if (word.text === 'reverse' || word.text === 'noreverse') {
      reverse = word.text === 'reverse';
    } else {
      context.error(word.location, `${kind} ${name}: unexpected "${word.text}"; expected weight W and reverse or noreverse`);
      return null;
    }
  }
  return { name, weight, reverse, location: line.location };
}

function weightOf(value: Word, name: string, kind: TrackKind, context: SchemaContext): number | undefined {
  const limit = weightLimit(kind);
  if (!/^[-+]?\d+$/.test(value.text)) {
    context.error(value.location, `${kind} ${name}: weight "${value.text}" is not a whole number; use -${limit} to ${limit}`);
    return undefined;
  }
  const weight = Number(value.text);
  if (Math.abs(weight) === 254 && limit === 253) {
    const clamped = weight > 0 ? 253 : -253;
    context.warning(value.location, `${kind} ${name}: weight cannot be ±254, so ${clamped} is used (as keepalived does)`, 'keepalivedConfigError');
    return clamped;
  }
  if (Math.abs(weight) > limit) {
    context.error(value.location, `${kind} ${name}: weight ${value.text} is out of range; use -${limit} to ${limit}`);
    return undefined;
  }
  return weight;
}
