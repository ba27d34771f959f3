//! schema.org JSON-LD: the glossary as a `DefinedTermSet` whose
//! `hasDefinedTerm` lists one `DefinedTerm` per entry.
//!
//! Search engines read `name`, `description`, `alternateName`, `termCode`
//! and `url`; the rest of each entry travels in SKOS and glossa properties
//! so that `glossa import` gives back the same entries.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

use crate::glossary::jsonld::{GLOSSA, RDFS, SKOS};
use crate::glossary::{Glossary, Meta, Status, Term};

/// The `@context` of every document glossa writes.
pub fn context() -> Value {
    json!(["https://schema.org", {"skos": SKOS, "rdfs": RDFS, "glossa": GLOSSA}])
}

/// The `@id`s of a glossary's entries: an entry's page when no other entry
/// shares it, else a fragment named by its id (an `@id` names one node).
pub struct NodeIds<'a> {
    glossary: &'a Glossary,
    shared: HashSet<String>,
}

impl<'a> NodeIds<'a> {
    /// The `@id`s of `glossary`'s entries.
    pub fn new(glossary: &'a Glossary) -> NodeIds<'a> {
        let mut seen = HashSet::new();
        let shared = glossary
            .terms()
            .iter()
            .filter_map(|t| glossary.url_of(t))
            .filter(|u| !seen.insert(u.clone()))
            .collect();
        NodeIds { glossary, shared }
    }

    /// The `@id` of `term`.
    pub fn of(&self, term: &Term) -> String {
        match self.glossary.url_of(term) {
            Some(url) if !self.shared.contains(&url) => url,
            _ => format!("#{}", term.id),
        }
    }

    /// The `@id` of the entry with id `id` (a fragment when there is none).
    pub fn of_id(&self, id: &str) -> String {
        self.glossary
            .get(id)
            .map_or_else(|| format!("#{id}"), |t| self.of(t))
    }
}

/// The whole glossary as one JSON-LD document, pretty-printed.
pub fn write(glossary: &Glossary) -> String {
    let ids = NodeIds::new(glossary);
    let terms: Vec<Value> = glossary
        .terms()
        .iter()
        .map(|t| defined_term(&ids, t))
        .collect();
    let mut out = serde_json::to_string_pretty(&term_set(&glossary.meta, terms))
        .expect("JSON values always serialize");
    out.push('\n');
    out
}

/// A `DefinedTermSet` document (with `@context`) holding `terms`.
pub fn term_set(meta: &Meta, terms: Vec<Value>) -> Value {
    let mut set = Map::new();
    set.insert("@context".into(), context());
    set.insert("@type".into(), json!("DefinedTermSet"));
    if let Some(name) = &meta.name {
        set.insert("name".into(), json!(name));
    }
    if let Some(description) = &meta.description {
        set.insert("description".into(), json!(description));
    }
    if let Some(base) = &meta.base_url {
        set.insert("glossa:baseUrl".into(), json!(base));
    }
    set.insert("hasDefinedTerm".into(), Value::Array(terms));
    Value::Object(set)
}

/// One entry as a `DefinedTerm`; references point at the `@id`s of the entries they name.
pub fn defined_term(ids: &NodeIds<'_>, term: &Term) -> Value {
    let reference = |id: &String| json!({"@id": ids.of_id(id)});
    let mut o = Map::new();
    o.insert("@type".into(), json!("DefinedTerm"));
    o.insert("@id".into(), json!(ids.of(term)));
    o.insert("termCode".into(), json!(term.id));
    o.insert("name".into(), json!(term.name));
    if !term.aliases.is_empty() {
        o.insert("alternateName".into(), json!(term.aliases));
    }
    if let Some(summary) = &term.summary {
        o.insert("disambiguatingDescription".into(), json!(summary));
    }
    if !term.definition.is_empty() {
        o.insert("description".into(), json!(term.definition));
    }
    if let Some(url) = &term.url {
        o.insert("url".into(), json!(url));
    }
    if !term.related.is_empty() {
        let refs: Vec<Value> = term.related.iter().map(reference).collect();
        o.insert("skos:related".into(), Value::Array(refs));
    }
    if !term.broader.is_empty() {
        let refs: Vec<Value> = term.broader.iter().map(reference).collect();
        o.insert("skos:broader".into(), Value::Array(refs));
    }
    if !term.examples.is_empty() {
        o.insert("skos:example".into(), json!(term.examples));
    }
    if !term.see.is_empty() {
        let refs: Vec<Value> = term.see.iter().map(|u| json!({"@id": u})).collect();
        o.insert("rdfs:seeAlso".into(), Value::Array(refs));
    }
    if let Some(area) = &term.area {
        o.insert("glossa:area".into(), json!(area));
    }
    if term.status != Status::Preferred {
        o.insert("glossa:status".into(), json!(term.status.as_str()));
    }
    if let Some(id) = &term.use_instead {
        o.insert("glossa:useInstead".into(), reference(id));
    }
    if let Some(flag) = term.case_sensitive {
        o.insert("glossa:caseSensitive".into(), json!(flag));
    }
    Value::Object(o)
}
