/**
 * A vrrpd command line as keepalived.conf text: one `vrrp_instance`, VRRPv2,
 * which vipd then parses like any other keepalived.conf (parse-config.ts), so
 * that both command forms share every check and run the same engine. The
 * text is also what `vipd vrrpd --dump` prints for a move to keepalived.conf.
 *
 * vrrpd flags → keepalived.conf (vrrpd.c parse_cmdline; keepalived.conf(5)):
 *
 *     -i IF         interface IF
 *     -v VRID       virtual_router_id VRID
 *     -p PRIO       priority PRIO
 *     -d SECONDS    advert_int SECONDS
 *     -s            nopreempt
 *     -a pw/TEXT    authentication { auth_type PASS; auth_pass "TEXT" }
 *     ADDR/LEN …    virtual_ipaddress { ADDR/LEN … }
 *
 * -U/-D, -I/-O and -z/-x are carried out by the runtime beside the
 * configuration (run-vrrpd.ts); -n changes nothing. The dump names them in
 * comments, with the keepalived keyword closest to each where there is one.
 */
import { parseKeepalivedConfig } from '../config/parse-config.js';
import type { ParseOutcome, VipdConfig } from '../config/config-types.js';
import { err, ok, type Result } from '../primitives/result.js';
import { vrrpdInstanceName, type VrrpdOptions } from './vrrpd-command.js';

/** The file name parse messages carry for the generated text. */
export const VRRPD_CONFIG_NAME = 'vrrpd-command-line.conf';

export function vrrpdConfigText(options: VrrpdOptions): string {
  const name = vrrpdInstanceName(options);
  const lines = [
    '# keepalived.conf equivalent of a `vipd vrrpd` (Advanced vrrpd) command line:',
    `#   ${equivalentCommandLine(options)}`,
    ...runtimeComments(options),
    `vrrp_instance ${name} {`,
    `    interface ${options.interfaceName}`,
    `    virtual_router_id ${options.vrid}`,
    `    priority ${options.priority}`,
    '    version 2',
    `    advert_int ${options.advertIntervalSeconds}`,
  ];
  if (!options.preempt) lines.push('    nopreempt');
  if (options.authentication.kind !== 'none') {
    const type = options.authentication.kind === 'password' ? 'PASS' : 'AH';
    lines.push('    authentication {', `        auth_type ${type}`, `        auth_pass ${quoted(options.authentication.password)}`, '    }');
  }
  lines.push('    virtual_ipaddress {');
  for (const vip of options.virtualAddresses) lines.push(`        ${vip.address}/${vip.prefixLength}`);
  lines.push('    }', '}');
  return `${lines.join('\n')}\n`;
}

/**
 * The text, parsed as vipd parses keepalived.conf, and checked to say what
 * the command line says (a password keepalived.conf's `$` substitution would
 * change, for one, is refused rather than run altered).
 */
export function vrrpdConfig(options: VrrpdOptions): Result<{ readonly text: string; readonly outcome: ParseOutcome }, string> {
  const text = vrrpdConfigText(options);
  const outcome = parseKeepalivedConfig(text, VRRPD_CONFIG_NAME);
  if (outcome.config !== null) {
    const problem = mismatch(options, outcome.config);
    if (problem !== null) return err(problem);
  }
  return ok({ text, outcome });
}

function mismatch(options: VrrpdOptions, config: VipdConfig): string | null {
  const instance = config.instances[0];
  if (instance === undefined || config.instances.length !== 1) return 'the generated configuration does not hold exactly one instance';
  if (options.authentication.kind !== 'none') {
    const expected = new TextEncoder().encode(options.authentication.password);
    const { authentication } = instance;
    const actual =
      authentication.kind === 'simpleText' ? authentication.password : authentication.kind === 'ipsecAh' ? authentication.key : new Uint8Array();
    const same = expected.length === actual.filter((b) => b !== 0).length && expected.every((b, i) => actual[i] === b);
    const flag = options.authentication.kind === 'password' ? '-a pw/…: this password' : '-a ah/…: this key';
    if (!same) return `${flag} cannot be written in keepalived.conf unchanged (it is altered by "$" substitution); choose another`;
  }
  return null;
}

/** Double quotes keep blanks, `#`, `!` and braces; inside them `\C` is C (keepalived.conf(5) "Quoted strings"). */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** vrrpd flags that the configuration does not carry, as comments. */
function runtimeComments(options: VrrpdOptions): string[] {
  const lines: string[] = [];
  if (options.masterScript !== null) lines.push(`# -U ${printable(options.masterScript)}: run on becoming master (keepalived: notify_master)`);
  if (options.backupScript !== null) {
    lines.push(`# -D ${printable(options.backupScript)}: run on leaving master (keepalived: notify_backup, which also runs at start-up)`);
  }
  if (options.magicPacket !== null) {
    lines.push(`# -I ${options.magicPacket.source} -O ${options.magicPacket.gateway}: magic packet on becoming master (no keepalived equivalent)`);
  }
  if (options.reducePriority !== null) lines.push(`# -z ${options.reducePriority}: priority after a reduce request`);
  if (options.increasePriority !== null) lines.push(`# -x ${options.increasePriority}: priority after an increase request`);
  if (options.monitoredProcesses !== null) lines.push(`# -M ${options.monitoredProcesses}: fate sharing with the other -M processes of this router (keepalived's nearest: vrrp_sync_group)`);
  return lines;
}

/** A file name in a comment line: a control character could end the comment. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, '?');
}

/** The command line again, normalised (vrrpd letters only, values validated). */
function equivalentCommandLine(options: VrrpdOptions): string {
  const words = ['vipd', 'vrrpd', '-i', options.interfaceName, '-v', String(options.vrid), '-p', String(options.priority), '-d', String(options.advertIntervalSeconds)];
  if (!options.preempt) words.push('-s');
  if (options.authentication.kind === 'password') words.push('-a', 'pw/…');
  if (options.authentication.kind === 'ipsecAh') words.push('-a', 'ah/…');
  for (const vip of options.virtualAddresses) words.push(`${vip.address}/${vip.prefixLength}`);
  return words.join(' ');
}
