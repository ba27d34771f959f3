//! A section's lines sorted into definition-list entries, link-only list
//! items (related entries or sources), and the definition text left over.

use super::page::{list_item_body, whole_link, Item, Line};
use super::{clean_label, Draft};
use crate::glossary::foreign::{push_unique, split_label};
use crate::glossary::{slug, FilePos, Origin, Term};

/// A definition-list entry: its term lines and definition lines.
pub(super) struct Definition<'a> {
    terms: Vec<Line<'a>>,
    text: String,
}

impl Definition<'_> {
    pub(super) fn to_draft(&self, text: &str, file: &str) -> Draft {
        let mut labels = self.terms.iter().map(|l| clean_label(l.text));
        let (name, mut aliases) = split_label(&labels.next().unwrap_or_default());
        for other in labels {
            let (n, more) = split_label(&other);
            push_unique(&mut aliases, n);
            more.into_iter().for_each(|a| push_unique(&mut aliases, a));
        }
        Draft {
            term: Term {
                id: slug(&name),
                name,
                aliases,
                definition: self.text.clone(),
                origin: Origin {
                    file: file.to_string(),
                    header: FilePos::from_offset(text, self.terms[0].offset),
                    references: Vec::new(),
                },
                ..Term::default()
            },
            links: Vec::new(),
        }
    }
}

/// A section's lines sorted into definition lists, link lists and the rest.
pub(super) struct Body<'a> {
    pub(super) definitions: Vec<Definition<'a>>,
    pub(super) links: Vec<(String, String)>,
    /// Lines of the definition text (prose, lists, code), blank lines kept.
    rest: Vec<Item<'a>>,
}

impl<'a> Body<'a> {
    pub(super) fn read(items: &[Item<'a>]) -> Body<'a> {
        let mut body = Body {
            definitions: Vec::new(),
            links: Vec::new(),
            rest: Vec::new(),
        };
        let text_of = |i: usize| match items.get(i) {
            Some(Item::Text(l)) => Some(*l),
            _ => None,
        };
        let is_marker = |i: usize| text_of(i).is_some_and(|l| definition_marker(l.text).is_some());
        let mut i = 0;
        while i < items.len() {
            // A paragraph whose next line (or the one after a blank line) starts with `: `.
            let para_end = (i..items.len())
                .find(|&j| {
                    text_of(j).is_none_or(|l| {
                        l.text.trim().is_empty() || definition_marker(l.text).is_some()
                    })
                })
                .unwrap_or(items.len());
            let marker_at = if is_marker(para_end) {
                Some(para_end)
            } else if text_of(para_end).is_some_and(|l| l.text.trim().is_empty())
                && is_marker(para_end + 1)
            {
                Some(para_end + 1)
            } else {
                None
            };
            match marker_at {
                Some(m)
                    if para_end > i && text_of(i).is_some_and(|l| !l.text.trim().is_empty()) =>
                {
                    let terms: Vec<Line> = (i..para_end).filter_map(text_of).collect();
                    let (text, next) = read_definition(items, m);
                    body.definitions.push(Definition { terms, text });
                    i = next;
                }
                _ => {
                    let item = items[i];
                    match item {
                        Item::Text(l) if list_item_body(l.text).and_then(whole_link).is_some() => {
                            if let Some((label, target)) =
                                list_item_body(l.text).and_then(whole_link)
                            {
                                body.links.push((label.to_string(), target.to_string()));
                            }
                        }
                        Item::Text(l) if is_image(l.text) || is_rule(l.text) => {}
                        other => body.rest.push(other),
                    }
                    i += 1;
                }
            }
        }
        body
    }

    /// Whether nothing but `**Key:** value` lines is left.
    pub(super) fn is_only_metadata(&self) -> bool {
        self.rest.iter().all(|item| match item {
            Item::Text(l) => l.text.trim().is_empty() || is_metadata(l.text),
            _ => false,
        }) && self.links.is_empty()
    }

    /// The remaining text as Markdown paragraphs; `None` when there is none.
    pub(super) fn prose(&self) -> Option<String> {
        let mut out = String::new();
        let mut blank = false;
        for item in &self.rest {
            let line = match item {
                Item::Text(l) | Item::Code(l) => l.text,
                Item::Heading(_) => continue,
            };
            let is_code = matches!(item, Item::Code(_));
            if line.trim().is_empty() && !is_code {
                blank = !out.is_empty();
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank { "\n\n" } else { "\n" });
            }
            blank = false;
            out.push_str(if is_code { line } else { line.trim_end() });
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// The text after a `: ` definition marker.
fn definition_marker(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    (indent <= 3).then_some(())?;
    rest.strip_prefix(": ")
        .or_else(|| rest.strip_prefix(":\t"))
        .or((rest == ":").then_some(""))
}

/// Reads the definitions that start at item `start` (a `: ` line); returns
/// the text and the index after it.
fn read_definition(items: &[Item<'_>], start: usize) -> (String, usize) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut i = start;
    while let Some(item) = items.get(i) {
        let line = match item {
            Item::Text(l) | Item::Code(l) => l.text,
            Item::Heading(_) => break,
        };
        if let Some(rest) = definition_marker(line) {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.push_str(rest.trim());
        } else if line.trim().is_empty() {
            // A blank line continues the definition only before an indented
            // line or another `: ` definition.
            let next = match items.get(i + 1) {
                Some(Item::Text(l)) | Some(Item::Code(l)) => l.text,
                _ => break,
            };
            let indented = next.starts_with("    ") || next.starts_with('\t');
            if !(indented || definition_marker(next).is_some()) {
                break;
            }
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line.trim());
        }
        i += 1;
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    (paragraphs.join("\n\n"), i)
}

fn is_image(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("![") || t.starts_with("[![")) && t.ends_with(')')
}

fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|&c| t.chars().all(|x| x == c))
}

/// `**Published:** 2026-04-01`: page metadata rather than a definition.
fn is_metadata(line: &str) -> bool {
    let t = line.trim();
    t.strip_prefix("**")
        .and_then(|rest| rest.find(":**").map(|i| &rest[..i]))
        .is_some_and(|key| !key.is_empty() && key.len() <= 30 && !key.contains('*'))
}
