/**
 * What the status bar item says, from the server's state, the last `armada/status`
 * notification and any work-done progress under way. Pure: no VS Code types.
 */

/** The `armada/status` notification's parameters (docs/lsp-contract.md). */
export interface ArmadaStatus {
  state: 'idle' | 'checking' | 'pending' | 'verifying' | 'exploring';
  failed: number;
  unknown: number;
  /** Front-end and annotation errors in the open packages (nothing there is verified). */
  errors: number;
  message: string;
}

/** The client's view of the server process. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'notFound' | 'crashed';

/** A work-done progress report from the server. */
export interface ProgressInfo {
  title: string;
  message?: string;
  percentage?: number;
  cancellable: boolean;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** `error` and `warning` pick the status bar's error and warning backgrounds. */
  severity: 'none' | 'warning' | 'error';
  /** The command a click runs. */
  command: string;
}

const STATES = new Set(['idle', 'checking', 'pending', 'verifying', 'exploring']);

/** Validates a raw `armada/status` payload; undefined if it is not one. */
export function parseStatus(raw: unknown): ArmadaStatus | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.state !== 'string' || !STATES.has(r.state)) {
    return undefined;
  }
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
  return {
    state: r.state as ArmadaStatus['state'],
    failed: num(r.failed),
    unknown: num(r.unknown),
    errors: num(r.errors),
    message: typeof r.message === 'string' ? r.message : '',
  };
}

/** `Armada: verifying` -> `verifying`; other titles are kept. */
function progressVerb(title: string): string {
  const m = /^\s*Armada:\s*(.+)$/i.exec(title);
  return (m ? m[1] : title).trim() || 'working';
}

function counts(status: ArmadaStatus | undefined): string {
  if (!status) {
    return '';
  }
  const parts: string[] = [];
  if (status.failed > 0) {
    parts.push(`${status.failed} failed`);
  }
  if (status.unknown > 0) {
    parts.push(`${status.unknown} unknown`);
  }
  return parts.join(', ');
}

export function statusView(
  server: ServerState,
  status: ArmadaStatus | undefined,
  progress: ProgressInfo | undefined,
): StatusView {
  switch (server) {
    case 'notFound':
      return {
        text: '$(error) Armada: server not found',
        tooltip: 'The Armada language server (armada-ls) was not found. Click to set armada.serverPath.',
        severity: 'error',
        command: 'armada.openServerPathSetting',
      };
    case 'crashed':
    case 'stopped':
      return {
        text: '$(error) Armada: server down',
        tooltip: 'The Armada language server is not running. Click to restart it.',
        severity: 'error',
        command: 'armada.restartServer',
      };
    case 'starting':
      return {
        text: '$(loading~spin) Armada: starting',
        tooltip: 'Starting the Armada language server',
        severity: 'none',
        command: 'armada.showOutput',
      };
    case 'running':
      break;
  }
  const detail = status?.message ? `\n${status.message}` : '';
  if (progress) {
    const pct = progress.percentage !== undefined ? ` ${Math.round(Math.min(100, Math.max(0, progress.percentage)))}%` : '';
    const msg = progress.message ? ` — ${progress.message}` : '';
    return {
      text: `$(sync~spin) Armada: ${progressVerb(progress.title)}${pct}`,
      tooltip: `${progress.title}${msg}${progress.cancellable ? '\nClick to cancel.' : ''}`,
      severity: 'none',
      command: progress.cancellable ? 'armada.cancel' : 'armada.showOutput',
    };
  }
  if (status && status.state === 'pending') {
    // An edit is not analysed or not verified yet (debounce): no verdict to show.
    const c = counts(status);
    return {
      text: `$(clock) Armada: pending${c ? ` (${c})` : ''}`,
      tooltip: `Armada: waiting to check the latest edit${detail}`,
      severity: 'none',
      command: 'armada.showOutput',
    };
  }
  if (status && status.state !== 'idle') {
    const c = counts(status);
    return {
      text: `$(sync~spin) Armada: ${status.state}${c ? ` (${c})` : ''}`,
      tooltip: `Armada is ${status.state}${detail}`,
      severity: 'none',
      command: 'armada.showOutput',
    };
  }
  if (status && status.failed > 0) {
    return {
      text: `$(error) Armada: ${counts(status)}`,
      tooltip: `Armada: ${counts(status)}${detail}\nClick to open the Problems panel.`,
      severity: 'error',
      command: 'workbench.actions.view.problems',
    };
  }
  if (status && status.unknown > 0) {
    return {
      text: `$(warning) Armada: ${counts(status)}`,
      tooltip: `Armada: ${counts(status)} (timeouts or unknown)${detail}\nClick to open the Problems panel.`,
      severity: 'warning',
      command: 'workbench.actions.view.problems',
    };
  }
  if (status && status.errors > 0) {
    return {
      text: `$(warning) Armada: ${status.errors} error${status.errors === 1 ? '' : 's'} to fix`,
      tooltip: `Armada: functions with errors are not verified${detail}\nClick to open the Problems panel.`,
      severity: 'warning',
      command: 'workbench.actions.view.problems',
    };
  }
  return {
    text: '$(check) Armada',
    tooltip: `Armada: idle${detail}`,
    severity: 'none',
    command: 'armada.showOutput',
  };
}
