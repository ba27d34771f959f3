//! Markdown to HTML for the entry pages (`GET /terms/{id}`). Everything is
//! escaped; raw HTML in the Markdown is shown as text, and only `http(s)`
//! and site-relative links become links.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

pub use crate::render::escape_html as escape;

fn safe_url(url: &str) -> bool {
    url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//"))
}

/// Renders Markdown as safe HTML.
///
/// ```
/// use glossa::serve::html::markdown_to_html;
/// assert_eq!(markdown_to_html("**a** <b>x</b> [y](javascript:z)"),
///            "<p><strong>a</strong> &lt;b&gt;x&lt;/b&gt; y</p>\n");
/// ```
pub fn markdown_to_html(markdown: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => out.push_str("<p>"),
                Tag::Heading { level, .. } => out.push_str(&format!("<{}>", heading(level))),
                Tag::BlockQuote(_) => out.push_str("<blockquote>\n"),
                Tag::List(Some(1)) => out.push_str("<ol>\n"),
                Tag::List(Some(start)) => out.push_str(&format!("<ol start=\"{start}\">\n")),
                Tag::List(None) => out.push_str("<ul>\n"),
                Tag::Item => out.push_str("<li>"),
                Tag::Emphasis => out.push_str("<em>"),
                Tag::Strong => out.push_str("<strong>"),
                Tag::CodeBlock(_) => out.push_str("<pre><code>"),
                Tag::Link { dest_url, .. } => {
                    let ok = safe_url(&dest_url);
                    if ok {
                        out.push_str(&format!("<a href=\"{}\">", escape(&dest_url)));
                    }
                    links.push(ok);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("</p>\n"),
                TagEnd::Heading(level) => out.push_str(&format!("</{}>\n", heading(level))),
                TagEnd::BlockQuote(_) => out.push_str("</blockquote>\n"),
                TagEnd::List(true) => out.push_str("</ol>\n"),
                TagEnd::List(false) => out.push_str("</ul>\n"),
                TagEnd::Item => out.push_str("</li>\n"),
                TagEnd::Emphasis => out.push_str("</em>"),
                TagEnd::Strong => out.push_str("</strong>"),
                TagEnd::CodeBlock => out.push_str("</code></pre>\n"),
                TagEnd::Link if links.pop() == Some(true) => out.push_str("</a>"),
                _ => {}
            },
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&escape(&t)),
            Event::Code(c) => out.push_str(&format!("<code>{}</code>", escape(&c))),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>\n"),
            Event::Rule => out.push_str("<hr>\n"),
            _ => {}
        }
    }
    out
}

fn heading(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_links_and_escaping() {
        assert_eq!(
            markdown_to_html("- [A](/terms/a) — x & y\n- <script>alert(1)</script>\n"),
            "<ul>\n<li><a href=\"/terms/a\">A</a> — x &amp; y</li>\n<li>&lt;script&gt;alert(1)&lt;/script&gt;\n</li>\n</ul>\n"
        );
        assert_eq!(markdown_to_html("[a](//evil.example)"), "<p>a</p>\n");
        assert_eq!(
            markdown_to_html("[a](https://x.example/a&b)"),
            "<p><a href=\"https://x.example/a&amp;b\">a</a></p>\n"
        );
    }
}
