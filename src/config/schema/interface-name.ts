/**
 * Linux network interface names, as the kernel accepts them (dev_valid_name):
 * 1 to 15 bytes (IFNAMSIZ is 16 with the terminating NUL; keepalived rejects
 * longer names too), not "." or "..", and no "/", ":" or white space. A name
 * that breaks these rules can never exist, so it is a configuration error
 * rather than an interface that is merely missing at start-up.
 */
export const MAX_INTERFACE_NAME_BYTES = 15;

/** Why `name` cannot be an interface name, or null when it can. */
export function interfaceNameProblem(name: string): string | null {
  if (name === '') return 'an interface name cannot be empty';
  if (name === '.' || name === '..') return `"${name}" cannot be an interface name`;
  if (/[/:\s]/.test(name)) return `interface name "${name}" cannot contain "/", ":" or white space`;
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_INTERFACE_NAME_BYTES) {
    return `interface name "${name}" is ${bytes} bytes long; Linux allows at most ${MAX_INTERFACE_NAME_BYTES}`;
  }
  return null;
}
