/**
 * Links to glossary entries. glossa's hover links each related entry as
 * `file:///path/to/glossary.toml#L12`. VS Code cannot open such a link itself
 * when the files live on a remote host (Remote SSH, WSL, code-server), so the
 * extension turns it into a link to its own `glossa.openEntry` command, which
 * converts the URI the way the language client does and opens the file at
 * that line. The answer panel uses the same links (Markdown renderers drop
 * `file:` links). This file does not import `vscode`.
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
  // Parentheses too, which encodeURIComponent keeps: they would end a Markdown link.
  const args = encodeURIComponent(JSON.stringify([location.uri, location.line]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29');
  return `command:${OPEN_ENTRY}?${args}`;
}

/**
 * Rewrites Markdown links `[text](file:///…#L12)` to command links; other
 * links and the rest of the text are left as they are.
 */
export function rewriteEntryLinks(markdown: string): string {
  // A destination may hold balanced parentheses, as CommonMark allows.
  return markdown.replace(/\]\((file:(?:[^()\s]|\([^()\s]*\))+)\)/g, (whole, target: string) => {
    const location = parseEntryLink(target);
    return location ? `](${commandLink(location)} "Open the entry")` : whole;
  });
}

/** The location a `command:glossa.openEntry?…` link opens, if it is one. */
export function parseCommandLink(href: string): EntryLocation | undefined {
  const prefix = `command:${OPEN_ENTRY}?`;
  if (!href.startsWith(prefix)) {
    return undefined;
  }
  try {
    const args: unknown = JSON.parse(decodeURIComponent(href.slice(prefix.length)));
    if (Array.isArray(args) && typeof args[0] === 'string' && args[0].startsWith('file:')) {
      const line = typeof args[1] === 'number' && Number.isInteger(args[1]) && args[1] >= 0 ? args[1] : 0;
      return { uri: args[0], line };
    }
  } catch {
    // not JSON: not one of ours
  }
  return undefined;
}
