//! The open text of a glossary file read with positions: its entries, the
//! ids it refers to and the URLs it cites. Definition, references, links and
//! symbols inside glossary files use it. Only the native TOML format is read.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::document::Snapshot;

/// An entry as written in the file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its id (given, or derived from the name).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its area, if any.
    pub area: Option<String>,
    /// The bytes from its `[[term]]` header to the next header.
    pub range: Range<usize>,
    /// The bytes of its name, without quotes.
    pub name_range: Range<usize>,
}

/// An id in `related`, `broader` or `use_instead`.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The id.
    pub id: String,
    /// Its bytes, without quotes.
    pub range: Range<usize>,
}

/// What a glossary file holds, with positions.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// Every reference to an entry.
    pub references: Vec<Reference>,
    /// Every `see` URL with its bytes.
    pub urls: Vec<(String, Range<usize>)>,
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    term: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    name: Spanned<String>,
    id: Option<String>,
    area: Option<String>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    broader: Vec<Spanned<String>>,
    use_instead: Option<Spanned<String>>,
    #[serde(default)]
    see: Vec<Spanned<String>>,
}

impl Outline {
    /// Reads a TOML glossary file; `None` when it does not parse.
    pub fn read(text: &str) -> Option<Outline> {
        let raw: RawFile = toml::from_str(text).ok()?;
        let headers = headers(text);
        let mut out = Outline::default();
        let count = raw.term.len();
        for (i, t) in raw.term.into_iter().enumerate() {
            let name_span = t.name.span();
            let start = if headers.len() == count {
                headers[i]
            } else {
                headers
                    .iter()
                    .rev()
                    .find(|&&h| h < name_span.start)
                    .copied()
                    .unwrap_or(name_span.start)
            };
            let end = headers
                .iter()
                .find(|&&h| h > start)
                .copied()
                .unwrap_or(text.len());
            let name = t.name.get_ref().clone();
            out.entries.push(Entry {
                id: t.id.unwrap_or_else(|| crate::glossary::slug(&name)),
                name,
                area: t.area,
                range: start..end,
                name_range: inner(text, name_span),
            });
            let ids = t.related.into_iter().chain(t.broader).chain(t.use_instead);
            for s in ids {
                out.references.push(Reference {
                    range: inner(text, s.span()),
                    id: s.into_inner(),
                });
            }
            for s in t.see {
                out.urls.push((s.get_ref().clone(), inner(text, s.span())));
            }
        }
        Some(out)
    }

    /// The reference that covers `offset` (quotes included).
    pub fn reference_at(&self, offset: usize) -> Option<&Reference> {
        self.references
            .iter()
            .find(|r| r.range.start <= offset + 1 && offset <= r.range.end)
    }

    /// The entry whose text covers `offset`.
    pub fn entry_at(&self, offset: usize) -> Option<&Entry> {
        self.entries.iter().find(|e| e.range.contains(&offset))
    }
}

/// The bytes inside a string's quotes.
fn inner(text: &str, span: Range<usize>) -> Range<usize> {
    let token = text.get(span.clone()).unwrap_or_default();
    let quote = if token.starts_with("\"\"\"") || token.starts_with("'''") {
        3
    } else if token.starts_with(['"', '\'']) {
        1
    } else {
        0
    };
    if token.len() < 2 * quote {
        return span;
    }
    span.start + quote..span.end - quote
}

/// The offsets of every `[[term]]` header line.
fn headers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("[[") {
            let rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("term") {
                if after.trim_start().starts_with("]]") {
                    out.push(offset + line.len() - trimmed.len());
                }
            }
        }
        offset += line.len();
    }
    out
}

/// The outline of a snapshot that is a TOML glossary file.
pub fn outline(snapshot: &Snapshot) -> Option<&Outline> {
    let path = snapshot.uri.to_file_path().ok()?;
    if !snapshot.loaded.is_glossary_path(&path) || path.extension().is_none_or(|e| e != "toml") {
        return None;
    }
    snapshot
        .outline
        .get_or_init(|| Outline::read(&snapshot.text))
        .as_ref()
}

/// The id under `offset` in a glossary file.
pub fn reference_at(snapshot: &Snapshot, offset: usize) -> Option<Reference> {
    outline(snapshot)?.reference_at(offset).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_references_and_urls() {
        let text = "# c\n[[term]]\nname = \"Tax Treaty\"\nrelated = [\"pe\", 'x']\nsee = [\"https://e.org\"]\n\n  [[ term ]] # b\nname = \"PE\"\nid = \"pe\"\nuse_instead = \"tax-treaty\"\n";
        let o = Outline::read(text).unwrap();
        assert_eq!(o.entries.len(), 2);
        assert_eq!(o.entries[0].id, "tax-treaty");
        assert_eq!(&text[o.entries[0].name_range.clone()], "Tax Treaty");
        assert_eq!(o.entries[0].range, 4..text.find("[[ term").unwrap());
        assert_eq!(o.entries[1].range.end, text.len());
        let ids: Vec<_> = o
            .references
            .iter()
            .map(|r| (r.id.as_str(), &text[r.range.clone()]))
            .collect();
        assert_eq!(
            ids,
            [("pe", "pe"), ("x", "x"), ("tax-treaty", "tax-treaty")]
        );
        assert_eq!(&text[o.urls[0].1.clone()], "https://e.org");
        let pe = text.find("\"pe\"").unwrap();
        assert_eq!(o.reference_at(pe).unwrap().id, "pe");
        assert_eq!(o.reference_at(pe + 3).unwrap().id, "pe");
        assert!(o.reference_at(pe - 1).is_none());
        assert_eq!(o.entry_at(text.find("id =").unwrap()).unwrap().id, "pe");
        assert!(Outline::read("[[term]\n").is_none());
    }
}
