//! `expand-on-first-use`: a glossary acronym used before its long form.

use super::words::is_acronym_like;
use super::{finding, Context, Definitions, Edit, Finding, Fix, Rule};

/// A finding at the first mention of each entry when that mention is an
/// acronym and the entry's name (or a definition in the document) has not
/// come before it.
pub fn check(cx: &Context, definitions: &Definitions) -> Vec<Finding> {
    let mut seen = vec![false; cx.glossary.terms().len()];
    let mut findings = Vec::new();
    for m in cx.mentions {
        if std::mem::replace(&mut seen[m.term], true) {
            continue;
        }
        let term = &cx.glossary.terms()[m.term];
        let label = cx.matcher.label_of(m);
        if label == term.name || !is_acronym_like(label) || is_acronym_like(&term.name) {
            continue;
        }
        if definitions.offset(label).is_some_and(|at| at <= m.end) {
            continue;
        }
        let text = &cx.text[m.start..m.end];
        let plural = text.len() > label.len() && !text.ends_with("'s") && !text.ends_with("’s");
        let name = if plural {
            pluralize(&term.name)
        } else {
            term.name.clone()
        };
        let mut f = finding(
            Rule::ExpandOnFirstUse,
            m.start..m.end,
            label,
            format!("{label} is used before its long form; write \"{name} ({text})\" at first use"),
        );
        f.term = Some(term.id.clone());
        f.fix = Some(Fix {
            title: format!("Expand to \"{name} ({text})\""),
            edits: vec![Edit {
                range: m.start..m.end,
                replacement: format!("{name} ({text})"),
            }],
        });
        findings.push(f);
    }
    findings
}

/// The regular English plural of a name's last word.
pub fn pluralize(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut chars = lower.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('y'), Some(c)) if !"aeiou".contains(c) => format!("{}ies", &name[..name.len() - 1]),
        _ if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| lower.ends_with(e)) =>
        {
            format!("{name}es")
        }
        _ => format!("{name}s"),
    }
}
