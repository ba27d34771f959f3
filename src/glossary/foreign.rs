//! What the readers of other tools' glossary formats share: splitting labels
//! such as `Name (ACR)` into a name and aliases, splitting list cells, and
//! turning the names, ids or links that a foreign file uses for references
//! into the ids of its entries.

use std::collections::HashMap;

use super::{slug, FilePos, Term};
use crate::lint::words::is_acronym_like;

/// Splits a display label into a name and the aliases it carries:
/// `Shard / shard chain` → `Shard` + `shard chain`, `Externally owned
/// account (EOA)` → `Externally owned account` + `EOA`, `Ommer (uncle) block`
/// → `Ommer block` + `uncle block`. A trailing parenthesis that is not an
/// acronym (`Tax (United Kingdom)`) stays part of the name.
pub(crate) fn split_label(label: &str) -> (String, Vec<String>) {
    let label = collapse_spaces(label);
    let mut parts = label.split(" / ").map(str::trim).filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return (String::new(), Vec::new());
    };
    let (name, mut aliases) = split_parenthesis(first);
    for part in parts {
        let (other, more) = split_parenthesis(part);
        push_unique(&mut aliases, other);
        for alias in more {
            push_unique(&mut aliases, alias);
        }
    }
    aliases.retain(|a| !a.eq_ignore_ascii_case(&name));
    (name, aliases)
}

fn split_parenthesis(label: &str) -> (String, Vec<String>) {
    let (Some(open), Some(close)) = (label.find(" ("), label.find(')')) else {
        return (label.to_string(), Vec::new());
    };
    if close < open || label[close + 1..].contains(['(', ')']) {
        return (label.to_string(), Vec::new());
    }
    let before = label[..open].trim();
    let inner = label[open + 2..close].trim();
    let after = label[close + 1..].trim();
    if before.is_empty() || inner.is_empty() {
        return (label.to_string(), Vec::new());
    }
    let acronym = !inner.contains(char::is_whitespace) && is_acronym_like(inner);
    match (acronym, after.is_empty()) {
        (true, true) => (before.to_string(), vec![inner.to_string()]),
        (true, false) => (format!("{before} {after}"), vec![inner.to_string()]),
        // `Ommer (uncle) block`: the parenthesis names another word for the one before it.
        (false, false) => {
            let head = before.rsplit_once(' ').map_or("", |(h, _)| h);
            let alias = [head, inner, after]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            (format!("{before} {after}"), vec![alias])
        }
        (false, true) => (label.to_string(), Vec::new()),
    }
}

