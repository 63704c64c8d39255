import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daemonOptionsOf, EXIT_VRRPD_USAGE, runVrrpd } from './run-vrrpd.js';
import { parseVrrpdCommandLine } from './vrrpd-command.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runVrrpd(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('runVrrpd (what happens before the daemon starts)', () => {
  it('prints help listing every vrrpd flag, and the version', async () => {
    const help = await run(['-h']);
    assert.equal(help.code, 0);
    for (const flag of ['-i', '-v', '-p', '-d', '-s', '-a', '-n', '-z', '-x', '-U', '-D', '-I', '-O', '-f', '-M', '-V', '-h', '--dump']) {
      assert.match(help.stdout, new RegExp(`^ +${flag} `, 'm'), `help lists ${flag}`);
    }
    assert.match(help.stdout, /never\s+rewrites the NIC's MAC address/);
    const version = await run(['-V']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^vipd v\d+\.\d+\.\d+ \(Advanced vrrpd 1\.15 command form\)\n$/);
  });

  it('--dump prints the generated keepalived.conf and exits 0', async () => {
    const dump = await run(['--dump', '-i', 'eth0', '-v', '51', '10.0.0.1/24']);
    assert.equal(dump.code, 0, dump.stderr);
    assert.match(dump.stdout, /^vrrp_instance vrrpd_eth0_51 \{$/m);
    assert.equal(dump.stderr, '');
  });

  it('exits 2 with one line naming the flag for a bad value', async () => {
    for (const [args, line] of [
      [['-i', 'eth0', '-v', '300', '10.0.0.1'], 'vipd vrrpd: -v 300: the virtual router id must be a whole number from 1 to 255'],
      [['-i', 'eth0', '-v', '5', '-a', 'ah/', '10.0.0.1'], 'vipd vrrpd: -a ah/: the key is empty'],
      [['-i', 'eth0', '-v', '5', '-M', '10', '10.0.0.1'], 'vipd vrrpd: -M 10: the number of vrrpd processes to share fate with must be a whole number from 1 to 9'],
    ] as const) {
      const result = await run([...args]);
      assert.equal(result.code, EXIT_VRRPD_USAGE);
      assert.equal(result.stderr.split('\n')[0], line);
      assert.equal(result.stdout, '');
    }
  });

  it('gives each interface/VRID its own pid file, control socket and config file', () => {
    const parsed = parseVrrpdCommandLine(['-i', 'eth1', '-v', '52', '-f', '/var/run', '10.0.0.1']);
    assert.ok(parsed.ok && parsed.value.kind === 'run');
    const options = daemonOptionsOf(parsed.value.options);
    assert.equal(options.pidFile, '/var/run/vrrpd_eth1_52.pid');
    assert.equal(options.controlSocket, '/run/vipd/vrrpd_eth1_52.sock');
    assert.equal(options.configFile, '/run/vipd/vrrpd_eth1_52.conf');
    assert.equal(options.foreground, true);
  });
});
