import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandLink, parseCommandLink, parseEntryLink, rewriteEntryLinks } from '../src/links';

test('an entry link gives the file and the 0-based line', () => {
  assert.deepEqual(parseEntryLink('file:///g/tax.toml#L12'), { uri: 'file:///g/tax.toml', line: 11 });
  assert.deepEqual(parseEntryLink('file:///g/tax.toml#12'), { uri: 'file:///g/tax.toml', line: 11 });
  assert.deepEqual(parseEntryLink('file:///g/tax.toml'), { uri: 'file:///g/tax.toml', line: 0 });
  assert.deepEqual(parseEntryLink('file:///g/tax.toml#L0'), { uri: 'file:///g/tax.toml', line: 0 });
  assert.equal(parseEntryLink('https://example.org/terms/pe'), undefined);
});

test('command links carry the arguments of glossa.openEntry', () => {
  const link = commandLink({ uri: 'file:///g/my%20terms.toml', line: 3 });
  assert.ok(link.startsWith('command:glossa.openEntry?'));
  assert.deepEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))), [
    'file:///g/my%20terms.toml',
    3,
  ]);
});

test('hover Markdown: file links become command links, web links stay', () => {
  const hover =
    '**Permanent Establishment** · *Tax*\n\n*Related:* [Tax Treaty](file:///ws/glossary/terms.toml#L20) · ' +
    '[Tax](https://example.org/tax)\n\n*Sources:* <https://example.org/pe>\n';
  const out = rewriteEntryLinks(hover);
  assert.ok(out.includes('[Tax Treaty](command:glossa.openEntry?'));
  assert.ok(out.includes(encodeURIComponent(JSON.stringify(['file:///ws/glossary/terms.toml', 19]))));
  assert.ok(out.includes('[Tax](https://example.org/tax)'));
  assert.ok(out.includes('<https://example.org/pe>'));
  assert.equal(rewriteEntryLinks('no links here'), 'no links here');
});

test('command links read back to the location they open', () => {
  const location = { uri: 'file:///g/my%20terms.toml', line: 41 };
  assert.deepEqual(parseCommandLink(commandLink(location)), location);
  assert.equal(parseCommandLink('command:other.command?%5B%5D'), undefined);
  assert.equal(parseCommandLink('command:glossa.openEntry?not-json'), undefined);
  assert.equal(parseCommandLink('command:glossa.openEntry?' + encodeURIComponent('["https://x", 1]')), undefined);
  assert.deepEqual(parseCommandLink('command:glossa.openEntry?' + encodeURIComponent('["file:///a", -3]')), {
    uri: 'file:///a',
    line: 0,
  });
});

test('a glossary path with parentheses keeps the Markdown link whole', () => {
  const out = rewriteEntryLinks('[Tax Treaty](file:///g/terms%20(old).toml#L4) and more');
  const m = /^\[Tax Treaty\]\((command:[^)\s]+) "Open the entry"\) and more$/.exec(out);
  assert.ok(m, out);
  assert.deepEqual(parseCommandLink(m[1]), { uri: 'file:///g/terms%20(old).toml', line: 3 });
});
