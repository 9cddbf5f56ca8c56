import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../src/restartPolicy';

describe('RestartPolicy', () => {
  it('restarts a running server up to three times in three minutes, then gives up', () => {
    const p = new RestartPolicy();
    assert.deepEqual(p.onStopped(0, true), { restart: true, recent: 1 });
    assert.deepEqual(p.onStopped(1000, true), { restart: true, recent: 2 });
    assert.deepEqual(p.onStopped(2000, true), { restart: true, recent: 3 });
    assert.deepEqual(p.onStopped(3000, true), { restart: false, recent: 4 });
  });

  it('forgets stops older than the window', () => {
    const p = new RestartPolicy(3, 60_000);
    p.onStopped(0, true);
    p.onStopped(10_000, true);
    p.onStopped(20_000, true);
    assert.deepEqual(p.onStopped(75_000, true), { restart: true, recent: 2 });
  });

  it('never restarts a server that died during start-up', () => {
    assert.equal(new RestartPolicy().onStopped(0, false).restart, false);
  });

  it('starts afresh after reset', () => {
    const p = new RestartPolicy(1);
    p.onStopped(0, true);
    assert.equal(p.onStopped(1, true).restart, false);
    p.reset();
    assert.equal(p.onStopped(2, true).restart, true);
  });
});
