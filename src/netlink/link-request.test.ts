import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MacAddress } from '../primitives/mac-address.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { decodeLinkMessage } from './link-message.js';
import {
  encodeDeleteLinkRequest,
  encodeNewMacvlanRequest,
  encodeSetAddressGenerationNoneRequest,
  encodeSetLinkUpRequest,
} from './link-request.js';
import { decodeNetlinkMessages } from './netlink-message.js';

/**
 * What iproute2 6.1 sent (strace -e trace=sendmsg -e write=3, Linux 6.18, x86-64),
 * sequence number 0x6b029c30, parent d0 = ifindex 3, the macvlan ifindex 4:
 */
const SEQUENCE = 0x6b029c30;
const CAPTURED = {
  // ip link add link d0 name vrrp.51 address 00:00:5e:00:01:33 type macvlan mode private
  add:
    '5c00000010000506309c026b00000000' +
    '00000000000000000000000000000000' +
    '0a000100' + '00005e000133' + '0000' +
    '08000500' + '03000000' +
    '0c000300' + '767272702e353100' +
    '1c001200' + '0b000100' + '6d6163766c616e00' + '0c000200' + '08000100' + '01000000',
  // ip link set vrrp.51 up
  up: '200000001000050030 9c026b00000000 0000000004000000 0100000001000000'.replaceAll(' ', ''),
  // ip link set vrrp.51 addrgenmode none
  addrGenModeNone:
    '300000001000050030 9c026b00000000 0000000004000000 0000000000000000'.replaceAll(' ', '') + '10001a00' + '0c000a00' + '05000800' + '01000000',
  // ip link del vrrp.51
  del: '200000001100050030 9c026b00000000 0000000004000000 0000000000000000'.replaceAll(' ', ''),
};

const onThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';

function hex(result: { ok: true; value: Uint8Array } | { ok: false; error: unknown }): string {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  return Buffer.from(result.value).toString('hex');
}

describe('VMAC link requests', { skip: onThisByteOrder }, () => {
  it('creates a private macvlan byte for byte as `ip link add … type macvlan mode private`', () => {
    const request = encodeNewMacvlanRequest(SEQUENCE, { name: 'vrrp.51', parentIfindex: 3, mac: '00:00:5e:00:01:33' as MacAddress, mode: 'private' });
    assert.equal(hex(request), CAPTURED.add);
  });

  it('brings a link up as `ip link set … up`', () => {
    assert.equal(hex(encodeSetLinkUpRequest(SEQUENCE, 4)), CAPTURED.up);
  });

  it('turns IPv6 address generation off as `ip link set … addrgenmode none`', () => {
    assert.equal(hex(encodeSetAddressGenerationNoneRequest(SEQUENCE, 4)), CAPTURED.addrGenModeNone);
  });

  it('deletes a link as `ip link del`', () => {
    assert.equal(hex(encodeDeleteLinkRequest(SEQUENCE, 4)), CAPTURED.del);
  });

  it('refuses names longer than IFNAMSIZ and bad ifindexes', () => {
    const long = encodeNewMacvlanRequest(1, { name: 'a-very-long-name', parentIfindex: 3, mac: '00:00:5e:00:01:01' as MacAddress, mode: 'private' });
    assert.deepEqual(long.ok ? null : long.error, { kind: 'nameTooLong', field: 'name', lengthBytes: 16 });
    const parent = encodeNewMacvlanRequest(1, { name: 'vrrp.1', parentIfindex: 0, mac: '00:00:5e:00:01:01' as MacAddress, mode: 'private' });
    assert.deepEqual(parent.ok ? null : parent.error, { kind: 'invalidIfindex', ifindex: 0 });
    assert.equal(encodeDeleteLinkRequest(1, -1).ok, false);
  });

  it('decodes the kind and parent back from a link message', () => {
    const request = encodeNewMacvlanRequest(7, { name: 'vrrp.51', parentIfindex: 3, mac: '00:00:5e:00:01:33' as MacAddress, mode: 'private' });
    assert.ok(request.ok);
    const messages = decodeNetlinkMessages(request.value);
    assert.ok(messages.ok);
    const link = decodeLinkMessage(messages.value[0]?.payload ?? new Uint8Array());
    assert.ok(link.ok);
    assert.equal(link.value.kind, 'macvlan');
    assert.equal(link.value.linkIfindex, 3);
    assert.equal(link.value.macAddress, '00:00:5e:00:01:33');
    assert.equal(link.value.name, 'vrrp.51');
  });
});
