//! schema.org JSON-LD: a `DefinedTermSet` with `hasDefinedTerm`, a bare array
//! of `DefinedTerm` objects, or any document that carries `DefinedTerm`
//! objects deeper down (a page's `mentions`, an `@graph`).
//!
//! `name` → name, `description` → definition, `alternateName` → aliases,
//! `termCode` → id, `url` → url, `disambiguatingDescription` → summary;
//! `@id` identifies an entry for references. The rest of the native schema
//! travels in SKOS and glossa properties (`skos:related`, `skos:broader`,
//! `skos:example`, `rdfs:seeAlso`, `glossa:area`, `glossa:status`,
//! `glossa:useInstead`, `glossa:caseSensitive`), which is what
//! `glossa export --format jsonld` writes.

use std::collections::HashMap;

use super::foreign::{push_unique, resolve_references, split_facet};
use super::json_tree::{self, Node, Spanned};
use super::{slug, FilePos, GlossaryFile, LoadError, Meta, Origin, Status, Term};

/// The SKOS namespace.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// The RDF Schema namespace.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// The namespace of glossa's own properties in JSON-LD.
pub const GLOSSA: &str = "urn:glossa:";

/// Parses a JSON-LD glossary.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let fail =
        |(offset, message): (usize, String)| LoadError::at_offset(file, text, offset, message);
    let root = json_tree::parse(text).map_err(fail)?;
    let mut found = Found::default();
    found.collect(&root, 0).map_err(fail)?;
    if found.terms.is_empty() {
        return Err(LoadError::at(
            file,
            Some(FilePos::default()),
            "found no DefinedTerm: expected a DefinedTermSet with hasDefinedTerm, an array of DefinedTerm objects, or DefinedTerm objects under mentions",
        ));
    }
    let meta = found.meta.take();
    let terms = found.into_terms(text, file);
    Ok(GlossaryFile { meta, terms })
}

/// Entries gathered from one or more JSON-LD documents.
#[derive(Default)]
pub(crate) struct Found {
    /// The first `DefinedTermSet`'s name, description and base URL.
    pub meta: Option<Meta>,
    /// Entries with the byte offset of their object.
    terms: Vec<(usize, Term)>,
    /// The `@id` of each entry, for references.
    node_ids: Vec<Option<String>>,
}

type Failure = (usize, String);

impl Found {
    /// Gathers the entries under `node`; `base` is added to every offset
    /// (the position of the JSON text inside a larger file).
    pub(crate) fn collect(&mut self, node: &Spanned, base: usize) -> Result<(), Failure> {
        match &node.node {
            Node::Array(items) => items.iter().try_for_each(|n| self.collect(n, base)),
            Node::Object(entries) => {
                if has_type(node, "DefinedTerm") {
                    return self.add_term(node, base);
                }
                if has_type(node, "DefinedTermSet") {
                    self.add_set(node, base)?;
                    if let Some(members) = schema(node, "hasDefinedTerm") {
                        for member in as_list(members) {
                            if !matches!(member.node, Node::Object(_)) {
                                return Err((
                                    base + member.offset,
                                    format!(
                                        "hasDefinedTerm must hold DefinedTerm objects, found {}",
                                        member.kind()
                                    ),
                                ));
                            }
                            self.add_term(member, base)?;
                        }
                    }
                    return Ok(());
                }
                entries
                    .iter()
                    .filter(|(k, _)| k != "@context")
                    .try_for_each(|(_, v)| self.collect(v, base))
            }
            _ => Ok(()),
        }
    }

    fn add_set(&mut self, node: &Spanned, base: usize) -> Result<(), Failure> {
        if self.meta.is_some() {
            return Ok(());
        }
        self.meta = Some(Meta {
            name: text_of(node, "name", base)?,
            description: text_of(node, "description", base)?,
            base_url: text(node, &glossa("baseUrl"), base)?,
        })
        .filter(|m| *m != Meta::default());
        Ok(())
    }

