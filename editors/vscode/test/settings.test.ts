import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentSelector, expandPath, serverSettings, SettingReader } from '../src/settings';

/** A configuration where `set` holds what the user set and everything else is a default. */
function reader(set: Record<string, unknown>, defaults: Record<string, unknown> = {}): SettingReader {
  return (key) =>
    key in set ? { value: set[key], explicit: true } : { value: defaults[key], explicit: false };
}

test('nothing set sends an empty settings object, whatever the defaults', () => {
  const defaults = { glossary: [], allow: [], 'rules.undefined-acronym': 'warning', inlayHints: false };
  assert.deepEqual(serverSettings(reader({}, defaults)), {});
});

test('settings map to the keys of .glossa.toml', () => {
  const settings = serverSettings(
    reader({
      glossary: ['glossary', '/abs/terms.csv'],
      allow: ['USD', 'PDF'],
      bundled: true,
      include: ['**/*.md'],
      exclude: ['vendor/**'],
      inlayHints: true,
      'rules.undefined-acronym': 'error',
      'rules.deprecated-term': 'off',
    }),
  );
  assert.deepEqual(settings, {
    glossary: ['glossary', '/abs/terms.csv'],
    allow: ['USD', 'PDF'],
    bundled: true,
    include: ['**/*.md'],
    exclude: ['vendor/**'],
    inlay_hints: true,
    rules: { 'undefined-acronym': 'error', 'deprecated-term': 'off' },
  });
});

test('a setting explicitly set to its default value is still sent', () => {
  assert.deepEqual(serverSettings(reader({ 'rules.expand-on-first-use': 'info', inlayHints: false })), {
    inlay_hints: false,
    rules: { 'expand-on-first-use': 'info' },
  });
});

test('malformed values are left out rather than sent', () => {
  const settings = serverSettings(
    reader({
      glossary: 'not-a-list',
      allow: ['OK', 3, '', '  '],
      bundled: 'yes',
      'rules.undefined-acronym': 'loud',
      'rules.no-such-rule': 'error',
    }),
  );
  assert.deepEqual(settings, { allow: ['OK'] });
});

test('an empty glossary list means the project decides', () => {
  assert.deepEqual(serverSettings(reader({ glossary: [] })), {});
});

test('glossary paths expand ${workspaceFolder}, ${userHome} and ~', () => {
  const settings = serverSettings(
    reader({ glossary: ['${workspaceFolder}/docs/terms.toml', '~/glossary', '${userHome}/x.csv', 'rel/~/y'] }),
    { workspaceFolder: '/ws', home: '/home/me' },
  );
  assert.deepEqual(settings.glossary, ['/ws/docs/terms.toml', '/home/me/glossary', '/home/me/x.csv', 'rel/~/y']);
});

test('expandPath leaves variables it has no value for', () => {
  assert.equal(expandPath('${workspaceFolder}/g', {}), '${workspaceFolder}/g');
  assert.equal(expandPath(' ~ ', { home: '/h' }), '/h');
});

test('language ids become filters for saved and untitled documents', () => {
  assert.deepEqual(documentSelector(['markdown', 'plaintext']), [
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
    { language: 'plaintext', scheme: 'file' },
    { language: 'plaintext', scheme: 'untitled' },
  ]);
});

test('document filters keep their scheme and pattern; junk is dropped', () => {
  assert.deepEqual(
    documentSelector([{ pattern: '**/*.note' }, { language: 'markdown', scheme: 'vscode-notebook-cell' }, 7, {}, '']),
    [
      { pattern: '**/*.note', scheme: 'file' },
      { pattern: '**/*.note', scheme: 'untitled' },
      { language: 'markdown', scheme: 'vscode-notebook-cell' },
    ],
  );
  assert.deepEqual(documentSelector(undefined), []);
});
