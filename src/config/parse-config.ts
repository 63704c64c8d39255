/**
 * keepalived.conf → typed configuration: the pipeline
 *
 *     text ─expandConfig→ tokens ─parseStatements→ statements ─schema→ drafts ─rules→ VipdConfig
 *
 * expandConfig applies keepalived's configuration language (include, @, $,
 * ~SEQ, ~LST) and lexes what results; the file access, config id and
 * environment it needs are handed in (`options`), so this stays pure.
 *
 * Parsing never throws on any text. It returns every message it found, in
 * reading order, and a configuration only when none of them is an error.
 */
import { parseStatements, type Statement } from './block-parser.js';
import { Diagnostics, inReadingOrder } from './config-message.js';
import type {
  GarpGroupDefinition,
  ParseOptions,
  ParseOutcome,
  RecordedStatement,
  RouteSpec,
  RuleSpec,
  TrackFileDefinition,
  TrackProcessDefinition,
  VipdConfig,
  VirtualAddressSpec,
  VrrpScriptDefinition,
} from './config-types.js';
import { checkSharedAddresses, checkSyncGroups, checkTrackReferences, firstOfEachName } from './reference-checks.js';
import { requireBlock } from './schema/arguments.js';
import { readGarpGroup } from './schema/garp-group.js';
import { recordStatement } from './schema/recorded-statement.js';
import { readRouteBlock } from './schema/route-line.js';
import { readRuleBlock } from './schema/rule-line.js';
import { readSyncGroup, type SyncGroupRead } from './schema/sync-group.js';
import { readTrackFile } from './schema/track-file.js';
import { readTrackProcess } from './schema/track-process.js';
import { readVirtualAddressLine } from './schema/virtual-ipaddress.js';
import { readVrrpScript } from './schema/vrrp-script.js';
import { resolveInstance, type ResolvedInstance } from './instance-rules.js';
import { checkVridClashes, withUniqueNames } from './instance-set-checks.js';
import { expandConfig } from './language/expand-config.js';
import { readGlobalDefs, resolveGlobalDefs, type GlobalDefsDraft } from './schema/global-defs.js';
import { SchemaContext } from './schema/schema-context.js';
import { dispatchStatements, type HandlerTable } from './schema/statement-dispatch.js';
import { readVrrpInstance, type InstanceDraft } from './schema/vrrp-instance.js';

/** The top level of a file, as written. */
interface FileDraft {
  readonly globalDefs: GlobalDefsDraft;
  readonly instances: InstanceDraft[];
  readonly syncGroups: SyncGroupRead[];
  readonly scripts: VrrpScriptDefinition[];
  readonly trackFiles: TrackFileDefinition[];
  readonly trackProcesses: TrackProcessDefinition[];
  readonly staticAddresses: VirtualAddressSpec[];
  readonly staticRoutes: RouteSpec[];
  readonly staticRules: RuleSpec[];
  readonly garpGroups: GarpGroupDefinition[];
  readonly otherKeywords: RecordedStatement[];
}

function pushIfRead<T>(list: T[], item: T | null): void {
  if (item !== null) list.push(item);
}

