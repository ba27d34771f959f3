//! A definition's Markdown as HTML for the site: raw HTML in the text is
//! shown as text, images become links (the site loads nothing from
//! elsewhere), links with scripts or unknown schemes are dropped, and
//! `#id` links to entries lead to their pages.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Renders `markdown`; `entry_page` gives the page of an entry id, if it exists.
pub fn to_html(markdown: &str, entry_page: &dyn Fn(&str) -> Option<String>) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_target(&dest_url, entry_page),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn safe_target<'a>(url: &str, entry_page: &dyn Fn(&str) -> Option<String>) -> CowStr<'a> {
    if let Some(page) = url.strip_prefix('#').and_then(entry_page) {
        return page.into();
    }
    let scheme = url
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme.as_deref() {
        None | Some("http" | "https" | "mailto") => url.to_string().into(),
        Some(_) => "#".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_safely() {
        let page = |id: &str| (id == "pe").then(|| "pe.html".to_string());
        for (md, html) in [
            ("See [PE](#pe).", "<p>See <a href=\"pe.html\">PE</a>.</p>\n"),
            ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
            ("[x](javascript:alert(1))", "<p><a href=\"#\">x</a></p>\n"),
            (
                "![chart](https://example.org/c.png)",
                "<p><a href=\"https://example.org/c.png\">chart</a></p>\n",
            ),
            ("[gone](#nowhere)", "<p><a href=\"#nowhere\">gone</a></p>\n"),
        ] {
            let got = to_html(md, &page);
            assert!(got.contains(html), "{md}: {got}");
        }
    }
}
