//! Checks a merged glossary for mistakes that would mislead readers or tools.

use std::collections::HashMap;

use super::{Glossary, Problem, Status, Term};

/// Every referential and label problem of `glossary`.
pub fn validate(glossary: &Glossary) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut labels: HashMap<String, &Term> = HashMap::new();
    for term in glossary.terms() {
        let at = |id: &str, message: String| Problem {
            file: term.origin.file.clone(),
            pos: term.origin.position_of(id),
            message,
        };
        if term.name.trim().is_empty() {
            problems.push(at("", "entry has an empty name".into()));
        }
        if term.id.trim().is_empty() {
            problems.push(at("", "entry has an empty id".into()));
        }
        for (field, ids) in [("related", &term.related), ("broader", &term.broader)] {
            for id in ids {
                if glossary.get(id).is_none() {
                    problems.push(at(id, dangling(glossary, &term.id, field, id)));
                } else if id == &term.id {
                    problems.push(at(id, format!("\"{}\" lists itself in {field}", term.id)));
                }
            }
        }
        match (&term.use_instead, term.status) {
            (Some(id), _) if glossary.get(id).is_none() => {
                problems.push(at(id, dangling(glossary, &term.id, "use_instead", id)));
            }
            (None, Status::Deprecated) => problems.push(at(
                "",
                format!("deprecated entry \"{}\" has no use_instead", term.id),
            )),
            _ => {}
        }
        for label in term.labels() {
            let key = label_key(label);
            if key.is_empty() {
                continue;
            }
            match labels.get(&key) {
                Some(other) if other.id != term.id => problems.push(at(
                    "",
                    format!(
                        "label \"{label}\" of \"{}\" is already a label of \"{}\" ({}:{})",
                        term.id,
                        other.id,
                        other.origin.file,
                        other.origin.header.line + 1
                    ),
                )),
                _ => {
                    labels.insert(key, term);
                }
            }
        }
    }
    problems
}

fn dangling(glossary: &Glossary, from: &str, field: &str, id: &str) -> String {
    let mut message = format!("{field} id \"{id}\" of \"{from}\" names no entry");
    let closest = glossary
        .terms()
        .iter()
        .map(|t| (strsim::levenshtein(&t.id, id), &t.id))
        .min();
    if let Some((distance, best)) = closest {
        if distance <= id.len().max(4) / 3 {
            message.push_str(&format!("; did you mean \"{best}\"?"));
        }
    }
    message
}

/// Labels that would match the same text: case-folded, hyphens as spaces.
fn label_key(label: &str) -> String {
    label
        .to_lowercase()
        .replace(['-', '\u{2010}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Format};
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut g = Glossary::default();
        g.add_source(vec![parse(text, "g.toml", Format::Toml).unwrap()]);
        g.problems().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reports_each_problem_with_location() {
        let text = r#"[[term]]
name = "Tax Treaty"
related = ["unused"]

[[term]]
name = "Tax-treaty"
id = "other"

[[term]]
name = "Old"
status = "deprecated"

[[term]]
name = "Tax Treaty"
related = ["tax-treatys"]

[[term]]
name = " "
id = "blank"
"#;
        assert_eq!(
            problems(text),
            [
                "g.toml:5:1: label \"Tax-treaty\" of \"other\" is already a label of \"tax-treaty\" (g.toml:13)",
                "g.toml:9:1: deprecated entry \"old\" has no use_instead",
                "g.toml:13:1: duplicate id \"tax-treaty\": already used at g.toml:1; the later entry wins",
                "g.toml:15:13: related id \"tax-treatys\" of \"tax-treaty\" names no entry; did you mean \"tax-treaty\"?",
                "g.toml:17:1: entry has an empty name",
            ]
        );
    }
}
