import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configOf, FILE, instance, messagesOf } from './config-test-helpers.js';

const two = instance('', 'VI_1') + instance('    virtual_router_id 52\n    virtual_ipaddress {\n        10.0.0.2\n    }', 'VI_2');
const group = (name: string, members: string, extra = ''): string => `vrrp_sync_group ${name} {\n    group {\n        ${members}\n    }\n${extra}}\n`;
const errors = (text: string): string[] => messagesOf(text).filter((m) => m.includes(': error: '));

describe('checks across blocks', () => {
  it('keeps the members of a sync group that are instances', () => {
    const config = configOf(two + group('G', 'VI_1 VI_2'));
    assert.deepEqual(config.syncGroups.map((g) => g.members), [['VI_1', 'VI_2']]);
  });

  it('refuses a member that is no instance, and an instance in two groups, naming the line', () => {
    assert.deepEqual(errors(two + group('G', 'VI_1 VI_2 VI_X')), [
      `${FILE}:18:19: error: (vrrp_sync_group G) VI_X is not a vrrp_instance of this configuration (keepalived: "Virtual router VI_X specified in sync group G doesn't exist"); define it or remove it from the group`,
    ]);
    assert.deepEqual(errors(two + group('G', 'VI_1 VI_2') + group('H', 'VI_2 VI_1')), [
      `${FILE}:23:9: error: (vrrp_sync_group H) vrrp_instance VI_2 is already in vrrp_sync_group G (line 18); an instance can be in one sync group only, so remove it from one of them`,
      `${FILE}:23:14: error: (vrrp_sync_group H) vrrp_instance VI_1 is already in vrrp_sync_group G (line 18); an instance can be in one sync group only, so remove it from one of them`,
    ]);
  });

  it('warns about a group of one, with the code that fails vipd -t', () => {
    const outcome = messagesOf(two + group('G', 'VI_1'));
    assert.ok(outcome.some((m) => m.includes("has only 1 instance, which probably isn't what you want")));
    assert.ok(configOf(two + group('G', 'VI_1')).syncGroups.length === 1);
  });

  it('refuses track_script, track_file and track_process naming nothing defined, in instances and groups', () => {
    const text =
      instance('    track_script {\n        chk\n    }\n    track_file {\n        f\n    }\n    track_process {\n        p\n    }') +
      instance('    virtual_router_id 52\n    virtual_ipaddress {\n        10.0.0.2\n    }', 'VI_2') +
      group('G', 'VI_1 VI_2', '    track_script {\n        other\n    }\n');
    assert.deepEqual(
      errors(text).map((m) => m.replace(/; define .*/, '')),
      [
        `${FILE}:3:9: error: (vrrp_instance VI_1) track_script names chk, but no vrrp_script chk is defined (keepalived: "track script chk not found")`,
        `${FILE}:6:9: error: (vrrp_instance VI_1) track_file names f, but no track_file f is defined (keepalived: "track file f not found")`,
        `${FILE}:9:9: error: (vrrp_instance VI_1) track_process names p, but no vrrp_track_process p is defined (keepalived: "track process p not found")`,
        `${FILE}:29:9: error: (vrrp_sync_group G) track_script names other, but no vrrp_script other is defined (keepalived: "track script other not found")`,
      ],
    );
    const defined = `vrrp_script chk {\n    script /bin/true\n}\ntrack_file f {\n    file /tmp/f\n}\nvrrp_track_process p {\n    process p\n}\n`;
    assert.deepEqual(errors(defined + instance('    track_script {\n        chk\n    }\n    track_file {\n        f\n    }\n    track_process {\n        p\n    }')), []);
  });

  it('uses the first of two vrrp_scripts of one name, with a warning', () => {
    const text = `vrrp_script chk {\n    script /bin/true\n}\nvrrp_script chk {\n    script /bin/false\n}\n${instance('')}`;
    assert.deepEqual(configOf(text).scripts.map((s) => s.command?.argv), [['/bin/true']]);
    assert.ok(messagesOf(text).some((m) => m.startsWith(`${FILE}:4:1: warning: (vrrp_script chk) vrrp_script chk is already defined at line 1`)));
  });
});
