//! `deprecated-term`: mentions of deprecated entries, with the preferred wording as fix.

use super::first_use::pluralize;
use super::{finding, Context, Edit, Finding, Fix, Rule};
use crate::glossary::Status;
use crate::matcher::Normalized;

/// A finding for every mention of a deprecated entry.
pub fn check(cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for m in cx.mentions {
        let term = &cx.glossary.terms()[m.term];
        if term.status != Status::Deprecated {
            continue;
        }
        let text = &cx.text[m.start..m.end];
        let instead = term
            .use_instead
            .as_deref()
            .and_then(|id| cx.glossary.get(id));
        let mut f = finding(
            Rule::DeprecatedTerm,
            m.start..m.end,
            text,
            match instead {
                Some(t) => format!("\"{text}\" is deprecated wording; use \"{}\"", t.name),
                None => format!("\"{text}\" is deprecated wording"),
            },
        );
        f.term = Some(term.id.clone());
        if let Some(preferred) = instead {
            let replacement = replacement(text, cx.matcher.label_of(m), &preferred.name);
            f.fix = Some(Fix {
                title: format!("Replace with \"{replacement}\""),
                edits: vec![Edit {
                    range: m.start..m.end,
                    replacement,
                }],
            });
        }
        findings.push(f);
    }
    findings
}

/// The preferred name shaped like the mention: plural or possessive suffix
/// kept, initial capital kept.
pub fn replacement(mention: &str, label: &str, preferred: &str) -> String {
    let folded_mention = Normalized::label(mention, false);
    let folded_label = Normalized::label(label, false);
    let mut out = if let Some(apostrophe) = ["'s", "’s"].iter().find(|s| mention.ends_with(**s)) {
        format!("{preferred}{apostrophe}")
    } else if folded_mention != folded_label {
        pluralize(preferred)
    } else {
        preferred.to_string()
    };
    let starts_upper = mention.chars().next().is_some_and(char::is_uppercase);
    if starts_upper {
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            out = first.to_uppercase().chain(chars).collect();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn keeps_suffix_and_capital() {
        for (mention, label, preferred, want) in [
            (
                "virtual currency",
                "Virtual Currency",
                "crypto-asset",
                "crypto-asset",
            ),
            (
                "Virtual currencies",
                "Virtual Currency",
                "crypto-asset",
                "Crypto-assets",
            ),
            (
                "virtual currency’s",
                "Virtual Currency",
                "crypto-asset",
                "crypto-asset’s",
            ),
            ("blacklists", "Blacklist", "denylist", "denylists"),
        ] {
            assert_eq!(replacement(mention, label, preferred), want);
        }
    }
}
