/**
 * vipd's command line: keepalived's flags with keepalived's meanings
 * (keepalived --help, keepalived(8)), so existing unit files and scripts work
 * unchanged. Flags of keepalived's other halves are accepted and ignored.
 */
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../primitives/result.js';

export interface DaemonOptions {
  /** -f, --use-file */
  readonly configFile: string;
  /** -n, --dont-fork */
  readonly foreground: boolean;
  /** -l, --log-console */
  readonly logConsole: boolean;
  /** -D, --log-detail */
  readonly logDetail: boolean;
  /** -G, --no-syslog */
  readonly noSyslog: boolean;
  /** -p, --pid (and -r, --vrrp_pid: vipd is one process, so either names its pid file) */
  readonly pidFile: string;
  /** -i, --config-id (default: host name up to the first dot) */
  readonly configId: string | null;
  /** -d, --dump-conf: print (with -t) or log (at startup) the effective configuration. */
  readonly dumpConfig: boolean;
  /** vipd: the control socket vipctl talks to. */
  readonly controlSocket: string;
}

export type DaemonCommand =
  | { readonly kind: 'run'; readonly options: DaemonOptions }
  | { readonly kind: 'configTest'; readonly options: DaemonOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' };

export const DEFAULT_CONFIG_FILE = '/etc/keepalived/keepalived.conf';
export const DEFAULT_PID_FILE = '/run/vipd.pid';
export const DEFAULT_CONTROL_SOCKET = '/run/vipd/vipd.sock';

export const USAGE = `Usage: vipd [OPTION...]
       vipd lab                      run the three-router namespace lab
       vipd vrrpd [vrrpd flags]      run with Advanced vrrpd's command line (vipd vrrpd -h)
  -f, --use-file=FILE          Use the specified configuration file
                                default '${DEFAULT_CONFIG_FILE}'
  -n, --dont-fork              Don't fork the daemon process
  -l, --log-console            Log messages to local console
  -D, --log-detail             Detailed log messages
  -G, --no-syslog              Don't log via syslog
  -p, --pid=FILE               Use specified pidfile (default '${DEFAULT_PID_FILE}')
  -r, --vrrp_pid=FILE          Same as --pid (vipd is a single process)
  -i, --config-id id           Skip any configuration lines beginning '@' that don't match id
  -t, --config-test            Check the configuration, output to stderr; exit 0 if good
  -d, --dump-conf              Dump the effective configuration (to stdout with -t, else to the log)
      --control-socket=PATH    Control socket for vipctl (default '${DEFAULT_CONTROL_SOCKET}')
  -v, --version                Display the version number
  -h, --help                   Display this help message
Accepted for keepalived compatibility and ignored: -P -C -B -R -X -V -I -x -m -a, -S FAC, -u MASK,
  -c FILE, -b FILE, -s NS, -A FILE, -M PATN, -e, --all.
`;

const OPTIONS = {
  'use-file': { type: 'string', short: 'f' },
  'dont-fork': { type: 'boolean', short: 'n' },
  'log-console': { type: 'boolean', short: 'l' },
  'log-detail': { type: 'boolean', short: 'D' },
  'no-syslog': { type: 'boolean', short: 'G' },
  pid: { type: 'string', short: 'p' },
  vrrp_pid: { type: 'string', short: 'r' },
  'config-id': { type: 'string', short: 'i' },
  'config-test': { type: 'boolean', short: 't' },
  'dump-conf': { type: 'boolean', short: 'd' },
  'control-socket': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  // keepalived flags that concern its checker, BFD, SNMP or process handling.
  vrrp: { type: 'boolean', short: 'P' },
  check: { type: 'boolean', short: 'C' },
  no_bfd: { type: 'boolean', short: 'B' },
  all: { type: 'boolean' },
  'dont-respawn': { type: 'boolean', short: 'R' },
  'release-vips': { type: 'boolean', short: 'X' },
  'dont-release-vrrp': { type: 'boolean', short: 'V' },
  'dont-release-ipvs': { type: 'boolean', short: 'I' },
  snmp: { type: 'boolean', short: 'x' },
  'core-dump': { type: 'boolean', short: 'm' },
  'address-monitoring': { type: 'boolean', short: 'a' },
  'all-config': { type: 'boolean', short: 'e' },
  'log-facility': { type: 'string', short: 'S' },
  umask: { type: 'string', short: 'u' },
  checkers_pid: { type: 'string', short: 'c' },
  bfd_pid: { type: 'string', short: 'b' },
  namespace: { type: 'string', short: 's' },
  'snmp-agent-socket': { type: 'string', short: 'A' },
  'core-dump-pattern': { type: 'string', short: 'M' },
} as const;

export function parseDaemonCommandLine(args: readonly string[]): Result<DaemonCommand, string> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help === true) return ok({ kind: 'help' });
  if (v.version === true) return ok({ kind: 'version' });
  const options: DaemonOptions = {
    configFile: v['use-file'] ?? DEFAULT_CONFIG_FILE,
    foreground: v['dont-fork'] ?? false,
    logConsole: v['log-console'] ?? false,
    logDetail: v['log-detail'] ?? false,
    noSyslog: v['no-syslog'] ?? false,
    pidFile: v.pid ?? v.vrrp_pid ?? DEFAULT_PID_FILE,
    configId: v['config-id'] ?? null,
    dumpConfig: v['dump-conf'] ?? false,
    controlSocket: v['control-socket'] ?? DEFAULT_CONTROL_SOCKET,
  };
  return ok({ kind: v['config-test'] === true ? 'configTest' : 'run', options });
}
