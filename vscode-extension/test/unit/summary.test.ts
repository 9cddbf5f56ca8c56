import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandSummary } from '../../src/summary';

describe('commandSummary', () => {
  it('summarises a file verification', () => {
    assert.deepEqual(commandSummary('armada.verifyFile', { proved: 7, failed: 0, unknown: 0, notVerified: 0, cancelled: false }), {
      text: 'Armada: 7 proved, 0 failed, 0 unknown',
      severity: 'info',
    });
    assert.deepEqual(commandSummary('armada.verifyFile', { proved: 5, failed: 2, unknown: 1 }), {
      text: 'Armada: 5 proved, 2 failed, 1 unknown',
      severity: 'error',
    });
  });

  it('names the function, its time, and what was not verified', () => {
    const s = commandSummary('armada.verifyFunction', {
      proved: 3, failed: 0, unknown: 1, function: 'RepDisk.Write', status: 'unknown', obligations: 4, timeMs: 1530,
    });
    assert.deepEqual(s, { text: 'Armada: RepDisk.Write: 3 proved, 0 failed, 1 unknown in 1.5 s', severity: 'warning' });
    const broken = commandSummary('armada.verifyFile', {
      proved: 0, failed: 0, unknown: 0, notVerified: 1, message: 'not verified (front-end or annotation errors): Area',
    });
    assert.equal(broken?.severity, 'warning');
    assert.match(broken?.text ?? '', /1 not verified — not verified \(front-end or annotation errors\): Area$/);
    assert.match(commandSummary('armada.verifyFile', { proved: 1, failed: 0, unknown: 0, cancelled: true })?.text ?? '', /\(cancelled\)/);
  });

  it('names the function asked about when the result does not', () => {
    const s = commandSummary('armada.verifyFunction', { proved: 0, failed: 0, unknown: 0, notVerified: 1, message: 'fix the errors first' }, 'Double');
    assert.equal(s?.text, 'Armada: Double: 0 proved, 0 failed, 0 unknown, 1 not verified — fix the errors first');
    assert.match(commandSummary('armada.verifyFunction', { proved: 1, function: 'RepDisk.Write' }, 'Other')?.text ?? '', /^Armada: RepDisk\.Write: /);
  });

  it('summarises an exploration', () => {
    assert.deepEqual(commandSummary('armada.explore', { ok: true, findings: 0, message: 'no violations within the bounds' }), {
      text: 'Armada explore: no violations within the bounds',
      severity: 'info',
    });
    assert.deepEqual(commandSummary('armada.explore', { ok: false, findings: 2, message: 'deadlock; lost write' }), {
      text: 'Armada explore: 2 findings — deadlock; lost write',
      severity: 'error',
    });
    assert.equal(commandSummary('armada.explore', { ok: false, findings: 0, message: 'no explore block' })?.severity, 'warning');
  });

  it('passes strings through and ignores anything else', () => {
    assert.deepEqual(commandSummary('armada.explore', 'done'), { text: 'Armada: done', severity: 'info' });
    assert.equal(commandSummary('armada.verifyFile', null), undefined);
    assert.equal(commandSummary('armada.verifyFile', undefined), undefined);
    assert.equal(commandSummary('armada.verifyFile', ''), undefined);
    assert.equal(commandSummary('armada.verifyFile', { something: 1 }), undefined);
  });
});