    fn add_term(&mut self, node: &Spanned, base: usize) -> Result<(), Failure> {
        let at = base + node.offset;
        let name = text_of(node, "name", base)?
            .filter(|n| !n.trim().is_empty())
            .ok_or((at, "this DefinedTerm has no \"name\"".to_string()))?;
        let mut term = Term {
            name: name.trim().to_string(),
            summary: text_of(node, "disambiguatingDescription", base)?,
            url: text_of(node, "url", base)?,
            ..Term::default()
        };
        let description = text_of(node, "description", base)?.unwrap_or_default();
        term.area = text(node, &glossa("area"), base)?;
        let code = text_of(node, "termCode", base)?;
        // Pages that lead a description with `Facet ⎊` name no termCode;
        // glossa's own documents always do, and keep their text as it is.
        match split_facet(&description) {
            Some((facet, rest)) if term.area.is_none() && code.is_none() && is_facet(facet) => {
                if !is_meaning(facet) {
                    term.area = Some(facet.to_string());
                }
                term.definition = rest.to_string();
            }
            _ => term.definition = description.trim().to_string(),
        }
        for alias in texts(schema(node, "alternateName"), "alternateName", base)? {
            push_unique(&mut term.aliases, alias);
        }
        term.related = references(node, &skos("related"), base)?;
        term.broader = references(node, &skos("broader"), base)?;
        term.examples = texts(prop(node, &skos("example")), "skos:example", base)?;
        term.see = references(
            node,
            &["rdfs:seeAlso".to_string(), format!("{RDFS}seeAlso")],
            base,
        )?;
        if let Some(status) = text(node, &glossa("status"), base)? {
            term.status = match status.as_str() {
                "preferred" => Status::Preferred,
                "admitted" => Status::Admitted,
                "deprecated" => Status::Deprecated,
                other => {
                    return Err((
                        at,
                        format!(
                        "glossa:status \"{other}\" is not one of preferred, admitted, deprecated"
                    ),
                    ))
                }
            }
        }
        term.use_instead = references(node, &glossa("useInstead"), base)?
            .into_iter()
            .next();
        if let Some(v) = prop(node, &glossa("caseSensitive")) {
            term.case_sensitive = match v.node {
                Node::Bool(b) => Some(b),
                _ => {
                    return Err((
                        base + v.offset,
                        format!(
                            "glossa:caseSensitive must be true or false, found {}",
                            v.kind()
                        ),
                    ))
                }
            };
        }
        let node_id = match prop(node, &["@id".to_string()]) {
            Some(v) => Some(
                v.as_str()
                    .ok_or((
                        base + v.offset,
                        format!("\"@id\" must be a string, found {}", v.kind()),
                    ))?
                    .to_string(),
            ),
            None => None,
        };
        term.id = match code {
            Some(code) if !code.trim().is_empty() => code.trim().to_string(),
            _ => match node_id.as_deref().and_then(|i| i.strip_prefix('#')) {
                Some(fragment) if !fragment.is_empty() => fragment.to_string(),
                _ => slug(&term.name),
            },
        };
        // The same node met twice (a page that mentions a term in two blocks) is one entry.
        if let Some(i) = node_id
            .as_ref()
            .and_then(|n| self.node_ids.iter().position(|o| o.as_ref() == Some(n)))
        {
            fill_missing(&mut self.terms[i].1, term);
            return Ok(());
        }
        self.terms.push((at, term));
        self.node_ids.push(node_id);
        Ok(())
    }

    /// The entries, with origins in `file` (whose text is `text`) and
    /// references turned into ids.
    pub(crate) fn into_terms(self, text: &str, file: &str) -> Vec<Term> {
        let mut terms: Vec<Term> = self
            .into_unresolved(text, file)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        resolve_references(&mut terms);
        terms
    }

