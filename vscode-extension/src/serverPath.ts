/**
 * Finding the `armada-ls` executable: the `armada.serverPath` setting, else the workspace's
 * `.venv`, else `PATH`. Pure: every file-system question goes through `isExecutable`, so the
 * rules can be tested without VS Code or a real file system.
 */
import * as path from 'path';

export const SERVER_NAME = 'armada-ls';

export interface ServerPathInputs {
  /** The `armada.serverPath` setting, possibly empty. */
  configured: string;
  /** File-system paths of the open workspace folders, first one first. */
  workspaceFolders: readonly string[];
  /** The `PATH` environment variable. */
  envPath: string | undefined;
  /** The user's home directory, for a leading `~` in the setting. */
  home: string;
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** Whether a file exists there and can be executed. */
  isExecutable: (file: string) => boolean;
}

export type ServerPathResult =
  | { ok: true; command: string; source: 'setting' | 'venv' | 'path' }
  | { ok: false; reason: string; fromSetting: boolean };

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands `~` and `${workspaceFolder}` in the setting and makes it absolute. */
export function expandConfiguredPath(
  configured: string,
  workspaceFolders: readonly string[],
  home: string,
  platform: NodeJS.Platform,
): string {
  const p = pathApi(platform);
  let value = configured.trim();
  const folder = workspaceFolders[0];
  if (folder !== undefined) {
    value = value.split('${workspaceFolder}').join(folder);
  }
  if (value === '~') {
    value = home;
  } else if (value.startsWith('~/') || value.startsWith('~\\')) {
    value = p.join(home, value.slice(2));
  }
  if (!p.isAbsolute(value) && folder !== undefined) {
    value = p.resolve(folder, value);
  }
  return value;
}

/** The executable names to look for on this platform. */
function executableNames(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? [`${SERVER_NAME}.exe`, `${SERVER_NAME}.cmd`, SERVER_NAME] : [SERVER_NAME];
}

/** Where a workspace's virtual environment keeps its console scripts. */
export function venvCandidates(workspaceFolders: readonly string[], platform: NodeJS.Platform): string[] {
  const p = pathApi(platform);
  const binDir = platform === 'win32' ? 'Scripts' : 'bin';
  const out: string[] = [];
  for (const folder of workspaceFolders) {
    for (const name of executableNames(platform)) {
      out.push(p.join(folder, '.venv', binDir, name));
    }
  }
  return out;
}

/** Resolves the server executable, or says why it cannot be found. */
export function resolveServerPath(inputs: ServerPathInputs): ServerPathResult {
  const { configured, workspaceFolders, envPath, home, platform, isExecutable } = inputs;
  if (configured.trim() !== '') {
    const file = expandConfiguredPath(configured, workspaceFolders, home, platform);
    if (isExecutable(file)) {
      return { ok: true, command: file, source: 'setting' };
    }
    return {
      ok: false,
      fromSetting: true,
      reason: `The setting armada.serverPath is "${configured}", but ${file} is not an executable file.`,
    };
  }
  for (const candidate of venvCandidates(workspaceFolders, platform)) {
    if (isExecutable(candidate)) {
      return { ok: true, command: candidate, source: 'venv' };
    }
  }
  const p = pathApi(platform);
  const delimiter = platform === 'win32' ? ';' : ':';
  for (const dir of (envPath ?? '').split(delimiter)) {
    if (dir === '') {
      continue;
    }
    for (const name of executableNames(platform)) {
      const candidate = p.join(dir, name);
      if (isExecutable(candidate)) {
        return { ok: true, command: candidate, source: 'path' };
      }
    }
  }
  const looked = workspaceFolders.length > 0 ? `the workspace's .venv (${venvCandidates(workspaceFolders, platform)[0]}) and ` : '';
  return {
    ok: false,
    fromSetting: false,
    reason:
      `Cannot find the Armada language server (${SERVER_NAME}): looked in ${looked}PATH. ` +
      `Install it (\`make setup\` in the Armada repository creates .venv/bin/armada-ls; or \`pip install <path to the Armada repository>\` into a virtual environment) ` +
      `or set armada.serverPath.`,
  };
}
