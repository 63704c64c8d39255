import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE, instance, messagesOf, onlyInstance } from '../config-test-helpers.js';

const BLOCK = '(vrrp_instance VI_1)';

function authentication(lines: string, extra = ''): string {
  return instance(`${extra}    authentication {\n${lines}\n    }`);
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('authentication', () => {
  it('runs without authentication when there is no block', () => {
    assert.deepEqual(onlyInstance(instance('')).authentication, { kind: 'none' });
  });

  it('turns PASS into a simple text password', () => {
    assert.deepEqual(onlyInstance(authentication('        auth_type PASS\n        auth_pass 1111')).authentication, {
      kind: 'simpleText',
      password: bytes('1111'),
    });
    assert.deepEqual(onlyInstance(authentication('        auth_pass "a b#c"\n        auth_type PASS')).authentication, {
      kind: 'simpleText',
      password: bytes('a b#c'),
    });
  });

  it('uses the first 8 bytes of the UTF-8 password and says so, without repeating it', () => {
    const text = authentication('        auth_type PASS\n        auth_pass secretpassword');
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'simpleText', password: bytes('secretpa') });
    assert.deepEqual(messagesOf(text), [
      `${FILE}:4:19: warning: ${BLOCK} auth_pass is 14 bytes long; only its first 8 are used, as in keepalived`,
    ]);
    assert.deepEqual(onlyInstance(authentication('        auth_type PASS\n        auth_pass ééééé')).authentication, {
      kind: 'simpleText',
      password: bytes('éééé'),
    });
  });

  it('turns AH into an IPSEC-AH key: the first 8 bytes of the password, zero padded to 8', () => {
    const text = authentication('        auth_type AH\n        auth_pass 1111');
    assert.deepEqual(messagesOf(text), []);
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'ipsecAh', key: Uint8Array.of(0x31, 0x31, 0x31, 0x31, 0, 0, 0, 0) });
    const long = authentication('        auth_type AH\n        auth_pass secret12345');
    assert.deepEqual(onlyInstance(long).authentication, { kind: 'ipsecAh', key: bytes('secret12') });
    assert.deepEqual(messagesOf(long), [
      `${FILE}:4:19: warning: ${BLOCK} auth_pass is 11 bytes long; only its first 8 are used, as in keepalived`,
    ]);
  });

  it('refuses AH without a password, and AH with VRRPv3 or IPv6, naming the line', () => {
    assert.deepEqual(messagesOf(authentication('        auth_type AH')), [
      `${FILE}:3:19: error: ${BLOCK} auth_type AH needs a non-empty auth_pass (keepalived would quietly run without authentication)`,
    ]);
    assert.deepEqual(messagesOf(authentication('        auth_type AH\n        auth_pass 1111', '    version 3\n')), [
      `${FILE}:4:19: error: ${BLOCK} auth_type AH works with VRRPv2 over IPv4 only; use version 2 with IPv4 addresses, or remove the authentication block`,
    ]);
  });

  it('warns that state MASTER is cleared under AH below priority 255, as keepalived does', () => {
    const text = authentication('        auth_type AH\n        auth_pass 1111', '    state MASTER\n    priority 150\n');
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'ipsecAh', key: Uint8Array.of(0x31, 0x31, 0x31, 0x31, 0, 0, 0, 0) });
    assert.deepEqual(messagesOf(text), [
      `${FILE}:2:11: warning: ${BLOCK} state MASTER does not work with auth_type AH below priority 255 (the AH sequence number must be learned as backup first), so it is cleared, as keepalived does; write state BACKUP`,
    ]);
    // The owner (state MASTER without a priority means 255) starts as master with AH too.
    assert.deepEqual(messagesOf(authentication('        auth_type AH\n        auth_pass 1111', '    state MASTER\n')), []);
  });

  it('refuses PASS without a password (keepalived would quietly drop authentication)', () => {
    assert.deepEqual(messagesOf(authentication('        auth_type PASS')), [
      `${FILE}:3:19: error: ${BLOCK} auth_type PASS needs a non-empty auth_pass (keepalived would quietly run without authentication)`,
    ]);
    assert.deepEqual(messagesOf(authentication('        auth_type PASS\n        auth_pass ""')), [
      `${FILE}:4:19: error: ${BLOCK} auth_type PASS needs a non-empty auth_pass (keepalived would quietly run without authentication)`,
    ]);
  });

  it('ignores authentication with VRRPv3, as keepalived does, with a warning', () => {
    const text = authentication('        auth_type PASS\n        auth_pass 1111', '    version 3\n');
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'none' });
    assert.deepEqual(messagesOf(text), [
      `${FILE}:3:5: warning: ${BLOCK} authentication is ignored with VRRPv3 (as keepalived does); remove the block`,
    ]);
    // AH, unlike PASS, is an error under v3 (see above): it is an IP header, not a v2 field that could be left out.
  });

  it('ignores a block without auth_type, with a warning', () => {
    const text = authentication('        auth_pass 1111');
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'none' });
    assert.deepEqual(messagesOf(text), [
      `${FILE}:2:5: warning: ${BLOCK} authentication has no auth_type, so it is ignored; add "auth_type PASS" to use it`,
    ]);
  });

  it('rejects other auth types and other keywords', () => {
    assert.deepEqual(messagesOf(authentication('        auth_type pass\n        auth_pass 1\n        auth_hmac x')), [
      `${FILE}:3:19: error: ${BLOCK} auth_type must be PASS or AH (in capitals), not "pass"`,
      `${FILE}:5:9: warning: ${BLOCK} auth_hmac is not valid inside authentication; it belongs inside vrrp_instance, so the line is ignored`,
    ]);
    assert.deepEqual(messagesOf(instance('    authentication')), [
      `${FILE}:2:5: error: ${BLOCK} authentication needs a block (expected "authentication { auth_type PASS; auth_pass PASSWORD }")`,
    ]);
  });

  it('warns about a password given twice and uses the later one', () => {
    const text = authentication('        auth_type PASS\n        auth_pass one\n        auth_pass two');
    assert.deepEqual(onlyInstance(text).authentication, { kind: 'simpleText', password: bytes('two') });
    assert.deepEqual(messagesOf(text), [`${FILE}:5:19: warning: ${BLOCK} auth_pass is already set at line 4; this later value replaces it`]);
  });
});
