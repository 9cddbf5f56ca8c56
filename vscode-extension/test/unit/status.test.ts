import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArmadaStatus, parseStatus, statusView } from '../../src/status';

const idle: ArmadaStatus = { state: 'idle', failed: 0, unknown: 0, errors: 0, message: '' };

describe('parseStatus', () => {
  it('accepts the contract shape', () => {
    assert.deepEqual(parseStatus({ state: 'verifying', failed: 1, unknown: 2, message: 'x' }), {
      state: 'verifying',
      failed: 1,
      unknown: 2,
      errors: 0,
      message: 'x',
    });
  });
  it('rejects anything else and repairs counts', () => {
    assert.equal(parseStatus(null), undefined);
    assert.equal(parseStatus('idle'), undefined);
    assert.equal(parseStatus({ state: 'sleeping' }), undefined);
    assert.deepEqual(parseStatus({ state: 'idle', failed: -3, unknown: 'two' }), idle);
  });
});

describe('statusView', () => {
  it('shows idle with a check mark', () => {
    const v = statusView('running', idle, undefined);
    assert.equal(v.text, '$(check) Armada');
    assert.equal(v.severity, 'none');
  });

  it('counts failures and unknowns', () => {
    const v = statusView('running', { ...idle, failed: 3, unknown: 1, message: 'replicated.go' }, undefined);
    assert.equal(v.text, '$(error) Armada: 3 failed, 1 unknown');
    assert.equal(v.severity, 'error');
    assert.match(v.tooltip, /replicated\.go/);
    assert.equal(v.command, 'workbench.actions.view.problems');
    const w = statusView('running', { ...idle, unknown: 2 }, undefined);
    assert.equal(w.text, '$(warning) Armada: 2 unknown');
    assert.equal(w.severity, 'warning');
  });

  it('shows verifying, exploring and checking from the notification', () => {
    assert.equal(statusView('running', { ...idle, state: 'verifying' }, undefined).text, '$(sync~spin) Armada: verifying');
    assert.equal(statusView('running', { ...idle, state: 'exploring', failed: 1 }, undefined).text, '$(sync~spin) Armada: exploring (1 failed)');
    assert.equal(statusView('running', { ...idle, state: 'checking' }, undefined).text, '$(sync~spin) Armada: checking');
  });

  it('prefers progress, with its percentage, and offers to cancel', () => {
    const v = statusView('running', idle, { title: 'Armada: verifying', percentage: 42.4, message: 'Write', cancellable: true });
    assert.equal(v.text, '$(sync~spin) Armada: verifying 42%');
    assert.equal(v.command, 'armada.cancel');
    assert.match(v.tooltip, /Write/);
    const e = statusView('running', undefined, { title: 'Armada: exploring', cancellable: false });
    assert.equal(e.text, '$(sync~spin) Armada: exploring');
    assert.equal(e.command, 'armada.showOutput');
  });

  it('shows pending (no verdict yet) and errors to fix instead of a check mark', () => {
    assert.deepEqual(parseStatus({ state: 'pending', failed: 0, unknown: 0, errors: 2, message: 'm' }),
      { ...idle, state: 'pending', errors: 2, message: 'm' });
    const p = statusView('running', { ...idle, state: 'pending', failed: 1 }, undefined);
    assert.equal(p.text, '$(clock) Armada: pending (1 failed)');
    const e = statusView('running', { ...idle, errors: 3 }, undefined);
    assert.equal(e.text, '$(warning) Armada: 3 errors to fix');
    assert.equal(e.severity, 'warning');
    assert.notEqual(e.text, '$(check) Armada');
  });

  it('says when the server is down or missing, whatever the last status', () => {
    const failing = { ...idle, failed: 2 };
    const down = statusView('crashed', failing, undefined);
    assert.equal(down.text, '$(error) Armada: server down');
    assert.equal(down.command, 'armada.restartServer');
    assert.equal(statusView('stopped', failing, undefined).text, '$(error) Armada: server down');
    const missing = statusView('notFound', undefined, undefined);
    assert.equal(missing.command, 'armada.openServerPathSetting');
    assert.equal(missing.severity, 'error');
    assert.equal(statusView('starting', undefined, undefined).text, '$(loading~spin) Armada: starting');
  });
});
