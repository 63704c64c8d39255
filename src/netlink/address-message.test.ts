import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAddressFlags, decodeAddressMessage, encodeIfaddrmsg, scopeFromValue, scopeValueOf } from './address-message.js';
import { ADDRESS_ADDED_EVENT, ADDRESS_DUMP } from './captured-messages.fixture.js';
import { HOST_IS_LITTLE_ENDIAN } from './host-byte-order.js';
import { decodeNetlinkMessages } from './netlink-message.js';

const capturedOnThisByteOrder = HOST_IS_LITTLE_ENDIAN ? false : 'the captures are little-endian';

function payloads(hex: string): Uint8Array[] {
  const messages = decodeNetlinkMessages(Uint8Array.from(Buffer.from(hex, 'hex')));
  assert.ok(messages.ok);
  return messages.value.map((message) => message.payload);
}

describe('decodeAddressMessage', () => {
  it('decodes every address of a kernel dump', { skip: capturedOnThisByteOrder }, () => {
    const addresses = payloads(ADDRESS_DUMP).map((payload) => {
      const address = decodeAddressMessage(payload);
      assert.ok(address.ok);
      return address.value;
    });
    assert.deepEqual(
      addresses.map((a) => [a.family, a.ifindex, a.address, a.prefixLength, a.scope, a.label]),
      [
        ['ipv4', 1, '127.0.0.1', 8, 'host', 'lo'],
        ['ipv4', 3, '192.0.2.1', 24, 'universe', 'd0:vip'],
        ['ipv6', 1, '::1', 128, 'host', null],
        ['ipv6', 2, 'fe80::3800:3fff:fe0d:4736', 64, 'link', null],
        ['ipv6', 3, '2001:db8::1', 64, 'universe', null],
        ['ipv6', 3, 'fe80::ff:fe00:1', 64, 'link', null],
      ],
    );
    const [, withBroadcast, , , noDad] = addresses;
    assert.equal(withBroadcast?.broadcast, '192.0.2.255');
    assert.equal(withBroadcast?.peer, null);
    assert.deepEqual(withBroadcast?.lifetimes, { preferredSeconds: 'forever', validSeconds: 'forever' });
    assert.equal(noDad?.flags.noDad, true);
    assert.equal(noDad?.flags.permanent, true);
    assert.equal(noDad?.flags.tentative, false);
    assert.equal(addresses[3]?.flags.tentative, true);
  });

  it('decodes an RTM_NEWADDR notification', { skip: capturedOnThisByteOrder }, () => {
    const [payload] = payloads(ADDRESS_ADDED_EVENT);
    assert.ok(payload !== undefined);
    const address = decodeAddressMessage(payload);
    assert.ok(address.ok);
    assert.equal(address.value.address, '192.0.2.77');
    assert.equal(address.value.prefixLength, 32);
    assert.equal(address.value.label, 'd0');
  });

  it('refuses families other than AF_INET and AF_INET6', () => {
    const header = encodeIfaddrmsg({ family: null, prefixLength: 0, flags: 0, scope: 0, ifindex: 1 });
    assert.deepEqual(decodeAddressMessage(header), { ok: false, error: { kind: 'unsupportedFamily', structure: 'ifaddrmsg', family: 0 } });
  });

  it('needs IFA_LOCAL or IFA_ADDRESS', () => {
    const header = encodeIfaddrmsg({ family: 'ipv4', prefixLength: 24, flags: 0, scope: 0, ifindex: 1 });
    assert.deepEqual(decodeAddressMessage(header), {
      ok: false,
      error: { kind: 'missingAttribute', structure: 'ifaddrmsg', attribute: 'IFA_LOCAL or IFA_ADDRESS' },
    });
  });

  it('rejects an address attribute of the wrong length for the family', () => {
    const payload = new Uint8Array(8 + 8);
    payload.set(encodeIfaddrmsg({ family: 'ipv6', prefixLength: 64, flags: 0, scope: 0, ifindex: 1 }));
    const view = new DataView(payload.buffer);
    view.setUint16(8, 8, HOST_IS_LITTLE_ENDIAN);
    view.setUint16(10, 2, HOST_IS_LITTLE_ENDIAN); // IFA_LOCAL with 4 bytes on AF_INET6
    assert.deepEqual(decodeAddressMessage(payload), {
      ok: false,
      error: { kind: 'badAttribute', structure: 'ifaddrmsg', attribute: 'IFA_LOCAL', lengthBytes: 4 },
    });
  });
});

describe('address scopes and flags', () => {
  it('names the rt_scope_t values and keeps others as numbers', () => {
    assert.deepEqual([0, 200, 253, 254, 255, 100].map(scopeFromValue), ['universe', 'site', 'link', 'host', 'nowhere', 100]);
    assert.deepEqual((['universe', 'link', 'host', 100] as const).map((scope) => scopeValueOf(scope)), [0, 253, 254, 100]);
  });

  it('reads the 32-bit IFA_FLAGS bits', () => {
    const flags = decodeAddressFlags(0x800 | 0x200 | 0x02);
    assert.equal(flags.stablePrivacy && flags.noPrefixRoute && flags.noDad, true);
    assert.equal(flags.raw, 0xa02);
  });
});
