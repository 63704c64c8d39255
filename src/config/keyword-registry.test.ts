import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSupportedKeyword, nearestKeyword, standingOf, SUPPORTED_KEYWORDS } from './keyword-registry.js';
import {
  GLOBAL_DEFS_KEYWORDS,
  TOP_LEVEL_CHECKER_KEYWORDS,
  TOP_LEVEL_VRRP_KEYWORDS,
  VRRP_INSTANCE_KEYWORDS,
} from './keepalived-keywords.js';

describe('keyword registry', () => {
  it('knows what vipd implements where', () => {
    assert.equal(isSupportedKeyword('vrrp_instance', 'priority'), true);
    assert.equal(isSupportedKeyword('global_defs', 'priority'), false);
    assert.equal(isSupportedKeyword('global_defs', 'v3_checksum_as_v2'), true);
    assert.equal(isSupportedKeyword('vrrp_instance', 'v3_checksum_as_v2'), true);
  });

  it('never lists an implemented keyword as unimplemented in the same block', () => {
    const overlap = (a: readonly string[], b: readonly string[]): string[] => a.filter((k) => b.includes(k));
    assert.deepEqual(overlap(SUPPORTED_KEYWORDS.global_defs, GLOBAL_DEFS_KEYWORDS), []);
    assert.deepEqual(overlap(SUPPORTED_KEYWORDS.vrrp_instance, VRRP_INSTANCE_KEYWORDS), []);
    assert.deepEqual(overlap(SUPPORTED_KEYWORDS.top, [...TOP_LEVEL_VRRP_KEYWORDS, ...TOP_LEVEL_CHECKER_KEYWORDS]), []);
    assert.deepEqual(overlap(TOP_LEVEL_VRRP_KEYWORDS, TOP_LEVEL_CHECKER_KEYWORDS), []);
  });

  it('classifies what it does not implement', () => {
    assert.deepEqual(standingOf('top', 'bfd_instance'), { kind: 'notSupportedYet' });
    assert.deepEqual(standingOf('top', 'virtual_server'), { kind: 'outOfScope' });
    assert.deepEqual(standingOf('vrrp_instance', 'include'), { kind: 'include' });
    assert.deepEqual(standingOf('global_defs', 'includea'), { kind: 'include' });
    assert.deepEqual(standingOf('global_defs', 'include_check'), { kind: 'include' });
    assert.deepEqual(standingOf('global_defs', 'vrrp_iptables'), { kind: 'notSupportedYet' });
    assert.deepEqual(standingOf('vrrp_instance', 'auth_hmac'), { kind: 'notSupportedYet' });
    assert.deepEqual(standingOf('vrrp_instance', 'vrrp_garp_master_delay'), { kind: 'misplaced', belongsIn: 'global_defs' });
    assert.deepEqual(standingOf('global_defs', 'priority'), { kind: 'misplaced', belongsIn: 'vrrp_instance' });
    assert.deepEqual(standingOf('top', 'priority'), { kind: 'misplaced', belongsIn: 'vrrp_instance' });
    assert.deepEqual(standingOf('vrrp_instance', 'vrrp_instance'), { kind: 'misplaced', belongsIn: 'top' });
    assert.deepEqual(standingOf('vrrp_instance', 'priorty'), { kind: 'unknown', suggestion: 'priority' });
    assert.deepEqual(standingOf('vrrp_instance', 'frobnicate'), { kind: 'unknown', suggestion: null });
  });

  it('suggests the nearest keyword within 1 edit for short words and 2 for longer ones', () => {
    const known = ['state', 'priority', 'virtual_router_id', 'version'];
    assert.equal(nearestKeyword('virtual_routerid', known), 'virtual_router_id');
    assert.equal(nearestKeyword('PRIORITY', known), 'priority');
    assert.equal(nearestKeyword('stat', known), 'state');
    assert.equal(nearestKeyword('sta', known), null);
    assert.equal(nearestKeyword('prioity_', known), 'priority');
    assert.equal(nearestKeyword('pri', known), null);
    assert.equal(nearestKeyword('versoin', known), 'version');
  });
});
