//! Prose regions of Markdown (and MDX) from pulldown-cmark's offsets.
//!
//! Code, front matter, HTML tags, link destinations, URLs and heading ids are
//! left out; the text between HTML tags, headings and link text are prose.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Join, Regions, Segment};

/// The regions of a Markdown document.
pub fn regions(text: &str, mdx: bool) -> Regions {
    let masked = mask_jsx(text, mdx);
    let source = masked.as_deref().unwrap_or(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Builder {
        masked: masked.is_some(),
        ..Builder::default()
    };
    let mut skip_depth = 0usize; // inside a code block or front matter
    let mut autolink_depth = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                skip_depth += 1;
                out.code.push(range);
                out.pending = Join::Barrier;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                autolink_depth += 1;
                out.pending = Join::Barrier;
            }
            Event::End(TagEnd::Link) if autolink_depth > 0 => autolink_depth -= 1,
            Event::Text(_) if autolink_depth > 0 => {}
            Event::Text(_) => out.prose(source, range),
            Event::Code(_) => {
                out.code.push(range);
                out.pending = Join::Barrier;
            }
            Event::Html(_) | Event::InlineHtml(_) => out.html(source, range),
            Event::SoftBreak | Event::HardBreak => {
                if out.pending != Join::Barrier {
                    out.pending = Join::Space;
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => out.pending = Join::Barrier,
        }
    }
    Regions {
        segments: out.segments,
        code: out.code,
    }
}

#[derive(Default)]
struct Builder {
    masked: bool,
    segments: Vec<Segment>,
    code: Vec<Range<usize>>,
    pending: Join,
}

impl Builder {
    /// Adds prose, leaving out bare URLs and masked markup inside it.
    fn prose(&mut self, text: &str, range: Range<usize>) {
        let mut start = range.start;
        let mut cuts = urls(&text[range.clone()]);
        if self.masked {
            cuts.extend(masked_runs(&text[range.clone()]));
        }
        cuts.sort_by_key(|r| r.start);
        for url in cuts {
            if url.start < start - range.start {
                continue;
            }
            self.push(start..range.start + url.start);
            self.pending = Join::Barrier;
            start = range.start + url.end;
        }
        self.push(start..range.end);
    }

    fn push(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let join = if self.segments.is_empty() {
            Join::Barrier
        } else {
            self.pending
        };
        self.segments.push(Segment { range, join });
        self.pending = Join::Touch;
    }

    /// HTML: the text between tags is prose; tags and comments are not.
    fn html(&mut self, text: &str, range: Range<usize>) {
        let html = &text[range.clone()];
        let mut pos = 0;
        while pos < html.len() {
            let next_tag = html[pos..].find('<').map_or(html.len(), |i| pos + i);
            if next_tag > pos {
                self.prose(text, range.start + pos..range.start + next_tag);
            }
            if next_tag >= html.len() {
                break;
            }
            self.pending = Join::Barrier;
            let close = if html[next_tag..].starts_with("<!--") {
                "-->"
            } else {
                ">"
            };
            pos = html[next_tag..]
                .find(close)
                .map_or(html.len(), |i| next_tag + i + close.len());
        }
        self.pending = Join::Barrier;
    }
}

fn masked_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        if b == MASK {
            match runs.last_mut() {
                Some(r) if r.end == i => r.end = i + 1,
                _ => runs.push(i..i + 1),
            }
        }
    }
    runs
}

/// Byte ranges of bare URLs (`http://`, `https://`, `www.`) in `text`.
pub(crate) fn urls(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if !text.contains("://") && !text.contains("www.") && !text.contains("mailto:") {
        return found;
    }
    let mut from = 0;
    while let Some(i) = ["https://", "http://", "www.", "mailto:"]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|i| from + i))
        .min()
    {
        let len = text[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
            .unwrap_or(text.len() - i);
        let url = text[i..i + len].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        found.push(i..i + url.len().max(1));
        from = i + len.max(1);
    }
    found
}

/// The byte that replaces masked markup: not whitespace, so that masking
/// never turns text into an indented code block, and never prose.
const MASK: u8 = 0x1f;

