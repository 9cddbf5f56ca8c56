/**
 * The Armada extension: starts `armada-ls` for Go files and wires VS Code to it. The server does
 * the work (docs/lsp-contract.md); this file only finds it, starts and restarts it, shows its
 * state, and turns commands into `workspace/executeCommand` requests. The rules that need no
 * VS Code live in the pure modules beside it (serverPath, settings, status, functionAtCursor).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import {
  CloseAction,
  CodeLensRequest,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandlerResult,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  StaticFeature,
  TransportKind,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageclient/node';
import { functionAtLine } from './functionAtCursor';
import { resolveServerPath } from './serverPath';
import { serverSettings } from './settings';
import { ArmadaStatus, parseStatus, ProgressInfo, ServerState, statusView } from './status';
import { RestartPolicy } from './restartPolicy';
import { commandSummary } from './summary';

const SECTION = 'armada';
const MODEL_SCHEME = 'armada-model';
/** Commands this extension registers itself; the server's same-named commands are reached through them. */
const OWN_COMMANDS = new Set([
  'armada.verifyFile',
  'armada.verifyFunction',
  'armada.explore',
  'armada.showModel',
  'armada.restartServer',
  'armada.showOutput',
  'armada.openServerPathSetting',
  'armada.cancel',
]);

let extension: ArmadaExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new ArmadaExtension(context);
  await extension.start();
}

