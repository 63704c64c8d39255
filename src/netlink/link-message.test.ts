import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARRIER_LOST_EVENT, LINK_REPLY } from './captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { decodeLinkFlags, decodeLinkMessage, encodeIfinfomsg, IFINFOMSG_BYTES } from './link-message.js';
import { decodeNetlinkMessages } from './netlink-message.js';

const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';

function onlyPayload(hex: string): Uint8Array {
  const messages = decodeNetlinkMessages(Uint8Array.from(Buffer.from(hex, 'hex')));
  assert.ok(messages.ok);
  const [message] = messages.value;
  assert.ok(message !== undefined);
  return message.payload;
}

describe('decodeLinkMessage', () => {
  it('decodes a kernel RTM_NEWLINK for an up veth', { skip: capturedOnThisByteOrder }, () => {
    const link = decodeLinkMessage(onlyPayload(LINK_REPLY));
    assert.ok(link.ok);
    assert.deepEqual(link.value, {
      ifindex: 3,
      name: 'd0',
      hardwareType: 1,
      flags: {
        up: true,
        running: true,
        lowerUp: true,
        dormant: false,
        loopback: false,
        broadcast: true,
        pointToPoint: false,
        noArp: false,
        multicast: true,
        raw: 0x11043,
      },
      mtuBytes: 1400,
      macAddress: '02:00:00:00:00:01',
      operState: 'up',
      kind: 'veth',
      // The veth's peer.
      linkIfindex: 2,
      carrier: true,
    });
  });

  it('sees the carrier go (IFLA_CARRIER 0, operstate LOWERLAYERDOWN, no IFF_LOWER_UP)', { skip: capturedOnThisByteOrder }, () => {
    const link = decodeLinkMessage(onlyPayload(CARRIER_LOST_EVENT));
    assert.ok(link.ok);
    assert.equal(link.value.carrier, false);
    assert.equal(link.value.operState, 'lowerLayerDown');
    assert.equal(link.value.flags.up, true);
    assert.equal(link.value.flags.lowerUp, false);
    assert.equal(link.value.flags.running, false);
  });

  it('needs IFLA_IFNAME', () => {
    assert.deepEqual(decodeLinkMessage(encodeIfinfomsg(5)), {
      ok: false,
      error: { kind: 'missingAttribute', structure: 'ifinfomsg', attribute: 'IFLA_IFNAME' },
    });
  });

  it('rejects a payload shorter than struct ifinfomsg', () => {
    assert.deepEqual(decodeLinkMessage(new Uint8Array(IFINFOMSG_BYTES - 1)), {
      ok: false,
      error: { kind: 'truncated', structure: 'ifinfomsg', offset: 0, neededBytes: 16, availableBytes: 15 },
    });
  });

  it('rejects an IFLA_MTU of the wrong size', () => {
    const payload = new Uint8Array(IFINFOMSG_BYTES + 8 + 8);
    payload.set(encodeIfinfomsg(1));
    const view = new DataView(payload.buffer);
    view.setUint16(16, 7, HOST_IS_LITTLE_ENDIAN); // IFLA_IFNAME "lo\0"
    view.setUint16(18, 3, HOST_IS_LITTLE_ENDIAN);
    payload.set([0x6c, 0x6f, 0], 20);
    view.setUint16(24, 6, HOST_IS_LITTLE_ENDIAN); // IFLA_MTU with 2 bytes
    view.setUint16(26, 4, HOST_IS_LITTLE_ENDIAN);
    assert.deepEqual(decodeLinkMessage(payload), {
      ok: false,
      error: { kind: 'badAttribute', structure: 'ifinfomsg', attribute: 'IFLA_MTU', lengthBytes: 2 },
    });
  });
});

describe('decodeLinkFlags', () => {
  it('names the IFF_* bits of netdevice(7)', () => {
    const flags = decodeLinkFlags(0x1 | 0x8 | 0x40 | 0x10000);
    assert.equal(flags.up && flags.loopback && flags.running && flags.lowerUp, true);
    assert.equal(flags.broadcast || flags.multicast || flags.dormant || flags.noArp || flags.pointToPoint, false);
  });
});
