//! Comment regions of source files: the only prose a source file has.

use super::{CommentSyntax, Join, Regions, Segment};

/// The comments (and docstrings) of `text` as prose segments, a segment per
/// comment line, consecutive comment lines joined by a space.
pub fn regions(text: &str, syntax: CommentSyntax) -> Regions {
    let bytes = text.as_bytes();
    let mut segments: Vec<Segment> = Vec::new();
    let mut last_comment_line_end: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        if let Some((open, close)) = syntax.block.iter().find(|(o, _)| rest.starts_with(o)) {
            let body_start = i + open.len();
            let body_end = text[body_start..]
                .find(close)
                .map_or(text.len(), |e| body_start + e);
            push_lines(
                text,
                body_start..body_end,
                &mut segments,
                &mut last_comment_line_end,
            );
            i = (body_end + close.len()).min(text.len());
        } else if let Some(open) = syntax.line.iter().find(|o| rest.starts_with(*o)) {
            let body_start = i + open.len();
            let body_end = text[body_start..]
                .find('\n')
                .map_or(text.len(), |e| body_start + e);
            push_lines(
                text,
                body_start..body_end,
                &mut segments,
                &mut last_comment_line_end,
            );
            i = body_end;
        } else if syntax.docstrings && (rest.starts_with("\"\"\"") || rest.starts_with("'''")) {
            let delim = &rest[..3];
            let body_start = i + 3;
            let body_end = text[body_start..]
                .find(delim)
                .map_or(text.len(), |e| body_start + e);
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..i].trim().is_empty() {
                push_lines(
                    text,
                    body_start..body_end,
                    &mut segments,
                    &mut last_comment_line_end,
                );
            }
            i = (body_end + 3).min(text.len());
        } else if matches!(bytes[i], b'"' | b'\'' | b'`') {
            i = string_end(text, i);
        } else {
            if bytes[i] == b'\n' {
                // A line with code between two comments breaks the run.
                if let Some(end) = last_comment_line_end {
                    if !text[end..i].trim().is_empty() {
                        last_comment_line_end = None;
                    }
                }
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    Regions {
        segments,
        code: Vec::new(),
    }
}

fn push_lines(
    text: &str,
    body: std::ops::Range<usize>,
    segments: &mut Vec<Segment>,
    last_end: &mut Option<usize>,
) {
    let mut start = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '*', '!', '/', '#']);
        let seg_start = start + (line.len() - trimmed.len());
        let seg_end = start + line.trim_end().len();
        if seg_end > seg_start {
            let join = match last_end {
                Some(end) if text[*end..seg_start].matches('\n').count() == 1 => Join::Space,
                _ => Join::Barrier,
            };
            let mut from = seg_start;
            let mut join = join;
            for url in super::markdown::urls(&text[seg_start..seg_end]) {
                if seg_start + url.start > from {
                    segments.push(Segment {
                        range: from..seg_start + url.start,
                        join,
                    });
                }
                join = Join::Barrier;
                from = seg_start + url.end;
            }
            if seg_end > from {
                segments.push(Segment {
                    range: from..seg_end,
                    join,
                });
            }
            *last_end = Some(seg_end);
        } else if line.ends_with('\n') {
            *last_end = None;
        }
        start += line.len();
    }
}

/// The end of a string literal starting at `start` (escapes honoured; an
/// unterminated string ends at the line's end).
fn string_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if quote != b'`' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::super::Language;
    use super::*;

    fn prose<'a>(text: &'a str, path: &str) -> Vec<(&'a str, Join)> {
        let Language::Source(syntax) = Language::from_path(path) else {
            panic!("not source")
        };
        regions(text, syntax)
            .segments
            .iter()
            .map(|s| (&text[s.range.clone()], s.join))
            .collect()
    }

    #[test]
    fn comments_only() {
        let text = "let s = \"// not a DAO\"; // the DAO\n/// Permanent\n/// establishment\nfn x() {}\n/* block\n * DAO */\n";
        assert_eq!(
            prose(text, "a.rs"),
            [
                ("the DAO", Join::Barrier),
                ("Permanent", Join::Space),
                ("establishment", Join::Space),
                ("block", Join::Barrier),
                ("DAO", Join::Space),
            ]
        );
    }

    #[test]
    fn python_docstrings_and_hashes() {
        let text = "def f():\n    \"\"\"Tax treaty.\"\"\"\n    x = '# no'  # yes\n";
        assert_eq!(
            prose(text, "a.py"),
            [("Tax treaty.", Join::Barrier), ("yes", Join::Barrier)]
        );
    }
}
