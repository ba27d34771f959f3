/**
 * The side panel that shows answers from the glossary ("Glossa: Ask the
 * Glossary") and entries ("Glossa: Show Term Definition") as rendered
 * Markdown, with the entries they are about as clickable items and a field
 * to ask the next question.
 */
import * as vscode from 'vscode';
import { rewriteEntryLinks } from './links';
import { escapeHtml, renderMarkdown } from './markdownHtml';

/** An entry an answer cites (SPEC §7). */
export interface CitedTerm {
  id: string;
  name: string;
  summary?: string | null;
  url?: string | null;
}

/** What the panel shows. */
export interface PanelContent {
  /** The question, or the term the entry was shown for. */
  heading: string;
  /** Markdown. */
  markdown: string;
  terms: CitedTerm[];
}

/** What the panel's buttons and links ask the extension to do. */
export interface PanelActions {
  ask(question: string): void;
  openTerm(term: CitedTerm): void;
  openLink(href: string): void;
}

type Message =
  | { type: 'ask'; question: string }
  | { type: 'term'; index: number }
  | { type: 'link'; href: string };

/** The one answer panel of the window, created on first use. */
export class AnswerPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private terms: CitedTerm[] = [];

  constructor(private readonly actions: PanelActions) {}

  /** Shows content, creating or revealing the panel beside the editor. */
  async show(content: PanelContent): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'glossa.answer',
        'Glossary',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, enableCommandUris: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: Message) => this.onMessage(m));
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, false);
    }
    this.terms = content.terms;
    this.panel.title = `Glossary: ${content.heading}`;
    this.panel.webview.html = html(this.panel.webview, content, await render(content.markdown));
  }

  private onMessage(m: Message): void {
    if (m.type === 'ask' && typeof m.question === 'string' && m.question.trim() !== '') {
      this.actions.ask(m.question.trim());
    } else if (m.type === 'term' && this.terms[m.index]) {
      this.actions.openTerm(this.terms[m.index]);
    } else if (m.type === 'link' && typeof m.href === 'string') {
      this.actions.openLink(m.href);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/**
 * Markdown as HTML: VS Code's renderer when it is there, else our own. Links
 * to glossary files become `command:glossa.openEntry` links first, which the
 * panel hands back to the extension when clicked.
 */
async function render(text: string): Promise<string> {
  const markdown = rewriteEntryLinks(text);
  try {
    const out = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    if (typeof out === 'string' && out.trim() !== '') {
      return out;
    }
  } catch {
    // The built-in Markdown extension is disabled: fall back.
  }
  return renderMarkdown(markdown);
}

function nonce(): string {
  let out = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 32; i++) {
    out += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return out;
}

function html(webview: vscode.Webview, content: PanelContent, answerHtml: string): string {
  const n = nonce();
  const terms = content.terms
    .map(
      (t, i) =>
        `<li><a href="#" class="term" data-index="${i}">${escapeHtml(t.name)}</a>` +
        (t.summary ? ` — ${escapeHtml(t.summary)}` : '') +
        '</li>',
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} https: data:; style-src 'unsafe-inline'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; line-height: 1.5; }
  form { display: flex; gap: 6px; position: sticky; top: 0; padding: 10px 0; background: var(--vscode-editor-background); }
  input { flex: 1; padding: 4px 6px; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); }
  button { padding: 4px 12px; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; cursor: pointer; }
  h2 { font-size: 1.1em; color: var(--vscode-descriptionForeground); font-weight: normal; }
  a { color: var(--vscode-textLink-foreground); }
  code { font-family: var(--vscode-editor-font-family); }
  .entries { border-top: 1px solid var(--vscode-widget-border, #8884); margin-top: 16px; padding-top: 8px; }
</style>
</head>
<body>
<form id="ask"><input id="question" placeholder="Ask the glossary…" aria-label="Question"><button type="submit">Ask</button></form>
<h2 id="heading">${escapeHtml(content.heading)}</h2>
<div id="answer">${answerHtml}</div>
${terms ? `<div class="entries"><h2>Entries</h2><ul id="entries">${terms}</ul></div>` : ''}
<script nonce="${n}">
  const vscode = acquireVsCodeApi();
  document.getElementById('ask').addEventListener('submit', (e) => {
    e.preventDefault();
    const question = document.getElementById('question').value;
    if (question.trim()) vscode.postMessage({ type: 'ask', question });
  });
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a) return;
    e.preventDefault();
    if (a.classList.contains('term')) vscode.postMessage({ type: 'term', index: Number(a.dataset.index) });
    else if (a.getAttribute('href')) vscode.postMessage({ type: 'link', href: a.getAttribute('href') });
  });
</script>
</body>
</html>`;
}
