import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandConfiguredPath, resolveServerPath, ServerPathInputs } from '../../src/serverPath';

function inputs(over: Partial<ServerPathInputs>, executables: string[] = []): ServerPathInputs {
  const set = new Set(executables);
  return {
    configured: '',
    workspaceFolders: ['/ws'],
    envPath: '/usr/local/bin:/usr/bin',
    home: '/home/u',
    platform: 'linux',
    isExecutable: (f) => set.has(f),
    ...over,
  };
}

describe('resolveServerPath', () => {
  it('uses the setting when it names an executable', () => {
    const r = resolveServerPath(inputs({ configured: '/opt/armada/bin/armada-ls' }, ['/opt/armada/bin/armada-ls', '/ws/.venv/bin/armada-ls']));
    assert.deepEqual(r, { ok: true, command: '/opt/armada/bin/armada-ls', source: 'setting' });
  });

  it('does not fall back when the setting names nothing executable', () => {
    const r = resolveServerPath(inputs({ configured: '/nope/armada-ls' }, ['/ws/.venv/bin/armada-ls', '/usr/bin/armada-ls']));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.fromSetting);
    assert.match(!r.ok ? r.reason : '', /armada\.serverPath.*\/nope\/armada-ls.*not an executable/);
  });

  it('expands ~, ${workspaceFolder} and relative paths in the setting', () => {
    assert.equal(expandConfiguredPath('~/bin/armada-ls', ['/ws'], '/home/u', 'linux'), '/home/u/bin/armada-ls');
    assert.equal(expandConfiguredPath('${workspaceFolder}/tools/armada-ls', ['/ws'], '/h', 'linux'), '/ws/tools/armada-ls');
    assert.equal(expandConfiguredPath('.venv/bin/armada-ls', ['/ws'], '/h', 'linux'), '/ws/.venv/bin/armada-ls');
    assert.equal(expandConfiguredPath('  /abs/armada-ls ', [], '/h', 'linux'), '/abs/armada-ls');
  });

  it('prefers the workspace .venv over PATH', () => {
    const r = resolveServerPath(inputs({}, ['/ws/.venv/bin/armada-ls', '/usr/bin/armada-ls']));
    assert.deepEqual(r, { ok: true, command: '/ws/.venv/bin/armada-ls', source: 'venv' });
  });

  it('looks in every workspace folder in order', () => {
    const r = resolveServerPath(inputs({ workspaceFolders: ['/a', '/b'] }, ['/b/.venv/bin/armada-ls']));
    assert.deepEqual(r, { ok: true, command: '/b/.venv/bin/armada-ls', source: 'venv' });
  });

  it('falls back to the first match on PATH', () => {
    const r = resolveServerPath(inputs({}, ['/usr/bin/armada-ls']));
    assert.deepEqual(r, { ok: true, command: '/usr/bin/armada-ls', source: 'path' });
  });

  it('skips empty PATH entries and works without a workspace', () => {
    const r = resolveServerPath(inputs({ workspaceFolders: [], envPath: '::/x' }, ['/x/armada-ls']));
    assert.deepEqual(r, { ok: true, command: '/x/armada-ls', source: 'path' });
  });

  it('says where it looked and what to do when nothing is found', () => {
    const r = resolveServerPath(inputs({ envPath: undefined }));
    assert.equal(r.ok, false);
    const reason = !r.ok ? r.reason : '';
    assert.match(reason, /armada-ls/);
    assert.match(reason, /\/ws\/\.venv\/bin\/armada-ls/);
    assert.match(reason, /armada\.serverPath/);
    assert.ok(!r.ok && !r.fromSetting);
  });

  it('uses Scripts\\armada-ls.exe on Windows', () => {
    const r = resolveServerPath(inputs({ workspaceFolders: ['C:\\ws'], platform: 'win32', envPath: '' }, ['C:\\ws\\.venv\\Scripts\\armada-ls.exe']));
    assert.deepEqual(r, { ok: true, command: 'C:\\ws\\.venv\\Scripts\\armada-ls.exe', source: 'venv' });
  });
});
