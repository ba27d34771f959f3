import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, renderMarkdown } from '../src/markdownHtml';

const cases: [string, string][] = [
  ['plain', '<p>plain</p>'],
  ['**Name** · *Tax*', '<p><strong>Name</strong> · <em>Tax</em></p>'],
  ['one\n\ntwo', '<p>one</p>\n<p>two</p>'],
  ['line\nbreak', '<p>line<br>\nbreak</p>'],
  ['[Tax Treaty](file:///g/t.toml#L3)', '<p><a href="file:///g/t.toml#L3">Tax Treaty</a></p>'],
  ['<https://example.org/a_b>', '<p><a href="https://example.org/a_b">https://example.org/a_b</a></p>'],
  ['- a\n- **b**', '<ul><li>a</li><li><strong>b</strong></li></ul>'],
  ['## Heading', '<h2>Heading</h2>'],
  ['`a*b*c` and *d*', '<p><code>a*b*c</code> and <em>d</em></p>'],
  ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
  ['[x](javascript:"a")', '<p><a href="javascript:&quot;a&quot;">x</a></p>'],
  ['5 * 3 * 2', '<p>5 * 3 * 2</p>'],
  ['snake_case_word', '<p>snake_case_word</p>'],
];

test('renders the Markdown of answers', () => {
  for (const [markdown, html] of cases) {
    assert.equal(renderMarkdown(markdown), html, markdown);
  }
});

test('escapes everything HTML treats specially', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
