//! docusaurus-plugin-glossary JSON: `{"title", "description", "terms":
//! [{"term", "definition", "abbreviation", "relatedTerms", "id", "aliases",
//! "caseSensitive", "autoLink"}]}`.
//!
//! The plugin's `term` is the label shown in text and `abbreviation` its long
//! form (`"term": "API", "abbreviation": "Application Programming
//! Interface"`); glossa names the entry by the long form and keeps the short
//! one as an alias, so that `expand-on-first-use` can write `Name (ACR)`.
//! The id is the plugin's `id`, else the slug of `term`, which keeps the
//! plugin's page anchors. `relatedTerms` name entries by their `term`.
//! `autoLink` has no counterpart and is not carried over.

use serde::Deserialize;

use super::foreign::{push_unique, resolve_references};
use super::json_tree::{self, Node};
use super::{slug, FilePos, GlossaryFile, LoadError, Meta, Origin, Term};
use crate::lint::words::is_acronym_like;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: Option<String>,
    description: Option<String>,
    terms: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawTerm {
    term: String,
    #[serde(default)]
    definition: String,
    abbreviation: Option<String>,
    #[serde(default)]
    related_terms: Vec<String>,
    id: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    case_sensitive: Option<bool>,
    #[allow(dead_code)]
    auto_link: Option<bool>,
}

/// Parses a docusaurus-plugin-glossary file.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let raw: RawFile = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        LoadError::at(
            file,
            Some(FilePos {
                line: e.line().saturating_sub(1) as u32,
                column: e.column().saturating_sub(1) as u32,
            }),
            message
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    })?;
    // serde has checked the shape; the tree gives each entry's position.
    let offsets: Vec<usize> = match json_tree::parse(text) {
        Ok(root) => match root.get("terms").map(|t| &t.node) {
            Some(Node::Array(items)) => items.iter().map(|i| i.offset).collect(),
            _ => Vec::new(),
        },
        Err(_) => Vec::new(),
    };
    let mut terms = Vec::with_capacity(raw.terms.len());
    for (i, t) in raw.terms.into_iter().enumerate() {
        let label = t.term.trim().to_string();
        let pos = FilePos::from_offset(text, offsets.get(i).copied().unwrap_or(0));
        if label.is_empty() {
            return Err(LoadError::at(
                file,
                Some(pos),
                "\"term\" is empty; every entry needs a name",
            ));
        }
        let long = t
            .abbreviation
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
        let (name, short) = match long {
            // Written the other way round: the abbreviation is the short form.
            Some(a) if is_acronym_like(&a) && !is_acronym_like(&label) => (label.clone(), Some(a)),
            Some(a) => (a, Some(label.clone())),
            None => (label.clone(), None),
        };
        let mut aliases = Vec::new();
        for alias in short.into_iter().chain(t.aliases) {
            let alias = alias.trim().to_string();
            if alias != name {
                push_unique(&mut aliases, alias);
            }
        }
        let related: Vec<String> = t
            .related_terms
            .iter()
            .map(|r| r.trim().to_string())
            .collect();
        terms.push(Term {
            id: t
                .id
                .filter(|i| !i.trim().is_empty())
                .unwrap_or_else(|| slug(&label)),
            name,
            aliases,
            definition: t.definition.trim().to_string(),
            origin: Origin {
                file: file.to_string(),
                header: pos,
                references: related.iter().map(|r| (r.clone(), pos)).collect(),
            },
            related,
            case_sensitive: t.case_sensitive,
            ..Term::default()
        });
    }
    resolve_references(&mut terms);
    let meta = Meta {
        name: raw.title,
        description: raw.description,
        base_url: None,
    };
    Ok(GlossaryFile {
        meta: (meta != Meta::default()).then_some(meta),
        terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_names_the_entry() {
        let f = parse(
            r#"{"title": "T", "terms": [
                {"term": "API", "abbreviation": "Application Programming Interface", "definition": "d", "relatedTerms": ["Webhook"]},
                {"term": "Webhook", "definition": "w", "aliases": ["web hook"]},
                {"term": "Know Your Customer", "abbreviation": "KYC", "definition": "k", "id": "kyc-rules"}]}"#,
            "g.json",
        )
        .unwrap();
        let t = &f.terms;
        assert_eq!(
            (t[0].id.as_str(), t[0].name.as_str()),
            ("api", "Application Programming Interface")
        );
        assert_eq!(t[0].aliases, ["API"]);
        assert_eq!(t[0].related, ["webhook"]);
        assert_eq!(t[1].aliases, ["web hook"]);
        assert_eq!(
            (t[2].id.as_str(), t[2].name.as_str()),
            ("kyc-rules", "Know Your Customer")
        );
        assert_eq!(t[2].aliases, ["KYC"]);
        assert_eq!(t[1].origin.header.line, 2);
    }

    #[test]
    fn locates_errors() {
        for (text, line, needle) in [
            (
                "{\"terms\": [\n{\"term\": \"A\", \"relatedTerms\": \"B\"}]}",
                2,
                "invalid type: string \"B\", expected a sequence",
            ),
            ("{\"terms\": [{\"term\": 3}]}", 1, "invalid type: integer"),
            ("{\"items\": []}", 1, "unknown field `items`"),
            ("{\"title\": \"x\"}", 1, "missing field `terms`"),
            ("{\"terms\": [\n{\"term\": \" \"}]}", 2, "\"term\" is empty"),
        ] {
            let e = parse(text, "g.json").unwrap_err();
            assert_eq!(e.pos.map(|p| p.line + 1), Some(line), "{text}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
