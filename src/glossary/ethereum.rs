//! The flat JSON shape of the ethereum.org glossary (and of translation files
//! built the same way): one object mapping `"<id>-term"` to a label and
//! `"<id>-definition"` to an HTML fragment.
//!
//! Read as the `json` format when the document has this shape. Labels are
//! split into a name and aliases (`Externally owned account (EOA)`, `Shard /
//! shard chain`); a plural name gains its singular as an alias, since
//! mentions match plurals of a label but not singulars. Definitions become
//! Markdown: links to other entries (`/glossary/#id`) become plain text and
//! `related` ids, links to ids that do not exist become plain text, and
//! site-relative links get the site's address.

use std::collections::{HashMap, HashSet};

use super::foreign::{label_key, push_unique, split_label};
use super::html_text;
use super::json_tree::{self, Node};
use super::{slug, FilePos, GlossaryFile, LoadError, Origin, Term};

/// The site that the fragments' root-relative links belong to.
const SITE: &str = "https://ethereum.org";

/// Whether `text` looks like this shape: a JSON object whose first key ends
/// in `-term` or `-definition`.
pub fn looks_like(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = text.strip_prefix('{') else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix('"') else {
        return false;
    };
    let key = rest.split('"').next().unwrap_or_default();
    key.ends_with("-term") || key.ends_with("-definition")
}

/// One entry as read: its source id, label and definition with positions.
struct Raw {
    source_id: String,
    label: Option<(String, usize)>,
    definition: Option<(String, usize)>,
}

/// Parses the flat `"<id>-term"` / `"<id>-definition"` shape.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let fail = |offset: usize, message: String| LoadError::at_offset(file, text, offset, message);
    let root = json_tree::parse(text).map_err(|(o, m)| fail(o, m))?;
    if !matches!(root.node, Node::Object(_)) {
        return Err(fail(
            root.offset,
            format!(
                "expected an object of \"<id>-term\" and \"<id>-definition\" keys, found {}",
                root.kind()
            ),
        ));
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (key, value) in root.entries() {
        let (source_id, is_term) =
            match (key.strip_suffix("-term"), key.strip_suffix("-definition")) {
                (Some(id), _) => (id, true),
                (_, Some(id)) => (id, false),
                _ => {
                    return Err(fail(
                        value.offset,
                        format!(
                        "unexpected key \"{key}\": expected \"<id>-term\" or \"<id>-definition\""
                    ),
                    ))
                }
            };
        let Some(s) = value.as_str() else {
            return Err(fail(
                value.offset,
                format!("\"{key}\" must be a string, found {}", value.kind()),
            ));
        };
        let i = *index.entry(source_id.to_string()).or_insert_with(|| {
            raws.push(Raw {
                source_id: source_id.to_string(),
                label: None,
                definition: None,
            });
            raws.len() - 1
        });
        let slot = if is_term {
            &mut raws[i].label
        } else {
            &mut raws[i].definition
        };
        if slot.is_some() {
            return Err(fail(value.offset, format!("\"{key}\" appears twice")));
        }
        *slot = Some((s.to_string(), value.offset));
    }
    if raws.is_empty() {
        return Err(fail(root.offset, "found no \"<id>-term\" keys".into()));
    }
    let ids: HashMap<&str, String> = raws
        .iter()
        .map(|r| (r.source_id.as_str(), slug(&r.source_id)))
        .collect();
    let mut terms = Vec::with_capacity(raws.len());
    for raw in &raws {
        let Some((label, offset)) = &raw.label else {
            let at = raw.definition.as_ref().map_or(0, |d| d.1);
            return Err(fail(
                at,
                format!("\"{0}-definition\" has no \"{0}-term\"", raw.source_id),
            ));
        };
        let id = ids[raw.source_id.as_str()].clone();
        let (name, aliases) = split_label(label);
        if name.is_empty() {
            return Err(fail(
                *offset,
                format!("\"{}-term\" is empty", raw.source_id),
            ));
        }
        let mut related = Vec::new();
        let definition = raw.definition.as_ref().map_or(String::new(), |(html, _)| {
            html_text::to_markdown(html, &mut |href: &str| match link_target(href) {
                Target::Entry(target) => {
                    if let Some(found) = find_entry(&ids, target) {
                        if found != id {
                            push_unique(&mut related, found);
                        }
                    }
                    None
                }
                Target::Page(url) => Some(url),
            })
        });
        terms.push(Term {
            id,
            name,
            aliases,
            definition,
            related,
            origin: Origin {
                file: file.to_string(),
                header: FilePos::from_offset(text, *offset),
                references: Vec::new(),
            },
            ..Term::default()
        });
    }
    add_singulars(&mut terms);
    Ok(GlossaryFile { meta: None, terms })
}

