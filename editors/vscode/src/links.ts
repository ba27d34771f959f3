/**
 * Links to glossary entries. glossa's hover links each related entry as
 * `file:///path/to/glossary.toml#L12`. VS Code cannot open such a link itself
 * when the files live on a remote host (Remote SSH, WSL, code-server), so the
 * extension turns it into a link to its own `glossa.openEntry` command, which
 * converts the URI the way the language client does and opens the file at
 * that line. This file does not import `vscode`.
 */

/** The command that opens an entry. */
export const OPEN_ENTRY = 'glossa.openEntry';

/** A file location: URI string (as the server wrote it) and 0-based line. */
export interface EntryLocation {
  uri: string;
  line: number;
}

/** Splits `file:///…#L12` into the file URI and the 0-based line (0 without a fragment). */
export function parseEntryLink(target: string): EntryLocation | undefined {
  if (!target.startsWith('file:')) {
    return undefined;
  }
  const hash = target.indexOf('#');
  if (hash < 0) {
    return { uri: target, line: 0 };
  }
  const match = /^L?(\d+)/.exec(target.slice(hash + 1));
  const line = match ? Math.max(0, Number(match[1]) - 1) : 0;
  return { uri: target.slice(0, hash), line };
}

/** The `command:` URI that opens a location with `glossa.openEntry`. */
export function commandLink(location: EntryLocation): string {
  return `command:${OPEN_ENTRY}?${encodeURIComponent(JSON.stringify([location.uri, location.line]))}`;
}

/**
 * Rewrites Markdown links `[text](file:///…#L12)` to command links; other
 * links and the rest of the text are left as they are.
 */
export function rewriteEntryLinks(markdown: string): string {
  return markdown.replace(/\]\((file:[^)\s]+)\)/g, (whole, target: string) => {
    const location = parseEntryLink(target);
    return location ? `](${commandLink(location)} "Open the entry")` : whole;
  });
}
