/**
 * keepalived's FAULT for an interface without an address of the instance's
 * family: "(VI_1) entering FAULT state (no IPv4 address for interface)". The
 * instance leaves FAULT when an address appears (as BACKUP, then master if
 * nobody else is), and goes back to FAULT when it is removed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Lab, labAvailability } from '../../src/lab/namespace-lan.js';
import { VipdProcess } from '../../src/lab/vipd-process.js';

const availability = await labAvailability();

describe('FAULT without an interface address', { skip: availability.available ? false : availability.reason }, () => {
  let lab: Lab;
  before(async () => {
    lab = await Lab.create({ hosts: 1 });
  });
  after(async () => {
    await lab.destroy();
  });

  it('starts in FAULT, leaves it when an address appears, and returns to it when the address goes', async () => {
    const h1 = lab.host(1);
    await lab.ip(h1.namespace, 'addr', 'flush', 'dev', 'eth0', 'scope', 'global');
    const vipd = await VipdProcess.start(
      lab,
      h1,
      `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 91\n    priority 150\n    version 3\n    advert_int 0.1\n    virtual_ipaddress {\n        ${lab.ipv4(100)}/24\n    }\n}\n`,
    );
    try {
      await vipd.output.waitFor(/\(VI_1\) entering FAULT state \(no IPv4 address for interface\)/, 5000);
      await vipd.waitForState('VI_1', 'FAULT', 5000);
      const [faulted] = await vipd.status();
      assert.equal(faulted?.state, 'fault');

      const mark = vipd.output.lines.length;
      await lab.ip(h1.namespace, 'addr', 'add', `${h1.ipv4}/24`, 'dev', 'eth0');
      await vipd.waitForState('VI_1', 'BACKUP', 5000, mark);
      await vipd.waitForState('VI_1', 'MASTER', 5000, mark);
      const [running] = await vipd.status();
      assert.equal(running?.sourceAddress, h1.ipv4, 'it advertises from the new address');

      const gone = vipd.output.lines.length;
      await lab.ip(h1.namespace, 'addr', 'del', `${h1.ipv4}/24`, 'dev', 'eth0');
      await vipd.output.waitFor(/\(VI_1\) entering FAULT state \(no IPv4 address for interface\)/, 5000, gone);
      await vipd.waitForState('VI_1', 'FAULT', 5000, gone);
    } finally {
      await vipd.stop();
    }
  });
});
