/** The status bar item: how many terms are loaded, and problems. */
import * as vscode from 'vscode';

/** The status bar item of the extension. */
export class GlossaStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private terms: number | undefined;
  private errors = 0;

  constructor() {
    this.item = vscode.window.createStatusBarItem('glossa.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'glossa';
    this.starting();
    this.item.show();
  }

  /** The server is starting. */
  starting(): void {
    this.terms = undefined;
    this.item.text = '$(sync~spin) glossa';
    this.item.tooltip = 'glossa: starting the language server';
    this.item.command = undefined;
    this.item.backgroundColor = undefined;
  }

  /** The server could not start or stopped: `why` goes into the tooltip. */
  failed(why: string): void {
    this.terms = undefined;
    this.item.text = '$(error) glossa';
    this.item.tooltip = `glossa: ${why}\nClick to restart the server.`;
    this.item.command = 'glossa.restartServer';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  /** The glossary holds `terms` entries. */
  loaded(terms: number): void {
    this.terms = terms;
    this.render();
  }

  /** The number of errors glossa reports in open files. */
  setErrors(errors: number): void {
    this.errors = errors;
    if (this.terms !== undefined) {
      this.render();
    }
  }

  private render(): void {
    const terms = this.terms ?? 0;
    const noun = terms === 1 ? 'term' : 'terms';
    this.item.text = `$(book) ${terms} ${noun}` + (this.errors > 0 ? ` $(error) ${this.errors}` : '');
    this.item.tooltip =
      `glossa: ${terms} glossary ${noun} loaded` +
      (this.errors > 0 ? `, ${this.errors} error${this.errors === 1 ? '' : 's'} in open files` : '') +
      '\nClick to reload the glossary.';
    this.item.command = 'glossa.reloadGlossary';
    this.item.backgroundColor = undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
