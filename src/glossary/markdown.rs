//! Markdown glossary pages.
//!
//! Entries come from three layouts, which may be mixed:
//! - a heading per term (`#` to `######`, or underlined) followed by its
//!   definition. A heading may be a link (`### [Name](url)` gives the url),
//!   carry an id (`## Name {#id}`) or an acronym (`## Name (ACR)`). A first
//!   `Facet ⎊ text` line gives the area (`Meaning ⎊ text` is just the
//!   meaning); a list whose items are each one link gives related entries
//!   (or sources, when the link names no entry of the page). Headings with
//!   no text of their own (`## Glossary`) only group the others, and a
//!   single top-level heading above the rest is the page's title.
//! - definition lists: `Term` lines followed by `: definition` lines.
//! - abbreviation lines as MkDocs writes them: `*[ABBR]: expansion`, which
//!   give an entry its acronym, or make an entry of their own.
//!
//! JSON-LD embedded in the page (fenced `json`/`jsonld` blocks with
//! `@context`, or `<script type="application/ld+json">`) adds what the
//! headings lack: `DefinedTerm` objects fill in or add entries, and an
//! `Article` whose headline names an entry gives its page and summary.

use super::foreign::{
    label_key, push_unique, resolve_references, split_facet, split_label, References,
};
use super::json_tree::{self, Node, Spanned};
use super::jsonld::{fill_missing, has_type, is_meaning, schema, text_of, Found};
use super::{slug, FilePos, GlossaryFile, LoadError, Meta, Origin, Term};

/// Parses a Markdown glossary page.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let fail =
        |(offset, message): (usize, String)| LoadError::at_offset(file, text, offset, message);
    let page = Page::read(text).map_err(fail)?;
    let mut found = Found::default();
    let mut articles = Vec::new();
    for (offset, json) in &page.json_ld {
        let root = json_tree::parse(json).map_err(|(o, m)| fail((offset + o, m)))?;
        found.collect(&root, *offset).map_err(fail)?;
        collect_articles(&root, *offset, &mut articles).map_err(fail)?;
    }
    let sections = page.sections();
    let title = title_index(&sections, &page);
    let mut meta = Meta::default();
    let mut drafts: Vec<Draft> = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let body = Body::read(&section.lines);
        drafts.extend(body.definitions.iter().map(|d| d.to_draft(text, file)));
        if Some(i) == title {
            let heading = section.heading.as_ref().map(|h| h.text).unwrap_or_default();
            let name = heading.split('⎊').next().unwrap_or_default().trim();
            meta.name = Some(name.to_string()).filter(|n| !n.is_empty());
            meta.description = body
                .prose()
                .filter(|d| !body.is_only_metadata() && !d.is_empty());
            continue;
        }
        let Some(heading) = &section.heading else {
            if meta.description.is_none() && !body.is_only_metadata() {
                meta.description = body.prose().filter(|d| !d.is_empty());
            }
            continue;
        };
        if body.is_only_metadata() {
            continue;
        }
        drafts.push(heading_entry(heading, &body, text, file).map_err(fail)?);
    }
    let mut terms: Vec<Term> = Vec::new();
    let mut link_lists: Vec<Vec<(String, String)>> = Vec::new();
    for draft in drafts {
        terms.push(draft.term);
        link_lists.push(draft.links);
    }
    merge_json_ld(
        &mut terms,
        &mut link_lists,
        found.into_unresolved(text, file),
    );
    apply_articles(&mut terms, &articles);
    apply_abbreviations(&mut terms, &mut link_lists, &page.abbreviations, text, file);
    if terms.is_empty() {
        return Err(LoadError::at(
            file,
            Some(FilePos::default()),
            "found no glossary entries: expected a heading per term followed by its definition, `Term` / `: definition` lists, or `*[ABBR]: expansion` lines",
        ));
    }
    link_related(&mut terms, &link_lists);
    resolve_references(&mut terms);
    Ok(GlossaryFile {
        meta: (meta != Meta::default()).then_some(meta),
        terms,
    })
}

/// An entry being built, with the links of its link list.
struct Draft {
    term: Term,
    /// (text, target) of each link-only list item.
    links: Vec<(String, String)>,
}

