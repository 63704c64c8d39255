import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG_FILE, DEFAULT_PID_FILE, parseDaemonCommandLine } from './daemon-options.js';

describe('parseDaemonCommandLine (keepalived flags)', () => {
  it('reads grouped and attached short options as getopt does', () => {
    const parsed = parseDaemonCommandLine(['-nlD', '-f/etc/k.conf', '-p', '/run/k.pid', '-i', 'lb1']);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, {
      kind: 'run',
      options: {
        configFile: '/etc/k.conf',
        foreground: true,
        logConsole: true,
        logDetail: true,
        noSyslog: false,
        pidFile: '/run/k.pid',
        configId: 'lb1',
        dumpConfig: false,
        controlSocket: '/run/vipd/vipd.sock',
      },
    });
  });

  it('uses keepalived defaults and long option names', () => {
    const parsed = parseDaemonCommandLine(['--config-test', '--use-file=/tmp/x.conf']);
    assert.ok(parsed.ok && parsed.value.kind === 'configTest');
    assert.equal(parsed.value.options.configFile, '/tmp/x.conf');
    const plain = parseDaemonCommandLine([]);
    assert.ok(plain.ok && plain.value.kind === 'run');
    assert.equal(plain.value.options.configFile, DEFAULT_CONFIG_FILE);
    assert.equal(plain.value.options.pidFile, DEFAULT_PID_FILE);
    assert.equal(plain.value.options.foreground, false);
    assert.equal(plain.value.options.dumpConfig, false);
    const dump = parseDaemonCommandLine(['-td', '-f', '/tmp/x.conf']);
    assert.ok(dump.ok && dump.value.kind === 'configTest' && dump.value.options.dumpConfig);
    assert.ok(parseDaemonCommandLine(['--dump-conf']).ok);
  });

  it('accepts the flags of keepalived\'s other halves and ignores them', () => {
    const parsed = parseDaemonCommandLine(['-P', '-R', '-S', '7', '-c', '/run/c.pid', '-x', '-n']);
    assert.ok(parsed.ok && parsed.value.kind === 'run' && parsed.value.options.foreground);
  });

  it('-r names the pid file when -p is absent (vipd is one process)', () => {
    const parsed = parseDaemonCommandLine(['-r', '/run/vrrp.pid']);
    assert.ok(parsed.ok && parsed.value.kind === 'run');
    assert.equal(parsed.value.options.pidFile, '/run/vrrp.pid');
  });

  it('answers -h and -v, and refuses unknown options with the reason', () => {
    assert.deepEqual(parseDaemonCommandLine(['-h']), { ok: true, value: { kind: 'help' } });
    assert.deepEqual(parseDaemonCommandLine(['--version']), { ok: true, value: { kind: 'version' } });
    const bad = parseDaemonCommandLine(['--frobnicate']);
    assert.ok(!bad.ok);
    assert.match(bad.error, /frobnicate/);
    const missing = parseDaemonCommandLine(['-f']);
    assert.ok(!missing.ok);
  });
});