const TOP_LEVEL: HandlerTable<'top', FileDraft> = {
  global_defs(statement: Statement, draft, context) {
    readGlobalDefs(statement, draft.globalDefs, context);
  },
  vrrp_instance(statement: Statement, draft, context) {
    draft.instances.push(readVrrpInstance(statement, context));
  },
  vrrp_sync_group: (statement, draft, context) => pushIfRead(draft.syncGroups, readSyncGroup(statement, context)),
  vrrp_script: (statement, draft, context) => pushIfRead(draft.scripts, readVrrpScript(statement, context)),
  track_file: (statement, draft, context) => pushIfRead(draft.trackFiles, readTrackFile(statement, context)),
  vrrp_track_file: (statement, draft, context) => pushIfRead(draft.trackFiles, readTrackFile(statement, context)),
  vrrp_track_process: (statement, draft, context) => pushIfRead(draft.trackProcesses, readTrackProcess(statement, context)),
  garp_group: (statement, draft, context) => pushIfRead(draft.garpGroups, readGarpGroup(statement, context)),
  static_ipaddress(statement, draft, context) {
    const block = requireBlock(statement, context, 'static_ipaddress { ADDRESS[/PREFIX] dev IF … }');
    if (block === null) return;
    const inner = context.within('static_ipaddress');
    for (const line of block.children) pushIfRead(draft.staticAddresses, readVirtualAddressLine(line, inner));
  },
  static_routes(statement, draft, context) {
    const block = requireBlock(statement, context, 'static_routes { ROUTE … }');
    if (block !== null) draft.staticRoutes.push(...readRouteBlock(block.children, 'static_routes', context));
  },
  static_rules(statement, draft, context) {
    const block = requireBlock(statement, context, 'static_rules { RULE … }');
    if (block !== null) draft.staticRules.push(...readRuleBlock(block.children, 'static_rules', context));
  },
};

export function parseKeepalivedConfig(text: string, fileName: string, options: ParseOptions = {}): ParseOutcome {
  const diagnostics = new Diagnostics();
  const expanded = expandConfig(text, fileName, options);
  diagnostics.addAll(expanded.messages);
  const parsed = parseStatements(expanded.tokens);
  diagnostics.addAll(parsed.messages);

  const file: FileDraft = {
    globalDefs: { otherKeywords: [] },
    instances: [],
    syncGroups: [],
    scripts: [],
    trackFiles: [],
    trackProcesses: [],
    staticAddresses: [],
    staticRoutes: [],
    staticRules: [],
    garpGroups: [],
    otherKeywords: [],
  };
  dispatchStatements(parsed.statements, 'top', TOP_LEVEL, file, new SchemaContext(diagnostics, undefined), (s) =>
    file.otherKeywords.push(recordStatement(s)),
  );

  // global_defs applies to every instance wherever it stands in the file, as in keepalived.
  const globalDefs = resolveGlobalDefs(file.globalDefs);
  const instances: ResolvedInstance[] = [];
  for (const draft of withUniqueNames(file.instances, diagnostics)) {
    const instance = resolveInstance(draft, globalDefs, diagnostics);
    if (instance !== null) instances.push(instance);
  }
  checkVridClashes(instances, diagnostics);
  if (file.instances.length === 0) {
    diagnostics.warning({ file: fileName, line: 1 }, 'no vrrp_instance is defined, so vipd has nothing to run');
  }
  const definitions = instances.map((i) => i.definition);
  checkSharedAddresses(definitions, diagnostics);
  const scripts = firstOfEachName(file.scripts, 'vrrp_script', diagnostics);
  const trackFiles = firstOfEachName(file.trackFiles, 'track_file', diagnostics);
  const trackProcesses = firstOfEachName(file.trackProcesses, 'vrrp_track_process', diagnostics);
  const instanceNames = new Set(file.instances.flatMap((d) => (d.name === null ? [] : [d.name])));
  const syncGroups = checkSyncGroups(file.syncGroups, definitions, instanceNames, diagnostics);
  checkTrackReferences(
    [
      ...definitions.map((d) => ({ title: `vrrp_instance ${d.name}`, tracker: d })),
      ...syncGroups.map((g) => ({ title: `vrrp_sync_group ${g.name}`, tracker: g })),
    ],
    { scripts, trackFiles, trackProcesses },
    diagnostics,
  );

  const config: VipdConfig = {
    globalDefs,
    instances: definitions,
    syncGroups,
    scripts,
    trackFiles,
    trackProcesses,
    staticAddresses: file.staticAddresses,
    staticRoutes: file.staticRoutes,
    staticRules: file.staticRules,
    garpGroups: file.garpGroups,
    otherKeywords: file.otherKeywords,
  };
  return { config: diagnostics.hasErrors ? null : config, messages: inReadingOrder(diagnostics.messages) };
}