    /// The entries with their `@id`s, with origins in `file`; references
    /// are ids where they name a node found here, else the last segment of
    /// the IRI, for [`resolve_references`] to finish once every entry of the
    /// file is known.
    pub(crate) fn into_unresolved(self, text: &str, file: &str) -> Vec<(Term, Option<String>)> {
        let by_node: HashMap<&str, &str> = self
            .node_ids
            .iter()
            .zip(&self.terms)
            .filter_map(|(n, (_, t))| Some((n.as_deref()?, t.id.as_str())))
            .collect();
        let local = |r: &str| -> String {
            if let Some(id) = by_node.get(r) {
                return id.to_string();
            }
            let r = r.trim_end_matches('/');
            let tail = r.rsplit(['#', '/']).next().unwrap_or(r);
            if r.contains(['#', '/']) && !tail.is_empty() {
                tail.to_string()
            } else {
                r.to_string()
            }
        };
        self.terms
            .iter()
            .zip(&self.node_ids)
            .map(|((offset, term), node_id)| {
                let mut term = term.clone();
                term.related = term.related.iter().map(|r| local(r)).collect();
                term.broader = term.broader.iter().map(|r| local(r)).collect();
                term.use_instead = term.use_instead.as_deref().map(local);
                term.origin = Origin {
                    file: file.to_string(),
                    header: FilePos::from_offset(text, *offset),
                    references: Vec::new(),
                };
                (term, node_id.clone())
            })
            .collect()
    }
}

/// Copies into `into` the fields it lacks.
pub(crate) fn fill_missing(into: &mut Term, from: Term) {
    if into.definition.is_empty() {
        into.definition = from.definition;
    }
    into.summary = into.summary.take().or(from.summary);
    into.url = into.url.take().or(from.url);
    into.area = into.area.take().or(from.area);
    for alias in from.aliases {
        if alias != into.name {
            push_unique(&mut into.aliases, alias);
        }
    }
    for r in from.related {
        push_unique(&mut into.related, r);
    }
    for r in from.broader {
        push_unique(&mut into.broader, r);
    }
    for e in from.examples {
        push_unique(&mut into.examples, e);
    }
    for s in from.see {
        push_unique(&mut into.see, s);
    }
}

/// Whether `facet` looks like the short label of a `Facet ⎊ text` line.
fn is_facet(facet: &str) -> bool {
    facet.split_whitespace().count() <= 3
        && facet
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

/// The facets that introduce the meaning itself rather than an area.
pub(crate) fn is_meaning(facet: &str) -> bool {
    ["meaning", "definition"].contains(&facet.to_lowercase().as_str())
}

fn skos(name: &str) -> Vec<String> {
    vec![format!("skos:{name}"), format!("{SKOS}{name}")]
}

fn glossa(name: &str) -> Vec<String> {
    vec![format!("glossa:{name}"), format!("{GLOSSA}{name}")]
}

/// Whether the node's `@type` names `name` (`DefinedTerm`, `schema:DefinedTerm`, or the full IRI).
pub(crate) fn has_type(node: &Spanned, name: &str) -> bool {
    let Some(types) = node.get("@type") else {
        return false;
    };
    as_list(types)
        .iter()
        .filter_map(|t| t.as_str())
        .any(|t| t.rsplit(['/', ':', '#']).next() == Some(name))
}

/// The first of the keys `keys` present on `node`.
fn prop<'a>(node: &'a Spanned, keys: &[String]) -> Option<&'a Spanned> {
    keys.iter().find_map(|k| node.get(k))
}

/// A schema.org property, written plainly, as `schema:name`, or as a full IRI.
pub(crate) fn schema<'a>(node: &'a Spanned, name: &str) -> Option<&'a Spanned> {
    node.get(name).or_else(|| {
        ["schema:", "https://schema.org/", "http://schema.org/"]
            .iter()
            .find_map(|p| node.get(&format!("{p}{name}")))
    })
}

/// A value and, for arrays, its items.
pub(crate) fn as_list(node: &Spanned) -> Vec<&Spanned> {
    match &node.node {
        Node::Array(items) => items.iter().collect(),
        _ => vec![node],
    }
}

/// The text of a schema.org property (`"text"`, `{"@value": "text"}`, or the
/// first of an array of these).
pub(crate) fn text_of(node: &Spanned, name: &str, base: usize) -> Result<Option<String>, Failure> {
    Ok(texts(schema(node, name), name, base)?.into_iter().next())
}

