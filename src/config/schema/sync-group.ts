/**
 * `vrrp_sync_group NAME { group { VI_1 VI_2 … } track_* notify_* smtp_alert
 * notify_priority_changes }` (keepalived.conf(5) "VRRP synchronization
 * group(s)"; reference §1). Whether the members exist, and belong to one
 * group only, is checked across the file (reference-checks.ts).
 */
import { isAnonymousBlock, type Statement } from '../block-parser.js';
import type { SourceLocation, SyncGroupDefinition } from '../config-types.js';
import { requireBlock } from './arguments.js';
import { readNamedBlock } from './named-block.js';
import type { SchemaContext } from './schema-context.js';
import { dispatchStatements, type HandlerTable } from './statement-dispatch.js';
import { emptyTrackingDraft, resolveTracking, trackingHandlers, type TrackingDraft } from './tracking-handlers.js';

interface SyncGroupDraft extends TrackingDraft {
  readonly members: { readonly name: string; readonly location: SourceLocation }[];
}

const HANDLERS: HandlerTable<'vrrp_sync_group', SyncGroupDraft> = {
  group(statement, draft, context) {
    const block = requireBlock(statement, context, 'group { VI_1 VI_2 … }');
    if (block === null) return;
    for (const line of block.children) {
      if (isAnonymousBlock(line)) continue;
      // keepalived reads every word of the block as an instance name, several to a line or one per line.
      for (const word of [line.keyword, ...line.args]) draft.members.push({ name: word.text, location: word.location });
    }
  },
  ...trackingHandlers<SyncGroupDraft>(),
};

/** A sync group as written, with where each member is named. */
export interface SyncGroupRead {
  readonly definition: SyncGroupDefinition;
  readonly title: string;
  readonly memberLocations: readonly SourceLocation[];
}

export function readSyncGroup(statement: Statement, context: SchemaContext): SyncGroupRead | null {
  const named = readNamedBlock(statement, context);
  if (named === null) return null;
  const draft: SyncGroupDraft = { ...emptyTrackingDraft(), members: [] };
  dispatchStatements(named.block.children, 'vrrp_sync_group', HANDLERS, draft, named.context);
  return {
    title: named.title,
    memberLocations: draft.members.map((m) => m.location),
    definition: {
      name: named.name,
      location: named.location,
      members: draft.members.map((m) => m.name),
      ...resolveTracking(draft, false),
    },
  };
}
