/**
 * The extension's settings as glossa's settings object (the keys of
 * `.glossa.toml`), sent as `initializationOptions` at start and, wrapped as
 * `{"glossa": {...}}`, in `workspace/didChangeConfiguration`.
 *
 * Only values the user has set are sent, so that a project's `.glossa.toml`
 * keeps deciding everything the user left at its default. This file does not
 * import `vscode`: the unit tests call it with a stand-in configuration.
 */

/** The lint rules of glossa, by id (the same strings as in `.glossa.toml`). */
export const RULES = [
  'undefined-acronym',
  'undefined-term-reference',
  'expand-on-first-use',
  'deprecated-term',
] as const;

/** Severities a rule can be set to. */
export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'] as const;

/** One severity. */
export type Severity = (typeof SEVERITIES)[number];

/** glossa's settings object (SPEC §3 and §6). */
export interface ServerSettings {
  glossary?: string[];
  allow?: string[];
  bundled?: boolean;
  include?: string[];
  exclude?: string[];
  inlay_hints?: boolean;
  rules?: Partial<Record<(typeof RULES)[number], Severity>>;
}

/**
 * Reads one `glossa.*` setting: its value and whether the user set it
 * anywhere (user, workspace or folder settings) rather than leaving the
 * default.
 */
export type SettingReader = (key: string) => { value: unknown; explicit: boolean };

/** Where `${workspaceFolder}` and `~` in glossary paths point. */
export interface PathContext {
  workspaceFolder?: string;
  home?: string;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** Expands `${workspaceFolder}`, `${userHome}` and a leading `~` in a path. */
export function expandPath(path: string, context: PathContext): string {
  let out = path.trim();
  if (context.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(context.workspaceFolder);
  }
  if (context.home !== undefined) {
    out = out.split('${userHome}').join(context.home);
    if (out === '~' || out.startsWith('~/')) {
      out = context.home + out.slice(1);
    }
  }
  return out;
}

/** Builds the settings object from the settings the user has set. */
export function serverSettings(read: SettingReader, context: PathContext = {}): ServerSettings {
  const out: ServerSettings = {};
  const set = (key: string): unknown => {
    const { value, explicit } = read(key);
    return explicit ? value : undefined;
  };

  const glossary = stringList(set('glossary'));
  if (glossary && glossary.length > 0) {
    out.glossary = glossary.map((p) => expandPath(p, context));
  }
  for (const key of ['allow', 'include', 'exclude'] as const) {
    const list = stringList(set(key));
    if (list) {
      out[key] = list;
    }
  }
  const bundled = set('bundled');
  if (typeof bundled === 'boolean') {
    out.bundled = bundled;
  }
  const inlay = set('inlayHints');
  if (typeof inlay === 'boolean') {
    out.inlay_hints = inlay;
  }
  const rules: ServerSettings['rules'] = {};
  for (const rule of RULES) {
    const severity = set(`rules.${rule}`);
    if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) {
      rules[rule] = severity as Severity;
    }
  }
  if (Object.keys(rules).length > 0) {
    out.rules = rules;
  }
  return out;
}

/** A document filter as the language client takes it (always with a scheme). */
export interface DocumentFilter {
  language?: string;
  scheme: string;
  pattern?: string;
}

type PartialFilter = Partial<DocumentFilter>;

/**
 * The language client's document selector from `glossa.documentSelector`:
 * each language id (or filter without a scheme) for saved files and for
 * untitled documents.
 */
export function documentSelector(setting: unknown): DocumentFilter[] {
  const out: DocumentFilter[] = [];
  const entries = Array.isArray(setting) ? setting : [];
  for (const entry of entries) {
    let filter: PartialFilter | undefined;
    if (typeof entry === 'string' && entry.trim() !== '') {
      filter = { language: entry.trim() };
    } else if (entry !== null && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      const f: PartialFilter = {};
      for (const key of ['language', 'scheme', 'pattern'] as const) {
        if (typeof e[key] === 'string' && e[key] !== '') {
          f[key] = e[key] as string;
        }
      }
      if (f.language || f.pattern) {
        filter = f;
      }
    }
    if (!filter) {
      continue;
    }
    if (filter.scheme) {
      out.push({ ...filter, scheme: filter.scheme });
    } else {
      out.push({ ...filter, scheme: 'file' }, { ...filter, scheme: 'untitled' });
    }
  }
  return out;
}
