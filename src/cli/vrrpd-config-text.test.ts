import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseVrrpdCommandLine, type VrrpdOptions } from './vrrpd-command.js';
import { vrrpdConfig, vrrpdConfigText } from './vrrpd-config-text.js';

function options(args: string[]): VrrpdOptions {
  const parsed = parseVrrpdCommandLine(args);
  assert.ok(parsed.ok && parsed.value.kind === 'run', parsed.ok ? '' : parsed.error);
  return parsed.value.options;
}

describe('vrrpdConfigText', () => {
  it('renders one VRRPv2 vrrp_instance with the vrrpd settings', () => {
    const text = vrrpdConfigText(options(['-i', 'eth0', '-v', '51', '-p', '150', '-d', '1', '-a', 'pw/secret', '10.1.0.100/24', '10.1.0.101']));
    assert.equal(
      text,
      `# keepalived.conf equivalent of a \`vipd vrrpd\` (Advanced vrrpd) command line:
#   vipd vrrpd -i eth0 -v 51 -p 150 -d 1 -a pw/… 10.1.0.100/24 10.1.0.101/32
vrrp_instance vrrpd_eth0_51 {
    interface eth0
    virtual_router_id 51
    priority 150
    version 2
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass "secret"
    }
    virtual_ipaddress {
        10.1.0.100/24
        10.1.0.101/32
    }
}
`,
    );
  });

  it('turns -s into nopreempt and names the runtime-only flags in comments', () => {
    const text = vrrpdConfigText(
      options(['-s', '-i', 'eth0', '-v', '7', '-U', '/m.sh', '-D', '/b\n.sh', '-I', '10.0.0.7', '-O', '10.0.0.1', '-z', '20', '-x', '200', '-M', '2', '10.0.0.7']),
    );
    assert.match(text, /^ {4}nopreempt$/m);
    assert.match(text, /^# -U \/m\.sh: run on becoming master/m);
    assert.match(text, /^# -D \/b\?\.sh: run on leaving master/m, 'a control character cannot end the comment');
    assert.match(text, /^# -I 10\.0\.0\.7 -O 10\.0\.0\.1: magic packet/m);
    assert.match(text, /^# -z 20: /m);
    assert.match(text, /^# -x 200: /m);
    assert.match(text, /^# -M 2: fate sharing with the other -M processes of this router/m);
  });
});

describe('vrrpdConfig (the text through vipd\'s keepalived.conf parser)', () => {
  it('parses without a message into the instance the flags describe', () => {
    const result = vrrpdConfig(options(['-i', 'eth0', '-v', '51', '-p', '150', '-d', '3', '-s', '-a', 'pw/se"c #{x}\\1', '10.1.0.100/24']));
    assert.ok(result.ok, result.ok ? '' : result.error);
    const { outcome } = result.value;
    assert.deepEqual(outcome.messages, []);
    const instance = outcome.config?.instances[0];
    assert.ok(instance !== undefined && outcome.config?.instances.length === 1);
    assert.equal(instance.name, 'vrrpd_eth0_51');
    assert.equal(instance.interface, 'eth0');
    assert.equal(instance.version, 2);
    assert.equal(instance.vrid, 51);
    assert.equal(instance.priority, 150);
    assert.equal(instance.advertInterval, 300);
    assert.equal(instance.preempt, false);
    assert.deepEqual(
      instance.virtualAddresses.map((v) => `${v.address}/${v.prefixLength}`),
      ['10.1.0.100/24'],
    );
    assert.equal(instance.authentication.kind, 'simpleText');
    assert.deepEqual([...(instance.authentication.kind === 'simpleText' ? instance.authentication.password : [])], [...new TextEncoder().encode('se"c #{x')]);
  });

  it('turns -a ah/KEY into keepalived auth_type AH keyed by the first 8 characters', () => {
    const result = vrrpdConfig(options(['-i', 'eth0', '-v', '51', '-p', '150', '-a', 'ah/k3y-for-ah', '10.1.0.100/24']));
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.match(result.value.text, /^ {8}auth_type AH$/m);
    const instance = result.value.outcome.config?.instances[0];
    assert.equal(instance?.authentication.kind, 'ipsecAh');
    assert.deepEqual([...(instance?.authentication.kind === 'ipsecAh' ? instance.authentication.key : [])], [...new TextEncoder().encode('k3y-for-')]);
  });

  it('runs the owner (priority 255) and the defaults without a message', () => {
    for (const args of [['-i', 'eth0', '-v', '1', '-p', '255', '10.0.0.1'], ['-i', 'eth0', '-v', '1', '10.0.0.1']]) {
      const result = vrrpdConfig(options(args));
      assert.ok(result.ok && result.value.outcome.config !== null);
      assert.deepEqual(result.value.outcome.messages, []);
      assert.equal(result.value.outcome.config.instances[0]?.advertInterval, 200);
    }
  });

  it('refuses a password that "$" substitution would alter', () => {
    const result = vrrpdConfig(options(['-i', 'eth0', '-v', '1', '-a', 'pw/${_PWD}', '10.0.0.1']));
    assert.ok(!result.ok);
    assert.match(result.error, /^-a pw\/…: this password cannot be written in keepalived\.conf unchanged/);
  });
});
