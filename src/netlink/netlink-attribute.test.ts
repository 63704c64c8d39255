import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  attributeString,
  attributeUnsigned,
  decodeAttributes,
  encodedAttributesLength,
  stringValue,
  u32Value,
  u8Value,
  writeAttributes,
  type AttributeSpec,
} from './netlink-attribute.js';

function encode(specs: readonly AttributeSpec[]): Uint8Array {
  const bytes = new Uint8Array(encodedAttributesLength(specs));
  assert.equal(writeAttributes(bytes, 0, specs), bytes.length);
  return bytes;
}

describe('netlink attributes', () => {
  it('pads each value to 4 bytes and nests with NLA_F_NESTED', () => {
    const bytes = encode([
      { type: 3, value: stringValue('eth0') },
      { type: 18, children: [{ type: 1, value: u8Value(7) }] },
    ]);
    // "eth0\0" is 5 bytes: nla_len 9, padded to 12; the nest holds one 5-byte attribute padded to 8.
    assert.equal(Buffer.from(bytes).toString('hex'), '090003006574683000000000' + '0c001280' + '0500010007000000');
    const decoded = decodeAttributes(bytes, 'ifinfomsg');
    assert.ok(decoded.ok);
    const [name, nest] = decoded.value;
    assert.ok(name !== undefined && nest !== undefined);
    assert.equal(name.type, 3);
    assert.equal(attributeString(name), 'eth0');
    assert.equal(nest.type, 18);
    assert.equal(nest.nestedFlag, true);
    const inner = decodeAttributes(nest.value, 'ifinfomsg');
    assert.ok(inner.ok);
    assert.deepEqual(inner.value.map((attribute) => [attribute.type, [...attribute.value]]), [[1, [7]]]);
  });

  it('reads strings with or without the terminating NUL', () => {
    assert.equal(attributeString({ type: 3, nestedFlag: false, value: Uint8Array.of(0x6c, 0x6f) }), 'lo');
    assert.equal(attributeString({ type: 3, nestedFlag: false, value: Uint8Array.of(0x6c, 0x6f, 0, 0x78) }), 'lo');
  });

  it('checks the size of integer values', () => {
    const attribute = { type: 4, nestedFlag: false, value: u32Value(1500) };
    assert.deepEqual(attributeUnsigned(attribute, 4, 'ifinfomsg', 'IFLA_MTU'), { ok: true, value: 1500 });
    assert.deepEqual(attributeUnsigned(attribute, 1, 'ifinfomsg', 'IFLA_MTU'), {
      ok: false,
      error: { kind: 'badAttribute', structure: 'ifinfomsg', attribute: 'IFLA_MTU', lengthBytes: 4 },
    });
  });

  it('rejects a header cut short, and a length beyond the bytes', () => {
    assert.deepEqual(decodeAttributes(Uint8Array.of(8, 0, 1), 'ifaddrmsg'), {
      ok: false,
      error: { kind: 'truncated', structure: 'ifaddrmsg', offset: 0, neededBytes: 4, availableBytes: 3 },
    });
    assert.deepEqual(decodeAttributes(Uint8Array.of(9, 0, 1, 0, 1, 2, 3, 4), 'ifaddrmsg'), {
      ok: false,
      error: { kind: 'badLength', structure: 'ifaddrmsg', offset: 0, lengthBytes: 9 },
    });
    assert.deepEqual(decodeAttributes(Uint8Array.of(2, 0, 1, 0), 'ifaddrmsg'), {
      ok: false,
      error: { kind: 'badLength', structure: 'ifaddrmsg', offset: 0, lengthBytes: 2 },
    });
  });

  it('accepts a last attribute whose padding is missing', () => {
    const decoded = decodeAttributes(Uint8Array.of(5, 0, 1, 0, 42), 'ifaddrmsg');
    assert.ok(decoded.ok);
    assert.deepEqual([...(decoded.value[0]?.value ?? [])], [42]);
  });
});
