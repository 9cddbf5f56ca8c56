/**
 * The message shown after a command the server ran (`workspace/executeCommand` results in
 * docs/lsp-contract.md): verify summaries `{proved, failed, unknown, ...}` and explore outcomes
 * `{ok, findings, message}`. Pure: no VS Code types.
 */

export interface Summary {
  text: string;
  severity: 'info' | 'warning' | 'error';
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function verifySummary(r: Record<string, unknown>, subject: string): Summary {
  const proved = num(r.proved);
  const failed = num(r.failed);
  const unknown = num(r.unknown);
  const notVerified = num(r.notVerified);
  const fn = str(r.function) || subject;
  let text = `Armada: ${fn ? `${fn}: ` : ''}${proved} proved, ${failed} failed, ${unknown} unknown`;
  if (notVerified > 0) {
    text += `, ${notVerified} not verified`;
  }
  if (num(r.timeMs) > 0) {
    text += ` in ${seconds(num(r.timeMs))}`;
  }
  if (r.cancelled === true) {
    text += ' (cancelled)';
  }
  const message = str(r.message);
  if (message) {
    text += ` — ${message}`;
  }
  const severity = failed > 0 ? 'error' : unknown > 0 || notVerified > 0 || r.cancelled === true || message ? 'warning' : 'info';
  return { text, severity };
}

function exploreSummary(r: Record<string, unknown>): Summary {
  const findings = num(r.findings);
  const message = str(r.message);
  if (r.ok === true) {
    return { text: `Armada explore: ${message || 'no violations within the bounds'}`, severity: 'info' };
  }
  const head = findings > 0 ? `${findings} finding${findings === 1 ? '' : 's'}` : 'did not finish';
  return { text: `Armada explore: ${head}${message ? ` — ${message}` : ''}`, severity: findings > 0 ? 'error' : 'warning' };
}

/**
 * What to tell the user about `result`; undefined when there is nothing to say. `subject` names
 * the function asked about, for results that do not name it.
 */
export function commandSummary(command: string, result: unknown, subject = ''): Summary | undefined {
  if (typeof result === 'string') {
    return result.trim() ? { text: `Armada: ${result.trim()}`, severity: 'info' } : undefined;
  }
  if (typeof result !== 'object' || result === null) {
    return undefined;
  }
  const r = result as Record<string, unknown>;
  if (command === 'armada.explore' || ('findings' in r && 'ok' in r)) {
    return exploreSummary(r);
  }
  if ('proved' in r || 'failed' in r || 'unknown' in r) {
    return verifySummary(r, subject);
  }
  return undefined;
}
