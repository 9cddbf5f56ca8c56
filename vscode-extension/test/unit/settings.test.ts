import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULTS, SERVER_SETTING_KEYS, serverSettings } from '../../src/settings';
import * as fs from 'node:fs';
import * as path from 'node:path';

const get = (values: Record<string, unknown>) => (key: string) => values[key];

describe('serverSettings', () => {
  it('gives the contract defaults when nothing is set', () => {
    assert.deepEqual(serverSettings(get({})), {
      verifyOn: 'change',
      debounceMs: 500,
      timeoutMs: 10000,
      functionTimeoutMs: 60000,
      explore: { goroutines: 2, opsEach: 2, crashes: 1, diskFailures: 1, addresses: 2, values: 2 },
      jobs: 2,
    });
  });

  it('maps every setting, nesting the explore bounds', () => {
    const s = serverSettings(
      get({
        verifyOn: 'save',
        debounceMs: 250,
        timeoutMs: 3000,
        functionTimeoutMs: 20000,
        'explore.goroutines': 3,
        'explore.opsEach': 4,
        'explore.crashes': 0,
        'explore.diskFailures': 2,
        'explore.addresses': 5,
        'explore.values': 6,
        jobs: 8,
        serverPath: '/x',
        'trace.server': 'verbose',
      }),
    );
    assert.deepEqual(s, {
      verifyOn: 'save',
      debounceMs: 250,
      timeoutMs: 3000,
      functionTimeoutMs: 20000,
      explore: { goroutines: 3, opsEach: 4, crashes: 0, diskFailures: 2, addresses: 5, values: 6 },
      jobs: 8,
    });
    assert.ok(!('serverPath' in s) && !('trace' in s), 'client-only settings stay in the client');
  });

  it('replaces bad values by defaults and clamps to sensible minimums', () => {
    const s = serverSettings(get({ verifyOn: 'sometimes', debounceMs: -5, timeoutMs: 'fast', jobs: 0, 'explore.values': 2.7 }));
    assert.equal(s.verifyOn, DEFAULTS.verifyOn);
    assert.equal(s.debounceMs, 0);
    assert.equal(s.timeoutMs, DEFAULTS.timeoutMs);
    assert.equal(s.jobs, 1);
    assert.equal(s.explore.values, 2);
  });

  it('matches the settings package.json contributes, with the same defaults', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    const contributed = Object.keys(props)
      .map((k) => k.replace(/^armada\./, ''))
      .filter((k) => k !== 'serverPath' && k !== 'trace.server')
      .sort();
    assert.deepEqual(contributed, [...SERVER_SETTING_KEYS].sort());
    const defaults = serverSettings(get({})) as unknown as Record<string, unknown>;
    for (const key of SERVER_SETTING_KEYS) {
      const [a, b] = key.split('.');
      const d = b ? (defaults[a] as Record<string, unknown>)[b] : defaults[a];
      assert.equal(props[`armada.${key}`].default, d, key);
    }
  });
});
