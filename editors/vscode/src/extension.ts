/**
 * glossa for VS Code: starts the glossa language server for prose (and the
 * comments of source files), forwards the `glossa.*` settings to it, and adds
 * the commands of the "Glossa" category and a status bar item.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  HoverRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
  WorkspaceSymbolRequest,
} from 'vscode-languageclient/node';
import type { SymbolInformation, WorkspaceSymbol } from 'vscode-languageclient/node';
import { OPEN_ENTRY, parseCommandLink, parseEntryLink, rewriteEntryLinks } from './links';
import { AnswerPanel, CitedTerm } from './panel';
import { findServer } from './serverPath';
import { documentSelector, serverSettings, ServerSettings } from './settings';
import { GlossaStatus } from './status';

const SECTION = 'glossa';

/** The reply of `glossa.ask` (SPEC §6, §7). */
interface AskResult {
  answer: string;
  terms?: CitedTerm[];
}

let glossa: Glossa | undefined;

/** Called by VS Code when a document glossa reads is opened. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  glossa = new Glossa(context);
  await glossa.start();
}

/** Called by VS Code on shutdown. */
export async function deactivate(): Promise<void> {
  await glossa?.stop();
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The settings object from the user's `glossa.*` settings. */
function currentSettings(): ServerSettings {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration(SECTION, folder?.uri);
  return serverSettings(
    (key) => {
      const i = config.inspect(key);
      const explicit =
        i !== undefined &&
        (i.globalValue !== undefined ||
          i.workspaceValue !== undefined ||
          i.workspaceFolderValue !== undefined ||
          i.globalLanguageValue !== undefined ||
          i.workspaceLanguageValue !== undefined ||
          i.workspaceFolderLanguageValue !== undefined);
      return { value: config.get(key), explicit };
    },
    { workspaceFolder: folder?.uri.fsPath, home: os.homedir() },
  );
}

class Glossa implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** The current client has started once (later starts are restarts after a crash). */
  private started = false;
  private recount: NodeJS.Timeout | undefined;
  private readonly output: vscode.OutputChannel;
  private readonly status: GlossaStatus;
  private readonly panel: AnswerPanel;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('glossa');
    this.status = new GlossaStatus();
    this.panel = new AnswerPanel({
      ask: (q) => void this.ask(q),
      openTerm: (t) => void this.openTermByName(t),
      openLink: (href) => void this.openLink(href),
    });
    const command = (id: string, run: (...args: never[]) => unknown) =>
      context.subscriptions.push(vscode.commands.registerCommand(id, run));
    command('glossa.askGlossary', (question?: string) => this.ask(question));
    command('glossa.reloadGlossary', () => this.reload(true));
    command('glossa.showDefinition', () => this.showDefinition());
    command(OPEN_ENTRY, (uri?: string, line?: number) => this.openEntry(uri, line));
    command('glossa.restartServer', () => this.restart());
    context.subscriptions.push(
      this,
      this.output,
      this.status,
      this.panel,
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      vscode.languages.onDidChangeDiagnostics(() => this.countErrors()),
      vscode.workspace.onDidSaveTextDocument((d) => this.onSaved(d)),
    );
  }

  /** Finds the server and starts the language client. */
  async start(): Promise<void> {
    this.started = false;
    this.status.starting();
    const setting = vscode.workspace.getConfiguration(SECTION).get<string>('server.path');
    const lookup = findServer(setting, this.context.extensionPath, {
      platform: process.platform,
      arch: process.arch,
      pathEnv: process.env.PATH,
      home: os.homedir(),
      isExecutable,
    });
    if (!lookup.ok) {
      this.status.failed(lookup.message);
      this.output.appendLine(lookup.message);
      void this.offerFix(lookup.message);
      return;
    }
    this.output.appendLine(`Starting ${lookup.command} lsp (found: ${lookup.source})`);

    const server: ServerOptions = {
      run: { command: lookup.command, args: ['lsp'], transport: TransportKind.stdio },
      debug: { command: lookup.command, args: ['lsp'], transport: TransportKind.stdio },
    };
    const options: LanguageClientOptions = {
      documentSelector: documentSelector(vscode.workspace.getConfiguration(SECTION).get('documentSelector')),
      initializationOptions: currentSettings(),
      outputChannel: this.output,
      middleware: {
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          if (!hover) {
            return hover;
          }
          hover.contents = hover.contents.map((c) => {
            const value = typeof c === 'string' ? c : c.value;
            const md = new vscode.MarkdownString(rewriteEntryLinks(value));
            md.isTrusted = { enabledCommands: [OPEN_ENTRY] };
            return md;
          });
          return hover;
        },
        workspace: {
          configuration: (params, token, next) =>
            params.items.some((i) => i.section === SECTION)
              ? params.items.map((i) => (i.section === SECTION ? currentSettings() : null))
              : next(params, token),
        },
      },
    };
    const client = new LanguageClient('glossa', 'glossa', server, options);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      if (e.newState === State.Stopped) {
        this.status.failed('the language server stopped; see the glossa output channel');
        void vscode.commands.executeCommand('setContext', 'glossa.active', false);
      } else if (e.newState === State.Running && e.oldState === State.Starting && this.started) {
        // The client restarted a server that had crashed.
        void vscode.commands.executeCommand('setContext', 'glossa.active', true);
        void this.reload(false);
      }
    });
    try {
      await client.start();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.status.failed(`could not start ${lookup.command}: ${why}`);
      void vscode.window.showErrorMessage(`glossa: could not start ${lookup.command}: ${why}`, 'Open Settings').then(
        (choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'glossa.server.path'),
      );
      return;
    }
    this.started = true;
    void vscode.commands.executeCommand('setContext', 'glossa.active', true);
    await this.reload(false);
    this.countErrors();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      await client.stop().catch(() => undefined);
    }
  }

  private async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    clearTimeout(this.recount);
    void this.stop();
  }

  private async offerFix(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Set glossa.server.path', 'How to install');
    if (choice === 'Set glossa.server.path') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'glossa.server.path');
    } else if (choice === 'How to install') {
      await vscode.commands.executeCommand(
        'markdown.showPreview',
        vscode.Uri.joinPath(this.context.extensionUri, 'README.md'),
      );
    }
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration('glossa.server.path') || e.affectsConfiguration('glossa.documentSelector')) {
      void this.restart();
    } else if (e.affectsConfiguration(SECTION) && this.client?.isRunning()) {
      void this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: currentSettings() },
      });
    }
  }

  /**
   * The server reloads the glossary when one of its files is saved; a saved
   * file that may be a glossary updates the term count shortly after.
   */
  private onSaved(document: vscode.TextDocument): void {
    if (!/\.(toml|json|jsonld|csv|tsv|ttl)$/i.test(document.uri.path) || !this.client?.isRunning()) {
      return;
    }
    clearTimeout(this.recount);
    this.recount = setTimeout(() => void this.reload(false), 500);
  }

  private running(): LanguageClient | undefined {
    if (this.client?.isRunning()) {
      return this.client;
    }
    void vscode.window.showWarningMessage('glossa: the language server is not running.', 'Restart Server').then(
      (choice) => choice && this.restart(),
    );
    return undefined;
  }

  private countErrors(): void {
    let errors = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source === 'glossa' && d.severity === vscode.DiagnosticSeverity.Error) {
          errors++;
        }
      }
    }
    this.status.setErrors(errors);
  }

  private async reload(announce: boolean): Promise<void> {
    const client = announce ? this.running() : this.client;
    if (!client) {
      return;
    }
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'glossa.reload',
        arguments: [],
      })) as { terms?: number } | null;
      const terms = typeof result?.terms === 'number' ? result.terms : 0;
      this.status.loaded(terms);
      if (announce) {
        void vscode.window.showInformationMessage(`glossa: glossary reloaded, ${terms} terms.`);
      }
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.output.appendLine(`glossa.reload failed: ${why}`);
      if (announce) {
        void vscode.window.showErrorMessage(`glossa: reloading the glossary failed: ${why}`);
      }
    }
  }

  private async ask(question?: string): Promise<void> {
    if (question === undefined) {
      question = await vscode.window.showInputBox({
        title: 'Ask the Glossary',
        prompt: 'A question about the glossary: a term to define, an acronym to expand, two terms to compare',
        placeHolder: 'what is a permanent establishment?',
        ignoreFocusOut: true,
      });
    }
    if (!question || question.trim() === '') {
      return;
    }
    const client = this.running();
    if (!client) {
      return;
    }
    try {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'glossa.ask',
        arguments: [question],
      })) as AskResult | null;
      await this.panel.show({
        heading: question,
        markdown: result?.answer ?? 'No answer.',
        terms: Array.isArray(result?.terms) ? result.terms : [],
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`glossa: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async showDefinition(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = this.running();
    if (!editor || !client) {
      return;
    }
    const params = client.code2ProtocolConverter.asTextDocumentPositionParams(
      editor.document,
      editor.selection.active,
    );
    const hover = await client.sendRequest(HoverRequest.type, params);
    const contents = hover?.contents;
    const markdown =
      contents === undefined || contents === null
        ? ''
        : typeof contents === 'string'
          ? contents
          : Array.isArray(contents)
            ? contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n')
            : contents.value;
    if (markdown.trim() === '') {
      void vscode.window.showInformationMessage('glossa: there is no glossary term under the cursor.');
      return;
    }
    const word = hover?.range
      ? editor.document.getText(client.protocol2CodeConverter.asRange(hover.range))
      : editor.document.getText(editor.document.getWordRangeAtPosition(editor.selection.active));
    await this.panel.show({ heading: word, markdown, terms: [] });
  }

  /** Opens a glossary file at an entry: from a link, or picked from a list. */
  private async openEntry(uri?: string, line?: number): Promise<void> {
    if (typeof uri === 'string') {
      await this.openLocation(uri, typeof line === 'number' ? line : 0);
      return;
    }
    const client = this.running();
    if (!client) {
      return;
    }
    const symbols = await this.entries(client, '');
    if (symbols.length === 0) {
      void vscode.window.showInformationMessage('glossa: the glossary has no entries to open.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      symbols.map((s) => ({ label: s.name, description: s.containerName, symbol: s })),
      { title: 'Open Glossary Entry', matchOnDescription: true, placeHolder: 'Type a term' },
    );
    if (picked) {
      const location = picked.symbol.location;
      await this.openLocation(location.uri, 'range' in location ? location.range.start.line : 0);
    }
  }

  private async entries(client: LanguageClient, query: string): Promise<(SymbolInformation | WorkspaceSymbol)[]> {
    try {
      return (await client.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? [];
    } catch (e) {
      this.output.appendLine(`workspace/symbol failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  private async openTermByName(term: CitedTerm): Promise<void> {
    const client = this.running();
    if (!client) {
      return;
    }
    const symbols = await this.entries(client, term.name);
    const match = symbols.find((s) => s.name === term.name) ?? symbols[0];
    if (match) {
      const location = match.location;
      await this.openLocation(location.uri, 'range' in location ? location.range.start.line : 0);
    } else if (term.url) {
      await vscode.env.openExternal(vscode.Uri.parse(term.url));
    } else {
      void vscode.window.showInformationMessage(`glossa: no glossary file holds "${term.name}".`);
    }
  }

  private async openLink(href: string): Promise<void> {
    const entry = parseCommandLink(href) ?? parseEntryLink(href);
    if (entry) {
      await this.openLocation(entry.uri, entry.line);
    } else if (/^https?:/.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href));
    }
  }

  private async openLocation(uri: string, line: number): Promise<void> {
    const target = this.client ? this.client.protocol2CodeConverter.asUri(uri) : vscode.Uri.parse(uri);
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(target, {
      selection: new vscode.Range(position, position),
      preview: false,
      viewColumn: vscode.ViewColumn.One,
    });
  }
}