enum Target<'a> {
    /// Another entry of the glossary, by source id.
    Entry(&'a str),
    /// A page elsewhere.
    Page(String),
}

fn link_target(href: &str) -> Target<'_> {
    let href = href.trim();
    for prefix in ["/glossary/#", "/glossary#", "glossary/#", "#"] {
        if let Some(id) = href.strip_prefix(prefix) {
            return Target::Entry(id);
        }
    }
    if href.starts_with('/') {
        Target::Page(format!("{SITE}{href}"))
    } else if href.contains(':') || href.contains('/') {
        Target::Page(href.to_string())
    } else {
        // A bare word (`href="ether"`) was meant as an entry.
        Target::Entry(href)
    }
}

/// The id of the entry a link names, allowing for a plural or singular slip
/// (`#optimistic-rollups` for `optimistic-rollup`).
fn find_entry(ids: &HashMap<&str, String>, source_id: &str) -> Option<String> {
    let candidates = [
        source_id.to_string(),
        source_id.strip_suffix('s').unwrap_or_default().to_string(),
        format!("{source_id}s"),
    ];
    candidates.iter().find_map(|c| ids.get(c.as_str()).cloned())
}

/// Adds the singular of a plural name as an alias, unless another entry
/// already uses that label.
fn add_singulars(terms: &mut [Term]) {
    let taken: HashSet<String> = terms
        .iter()
        .flat_map(|t| t.labels().map(label_key).collect::<Vec<_>>())
        .collect();
    for term in terms.iter_mut() {
        if let Some(singular) = singular(&term.name) {
            if !taken.contains(&label_key(&singular)) {
                push_unique(&mut term.aliases, singular);
            }
        }
    }
}

/// The singular of a name whose last word is a regular English plural.
fn singular(name: &str) -> Option<String> {
    let (head, last) = match name.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), name),
    };
    let lower = last.to_lowercase();
    if last.chars().count() <= 3
        || !last.chars().all(char::is_alphabetic)
        || !lower.ends_with('s')
        || ["ss", "us", "is", "ics", "ous"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        return None;
    }
    let stem = if lower.ends_with("ies") {
        format!("{}y", &last[..last.len() - 3])
    } else if ["sses", "shes", "ches", "xes"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        last[..last.len() - 2].to_string()
    } else {
        last[..last.len() - 1].to_string()
    };
    Some(format!("{head}{stem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_flat_shape() {
        let text = r##"{
  "pos-term": "Proof-of-stake (PoS)",
  "pos-definition": "Uses <a href=\"/glossary/#validator\">validators</a> and <a href=\"/glossary/#nowhere\">ghosts</a>. <a href=\"/docs/pos\">More</a>.",
  "validator-term": "Validators",
  "validator-definition": "Nodes that vote; see <a href=\"#pos\">PoS</a>.",
  "50%-rule-term": "50% rule"
}"##;
        assert!(looks_like(text));
        let f = parse(text, "g.json").unwrap();
        let pos = &f.terms[0];
        assert_eq!(
            (pos.id.as_str(), pos.name.as_str()),
            ("pos", "Proof-of-stake")
        );
        assert_eq!(pos.aliases, ["PoS"]);
        assert_eq!(
            pos.definition,
            "Uses validators and ghosts. [More](https://ethereum.org/docs/pos)."
        );
        assert_eq!(pos.related, ["validator"]);
        assert_eq!(f.terms[1].aliases, ["Validator"]);
        assert_eq!(f.terms[1].related, ["pos"]);
        assert_eq!(f.terms[1].origin.header.line, 3);
        assert_eq!(f.terms[2].id, "50-rule");
    }

    #[test]
    fn singulars() {
        for (name, want) in [
            ("Rollups", Some("Rollup")),
            ("State channels", Some("State channel")),
            ("Currencies", Some("Currency")),
            ("Gas", None),
            ("Consensus", None),
            ("Address", None),
            ("Cryptoeconomics", None),
            ("Eth2", None),
        ] {
            assert_eq!(singular(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            (
                "{\"a-term\": 1}",
                (1, 12),
                "must be a string, found a number",
            ),
            (
                "{\"a-term\": \"A\",\n \"b\": \"x\"}",
                (2, 7),
                "unexpected key \"b\"",
            ),
            ("{\"a-definition\": \"x\"}", (1, 18), "has no \"a-term\""),
            (
                "{\"a-term\": \"A\", \"a-term\": \"B\"}",
                (1, 27),
                "appears twice",
            ),
            ("{\"a-term\": \"A\"", (1, 14), "invalid JSON"),
        ] {
            let e = parse(text, "g.json").unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
