/**
 * The settings the server reads (docs/lsp-contract.md, section `armada`), as sent in
 * `initializationOptions` and `workspace/didChangeConfiguration`. The client-only settings
 * (`serverPath`, `trace.server`) are not sent. Pure: reads through a getter.
 */

export type VerifyOn = 'change' | 'save' | 'never';

export interface ExploreBounds {
  goroutines: number;
  opsEach: number;
  crashes: number;
  diskFailures: number;
  addresses: number;
  values: number;
}

export interface ServerSettings {
  verifyOn: VerifyOn;
  debounceMs: number;
  timeoutMs: number;
  functionTimeoutMs: number;
  explore: ExploreBounds;
  jobs: number;
}

export const DEFAULTS: ServerSettings = {
  verifyOn: 'change',
  debounceMs: 500,
  timeoutMs: 10000,
  functionTimeoutMs: 60000,
  explore: { goroutines: 2, opsEach: 2, crashes: 1, diskFailures: 1, addresses: 2, values: 2 },
  jobs: 2,
};

/** Reads one setting by its key under `armada.` (such as `explore.crashes`); undefined if unset. */
export type SettingGetter = (key: string) => unknown;

function verifyOn(value: unknown): VerifyOn {
  return value === 'change' || value === 'save' || value === 'never' ? value : DEFAULTS.verifyOn;
}

/** A whole number >= min, else the default (a bad value in settings.json must not reach the server). */
function count(value: unknown, fallback: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fallback;
  }
  return Math.max(min, Math.floor(value));
}

/** The server's settings object, nested as VS Code presents section `armada`. */
export function serverSettings(get: SettingGetter): ServerSettings {
  const e = DEFAULTS.explore;
  return {
    verifyOn: verifyOn(get('verifyOn')),
    debounceMs: count(get('debounceMs'), DEFAULTS.debounceMs, 0),
    timeoutMs: count(get('timeoutMs'), DEFAULTS.timeoutMs, 1),
    functionTimeoutMs: count(get('functionTimeoutMs'), DEFAULTS.functionTimeoutMs, 1),
    explore: {
      goroutines: count(get('explore.goroutines'), e.goroutines, 1),
      opsEach: count(get('explore.opsEach'), e.opsEach, 0),
      crashes: count(get('explore.crashes'), e.crashes, 0),
      diskFailures: count(get('explore.diskFailures'), e.diskFailures, 0),
      addresses: count(get('explore.addresses'), e.addresses, 1),
      values: count(get('explore.values'), e.values, 1),
    },
    jobs: count(get('jobs'), DEFAULTS.jobs, 1),
  };
}

/** The keys of `serverSettings`, flattened with dots, for `package.json` and change detection. */
export const SERVER_SETTING_KEYS: readonly string[] = [
  'verifyOn',
  'debounceMs',
  'timeoutMs',
  'functionTimeoutMs',
  'explore.goroutines',
  'explore.opsEach',
  'explore.crashes',
  'explore.diskFailures',
  'explore.addresses',
  'explore.values',
  'jobs',
];
