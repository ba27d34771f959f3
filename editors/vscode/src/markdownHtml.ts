/**
 * A small Markdown → HTML renderer for the answer panel, used when VS Code's
 * own renderer (the built-in Markdown extension's `markdown.api.render`) is
 * not available. It knows what glossa's answers use: paragraphs, lists,
 * bold, italics, inline code, links and `<url>` autolinks. Everything else is
 * shown as escaped text. This file does not import `vscode`.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function inline(text: string): string {
  const codes: string[] = [];
  let out = text.replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  const links: string[] = [];
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, href: string) => {
    links.push(`<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`);
    return `\uE001${links.length - 1}\uE001`;
  });
  out = out.replace(/<((?:https?|file):[^>\s]+)>/g, (_m, href: string) => {
    links.push(`<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`);
    return `\uE001${links.length - 1}\uE001`;
  });
  out = escapeHtml(out)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
  out = out.replace(/\uE001(\d+)\uE001/g, (_m, i: string) => links[Number(i)] ?? '');
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)] ?? '');
}

/** Renders Markdown as HTML (see the top of this file for what it covers). */
export function renderMarkdown(markdown: string): string {
  const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) {
      continue;
    }
    if (lines.every((l) => /^\s*[-*+]\s+/.test(l))) {
      const items = lines.map((l) => `<li>${inline(l.replace(/^\s*[-*+]\s+/, ''))}</li>`);
      html.push(`<ul>${items.join('')}</ul>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) {
      const level = heading[1].length;
      html.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      continue;
    }
    html.push(`<p>${lines.map(inline).join('<br>\n')}</p>`);
  }
  return html.join('\n');
}