/// Blanks out JSX component tags (`<Card …>`, `</Card>`, over several lines
/// too), and for MDX `{…}` expressions and `import`/`export` lines, keeping
/// every byte offset. `None` when nothing had to be masked.
fn mask_jsx(text: &str, mdx: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut masked: Option<Vec<u8>> = None;
    let mut blank = |range: Range<usize>| {
        let m = masked.get_or_insert_with(|| bytes.to_vec());
        for b in &mut m[range] {
            if *b != b'\n' && *b != b'\r' {
                *b = MASK;
            }
        }
    };
    let mut i = 0;
    let mut line_start = true;
    let mut in_fence = false;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            let indent = bytes[i..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            let first = bytes.get(i + indent).copied();
            if matches!(first, Some(b'`' | b'~' | b'i' | b'e')) || in_fence {
                let line_end = memchr::memchr(b'\n', &bytes[i..]).map_or(text.len(), |n| i + n);
                let line = &text[i + indent..line_end];
                if line.starts_with("```") || line.starts_with("~~~") {
                    in_fence = !in_fence;
                }
                let module_line =
                    mdx && (line.starts_with("import ") || line.starts_with("export "));
                if in_fence || module_line || line.starts_with("```") || line.starts_with("~~~") {
                    if module_line && !in_fence {
                        blank(i..line_end);
                    }
                    i = line_end + 1;
                    line_start = true;
                    continue;
                }
            }
        }
        let next = if mdx {
            bytes[i..]
                .iter()
                .position(|b| matches!(b, b'<' | b'{' | b'`' | b'\n'))
        } else {
            memchr::memchr3(b'<', b'`', b'\n', &bytes[i..])
        };
        let Some(offset) = next else { break };
        i += offset;
        match bytes[i] {
            b'\n' => {
                i += 1;
                line_start = true;
            }
            b'<' if bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase)
                || (bytes.get(i + 1) == Some(&b'/')
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase))
                || bytes.get(i + 1) == Some(&b'>') =>
            {
                let end = tag_end(bytes, i);
                blank(i..end);
                line_start = text[i..end].ends_with('\n');
                i = end;
            }
            b'{' => {
                let end = brace_end(bytes, i);
                blank(i..end);
                i = end;
            }
            b'`' => {
                // Inline code is left to the parser; skip over it whole, but
                // never past the paragraph (an unmatched backtick is text).
                let run = bytes[i..].iter().take_while(|&&c| c == b'`').count();
                let fence = &text[i..i + run];
                let from = i + run;
                let limit =
                    memchr::memmem::find(&bytes[from..], b"\n\n").map_or(text.len(), |n| from + n);
                i = text[from..limit]
                    .find(fence)
                    .map_or(from, |j| from + j + run);
            }
            _ => i += 1,
        }
    }
    masked.map(|m| String::from_utf8(m).expect("whole characters were replaced by ASCII bytes"))
}

/// The end of a tag starting at `start`, honouring quoted attributes and `{…}`.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b'{') => {
                i = brace_end(bytes, i);
                continue;
            }
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The end of a balanced `{…}` expression starting at `start`.
fn brace_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str, mdx: bool) -> Vec<(&str, Join)> {
        regions(text, mdx)
            .segments
            .iter()
            .map(|s| (&text[s.range.clone()], s.join))
            .collect()
    }

    #[test]
    fn skips_code_urls_html_and_front_matter() {
        let text = "---\ntitle: DAO\n---\n# Heading {#dao-id}\n\nSee `DAO` at https://x.io/DAO now.\n\n```\nDAO\n```\n\n<b title=\"DAO\">bold</b> [link](http://x/DAO)\n";
        assert_eq!(
            prose(text, false),
            [
                ("Heading", Join::Barrier),
                ("See ", Join::Barrier),
                (" at ", Join::Barrier),
                (" now.", Join::Barrier),
                ("bold", Join::Barrier),
                (" ", Join::Barrier),
                ("link", Join::Barrier),
            ]
        );
    }

    #[test]
    fn soft_breaks_and_emphasis_join() {
        let text = "> Permanent\n> **Establish**ment\n";
        assert_eq!(
            prose(text, false),
            [
                ("Permanent", Join::Barrier),
                ("Establish", Join::Space),
                ("ment", Join::Touch)
            ]
        );
    }

    #[test]
    fn jsx_tags_over_several_lines_are_skipped() {
        let text = "<ExpandableCard\n  title=\"Staking DAO\"\n>\n\nInside text.\n\n</ExpandableCard>\n\n{props.DAO} after\n";
        assert_eq!(
            prose(text, true),
            [("Inside text.", Join::Barrier), (" after", Join::Barrier)]
        );
    }
}
