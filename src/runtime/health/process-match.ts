/**
 * Which processes a vrrp_track_process counts, after keepalived.conf(5)
 * (not probed by experiment: keepalived 2.2.7's process tracking does not
 * work inside a network namespace — it logged "Failed to set/clear process
 * event listen - errno 111 - Connection refused" — and keepalived may not
 * run in the root namespace here):
 *
 *  - `process NAME`: NAME is compared with the process name (/proc/PID/comm,
 *    which the kernel truncates to 15 bytes, so NAME is too);
 *  - with `full_command`, NAME is compared with argv[0] of /proc/PID/cmdline;
 *  - `process NAME PARAM…` also compares the parameters with argv[1…]:
 *    all of them and no more by default, the first ones with
 *    `param_match initial`, a contiguous run anywhere with `param_match
 *    partial`.
 */
export interface ProcessIdentity {
  /** /proc/PID/comm without its newline. */
  readonly comm: string;
  /** /proc/PID/cmdline split at NULs; empty for kernel threads. */
  readonly argv: readonly string[];
}

export type ParamMatch = 'exact' | 'initial' | 'partial';

export interface ProcessPattern {
  readonly process: string;
  readonly params: readonly string[] | null;
  readonly fullCommand: boolean;
  readonly paramMatch: ParamMatch;
}

const COMM_BYTES = 15;

export function matchesProcess(pattern: ProcessPattern, identity: ProcessIdentity): boolean {
  const name = pattern.fullCommand ? identity.argv[0] : identity.comm;
  const wanted = pattern.fullCommand ? pattern.process : truncateComm(pattern.process);
  if (name !== wanted) return false;
  if (pattern.params === null) return true;
  const args = identity.argv.slice(1);
  const params = pattern.params;
  switch (pattern.paramMatch) {
    case 'exact':
      return args.length === params.length && params.every((p, i) => args[i] === p);
    case 'initial':
      return params.every((p, i) => args[i] === p);
    case 'partial':
      for (let start = 0; start + params.length <= args.length; start++) {
        if (params.every((p, i) => args[start + i] === p)) return true;
      }
      return false;
  }
}

function truncateComm(name: string): string {
  const bytes = new TextEncoder().encode(name);
  return bytes.length <= COMM_BYTES ? name : new TextDecoder().decode(bytes.subarray(0, COMM_BYTES));
}
