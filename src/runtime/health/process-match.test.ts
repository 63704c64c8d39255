import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesProcess, type ProcessPattern } from './process-match.js';

const pattern = (overrides: Partial<ProcessPattern>): ProcessPattern => ({ process: 'haproxy', params: null, fullCommand: false, paramMatch: 'exact', ...overrides });
const haproxy = { comm: 'haproxy', argv: ['/usr/sbin/haproxy', '-f', '/etc/haproxy.cfg', '-db'] };

describe('matchesProcess', () => {
  it('compares the name with comm, or with argv[0] under full_command', () => {
    assert.equal(matchesProcess(pattern({}), haproxy), true);
    assert.equal(matchesProcess(pattern({ process: '/usr/sbin/haproxy' }), haproxy), false);
    assert.equal(matchesProcess(pattern({ process: '/usr/sbin/haproxy', fullCommand: true }), haproxy), true);
    assert.equal(matchesProcess(pattern({ process: 'haproxy', fullCommand: true }), haproxy), false);
  });

  it('truncates the name to comm\'s 15 bytes', () => {
    const long = { comm: 'a-very-long-pro', argv: ['/bin/a-very-long-process-name'] };
    assert.equal(matchesProcess(pattern({ process: 'a-very-long-process-name' }), long), true);
    assert.equal(matchesProcess(pattern({ process: 'a-very-long-pro' }), long), true);
  });

  it('matches parameters exactly, initially or partially', () => {
    assert.equal(matchesProcess(pattern({ params: ['-f', '/etc/haproxy.cfg', '-db'] }), haproxy), true);
    assert.equal(matchesProcess(pattern({ params: ['-f', '/etc/haproxy.cfg'] }), haproxy), false);
    assert.equal(matchesProcess(pattern({ params: ['-f', '/etc/haproxy.cfg'], paramMatch: 'initial' }), haproxy), true);
    assert.equal(matchesProcess(pattern({ params: ['/etc/haproxy.cfg', '-db'], paramMatch: 'initial' }), haproxy), false);
    assert.equal(matchesProcess(pattern({ params: ['/etc/haproxy.cfg', '-db'], paramMatch: 'partial' }), haproxy), true);
    assert.equal(matchesProcess(pattern({ params: ['-f', '-db'], paramMatch: 'partial' }), haproxy), false);
  });

  it('never matches a kernel thread by full command', () => {
    assert.equal(matchesProcess(pattern({ process: 'kworker', fullCommand: true }), { comm: 'kworker', argv: [] }), false);
  });
});
