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

  it('refuses AH, which is not supported yet, rather than run unauthenticated', () => {
    const text = authentication('        auth_type AH\n        auth_pass 1111');
    assert.deepEqual(messagesOf(text), [
      `${FILE}:3:19: error: ${BLOCK} auth_type AH is not supported yet; use auth_type PASS, or remove the authentication block on every router`,
    ]);
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
    const ah = authentication('        auth_type AH', '    version 3\n');
    assert.deepEqual(onlyInstance(ah).authentication, { kind: 'none' }, 'AH is moot under v3');
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
