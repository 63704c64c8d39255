import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatConfigMessage } from '../config/config-message.js';
import { defaultConfigId, loadConfigFile } from './load-config.js';

describe('loadConfigFile', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'vipd-load-'));
    mkdirSync(join(root, 'conf.d'));
    writeFileSync(join(root, 'keepalived.conf'), 'global_defs {\n    include conf.d/*.conf\n}\n');
    writeFileSync(join(root, 'conf.d/id.conf'), 'router_id ${_INSTANCE}\n');
    writeFileSync(join(root, 'conf.d/run.conf'), 'router_id executable\n');
    chmodSync(join(root, 'conf.d/run.conf'), 0o755);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads included files relative to the main file, skips executable ones as keepalived does, and uses -i', () => {
    const loaded = loadConfigFile(join(root, 'keepalived.conf'), 'lb7');
    assert.equal(loaded.kind, 'parsed');
    if (loaded.kind !== 'parsed') return;
    assert.equal(loaded.outcome.config?.globalDefs.routerId, 'lb7');
    assert.deepEqual(loaded.outcome.messages.map(formatConfigMessage), [
      `${root}/keepalived.conf:1: warning: no vrrp_instance is defined, so vipd has nothing to run`,
      `${root}/keepalived.conf:2:5: warning: "${root}/conf.d/run.conf" (matched by include "conf.d/*.conf") cannot be read: ` +
        'it is missing, not a regular file, executable or not permitted; it is skipped, as keepalived skips it',
    ]);
  });

  it('reports a main file it cannot read', () => {
    assert.deepEqual(loadConfigFile(join(root, 'missing.conf')), { kind: 'unreadable', reason: `Config file missing '${root}/missing.conf'` });
  });
});

describe('defaultConfigId', () => {
  it('is the node name up to its first dot', () => {
    assert.equal(defaultConfigId('lb1.example.com'), 'lb1');
    assert.equal(defaultConfigId('lb1'), 'lb1');
  });
});
