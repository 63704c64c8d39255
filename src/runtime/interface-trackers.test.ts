import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeepalivedConfig } from '../config/parse-config.js';
import { interfaceTrackersOf } from './interface-trackers.js';

function definitionOf(body: string) {
  const outcome = parseKeepalivedConfig(`vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n${body}\n}\n`, 'keepalived.conf');
  const definition = outcome.config?.instances[0];
  if (definition === undefined) throw new Error(outcome.messages.map((m) => m.text).join('\n'));
  return definition;
}

describe('interface trackers (keepalived track_interface and implicit tracking)', () => {
  it('tracks its own interface and each VIP dev implicitly with weight 0', () => {
    const trackers = interfaceTrackersOf(definitionOf(' virtual_ipaddress {\n  10.0.0.1/24\n  10.1.0.1/24 dev eth1\n  10.2.0.1/24 dev eth2 no_track\n }'));
    assert.deepEqual(trackers, [
      { name: 'interface eth0', weight: 0, reverse: false },
      { name: 'interface eth1', weight: 0, reverse: false },
    ]);
  });

  it('takes track_interface weights and reverse; an explicit line replaces the implicit one', () => {
    const trackers = interfaceTrackersOf(
      definitionOf(' virtual_ipaddress {\n  10.0.0.1/24\n }\n track_interface {\n  eth0 weight -10\n  eth3 weight 20 reverse\n  eth4\n }'),
    );
    assert.deepEqual(trackers, [
      { name: 'interface eth0', weight: -10, reverse: false },
      { name: 'interface eth3', weight: 20, reverse: true },
      { name: 'interface eth4', weight: 0, reverse: false },
    ]);
  });

  it('dont_track_primary leaves its own interface untracked', () => {
    const trackers = interfaceTrackersOf(definitionOf(' dont_track_primary\n virtual_ipaddress {\n  10.0.0.1/24\n }'));
    assert.deepEqual(trackers, []);
  });
});
