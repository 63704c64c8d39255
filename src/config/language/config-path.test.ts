import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directoryOf, normalizePath, resolvePath } from './config-path.js';

describe('config paths', () => {
  it('gives the directory of a file', () => {
    assert.equal(directoryOf('/etc/keepalived/keepalived.conf'), '/etc/keepalived');
    assert.equal(directoryOf('keepalived.conf'), '.');
    assert.equal(directoryOf('conf.d/a.conf'), 'conf.d');
    assert.equal(directoryOf('/keepalived.conf'), '/');
    assert.equal(directoryOf('/etc//keepalived//'), '/etc');
  });

  it('resolves a relative path from a directory and keeps an absolute one', () => {
    assert.equal(resolvePath('/etc/keepalived', 'conf.d/*.conf'), '/etc/keepalived/conf.d/*.conf');
    assert.equal(resolvePath('/etc/keepalived', '/srv/vrrp.conf'), '/srv/vrrp.conf');
    assert.equal(resolvePath('.', 'conf.d/a.conf'), 'conf.d/a.conf');
    assert.equal(resolvePath('conf.d', '../b.conf'), 'b.conf');
  });

  it('folds ".", ".." and repeated slashes', () => {
    assert.equal(normalizePath('/etc/./keepalived//conf.d/../x.conf'), '/etc/keepalived/x.conf');
    assert.equal(normalizePath('/..'), '/');
    assert.equal(normalizePath('../../a'), '../../a');
    assert.equal(normalizePath('a/..'), '.');
  });
});