/// Runs of whitespace as single spaces, trimmed.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The items of a list cell: split on `|` when the cell holds one, else on
/// `;`; items trimmed, empty items dropped.
pub(crate) fn split_list(cell: &str) -> Vec<String> {
    let separator = if cell.contains('|') { '|' } else { ';' };
    cell.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// `Facet ⎊ text` → (`Facet`, `text`): the layout of some glossary pages,
/// where a short facet or area label leads the definition.
pub(crate) fn split_facet(text: &str) -> Option<(&str, &str)> {
    let (facet, rest) = text.split_once('⎊')?;
    let facet = facet.trim();
    let rest = rest.trim();
    let short = !facet.is_empty() && facet.chars().count() <= 40 && !facet.contains('\n');
    (short && !rest.is_empty()).then_some((facet, rest))
}

/// Adds `item` to `list` unless an equal item is there already.
pub(crate) fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

/// Labels that match the same text: case-folded, hyphens as spaces.
pub(crate) fn label_key(label: &str) -> String {
    label
        .to_lowercase()
        .replace(['-', '\u{2010}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds the entry that a foreign reference means: its id, one of its
/// labels, or the slug of either.
pub(crate) struct References {
    by_key: HashMap<String, String>,
}

impl References {
    /// The references that the entries of one file can make to each other.
    pub(crate) fn new(terms: &[Term]) -> References {
        let mut by_key = HashMap::new();
        // Later insertions never replace earlier ones: ids first, then labels.
        for term in terms {
            by_key
                .entry(format!("id:{}", term.id))
                .or_insert(term.id.clone());
        }
        for term in terms {
            for label in term.labels() {
                by_key
                    .entry(format!("label:{}", label_key(label)))
                    .or_insert(term.id.clone());
            }
        }
        for term in terms {
            for label in term.labels() {
                by_key
                    .entry(format!("id:{}", slug(label)))
                    .or_insert(term.id.clone());
            }
        }
        References { by_key }
    }

    /// `id` itself when an entry has it.
    pub(crate) fn resolve_id(&self, id: &str) -> Option<String> {
        self.by_key
            .get(&format!("id:{id}"))
            .filter(|found| *found == id)
            .cloned()
    }

    /// The id of the entry `reference` names, if any.
    pub(crate) fn resolve(&self, reference: &str) -> Option<String> {
        let reference = reference.trim();
        [
            format!("id:{reference}"),
            format!("label:{}", label_key(reference)),
            format!("id:{}", slug(reference)),
        ]
        .iter()
        .find_map(|k| self.by_key.get(k).cloned())
    }
}

/// Rewrites each entry's `related`, `broader` and `use_instead` from the
/// words the file used into entry ids where an entry matches; references
/// that name no entry are kept as written, for validation to report.
pub(crate) fn resolve_references(terms: &mut [Term]) {
    let refs = References::new(terms);
    let fix = |r: &mut String, positions: &mut Vec<(String, FilePos)>| {
        if let Some(id) = refs.resolve(r) {
            for (name, _) in positions.iter_mut().filter(|(n, _)| n == r) {
                name.clone_from(&id);
            }
            *r = id;
        }
    };
    for term in terms.iter_mut() {
        let positions = &mut term.origin.references;
        term.related.iter_mut().for_each(|r| fix(r, positions));
        term.broader.iter_mut().for_each(|r| fix(r, positions));
        if let Some(r) = term.use_instead.as_mut() {
            fix(r, positions);
        }
        dedup(&mut term.related);
        dedup(&mut term.broader);
    }
}

fn dedup(list: &mut Vec<String>) {
    let mut seen = Vec::with_capacity(list.len());
    list.retain(|item| {
        let new = !seen.contains(item);
        if new {
            seen.push(item.clone());
        }
        new
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_labels() {
        for (label, name, aliases) in [
            ("Tax Treaty", "Tax Treaty", &[][..]),
            (
                "Externally owned account (EOA)",
                "Externally owned account",
                &["EOA"][..],
            ),
            ("Proof-of-stake (PoS)", "Proof-of-stake", &["PoS"]),
            ("Shard / shard chain", "Shard", &["shard chain"]),
            ("Ommer (uncle) block", "Ommer block", &["uncle block"]),
            ("Tax (United Kingdom)", "Tax (United Kingdom)", &[]),
            ("TCP/IP", "TCP/IP", &[]),
            ("  Spaced   out ", "Spaced out", &[]),
            ("(ABC)", "(ABC)", &[]),
        ] {
            assert_eq!(
                split_label(label),
                (
                    name.to_string(),
                    aliases.iter().map(|s| s.to_string()).collect()
                ),
                "{label}"
            );
        }
    }

    #[test]
    fn splits_lists_and_facets() {
        assert_eq!(split_list(" a; b ;; c "), ["a", "b", "c"]);
        assert_eq!(split_list("a; b | c"), ["a; b", "c"]);
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(
            split_facet("Risk ⎊ Text here."),
            Some(("Risk", "Text here."))
        );
        assert_eq!(split_facet("No facet"), None);
        assert_eq!(split_facet("⎊ only"), None);
    }

    #[test]
    fn resolves_ids_labels_and_slugs() {
        let mut a = Term::new("Permanent Establishment");
        a.aliases = vec!["PE".into()];
        a.related = vec!["Tax treaty".into(), "tax-treaty".into(), "nowhere".into()];
        let mut b = Term::new("Tax Treaty");
        b.related = vec!["PE".into()];
        b.use_instead = Some("permanent establishment".into());
        let mut terms = vec![a, b];
        resolve_references(&mut terms);
        assert_eq!(terms[0].related, ["tax-treaty", "nowhere"]);
        assert_eq!(terms[1].related, ["permanent-establishment"]);
        assert_eq!(
            terms[1].use_instead.as_deref(),
            Some("permanent-establishment")
        );
    }
}
