/**
 * The architecture's hard rule: the pure layers (protocol, codec, primitives,
 * netlink codec) import nothing from Node, read no clock, draw no random
 * numbers and log nothing, and each imports only the layers below it.
 */
export const PURE_LAYERS: Readonly<Record<string, readonly string[]>> = {
  primitives: [],
  codec: ['primitives'],
  netlink: ['primitives'],
  protocol: ['primitives', 'codec'],
};

const FORBIDDEN: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bDate\b/, what: 'reads the wall clock (Date)' },
  { pattern: /\bperformance\s*\./, what: 'reads a clock (performance)' },
  { pattern: /\bprocess\s*\./, what: 'touches the process' },
  { pattern: /\bMath\.random\b/, what: 'draws random numbers' },
  { pattern: /\bcrypto\s*\./, what: 'uses crypto randomness' },
  { pattern: /\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, what: 'schedules work' },
  { pattern: /\bconsole\s*\./, what: 'logs' },
  { pattern: /\brequire\s*\(/, what: 'loads modules dynamically' },
  { pattern: /\bimport\s*\(/, what: 'loads modules dynamically' },
  { pattern: /\bBuffer\b/, what: 'uses Node\'s Buffer (use Uint8Array)' },
  { pattern: /\bglobalThis\b/, what: 'reaches global state' },
];

/** Strip comments and string contents so prose cannot trip or hide a rule. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/**
 * Violations in one source file of layer `layer`. `fileDepth` is how many
 * folders below src/<layer>/ the file sits (for resolving "../" imports).
 */
export function purityViolations(layer: string, source: string, fileDepth = 0): string[] {
  const allowed = PURE_LAYERS[layer];
  if (allowed === undefined) return [`${layer} is not a pure layer`];
  const problems: string[] = [];
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
  ];
  for (const match of specifiers) {
    const specifier = match[1] ?? '';
    if (!specifier.startsWith('.')) {
      problems.push(`imports "${specifier}" (only relative imports of pure layers are allowed)`);
      continue;
    }
    if (!specifier.endsWith('.js')) problems.push(`imports "${specifier}" without the .js extension NodeNext needs`);
    const ups = specifier.split('/').filter((part) => part === '..').length;
    if (ups <= fileDepth) continue; // within its own layer
    const target = specifier.split('/').filter((part) => part !== '..' && part !== '.')[0] ?? '';
    if (!allowed.includes(target)) problems.push(`imports "${specifier}": ${layer} may import only ${[layer, ...allowed].join(', ')}`);
  }
  const code = codeOnly(source);
  for (const { pattern, what } of FORBIDDEN) {
    if (pattern.test(code)) problems.push(what);
  }
  return problems;
}