/// One line of the page, without its line break, and where it starts.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    offset: usize,
}

/// A heading: level, text and the offset of its line.
#[derive(Debug, Clone, Copy)]
struct Heading<'a> {
    level: usize,
    text: &'a str,
    offset: usize,
}

/// What a line of the page is.
#[derive(Debug, Clone, Copy)]
enum Item<'a> {
    Heading(Heading<'a>),
    Text(Line<'a>),
    /// A line of a code block that stays part of a definition.
    Code(Line<'a>),
}

/// The page split into items, its embedded JSON-LD and its abbreviation lines.
struct Page<'a> {
    items: Vec<Item<'a>>,
    json_ld: Vec<(usize, &'a str)>,
    abbreviations: Vec<(Line<'a>, &'a str, &'a str)>,
}

impl<'a> Page<'a> {
    fn read(text: &'a str) -> Result<Page<'a>, (usize, String)> {
        let mut lines = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            lines.push(Line { text: line, offset });
            offset += raw.len();
        }
        let mut page = Page {
            items: Vec::new(),
            json_ld: Vec::new(),
            abbreviations: Vec::new(),
        };
        let mut i = skip_front_matter(&lines);
        while i < lines.len() {
            let line = lines[i];
            let trimmed = line.text.trim_start();
            if let Some(fence) = fence_of(line.text) {
                let close = lines[i + 1..]
                    .iter()
                    .position(|l| closes_fence(l.text, fence))
                    .map(|p| p + i + 1)
                    .ok_or((
                        line.offset,
                        format!(
                            "this code block is never closed; add a closing {}",
                            fence.0.to_string().repeat(fence.1)
                        ),
                    ))?;
                let info = trimmed.trim_start_matches(fence.0).trim().to_lowercase();
                let start = lines.get(i + 1).map_or(text.len(), |l| l.offset);
                let content = &text[start.min(lines[close].offset)..lines[close].offset];
                if is_json_ld(&info, content) {
                    page.json_ld.push((start, content));
                } else {
                    page.items
                        .extend(lines[i..=close].iter().map(|l| Item::Code(*l)));
                }
                i = close + 1;
                continue;
            }
            if trimmed.starts_with("<script") && trimmed.contains("ld+json") {
                let open_end = line.offset + line.text.find('>').map_or(line.text.len(), |p| p + 1);
                let close = text[open_end..]
                    .find("</script>")
                    .map(|p| p + open_end)
                    .ok_or((
                        line.offset,
                        "this <script> block is never closed; add </script>".to_string(),
                    ))?;
                page.json_ld.push((open_end, &text[open_end..close]));
                while i < lines.len() && lines[i].offset <= close {
                    i += 1;
                }
                continue;
            }
            if let Some((abbr, expansion)) = abbreviation(line.text) {
                page.abbreviations.push((line, abbr, expansion));
                i += 1;
                continue;
            }
            if let Some(heading) = atx_heading(line) {
                page.items.push(Item::Heading(heading));
            } else if let Some(level) = lines
                .get(i + 1)
                .and_then(|next| setext_level(line, next.text, page.items.last()))
            {
                page.items.push(Item::Heading(Heading {
                    level,
                    text: line.text.trim(),
                    offset: line.offset,
                }));
                i += 2;
                continue;
            } else {
                page.items.push(Item::Text(line));
            }
            i += 1;
        }
        Ok(page)
    }

    /// The items grouped under their headings; the first group has no
    /// heading when text comes before the first one.
    fn sections(&self) -> Vec<Section<'a>> {
        let mut sections = vec![Section {
            heading: None,
            lines: Vec::new(),
        }];
        for item in &self.items {
            match item {
                Item::Heading(h) => sections.push(Section {
                    heading: Some(*h),
                    lines: Vec::new(),
                }),
                other => sections
                    .last_mut()
                    .expect("starts with one section")
                    .lines
                    .push(*other),
            }
        }
        sections
    }
}

/// A heading (or the start of the page) and the lines up to the next heading.
struct Section<'a> {
    heading: Option<Heading<'a>>,
    lines: Vec<Item<'a>>,
}

/// The index of the section whose heading is the page's title: the first
/// heading, when it is the only `#` heading and other entries follow it.
fn title_index(sections: &[Section<'_>], page: &Page<'_>) -> Option<usize> {
    let headings: Vec<&Heading> = sections.iter().filter_map(|s| s.heading.as_ref()).collect();
    let first = headings.first()?;
    let index = sections.iter().position(|s| s.heading.is_some())?;
    let top_level = headings.iter().filter(|h| h.level == 1).count();
    let has_definitions = sections
        .iter()
        .any(|s| !Body::read(&s.lines).definitions.is_empty());
    let others = headings.len() > 1 || has_definitions || !page.abbreviations.is_empty();
    (first.level == 1 && top_level == 1 && others).then_some(index)
}

fn skip_front_matter(lines: &[Line<'_>]) -> usize {
    let Some(first) = lines.first() else {
        return 0;
    };
    let marker = first.text.trim_end().trim_start_matches('\u{feff}');
    if marker != "---" && marker != "+++" {
        return 0;
    }
    lines[1..]
        .iter()
        .position(|l| {
            l.text.trim_end() == marker || (marker == "---" && l.text.trim_end() == "...")
        })
        .map_or(0, |p| p + 2)
}

/// The fence character and length of a line that opens a code block.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.len() - rest.trim_start_matches(c).len();
    (indent <= 3 && n >= 3 && !(c == '`' && rest[n..].contains('`'))).then_some((c, n))
}

fn closes_fence(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim();
    t.len() >= n
        && t.chars().all(|x| x == c)
        && line.len() - line.trim_start_matches(' ').len() <= 3
}

fn is_json_ld(info: &str, content: &str) -> bool {
    let lang = info.split_whitespace().next().unwrap_or_default();
    match lang {
        "jsonld" | "json-ld" | "ld+json" => true,
        "json" | "" => content.contains("\"@context\"") || content.contains("\"@type\""),
        _ => false,
    }
}

/// `*[ABBR]: expansion`.
fn abbreviation(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("*[")?;
    let (abbr, rest) = rest.split_once("]:")?;
    let expansion = rest.trim();
    (!abbr.trim().is_empty() && !expansion.is_empty()).then(|| (abbr.trim(), expansion))
}

fn atx_heading(line: Line<'_>) -> Option<Heading<'_>> {
    let indent = line.text.len() - line.text.trim_start_matches(' ').len();
    let rest = &line.text[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if indent > 3 || !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let mut text = after.trim();
    // A closing run of `#` preceded by a space is not part of the text.
    let without = text.trim_end_matches('#');
    if without.is_empty() || without.ends_with([' ', '\t']) {
        text = without.trim_end();
    }
    Some(Heading {
        level,
        text,
        offset: line.offset,
    })
}

/// The level of an underlined heading: `line` over `===` (1) or `---` (2),
/// when `line` is a lone line of prose.
fn setext_level(line: Line<'_>, next: &str, previous: Option<&Item<'_>>) -> Option<usize> {
    let under = next.trim();
    let level = if under.len() >= 2 && under.chars().all(|c| c == '=') {
        1
    } else if under.len() >= 2 && under.chars().all(|c| c == '-') {
        2
    } else {
        return None;
    };
    let text = line.text.trim();
    let lone = match previous {
        Some(Item::Text(l)) => l.text.trim().is_empty(),
        _ => true,
    };
    let prose = !text.is_empty()
        && !is_list_item(text)
        && !text.starts_with(['>', '|', '<', ':'])
        && line.text.len() - line.text.trim_start().len() < 4;
    (lone && prose).then_some(level)
}

fn is_list_item(text: &str) -> bool {
    list_item_body(text).is_some()
}

/// The text after a list marker (`- `, `* `, `+ `, `1. `).
fn list_item_body(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest);
        }
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (digits > 0 && t[digits..].starts_with(". ")).then(|| &t[digits + 2..])
}

/// `[text](target)` filling the whole of `text`.
fn whole_link(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim().strip_prefix('[')?;
    let (label, rest) = rest.split_once("](")?;
    let target = rest.strip_suffix(')')?;
    let target = target.split_whitespace().next().unwrap_or_default();
    (!label.contains(['[', ']']) && !target.is_empty() && !target.contains(['(', ')']))
        .then_some((label.trim(), target))
}

/// A definition-list entry: its term lines and definition lines.
struct Definition<'a> {
    terms: Vec<Line<'a>>,
    text: String,
}

impl Definition<'_> {
    fn to_draft(&self, text: &str, file: &str) -> Draft {
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
struct Body<'a> {
    definitions: Vec<Definition<'a>>,
    links: Vec<(String, String)>,
    /// Lines of the definition text (prose, lists, code), blank lines kept.
    rest: Vec<Item<'a>>,
}

impl<'a> Body<'a> {
    fn read(items: &[Item<'a>]) -> Body<'a> {
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
    fn is_only_metadata(&self) -> bool {
        self.rest.iter().all(|item| match item {
            Item::Text(l) => l.text.trim().is_empty() || is_metadata(l.text),
            _ => false,
        }) && self.links.is_empty()
    }

    /// The remaining text as Markdown paragraphs; `None` when there is none.
    fn prose(&self) -> Option<String> {
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

/// A label without the emphasis or code marks around it.
fn clean_label(text: &str) -> String {
    text.trim().trim_matches(['*', '_', '`']).trim().to_string()
}

/// The entry of a heading and its body.
fn heading_entry(
    heading: &Heading<'_>,
    body: &Body<'_>,
    text: &str,
    file: &str,
) -> Result<Draft, (usize, String)> {
    let mut label = heading.text.trim();
    let mut id = None;
    if let Some(open) = label.rfind("{#") {
        if label.ends_with('}') {
            id = Some(label[open + 2..label.len() - 1].trim().to_string());
            label = label[..open].trim();
        }
    }
    let (label, url) = match whole_link(label) {
        Some((name, target)) => (name.to_string(), Some(target.to_string())),
        None => (label.to_string(), None),
    };
    let (name, aliases) = split_label(&clean_label(&label));
    if name.is_empty() {
        return Err((
            heading.offset,
            "this heading has no text, so the definition under it has no name".into(),
        ));
    }
    let mut definition = body.prose().unwrap_or_default();
    let mut area = None;
    let first_paragraph = definition
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .to_string();
    if let Some((facet, rest)) = split_facet(&first_paragraph) {
        if !is_meaning(facet) {
            area = Some(facet.to_string());
        }
        definition = format!("{rest}{}", &definition[first_paragraph.len()..]);
    }
    Ok(Draft {
        term: Term {
            id: id.filter(|i| !i.is_empty()).unwrap_or_else(|| slug(&name)),
            name,
            aliases,
            definition,
            area,
            url,
            origin: Origin {
                file: file.to_string(),
                header: FilePos::from_offset(text, heading.offset),
                references: Vec::new(),
            },
            ..Term::default()
        },
        links: body.links.clone(),
    })
}

/// Adds the entries found in JSON-LD: one that matches an entry of the page
/// (same page URL, id or name) fills in what it lacks; the others are added.
fn merge_json_ld(
    terms: &mut Vec<Term>,
    links: &mut Vec<Vec<(String, String)>>,
    found: Vec<(Term, Option<String>)>,
) {
    let same_url = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => a.trim_end_matches('/') == b.trim_end_matches('/'),
        _ => false,
    };
    for (term, node_id) in found {
        let node_url = term.url.clone().or(node_id);
        let existing = terms.iter().position(|t| {
            same_url(&t.url, &node_url)
                || t.id == term.id
                || label_key(&t.name) == label_key(&term.name)
        });
        match existing {
            Some(i) => fill_missing(&mut terms[i], term),
            None => {
                terms.push(term);
                links.push(Vec::new());
            }
        }
    }
}

/// An `Article` (or other page) whose `headline` names an entry: (name, url, description).
type Article = (String, Option<String>, Option<String>);

fn collect_articles(
    node: &Spanned,
    base: usize,
    out: &mut Vec<Article>,
) -> Result<(), (usize, String)> {
    match &node.node {
        Node::Array(items) => items
            .iter()
            .try_for_each(|n| collect_articles(n, base, out)),
        Node::Object(entries) => {
            if has_type(node, "DefinedTerm") || has_type(node, "DefinedTermSet") {
                return Ok(());
            }
            if let Some(headline) = text_of(node, "headline", base)? {
                let url = match text_of(node, "url", base)? {
                    Some(u) => Some(u),
                    None => schema(node, "mainEntityOfPage")
                        .and_then(|p| p.get("@id"))
                        .and_then(Spanned::as_str)
                        .map(String::from),
                };
                let name = headline
                    .split('⎊')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                out.push((name, url, text_of(node, "description", base)?));
            }
            entries
                .iter()
                .filter(|(k, _)| k != "@context")
                .try_for_each(|(_, v)| collect_articles(v, base, out))
        }
        _ => Ok(()),
    }
}

/// Gives the entry an article is about its page and its summary.
fn apply_articles(terms: &mut [Term], articles: &[Article]) {
    for (name, url, description) in articles {
        let Some(term) = terms
            .iter_mut()
            .find(|t| label_key(&t.name) == label_key(name))
        else {
            continue;
        };
        if term.url.is_none() {
            term.url.clone_from(url);
        }
        if term.summary.is_none() {
            // `Meaning ⎊ text ⎊ Definition`: the middle part is the meaning.
            let summary = description.as_deref().map(|d| {
                let mut parts: Vec<&str> = d.split('⎊').map(str::trim).collect();
                if parts.len() > 1 && is_meaning(parts[0]) {
                    parts.remove(0);
                }
                parts[0].to_string()
            });
            term.summary = summary.filter(|s| !s.is_empty() && *s != term.definition);
        }
    }
}

fn apply_abbreviations(
    terms: &mut Vec<Term>,
    links: &mut Vec<Vec<(String, String)>>,
    abbreviations: &[(Line<'_>, &str, &str)],
    text: &str,
    file: &str,
) {
    for (line, abbr, expansion) in abbreviations {
        let key = label_key(expansion);
        let abbr_key = label_key(abbr);
        if let Some(term) = terms
            .iter_mut()
            .find(|t| t.labels().any(|l| label_key(l) == key))
        {
            if !term.labels().any(|l| label_key(l) == abbr_key) {
                term.aliases.push(abbr.to_string());
            }
        } else if let Some(term) = terms
            .iter_mut()
            .find(|t| t.labels().any(|l| label_key(l) == abbr_key))
        {
            push_unique(&mut term.aliases, expansion.to_string());
        } else {
            terms.push(Term {
                id: slug(expansion),
                name: expansion.to_string(),
                aliases: vec![abbr.to_string()],
                origin: Origin {
                    file: file.to_string(),
                    header: FilePos::from_offset(text, line.offset),
                    references: Vec::new(),
                },
                ..Term::default()
            });
            links.push(Vec::new());
        }
    }
}

/// Turns each entry's link list into related ids (links to entries of the
/// page) and sources (links elsewhere).
fn link_related(terms: &mut [Term], link_lists: &[Vec<(String, String)>]) {
    let refs = References::new(terms);
    for (term, links) in terms.iter_mut().zip(link_lists) {
        for (label, target) in links {
            let path = target
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .trim_end_matches('/');
            let fragment = target.split_once('#').map(|(_, f)| f).unwrap_or_default();
            let last = path.rsplit('/').next().unwrap_or_default();
            // A link's address names an entry by its exact id; its text, by any label.
            let found = [fragment, last]
                .iter()
                .filter(|k| !k.is_empty())
                .find_map(|k| refs.resolve_id(k))
                .or_else(|| refs.resolve(label));
            match found {
                Some(id) if id != term.id => push_unique(&mut term.related, id),
                Some(_) => {}
                None => push_unique(&mut term.see, target.clone()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> GlossaryFile {
        parse(text, "g.md").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn headings_give_entries() {
        let f = parse_ok(
            "# Our glossary\n\nWords we use.\n\n## Permanent Establishment (PE)\n\nA fixed place of business.\n\nSecond paragraph.\n\n- [Tax Treaty](#tax-treaty)\n- [Guide](https://example.org/pe)\n\n## Tax Treaty {#tax-treaty}\n\nAn agreement.\n",
        );
        let meta = f.meta.unwrap();
        assert_eq!(meta.name.as_deref(), Some("Our glossary"));
        assert_eq!(meta.description.as_deref(), Some("Words we use."));
        let pe = &f.terms[0];
        assert_eq!(
            (pe.id.as_str(), pe.name.as_str()),
            ("permanent-establishment", "Permanent Establishment")
        );
        assert_eq!(pe.aliases, ["PE"]);
        assert_eq!(
            pe.definition,
            "A fixed place of business.\n\nSecond paragraph."
        );
        assert_eq!(pe.related, ["tax-treaty"]);
        assert_eq!(pe.see, ["https://example.org/pe"]);
        assert_eq!(pe.origin.header.line, 4);
        assert_eq!(f.terms[1].id, "tax-treaty");
    }

    #[test]
    fn definition_lists_and_abbreviations() {
        let f = parse_ok(
            "Know Your Customer\n: Checks on who a client is.\n\n    More detail.\n\nWash sale\nBed and breakfasting\n: Selling and buying back.\n\n*[KYC]: Know Your Customer\n*[AML]: Anti-Money Laundering\n",
        );
        let t = &f.terms;
        assert_eq!(t[0].name, "Know Your Customer");
        assert_eq!(
            t[0].definition,
            "Checks on who a client is.\n\nMore detail."
        );
        assert_eq!(t[0].aliases, ["KYC"]);
        assert_eq!(t[1].aliases, ["Bed and breakfasting"]);
        assert_eq!(
            (t[2].name.as_str(), t[2].aliases.clone()),
            ("Anti-Money Laundering", vec!["AML".to_string()])
        );
        assert_eq!(t[2].origin.header.line, 10);
    }

    #[test]
    fn facets_links_and_json_ld() {
        let f = parse_ok(concat!(
            "# Page ⎊ Definition\n\n**Published:** today\n\n---\n\n## Glossary\n\n",
            "### [Liquidity Pool](https://example.org/area/liquidity-pool/)\n\nMarkets ⎊ Funds locked for trading.\n\n",
            "### [Slippage](https://example.org/term/slippage/)\n![art](https://example.org/a.webp)\n\nMeaning ⎊ Price moved while the order filled.\n\n",
            "```json\n{\"@context\": \"https://schema.org\", \"@type\": \"WebPage\", \"mentions\": [\n",
            "  {\"@type\": \"DefinedTerm\", \"@id\": \"https://example.org/area/liquidity-pool/\", \"name\": \"Liquidity Pool\", \"alternateName\": \"LP\"},\n",
            "  {\"@type\": \"DefinedTerm\", \"name\": \"Gas\", \"description\": \"Fee ⎊ What a transaction costs.\"}]}\n```\n",
        ));
        assert_eq!(f.meta.unwrap().name.as_deref(), Some("Page"));
        let t = &f.terms;
        assert_eq!(t.len(), 3);
        assert_eq!(
            (t[0].area.as_deref(), t[0].definition.as_str()),
            (Some("Markets"), "Funds locked for trading.")
        );
        assert_eq!(
            t[0].url.as_deref(),
            Some("https://example.org/area/liquidity-pool/")
        );
        assert_eq!(t[0].aliases, ["LP"]);
        assert_eq!(
            (t[1].area.as_deref(), t[1].definition.as_str()),
            (None, "Price moved while the order filled.")
        );
        assert_eq!(
            (t[2].name.as_str(), t[2].area.as_deref()),
            ("Gas", Some("Fee"))
        );
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            (
                "## A\n\ntext\n\n```rust\nfn main() {}\n",
                (5, 1),
                "never closed",
            ),
            (
                "## A\n\ntext\n\n```json\n{\"@context\": 1,}\n```\n",
                (6, 16),
                "invalid JSON",
            ),
            (
                "## A\n\ntext\n\n```jsonld\n[{\"@type\": \"DefinedTerm\", \"name\": 7}]\n```\n",
                (6, 35),
                "must be text",
            ),
            ("Just prose.\n", (1, 1), "found no glossary entries"),
            ("## {#x}\n\ntext\n", (1, 1), "heading has no text"),
            (
                "## A\n\ntext\n<script type=\"application/ld+json\">{}\n",
                (4, 1),
                "never closed",
            ),
        ] {
            let e = parse(text, "g.md").unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
