//! `undefined-term-reference`: `:term:` and `{term}` roles and `[[Term]]`
//! wiki links that name no glossary entry.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::{finding, Context, Edit, Finding, Fix, Rule};
use crate::glossary::{Glossary, Term};
use crate::matcher::Normalized;

/// A finding for each reference whose target is neither a label nor an id.
pub fn check(cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for reference in references(cx.text) {
        if !cx.regions.in_prose(reference.markup_start)
            || cx.regions.in_code(reference.markup_start)
        {
            continue;
        }
        let target = &cx.text[reference.target.clone()];
        if resolve(cx.glossary, target).is_some() {
            continue;
        }
        let mut f = finding(
            Rule::UndefinedTermReference,
            reference.target.clone(),
            target,
            format!("\"{target}\" names no glossary entry"),
        );
        if let Some(best) = closest(cx.glossary, target) {
            f.message
                .push_str(&format!("; did you mean \"{}\"?", best.name));
            f.term = Some(best.id.clone());
            f.fix = Some(Fix {
                title: format!("Refer to \"{}\"", best.name),
                edits: vec![Edit {
                    range: reference.target,
                    replacement: best.name.clone(),
                }],
            });
        }
        findings.push(f);
    }
    findings
}

/// An explicit reference to a glossary entry.
struct Reference {
    /// Where the markup starts (`:`, `{` or `[`).
    markup_start: usize,
    /// The bytes naming the entry.
    target: std::ops::Range<usize>,
}

/// `:term:`X``, `:term:`text <X>``, `{term}`X``, `[[X]]`, `[[X|text]]`, `[[X#part]]`.
fn references(text: &str) -> Vec<Reference> {
    // The three openings, found in one pass over the document.
    static OPENINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::new([":term:`", "{term}`", "[["]).expect("three short literal patterns")
    });
    let mut found = Vec::new();
    for m in OPENINGS.find_iter(text) {
        let (i, body) = (m.start(), m.end());
        let reference = if m.pattern().as_usize() < 2 {
            role(text, i, body)
        } else {
            wiki_link(text, i)
        };
        found.extend(reference);
    }
    found
}

/// A role whose opening (`:term:`` or `{term}``) is `text[i..body]`.
fn role(text: &str, i: usize, body: usize) -> Option<Reference> {
    let len = text[body..].find(['`', '\n'])?;
    if text.as_bytes()[body + len] != b'`' {
        return None;
    }
    let inner = body..body + len;
    let raw = &text[inner.clone()];
    let target = match (raw.rfind('<'), raw.ends_with('>')) {
        (Some(lt), true) => inner.start + lt + 1..inner.end - 1,
        _ => inner,
    };
    Some(Reference {
        markup_start: i + 1,
        target: trim(text, target),
    })
}

/// A wiki link whose `[[` is at `i`.
fn wiki_link(text: &str, i: usize) -> Option<Reference> {
    let len = text[i + 2..].find([']', '\n', '['])?;
    if !text[i + 2 + len..].starts_with("]]") || len == 0 {
        return None;
    }
    let inner = &text[i + 2..i + 2 + len];
    let end = inner.find(['|', '#']).unwrap_or(inner.len());
    Some(Reference {
        markup_start: i + 2,
        target: trim(text, i + 2..i + 2 + end),
    })
}

fn trim(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// The entry a reference names: by id, or by a label folded as the matcher folds.
pub fn resolve<'a>(glossary: &'a Glossary, target: &str) -> Option<&'a Term> {
    if let Some(t) = glossary.get(target) {
        return Some(t);
    }
    let want = Normalized::label(target, false);
    glossary
        .terms()
        .iter()
        .find(|t| t.labels().any(|l| Normalized::label(l, false) == want))
}

fn closest<'a>(glossary: &'a Glossary, target: &str) -> Option<&'a Term> {
    let want = target.to_lowercase();
    glossary
        .terms()
        .iter()
        .flat_map(|t| {
            let want = &want;
            t.labels()
                .map(move |l| (strsim::levenshtein(&l.to_lowercase(), want), t))
        })
        .filter(|(d, _)| *d <= (want.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, t)| t)
}
