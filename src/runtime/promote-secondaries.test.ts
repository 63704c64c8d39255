import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PromoteSecondaries, type SysctlFiles } from './promote-secondaries.js';

function fakeProc(initial: Record<string, string>): { files: SysctlFiles; values: Record<string, string> } {
  const values = { ...initial };
  return {
    values,
    files: {
      read: (path) => (path in values ? Promise.resolve(values[path] ?? '') : Promise.reject(new Error(`ENOENT ${path}`))),
      write: (path, value) => {
        values[path] = value;
        return Promise.resolve();
      },
    },
  };
}

const path = (name: string): string => `/proc/sys/net/ipv4/conf/${name}/promote_secondaries`;

describe('PromoteSecondaries', () => {
  it('sets the flag where it is 0 and resets it at exit; an interface already set is left alone', async () => {
    const proc = fakeProc({ [path('eth0')]: '0\n', [path('eth1')]: '1\n' });
    const flags = new PromoteSecondaries(() => assert.fail('no warning expected'), proc.files);
    await flags.enable('eth0');
    await flags.enable('eth1');
    await flags.enable('eth0');
    assert.deepEqual([proc.values[path('eth0')], proc.values[path('eth1')]], ['1', '1\n']);
    await flags.resetAll();
    assert.deepEqual([proc.values[path('eth0')], proc.values[path('eth1')]], ['0', '1\n']);
  });

  it('a missing interface is a warning, not a failure', async () => {
    const warnings: string[] = [];
    const flags = new PromoteSecondaries((t) => warnings.push(t), fakeProc({}).files);
    await flags.enable('eth9');
    assert.equal(warnings.length, 1);
  });
});
