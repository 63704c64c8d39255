import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zeroCounters } from '../protocol/counters.js';
import type { InstanceStatus } from './instance-status.js';
import { formatStatusTable } from './status-table.js';

const backup: InstanceStatus = {
  name: 'VI_1', vrid: 51, version: 3, family: 'ipv4', state: 'backup', isOwner: false,
  basePriority: 100, administrativePriority: null, held: false, heldBy: [], effectivePriority: 90, sourceAddress: '10.0.0.2' as InstanceStatus['sourceAddress'],
  masterAddress: '10.0.0.1' as InstanceStatus['sourceAddress'], masterPriority: 150,
  advertIntervalCs: 100, masterAdverIntervalCs: 100, skewTimeCs: 64.84375, masterDownIntervalCs: 364.84375,
  preempt: true, preemptDelayCs: 0, acceptMode: true, checksumForm: 'pseudoHeader',
  virtualAddresses: ['10.0.0.100' as InstanceStatus['sourceAddress']], trackers: [], syncGroup: null, wantsMaster: false, groupFault: false, timersDueInMs: {},
  lastTransition: null, counters: { ...zeroCounters(), advertReceived: 7, badChecksum: 2 },
};
const none = { unknownVrid: 0, malformedIp: 0, missingDestination: 0 };

describe('formatStatusTable', () => {
  it('shows state, effective/base priority, master, VIPs, advert counts and only the non-zero error counters', () => {
    assert.equal(
      formatStatusTable([backup], none),
      [
        'INSTANCE  VRID  VER  STATE   PRIO    MASTER          VIPS        ADV TX/RX  ERRORS',
        'VI_1      51    v3   BACKUP  90/100  10.0.0.1 (150)  10.0.0.100  0/7        badChecksum=2',
        '',
      ].join('\n'),
    );
  });

  it('marks a held instance and a priority set by vipctl', () => {
    const held = { ...backup, held: true, administrativePriority: 200, effectivePriority: 200 };
    assert.match(formatStatusTable([held], none), /^VI_1 +51 +v3 +BACKUP held +200 set \(conf 100\) +10\.0\.0\.1 \(150\)/m);
  });

  it('adds a line for packets no instance took, only when there were some', () => {
    const text = formatStatusTable([backup], { ...none, unknownVrid: 3 });
    assert.match(text, /\npackets for no instance here: unknownVrid=3\n$/);
    assert.doesNotMatch(formatStatusTable([backup], none), /no instance here/);
  });
});
