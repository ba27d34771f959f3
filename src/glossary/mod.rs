//! The glossary: entries, their loaders per format, merging and validation.
//!
//! Everything here works on text already read; `crate::sources` does the I/O.

mod csv;
mod docusaurus;
mod error;
mod ethereum;
mod foreign;
mod format;
mod html_text;
mod json;
mod json_tree;
pub(crate) mod jsonld;
mod markdown;
mod skos;
mod term;
mod toml;
mod validate;

pub use error::{LoadError, Problem};
pub use format::{parse, Format};
pub use term::{is_all_caps, slug, FilePos, Origin, Status, Term};

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

/// The optional `[glossary]` table of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The glossary's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Prefix that, followed by an id, gives an entry's web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// The entries read from one file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlossaryFile {
    /// The file's `[glossary]` table, if any.
    pub meta: Option<Meta>,
    /// Its entries.
    pub terms: Vec<Term>,
}

/// A merged glossary: entries by id, in load order.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Title, description and base URL (the first file that gives them wins).
    pub meta: Meta,
    terms: Vec<Term>,
    by_id: HashMap<String, usize>,
    problems: Vec<Problem>,
}

impl Glossary {
    /// A glossary of the given entries; a later entry replaces an earlier one with the same id.
    pub fn from_terms(terms: impl IntoIterator<Item = Term>) -> Glossary {
        let mut g = Glossary::default();
        g.add_source(vec![GlossaryFile {
            meta: None,
            terms: terms.into_iter().collect(),
        }]);
        g
    }

    /// Adds one source (a file, or all files of a directory in name order).
    ///
    /// Within a source every id must be unique (a repeat is reported and the
    /// later entry wins); an entry of a later source replaces an earlier
    /// source's entry with the same id, which is how projects override terms.
    pub fn add_source(&mut self, files: Vec<GlossaryFile>) {
        let mut seen: HashMap<String, Origin> = HashMap::new();
        for file in files {
            if let Some(meta) = file.meta {
                self.meta.name = self.meta.name.take().or(meta.name);
                self.meta.description = self.meta.description.take().or(meta.description);
                self.meta.base_url = self.meta.base_url.take().or(meta.base_url);
            }
            for term in file.terms {
                if let Some(first) = seen.get(&term.id) {
                    self.problems.push(Problem {
                        file: term.origin.file.clone(),
                        pos: term.origin.header,
                        message: format!(
                            "duplicate id \"{}\": already used at {}:{}; the later entry wins",
                            term.id,
                            first.file,
                            first.header.line + 1
                        ),
                    });
                }
                seen.insert(term.id.clone(), term.origin.clone());
                self.insert(term);
            }
        }
    }

    fn insert(&mut self, term: Term) {
        match self.by_id.get(&term.id) {
            Some(&i) => self.terms[i] = term,
            None => {
                self.by_id.insert(term.id.clone(), self.terms.len());
                self.terms.push(term);
            }
        }
    }

    /// All entries, in load order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Term> {
        self.by_id.get(id).map(|&i| &self.terms[i])
    }

    /// The position of the entry with this id in [`Glossary::terms`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Entries whose `related` or `broader` lists name `id`.
    pub fn referenced_by(&self, id: &str) -> Vec<&Term> {
        self.terms
            .iter()
            .filter(|t| t.id != id && t.related.iter().chain(&t.broader).any(|r| r == id))
            .collect()
    }

    /// The subject areas, sorted.
    pub fn areas(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self
            .terms
            .iter()
            .filter_map(|t| t.area.as_deref())
            .collect();
        set.into_iter().collect()
    }

    /// The web page of an entry: its `url`, else `base_url` + id.
    pub fn url_of(&self, term: &Term) -> Option<String> {
        term.url.clone().or_else(|| {
            self.meta
                .base_url
                .as_ref()
                .map(|base| format!("{base}{}", term.id))
        })
    }

    /// Every problem: those found while merging and those of [`validate`](validate::validate).
    pub fn problems(&self) -> Vec<Problem> {
        let mut all = self.problems.clone();
        all.extend(validate::validate(self));
        all.sort_by(|a, b| {
            (&a.file, a.pos.line, a.pos.column).cmp(&(&b.file, b.pos.line, b.pos.column))
        });
        all
    }
}