fn text(node: &Spanned, keys: &[String], base: usize) -> Result<Option<String>, Failure> {
    Ok(texts(prop(node, keys), &keys[0], base)?.into_iter().next())
}

/// Every text value of a property; an error names the key and the wrong value.
pub(crate) fn texts(
    value: Option<&Spanned>,
    key: &str,
    base: usize,
) -> Result<Vec<String>, Failure> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for item in as_list(value) {
        let text = match &item.node {
            Node::String(s) => s.clone(),
            Node::Object(_) => match item.get("@value").and_then(Spanned::as_str) {
                Some(s) => s.to_string(),
                None => {
                    return Err((
                        base + item.offset,
                        format!("\"{key}\" must be text, found an object without \"@value\""),
                    ))
                }
            },
            Node::Null => continue,
            _ => {
                return Err((
                    base + item.offset,
                    format!("\"{key}\" must be text, found {}", item.kind()),
                ))
            }
        };
        if !text.trim().is_empty() {
            out.push(text.trim().to_string());
        }
    }
    Ok(out)
}

/// References: `{"@id": "..."}` objects or strings.
fn references(node: &Spanned, keys: &[String], base: usize) -> Result<Vec<String>, Failure> {
    let Some(value) = prop(node, keys) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for item in as_list(value) {
        let r = match &item.node {
            Node::String(s) => s.clone(),
            Node::Object(_) => match item.get("@id").and_then(Spanned::as_str) {
                Some(s) => s.to_string(),
                None => return Err((base + item.offset, format!("\"{}\" must hold {{\"@id\": ...}} objects or strings, found an object without \"@id\"", keys[0]))),
            },
            _ => return Err((base + item.offset, format!("\"{}\" must hold {{\"@id\": ...}} objects or strings, found {}", keys[0], item.kind()))),
        };
        push_unique(&mut out, r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_shapes() {
        let set = r##"{"@context": "https://schema.org", "@type": "DefinedTermSet", "name": "G",
            "hasDefinedTerm": [{"@type": "DefinedTerm", "@id": "#a", "name": "Alpha", "alternateName": ["A1"], "skos:related": {"@id": "#b"}},
                               {"@type": "DefinedTerm", "@id": "#b", "name": "Beta", "termCode": "bee"}]}"##;
        let f = parse(set, "g.jsonld").unwrap();
        assert_eq!(f.meta.unwrap().name.as_deref(), Some("G"));
        assert_eq!(f.terms[0].id, "a");
        assert_eq!(f.terms[0].related, ["bee"]);
        assert_eq!(f.terms[1].id, "bee");
        let array =
            r#"[{"@type": "DefinedTerm", "name": "Alpha", "description": {"@value": "First."}}]"#;
        assert_eq!(
            parse(array, "g.jsonld").unwrap().terms[0].definition,
            "First."
        );
        let page = r#"{"@type": "WebPage", "mentions": [{"@type": "schema:DefinedTerm", "name": "Gamma", "description": "Risk ⎊ Third."}]}"#;
        let g = &parse(page, "g.jsonld").unwrap().terms[0];
        assert_eq!(
            (g.area.as_deref(), g.definition.as_str()),
            (Some("Risk"), "Third.")
        );
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            (
                "[{\"@type\": \"DefinedTerm\",\n \"name\": 5}]",
                (2, 10),
                "\"name\" must be text, found a number",
            ),
            ("[{\"@type\": \"DefinedTerm\"}]", (1, 2), "no \"name\""),
            (
                "{\"@type\": \"DefinedTermSet\", \"hasDefinedTerm\": [\"x\"]}",
                (1, 48),
                "found a string",
            ),
            ("{\"@type\": \"WebPage\"}", (1, 1), "found no DefinedTerm"),
            ("[{\"name\": \"x\",]", (1, 15), "invalid JSON"),
        ] {
            let e = parse(text, "g.jsonld").unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
