import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  scriptFailedLine,
  scriptNowReturningLine,
  scriptStillRunningLine,
  scriptSucceededLine,
  trackedFileFaultLine,
  trackedFileInitFaultLine,
  trackedFileLeavingFaultLine,
  trackedProcessFaultLine,
  trackFileInvalidLine,
} from './health-log-lines.js';

describe('health log lines', () => {
  // Each expected text is a line keepalived 2.2.7 logged in our namespace runs.
  it('word vrrp_script results as keepalived', () => {
    assert.equal(scriptSucceededLine('chk_ok').text, 'VRRP_Script(chk_ok) succeeded');
    assert.equal(scriptFailedLine('chk_fail', { kind: 'exited', status: 3 }).text, 'VRRP_Script(chk_fail) failed (exited with status 3)');
    assert.equal(scriptFailedLine('chk_sig', { kind: 'signalled', signal: 9 }).text, 'VRRP_Script(chk_sig) failed (due to signal 9)');
    assert.equal(scriptFailedLine('chk_sleep', { kind: 'timedOut' }).text, 'VRRP_Script(chk_sleep) timed_out');
    assert.equal(scriptNowReturningLine('chk_fail', 3).text, 'Script `chk_fail` now returning 3');
    assert.equal(scriptStillRunningLine('chk_sleep').text, 'Track script chk_sleep is already running, expect idle - skipping run');
  });

  it('word track_file and track_process events as keepalived', () => {
    assert.equal(trackFileInvalidLine('/run/kxt/f6', '99999999999').text, 'Invalid number 99999999999 read from /run/kxt/f6 - ignoring');
    assert.equal(trackedFileFaultLine('VI_s1', 'tf_fault').text, '(VI_s1): tracked file tf_fault now FAULT state');
    assert.equal(trackedFileInitFaultLine('I_1', 'f1', -2147483648).text, '(I_1): entering FAULT state (tracked file f1 has status -2147483648)');
    assert.equal(trackedFileLeavingFaultLine('VI_s1', 'tf_fault').text, '(VI_s1): tracked file tf_fault leaving FAULT state');
    assert.equal(trackedProcessFaultLine('V', 'tp_full').text, '(V) entering FAULT state (tracked process tp_full quorum not achieved)');
  });
});
