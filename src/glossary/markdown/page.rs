//! The lines of a Markdown page sorted into headings, text and code;
//! embedded JSON-LD and abbreviation lines set aside; and the small
//! recognisers (fences, headings, list items, links) the readers share.

/// One line of the page, without its line break, and where it starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) offset: usize,
}

/// A heading: level, text and the offset of its line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Heading<'a> {
    pub(super) level: usize,
    pub(super) text: &'a str,
    pub(super) offset: usize,
}

/// What a line of the page is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'a> {
    Heading(Heading<'a>),
    Text(Line<'a>),
    /// A line of a code block that stays part of a definition.
    Code(Line<'a>),
}

/// The page split into items, its embedded JSON-LD and its abbreviation lines.
pub(super) struct Page<'a> {
    pub(super) items: Vec<Item<'a>>,
    pub(super) json_ld: Vec<(usize, &'a str)>,
    pub(super) abbreviations: Vec<(Line<'a>, &'a str, &'a str)>,
}

impl<'a> Page<'a> {
    pub(super) fn read(text: &'a str) -> Result<Page<'a>, (usize, String)> {
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
    pub(super) fn sections(&self) -> Vec<Section<'a>> {
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
pub(super) struct Section<'a> {
    pub(super) heading: Option<Heading<'a>>,
    pub(super) lines: Vec<Item<'a>>,
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
pub(super) fn list_item_body(text: &str) -> Option<&str> {
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
pub(super) fn whole_link(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim().strip_prefix('[')?;
    let (label, rest) = rest.split_once("](")?;
    let target = rest.strip_suffix(')')?;
    let target = target.split_whitespace().next().unwrap_or_default();
    (!label.contains(['[', ']']) && !target.is_empty() && !target.contains(['(', ')']))
        .then_some((label.trim(), target))
}
