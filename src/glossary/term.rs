//! The glossary entry and its small value types.

use serde::{Deserialize, Serialize};

/// Whether an entry is the wording to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The recommended wording (the default).
    #[default]
    Preferred,
    /// Acceptable wording, though another entry is preferred.
    Admitted,
    /// Wording to avoid; `use_instead` names the replacement.
    Deprecated,
}

impl Status {
    /// The string used in glossary files.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
        }
    }
}

/// A position inside a glossary file, 0-based line and column (in bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FilePos {
    /// 0-based line.
    pub line: u32,
    /// 0-based byte column within the line.
    pub column: u32,
}

/// Where an entry was written: the file and its `[[term]]` header.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// The file as given to the loader (a path, or `<bundled>/area.toml`).
    pub file: String,
    /// The position of the entry's header (`[[term]]`, or the object that holds it).
    pub header: FilePos,
    /// Positions of individual ids in `related`, `broader` and `use_instead`,
    /// where the format can tell them; used to place validation messages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<(String, FilePos)>,
}

impl Origin {
    /// The position of a referenced id in this entry, else the header.
    pub fn position_of(&self, id: &str) -> FilePos {
        self.references
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, p)| *p)
            .unwrap_or(self.header)
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Term {
    /// Stable slug, unique in a glossary.
    #[serde(default)]
    pub id: String,
    /// The preferred label.
    pub name: String,
    /// Other labels that count as mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// One sentence, shown first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The full explanation, Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// Ids of related entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Ids of more general entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broader: Vec<String>,
    /// Subject area such as `Tax` or `DeFi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Example sentences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Sources and further reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<String>,
    /// Whether the wording is preferred, admitted or deprecated.
    #[serde(default, skip_serializing_if = "is_preferred")]
    pub status: Status,
    /// For deprecated entries: the id of the entry to use instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_instead: Option<String>,
    /// Overrides the default case rule for all labels of the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
    /// A page about the entry, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the entry was read from; not part of the file format.
    #[serde(skip)]
    pub origin: Origin,
}

fn is_preferred(s: &Status) -> bool {
    *s == Status::Preferred
}

impl Term {
    /// A new entry with the given name and the id derived from it.
    pub fn new(name: &str) -> Term {
        Term {
            id: slug(name),
            name: name.to_string(),
            ..Term::default()
        }
    }

    /// The name followed by the aliases: every label that counts as a mention.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `label` is matched case-sensitively: the entry's explicit
    /// setting, else true for all-caps labels (acronyms).
    pub fn label_is_case_sensitive(&self, label: &str) -> bool {
        self.case_sensitive.unwrap_or_else(|| is_all_caps(label))
    }

    /// The summary, else the first sentence of the definition.
    pub fn short_description(&self) -> String {
        match &self.summary {
            Some(s) if !s.trim().is_empty() => s.trim().to_string(),
            _ => first_sentence(&self.definition),
        }
    }

    /// The acronyms among the labels (all-caps-like labels without spaces).
    pub fn acronyms(&self) -> impl Iterator<Item = &str> {
        self.labels()
            .filter(|l| !l.contains(char::is_whitespace) && crate::lint::words::is_acronym_like(l))
    }
}

/// A label whose letters are all upper case, with at least one letter.
pub fn is_all_caps(label: &str) -> bool {
    let mut letters = label.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// The default id of a name: lower-cased, each run of non-alphanumerics → `-`.
///
/// ```
/// assert_eq!(glossa::glossary::slug("Permanent Establishment (PE)"), "permanent-establishment-pe");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .next()
        .unwrap_or(text.len());
    text[..end].replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (name, id) in [
            ("Permanent Establishment", "permanent-establishment"),
            ("51% attack", "51-attack"),
            ("  Cross-Border  Tax ", "cross-border-tax"),
            ("Đ", "đ"),
            ("Proof-of-Stake (PoS)", "proof-of-stake-pos"),
        ] {
            assert_eq!(slug(name), id, "{name}");
        }
    }

    #[test]
    fn all_caps() {
        assert!(is_all_caps("CRS"));
        assert!(is_all_caps("ERC-20"));
        assert!(!is_all_caps("MiCA"));
        assert!(!is_all_caps("123"));
    }
}