export async function deactivate(): Promise<void> {
  await extension?.stopClient();
  extension = undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

class ArmadaExtension {
  private client: LanguageClient | undefined;
  readonly output: vscode.LogOutputChannel;
  private readonly statusItem: vscode.StatusBarItem;
  private serverState: ServerState = 'stopped';
  private lastStatus: ArmadaStatus | undefined;
  private readonly progress = new Map<string, ProgressInfo>();
  private readonly restarts = new RestartPolicy();
  /** Whether the current server reached Running (one that dies during start-up is not restarted). */
  private started = false;
  private readonly models = new Map<string, string>();
  private readonly modelChanged = new vscode.EventEmitter<vscode.Uri>();
  private restarting = false;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Armada', { log: true });
    this.statusItem = vscode.window.createStatusBarItem('armada.status', vscode.StatusBarAlignment.Left, 0);
    this.statusItem.name = 'Armada';
    context.subscriptions.push(this.output, this.statusItem, this.modelChanged);
    this.registerCommands();
    context.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(MODEL_SCHEME, {
        onDidChange: this.modelChanged.event,
        provideTextDocumentContent: (uri) => this.models.get(uri.toString()) ?? '',
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
    );
    this.updateStatus();
  }

  // ---- server life cycle ------------------------------------------------------------------------

  async start(): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const resolved = resolveServerPath({
      configured: config.get<string>('serverPath', ''),
      workspaceFolders: (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((f) => f.uri.fsPath),
      envPath: process.env.PATH,
      home: os.homedir(),
      platform: process.platform,
      isExecutable,
    });
    if (!resolved.ok) {
      this.setServerState('notFound');
      this.output.error(resolved.reason);
      void this.showServerError(resolved.reason);
      return;
    }
    this.output.info(`starting ${resolved.command} --stdio (found via ${resolved.source})`);

    const serverOptions: ServerOptions = {
      command: resolved.command,
      // The client adds --stdio for TransportKind.stdio.
      transport: TransportKind.stdio,
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'go' },
        { scheme: 'untitled', language: 'go' },
      ],
      initializationOptions: this.currentSettings(),
      outputChannel: this.output,
      errorHandler: {
        // Errors on the pipe come with a close, which onServerClosed reports once.
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
        closed: (): CloseHandlerResult => this.onServerClosed(),
      },
      initializationFailedHandler: (error) => {
        // Reported once, by the catch around client.start() below.
        const msg = error instanceof Error ? error.message : String(error);
        this.output.error(`the server failed to initialize: ${msg}`);
        return false;
      },
    };

    const client = new LanguageClient('armada', 'Armada', serverOptions, clientOptions);
    this.client = client;
    this.keepOwnCommands(client);
    client.registerFeature(new ProgressFeature(client, this));
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return; // a client being replaced by a restart
      }
      if (e.newState === State.Running) {
        this.started = true;
        this.setServerState('running');
      } else if (e.newState === State.Starting) {
        this.setServerState('starting');
      } else if (this.serverState !== 'crashed') {
        this.setServerState('stopped');
      }
    });
    this.started = false;
    this.setServerState('starting');
    // The server's copy of a document went out of step (a change that did not fit its
    // text): answer with the whole buffer, which replaces the server's copy (docs/editors.md).
    client.onRequest('armada/documentText', (params: { uri?: unknown }) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === params?.uri);
      if (!doc) {
        return null;
      }
      this.output.warn(`armada-ls asked for the whole text of ${doc.uri.fsPath} (resynchronising)`);
      return { uri: doc.uri.toString(), version: doc.version, text: doc.getText() };
    });
    // Before start(): the server may report its status as soon as it is initialized.
    client.onNotification('armada/status', (raw: unknown) => {
      const status = parseStatus(raw);
      if (status && this.client === client) {
        this.lastStatus = status;
        this.updateStatus();
        this.scheduleCodeLensRefresh();
      }
    });
    try {
      await client.start();
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      this.output.error(`could not start ${resolved.command}: ${msg}`);
      this.setServerState('crashed');
      void this.showServerError(
        `The language server ${resolved.command} could not be started or exited during start-up (${msg}). Its messages are in the Armada output.`,
      );
    }
  }

  async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.progress.clear();
    if (client) {
      try {
        await client.stop(2000);
      } catch (error) {
        this.output.info(`stopping the server: ${String(error)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  async restart(): Promise<void> {
    if (this.restarting) {
      return;
    }
    this.restarting = true;
    try {
      this.output.info('restarting the server');
      await this.stopClient();
      this.restarts.reset();
      this.lastStatus = undefined;
      this.setServerState('stopped');
      await this.start();
    } finally {
      this.restarting = false;
    }
  }

  private onServerClosed(): CloseHandlerResult {
    this.progress.clear();
    const { restart, recent } = this.restarts.onStopped(Date.now(), this.started);
    if (!this.started) {
      // Died during start-up: client.start() rejects and its catch reports it.
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    if (!restart) {
      this.setServerState('crashed');
      const minutes = this.restarts.windowMs / 60000;
      const msg = `The language server stopped ${recent} times in ${minutes} minutes and will not be restarted. Its last messages are in the Armada output.`;
      this.output.error(msg);
      void this.showServerError(msg);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.output.warn('the server stopped unexpectedly; restarting it');
    return { action: CloseAction.Restart, handled: true };
  }

  private async showServerError(message: string): Promise<void> {
    const openSetting = 'Open Setting';
    const showOutput = 'Show Output';
    const restart = 'Restart Server';
    const choice = await vscode.window.showErrorMessage(`Armada: ${message}`, openSetting, showOutput, restart);
    if (choice === openSetting) {
      await vscode.commands.executeCommand('armada.openServerPathSetting');
    } else if (choice === showOutput) {
      this.output.show(true);
    } else if (choice === restart) {
      await this.restart();
    }
  }

  /**
   * The server advertises the contract's commands (armada.verifyFile, ...) for
   * workspace/executeCommand. The language client would register VS Code commands of the same
   * ids, which collide with this extension's own (they need the editor's state to fill in
   * arguments). Keep the ones this extension owns out of the client's registration.
   */
  private keepOwnCommands(client: LanguageClient): void {
    const feature = client.getFeature(ExecuteCommandRequest.method);
    const register = feature.register.bind(feature);
    feature.register = (data) => {
      const commands = (data.registerOptions.commands ?? []).filter((c) => !OWN_COMMANDS.has(c));
      register({ ...data, registerOptions: { ...data.registerOptions, commands } });
    };
  }

  // ---- settings ---------------------------------------------------------------------------------

  private currentSettings() {
    const config = vscode.workspace.getConfiguration(SECTION);
    return serverSettings((key) => config.get(key));
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration(`${SECTION}.serverPath`)) {
      void this.restart();
      return;
    }
    if (!e.affectsConfiguration(SECTION)) {
      return;
    }
    const client = this.client;
    if (client && client.state === State.Running) {
      void client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: this.currentSettings() },
      });
    }
  }

  // ---- code lenses ------------------------------------------------------------------------------

  private codeLensTimer: NodeJS.Timeout | undefined;

  /**
   * The status lenses (`… verifying`, `✓ verified`, ...) change when a run ends, not when the
   * document does, and VS Code asks for lenses again only on an edit or on
   * `workspace/codeLens/refresh`. Every `armada/status` notification marks a run's start or end,
   * so ask again then (debounced), whether or not the server also sends a refresh.
   */
  private scheduleCodeLensRefresh(): void {
    if (this.codeLensTimer) {
      clearTimeout(this.codeLensTimer);
    }
    this.codeLensTimer = setTimeout(() => {
      this.codeLensTimer = undefined;
      const client = this.client;
      if (!client || client.state !== State.Running) {
        return;
      }
      const feature = client.getFeature(CodeLensRequest.method);
      const fired = new Set<unknown>();
      for (const editor of vscode.window.visibleTextEditors) {
        const provider = feature.getProvider(editor.document);
        if (provider && !fired.has(provider)) {
          fired.add(provider);
          provider.onDidChangeCodeLensEmitter.fire();
        }
      }
    }, 150);
  }

  // ---- status bar -------------------------------------------------------------------------------

  private setServerState(state: ServerState): void {
    this.serverState = state;
    if (state !== 'running') {
      this.progress.clear();
    }
    this.updateStatus();
  }

  setProgress(token: string, info: ProgressInfo | undefined): void {
    if (info) {
      this.progress.set(token, info);
    } else {
      this.progress.delete(token);
    }
    this.updateStatus();
  }

  /** The most recent progress still under way. */
  private currentProgress(): [string, ProgressInfo] | undefined {
    let last: [string, ProgressInfo] | undefined;
    for (const entry of this.progress) {
      last = entry;
    }
    return last;
  }

  private updateStatus(): void {
    const view = statusView(this.serverState, this.lastStatus, this.currentProgress()?.[1]);
    this.statusItem.text = view.text;
    this.statusItem.tooltip = view.tooltip;
    this.statusItem.command = view.command;
    this.statusItem.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.statusItem.show();
  }

  // ---- commands ---------------------------------------------------------------------------------

  private registerCommands(): void {
    const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
      this.context.subscriptions.push(vscode.commands.registerCommand(id, fn));
    reg('armada.verifyFile', (uri?: unknown) => this.verifyFile(uri));
    reg('armada.verifyFunction', (uri?: unknown, name?: unknown) => this.verifyFunction(uri, name));
    reg('armada.explore', (uri?: unknown, name?: unknown) => this.explore(uri, name));
    reg('armada.showModel', (uri?: unknown) => this.showModel(uri));
    reg('armada.restartServer', () => this.restart());
    reg('armada.showOutput', () => this.output.show(true));
    reg('armada.openServerPathSetting', () => this.openServerPathSetting());
    reg('armada.cancel', () => this.cancelProgress());
  }

  /**
   * armada.serverPath is machine-scoped (a path on the machine that runs the server), so in a
   * remote window (SSH, containers, code-server) only the Remote settings show it.
   */
  private async openServerPathSetting(): Promise<void> {
    const query = `@id:${SECTION}.serverPath`;
    if (vscode.env.remoteName) {
      try {
        await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query });
        return;
      } catch (error) {
        this.output.info(`opening the remote settings: ${String(error)}`);
      }
    }
    await vscode.commands.executeCommand('workbench.action.openSettings', query);
  }

  /** The URI argument as a string: from a code lens (string), the explorer (Uri), or the editor. */
  private targetUri(arg: unknown): string | undefined {
    if (typeof arg === 'string' && arg !== '') {
      return arg;
    }
    if (arg instanceof vscode.Uri) {
      return arg.toString();
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'go') {
      return editor.document.uri.toString();
    }
    void vscode.window.showWarningMessage('Armada: open a Go file first.');
    return undefined;
  }

  /** The function at the cursor of the active editor, if it shows `uri`. */
  private functionAtCursor(uri: string): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== uri) {
      return undefined;
    }
    return functionAtLine(editor.document.getText(), editor.selection.active.line)?.qualifiedName;
  }

  private async execute(command: string, args: unknown[]): Promise<unknown> {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      const restart = 'Restart Server';
      const choice = await vscode.window.showErrorMessage('Armada: the language server is not running.', restart);
      if (choice === restart) {
        await this.restart();
      }
      return undefined;
    }
    try {
      return await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      this.output.error(`${command} failed: ${msg}`);
      void vscode.window.showErrorMessage(`Armada: ${command} failed: ${msg}`);
      return undefined;
    }
  }

  /** Shows the server's summary of a command's result, if it has one. */
  private report(command: string, result: unknown, subject?: string): void {
    const summary = commandSummary(command, result, subject);
    if (!summary) {
      return;
    }
    this.output.info(summary.text);
    if (summary.severity === 'error') {
      void vscode.window.showErrorMessage(summary.text);
    } else if (summary.severity === 'warning') {
      void vscode.window.showWarningMessage(summary.text);
    } else {
      void vscode.window.showInformationMessage(summary.text);
    }
  }

  private async verifyFile(uriArg: unknown): Promise<void> {
    const uri = this.targetUri(uriArg);
    if (!uri) {
      return;
    }
    this.report('armada.verifyFile', await this.execute('armada.verifyFile', [uri]));
  }

  private async verifyFunction(uriArg: unknown, nameArg: unknown): Promise<void> {
    const uri = this.targetUri(uriArg);
    if (!uri) {
      return;
    }
    const name = typeof nameArg === 'string' && nameArg !== '' ? nameArg : this.functionAtCursor(uri);
    if (!name) {
      void vscode.window.showWarningMessage('Armada: put the cursor inside a function to verify it.');
      return;
    }
    this.report('armada.verifyFunction', await this.execute('armada.verifyFunction', [uri, name]), name);
  }

  private async explore(uriArg: unknown, nameArg: unknown): Promise<void> {
    const uri = this.targetUri(uriArg);
    if (!uri) {
      return;
    }
    const name = typeof nameArg === 'string' && nameArg !== '' ? nameArg : this.functionAtCursor(uri);
    this.report('armada.explore', await this.execute('armada.explore', name ? [uri, name] : [uri]));
  }

  private async showModel(uriArg: unknown): Promise<void> {
    const uri = this.targetUri(uriArg);
    if (!uri) {
      return;
    }
    const result = await this.execute('armada.showModel', [uri]);
    if (typeof result !== 'string') {
      if (result !== undefined) {
        void vscode.window.showErrorMessage('Armada: the server returned no model for this file.');
      }
      return;
    }
    const source = vscode.Uri.parse(uri);
    const base = source.path.split('/').pop() ?? 'model';
    const modelUri = vscode.Uri.from({
      scheme: MODEL_SCHEME,
      path: `/${base}.model`,
      query: encodeURIComponent(uri),
    });
    this.models.set(modelUri.toString(), result);
    this.modelChanged.fire(modelUri);
    const doc = await vscode.workspace.openTextDocument(modelUri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  private cancelProgress(): void {
    const current = this.currentProgress();
    const client = this.client;
    if (current && client && current[1].cancellable) {
      void client.sendNotification(WorkDoneProgressCancelNotification.type, { token: current[0] });
    }
  }
}

/**
 * Handles `window/workDoneProgress/create` in place of the client's built-in feature, so that
 * the server's progress drives the status bar item (with a click to cancel) and the window's
 * progress indicator rather than a pop-up notification on every background verification.
 */
class ProgressFeature implements StaticFeature {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly done = new Map<string, () => void>();
  private readonly infos = new Map<string, ProgressInfo>();
  private readonly listeners = new Map<string, vscode.Disposable>();

  constructor(
    private readonly client: LanguageClient,
    private readonly ext: ArmadaExtension,
  ) {}

  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    capabilities.window = capabilities.window ?? {};
    capabilities.window.workDoneProgress = true;
  }

  getState() {
    return { kind: 'static' as const };
  }

  initialize(): void {
    // Registered after the built-in features, so this handler replaces the built-in one.
    this.disposables.push(
      this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
        const key = String(token);
        this.listeners.get(key)?.dispose();
        this.listeners.set(
          key,
          this.client.onProgress(WorkDoneProgress.type, token, (value) => {
            if (value.kind === 'begin') {
              this.ext.output.trace(`progress ${key}: ${value.title}`);
              this.update(key, {
                title: value.title,
                message: value.message,
                percentage: value.percentage,
                cancellable: value.cancellable ?? false,
              });
              void vscode.window.withProgress(
                { location: vscode.ProgressLocation.Window, title: value.title },
                () => new Promise<void>((resolve) => this.done.set(key, resolve)),
              );
            } else if (value.kind === 'report') {
              const prev = this.infos.get(key);
              if (prev) {
                this.update(key, {
                  ...prev,
                  message: value.message ?? prev.message,
                  percentage: value.percentage ?? prev.percentage,
                  cancellable: value.cancellable ?? prev.cancellable,
                });
              }
            } else {
              this.finish(key);
            }
          }),
        );
      }),
    );
  }

  private update(key: string, info: ProgressInfo): void {
    this.infos.set(key, info);
    this.ext.setProgress(key, info);
  }

  private finish(key: string): void {
    this.infos.delete(key);
    this.ext.setProgress(key, undefined);
    this.done.get(key)?.();
    this.done.delete(key);
    this.listeners.get(key)?.dispose();
    this.listeners.delete(key);
  }

  clear(): void {
    for (const key of [...this.listeners.keys()]) {
      this.finish(key);
    }
    this.disposables.forEach((d) => d.dispose());
    this.disposables.length = 0;
  }
}
