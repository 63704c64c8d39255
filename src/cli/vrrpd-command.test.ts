import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVrrpdCommandLine, vrrpdInstanceName, type VrrpdOptions } from './vrrpd-command.js';

function options(args: string[]): VrrpdOptions {
  const parsed = parseVrrpdCommandLine(args);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  assert.ok(parsed.value.kind === 'run' || parsed.value.kind === 'dump');
  return parsed.value.options;
}

function error(args: string[]): string {
  const parsed = parseVrrpdCommandLine(args);
  assert.ok(!parsed.ok, `expected an error for ${args.join(' ')}`);
  return parsed.error;
}

describe('parseVrrpdCommandLine (Advanced vrrpd flags)', () => {
  it('applies Advanced vrrpd 1.15 defaults', () => {
    assert.deepEqual(options(['-i', 'eth0', '-v', '51', '10.0.0.1']), {
      interfaceName: 'eth0',
      vrid: 51,
      priority: 100,
      advertIntervalSeconds: 2,
      preempt: true,
      authentication: { kind: 'none' },
      noVirtualMac: false,
      reducePriority: null,
      increasePriority: null,
      masterScript: null,
      backupScript: null,
      monitoredProcesses: null,
      magicPacket: null,
      pidDirectory: null,
      virtualAddresses: [{ address: '10.0.0.1', prefixLength: 32 }],
      controlSocket: null,
      logConsole: false,
      logDetail: false,
      noSyslog: false,
    });
  });

  it('reads every flag, glued or separate, with the addresses anywhere (getopt permutes)', () => {
    const o = options([
      '-ieth1', '10.16.1.200/24', '-v', '52', '-p150', '-d', '3', '-s', '-n', '-a', 'pw/secret', '-z', '50', '-x', '200',
      '-U', '/etc/vrrpd/Master.sh', '-D', '/etc/vrrpd/Backup.sh', '-M', '2', '-I', '10.16.1.200', '-O', '10.16.1.254',
      '-f', '/var/run', '--control-socket=/tmp/c.sock', '--log-console', '--log-detail', '--no-syslog', '10.16.1.201',
    ]);
    assert.equal(o.interfaceName, 'eth1');
    assert.equal(o.vrid, 52);
    assert.equal(o.priority, 150);
    assert.equal(o.advertIntervalSeconds, 3);
    assert.equal(o.preempt, false);
    assert.equal(o.noVirtualMac, true);
    assert.deepEqual(o.authentication, { kind: 'password', password: 'secret' });
    assert.equal(o.reducePriority, 50);
    assert.equal(o.increasePriority, 200);
    assert.equal(o.masterScript, '/etc/vrrpd/Master.sh');
    assert.equal(o.backupScript, '/etc/vrrpd/Backup.sh');
    assert.equal(o.monitoredProcesses, 2);
    assert.deepEqual(o.magicPacket, { source: '10.16.1.200', gateway: '10.16.1.254' });
    assert.equal(o.pidDirectory, '/var/run');
    assert.equal(o.controlSocket, '/tmp/c.sock');
    assert.ok(o.logConsole && o.logDetail && o.noSyslog);
    assert.deepEqual(o.virtualAddresses, [
      { address: '10.16.1.200', prefixLength: 24 },
      { address: '10.16.1.201', prefixLength: 32 },
    ]);
    assert.equal(vrrpdInstanceName(o), 'vrrpd_eth1_52');
  });

  it('groups switches and toggles preemption with each -s, as vrrpd does', () => {
    assert.equal(options(['-ns', '-i', 'eth0', '-v', '1', '10.0.0.1']).preempt, false);
    assert.equal(options(['-s', '-s', '-i', 'eth0', '-v', '1', '10.0.0.1']).preempt, true);
    const grouped = options(['-nsv51', '-i', 'eth0', '10.0.0.1']);
    assert.deepEqual([grouped.noVirtualMac, grouped.preempt, grouped.vrid], [true, false, 51]);
    assert.deepEqual(options(['-i', 'eth0', '-v', '1', '--', '10.0.0.1']).virtualAddresses, [{ address: '10.0.0.1', prefixLength: 32 }]);
  });

  it('takes pw/ literally and keeps its first 8 characters (vrrpd parse_authopt)', () => {
    assert.deepEqual(options(['-i', 'eth0', '-v', '1', '-a', 'pw/0xdeadbeef99', '10.0.0.1']).authentication, { kind: 'password', password: '0xdeadbe' });
    assert.deepEqual(options(['-i', 'eth0', '-v', '1', '-a', 'ah/0x1234abcd5', '10.0.0.1']).authentication, { kind: 'ipsecAh', password: '0x1234ab' });
    assert.deepEqual(options(['-i', 'eth0', '-v', '1', '-a', 'none', '10.0.0.1']).authentication, { kind: 'none' });
  });

  it('answers -h and -V before checking anything else', () => {
    assert.deepEqual(parseVrrpdCommandLine(['-h']), { ok: true, value: { kind: 'help' } });
    assert.deepEqual(parseVrrpdCommandLine(['-V', '-v', '0']), { ok: true, value: { kind: 'version' } });
    const dump = parseVrrpdCommandLine(['--dump', '-i', 'eth0', '-v', '9', '10.0.0.9']);
    assert.ok(dump.ok && dump.value.kind === 'dump');
  });

  it('names the flag in a one-line error for every bad value', () => {
    const base = ['-i', 'eth0', '-v', '51'];
    const cases: [string[], RegExp][] = [
      [['-v', '51', '10.0.0.1'], /^-i ifname is required/],
      [['-i', 'eth0', '10.0.0.1'], /^-v vrid is required/],
      [['-i', 'eth 0', '-v', '1', '10.0.0.1'], /^-i eth 0: /],
      [['-i', 'eth0', '-v', '0', '10.0.0.1'], /^-v 0: the virtual router id must be a whole number from 1 to 255$/],
      [['-i', 'eth0', '-v', '256', '10.0.0.1'], /^-v 256: /],
      [[...base, '-p', '0', '10.0.0.1'], /^-p 0: the priority must be a whole number from 1 to 255$/],
      [[...base, '-p', '1e2', '10.0.0.1'], /^-p 1e2: /],
      [[...base, '-z', '300', '10.0.0.1'], /^-z 300: /],
      [[...base, '-x', '-1', '10.0.0.1'], /^-x -1: /],
      [[...base, '-d', '0', '10.0.0.1'], /^-d 0: the advert interval in whole seconds must be a whole number from 1 to 255$/],
      [[...base, '-d', '0.5', '10.0.0.1'], /^-d 0.5: /],
      [[...base, '-M', '10', '10.0.0.1'], /^-M 10: .* from 1 to 9$/],
      [[...base, '-a', 'ah/', '10.0.0.1'], /^-a ah\/: the key is empty$/],
      [[...base, '-a', 'md5/x', '10.0.0.1'], /^-a md5\/x: expected none, pw\/PASSWORD or ah\/KEY$/],
      [[...base, '-a', 'pw/', '10.0.0.1'], /^-a pw\/: the password is empty$/],
      [[...base, '-a', 'pw/é', '10.0.0.1'], /^-a pw\/…: the password must be printable ASCII$/],
      [base, /^no virtual address/],
      [[...base, '10.0.0.300'], /^10\.0\.0\.300: not an IPv4 address/],
      [[...base, 'fe80::1'], /^fe80::1: not an IPv4 address/],
      [[...base, '10.0.0.1/33'], /^10\.0\.0\.1\/33: the prefix length must be a whole number from 1 to 32$/],
      [[...base, '10.0.0.1', '10.0.0.1/24'], /^10\.0\.0\.1\/24: virtual address given twice$/],
      [[...base, '-I', '10.0.0.1', '10.0.0.1'], /^-I 10\.0\.0\.1: needs -O gw/],
      [[...base, '-O', '10.0.0.254', '10.0.0.1'], /^-O 10\.0\.0\.254: needs -I vip/],
      [[...base, '-I', '10.0.0.2', '-O', '10.0.0.254', '10.0.0.1'], /^-I 10\.0\.0\.2: not one of the virtual addresses$/],
      [[...base, '-I', '10.0.0.1', '-O', 'gw', '10.0.0.1'], /^-O gw: not an IPv4 address$/],
      [[...base, '-U', '', '10.0.0.1'], /^-U: needs a file name/],
      [[...base, '-q', '10.0.0.1'], /^unknown flag -q$/],
      [[...base, '--verbose', '10.0.0.1'], /^unknown option --verbose$/],
      [[...base, '10.0.0.1', '-p'], /^-p needs a value$/],
    ];
    for (const [args, expected] of cases) {
      const message = error(args);
      assert.match(message, expected, args.join(' '));
      assert.ok(!message.includes('\n'), `one line: ${message}`);
    }
  });
});
