//! HTML fragments (as some glossaries store their definitions) turned into
//! Markdown text: paragraphs, line breaks, lists, emphasis, code and links.
//!
//! Written for fragments that may be broken: an unclosed tag, a stray `<`, a
//! closing tag that was never opened or a closing tag that lost its `>` never
//! stop the conversion, and no text is dropped.

/// What to do with a link: keep it as a Markdown link to the given target,
/// or keep only its text.
pub(crate) type LinkRule<'a> = dyn FnMut(&str) -> Option<String> + 'a;

/// Converts an HTML fragment to Markdown; `link` decides, per `href`, whether
/// a link stays a link (and to what target) or becomes plain text.
pub(crate) fn to_markdown(html: &str, link: &mut LinkRule<'_>) -> String {
    let mut out = String::new();
    // The open link: its target and where its text starts in `out`.
    let mut open_link: Option<(String, usize)> = None;
    let mut list_depth = 0usize;
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        push_text(&mut out, &rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let (text, used) = entity(rest);
            out.push_str(&text);
            rest = &rest[used..];
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.length..];
        match (tag.name.as_str(), tag.closing) {
            ("a", false) => {
                close_link(&mut out, &mut open_link, link);
                open_link = Some((tag.href.unwrap_or_default(), out.len()));
            }
            ("a", true) => close_link(&mut out, &mut open_link, link),
            ("br", _) => out.push('\n'),
            ("p" | "div", _) => paragraph_break(&mut out),
            ("ul" | "ol", false) => {
                list_depth += 1;
                paragraph_break(&mut out);
            }
            ("ul" | "ol", true) => {
                list_depth = list_depth.saturating_sub(1);
                paragraph_break(&mut out);
            }
            ("li", false) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                out.push_str("- ");
            }
            ("code", _) => out.push('`'),
            ("em" | "i", _) => out.push('*'),
            ("strong" | "b", _) => out.push_str("**"),
            ("sup", false) => out.push('^'),
            _ => {}
        }
    }
    push_text(&mut out, rest);
    close_link(&mut out, &mut open_link, link);
    tidy(&out)
}

fn push_text(out: &mut String, text: &str) {
    // Line breaks in HTML source are spaces.
    for c in text.chars() {
        out.push(if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        });
    }
}

fn paragraph_break(out: &mut String) {
    if !out.trim().is_empty() {
        out.push_str("\n\n");
    }
}

fn close_link(out: &mut String, open: &mut Option<(String, usize)>, link: &mut LinkRule<'_>) {
    let Some((href, start)) = open.take() else {
        return;
    };
    let text = out[start..].to_string();
    if text.trim().is_empty() {
        return;
    }
    if let Some(target) = link(&href) {
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.truncate(start);
        out.push_str(&format!("{lead}[{}]({target}){trail}", text.trim()));
    }
}

/// Trailing spaces off each line, at most one blank line in a row, trimmed.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines() {
        let line = collapse_inner_spaces(line.trim_end());
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

fn collapse_inner_spaces(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let mut out = line[..indent].to_string();
    let mut space = false;
    for c in line[indent..].chars() {
        if c == ' ' {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// A decoded character reference and the bytes it used; `&` alone when unknown.
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text[1..].find(';').map(|i| i + 1).filter(|&e| e <= 10) else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

/// One tag, as far as the conversion needs it.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
    /// Bytes of the source the tag used.
    length: usize,
}

impl Tag {
    /// Reads a tag at the start of `text` (which starts with `<`); `None`
    /// when the `<` does not start a tag.
    fn parse(text: &str) -> Option<Tag> {
        let after = &text[1..];
        let closing = after.starts_with('/');
        let body = if closing { &after[1..] } else { after };
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let head = 1 + usize::from(closing) + name_len;
        if closing {
            // `</a.` (a closing tag that lost its `>`) ends at the name.
            let rest = &text[head..];
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let length = head + spaces + usize::from(rest[spaces..].starts_with('>'));
            return Some(Tag {
                name: name.to_ascii_lowercase(),
                closing,
                href: None,
                length,
            });
        }
        let end = find_tag_end(&text[head..])? + head;
        Some(Tag {
            name: name.to_ascii_lowercase(),
            closing,
            href: attribute(&text[head..end], "href"),
            length: end + 1,
        })
    }
}

/// The offset of the `>` that ends a tag's attributes, skipping quoted values;
/// `None` when another `<` or the end comes first.
fn find_tag_end(attrs: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in attrs.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn attribute(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| i + from) {
        let before_ok = i == 0 || lower[..i].ends_with(char::is_whitespace);
        let after = lower[i + name.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            let value = attrs[attrs.len() - after.len() + 1..].trim_start();
            return Some(match value.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    value[1..].split(q).next().unwrap_or_default().to_string()
                }
                _ => value
                    .split(char::is_whitespace)
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches('/')
                    .to_string(),
            });
        }
        from = i + name.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> String {
        to_markdown(html, &mut |href: &str| {
            href.starts_with("http").then(|| href.to_string())
        })
    }

    #[test]
    fn converts_fragments() {
        for (html, md) in [
            ("A <a href=\"/g/#x\">node</a>.", "A node."),
            (
                "See <a href=\"https://e.org\">this</a>.",
                "See [this](https://e.org).",
            ),
            ("One<br/><br/>Two", "One\n\nTwo"),
            (
                "List:<ul><li>a</li><li>b <code>c</code></li></ul>After",
                "List:\n\n- a\n- b `c`\n\nAfter",
            ),
            (
                "10<sup>18</sup> wei &amp; more &#x41;",
                "10^18 wei & more A",
            ),
            (
                "An <a href=\"/g/#x\">open link. <a href=\"https://e.org\">Read</a.",
                "An open link. [Read](https://e.org).",
            ),
            ("EVM</evm>.", "EVM."),
            ("a < b and c<d", "a < b and c<d"),
            ("<em>ommers</em> & co", "*ommers* & co"),
        ] {
            assert_eq!(convert(html), md, "{html}");
        }
    }
}
