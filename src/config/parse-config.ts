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
import type { ParseOptions, ParseOutcome } from './config-types.js';
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
}

const TOP_LEVEL: HandlerTable<'top', FileDraft> = {
  global_defs(statement: Statement, draft, context) {
    readGlobalDefs(statement, draft.globalDefs, context);
  },
  vrrp_instance(statement: Statement, draft, context) {
    draft.instances.push(readVrrpInstance(statement, context));
  },
};

export function parseKeepalivedConfig(text: string, fileName: string, options: ParseOptions = {}): ParseOutcome {
  const diagnostics = new Diagnostics();
  const expanded = expandConfig(text, fileName, options);
  diagnostics.addAll(expanded.messages);
  const parsed = parseStatements(expanded.tokens);
  diagnostics.addAll(parsed.messages);

  const file: FileDraft = { globalDefs: {}, instances: [] };
  dispatchStatements(parsed.statements, 'top', TOP_LEVEL, file, new SchemaContext(diagnostics, undefined));

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

  return {
    config: diagnostics.hasErrors ? null : { globalDefs, instances: instances.map((i) => i.definition) },
    messages: inReadingOrder(diagnostics.messages),
  };
}
