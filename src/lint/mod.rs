//! Lint rules over a document and a glossary (SPEC §3).
//!
//! Each rule lives in its own file and returns [`Finding`]s that carry their
//! fixes as data, so that the command line prints them and the language
//! server offers them unchanged.

mod acronym;
mod definitions;
mod deprecated;
mod first_use;
mod term_reference;
pub mod words;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use definitions::Definitions;

use crate::config::Config;
use crate::document::Regions;
use crate::glossary::Glossary;
use crate::matcher::{Matcher, Mention};

/// A lint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An acronym the reader is never told the meaning of.
    UndefinedAcronym,
    /// Explicit term markup that names no entry.
    UndefinedTermReference,
    /// A glossary acronym used before its long form.
    ExpandOnFirstUse,
    /// A mention of a deprecated entry.
    DeprecatedTerm,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 4] = [
        Rule::UndefinedAcronym,
        Rule::UndefinedTermReference,
        Rule::ExpandOnFirstUse,
        Rule::DeprecatedTerm,
    ];

    /// The rule's id, as in settings and output.
    pub fn id(self) -> &'static str {
        match self {
            Rule::UndefinedAcronym => "undefined-acronym",
            Rule::UndefinedTermReference => "undefined-term-reference",
            Rule::ExpandOnFirstUse => "expand-on-first-use",
            Rule::DeprecatedTerm => "deprecated-term",
        }
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The severity when the settings do not name one.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::UndefinedAcronym | Rule::DeprecatedTerm => Severity::Warning,
            Rule::UndefinedTermReference => Severity::Error,
            Rule::ExpandOnFirstUse => Severity::Info,
        }
    }

    /// One line on what the rule checks.
    pub fn description(self) -> &'static str {
        match self {
            Rule::UndefinedAcronym => "an acronym the reader is never told the meaning of",
            Rule::UndefinedTermReference => {
                "term markup (:term:, {term}, [[...]]) that names no glossary entry"
            }
            Rule::ExpandOnFirstUse => "a glossary acronym used before its long form",
            Rule::DeprecatedTerm => "a mention of a deprecated glossary entry",
        }
    }
}

/// How serious a finding is; `Off` turns a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule does not run.
    Off,
    /// A hint, usually shown faintly.
    Hint,
    /// Information.
    Info,
    /// A warning.
    Warning,
    /// An error.
    Error,
}

impl Severity {
    /// The name used in settings and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One text replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace.
    pub range: Range<usize>,
    /// What replaces them.
    pub replacement: String,
}

/// A fix for a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, for a menu.
    pub title: String,
    /// The edits, not overlapping.
    pub edits: Vec<Edit>,
}

/// A problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The bytes the finding is about.
    pub range: Range<usize>,
    /// The rule that found it.
    pub rule: Rule,
    /// Its configured severity.
    pub severity: Severity,
    /// What is wrong and what to do, for a writer.
    pub message: String,
    /// The glossary entry it concerns, if any.
    pub term: Option<String>,
    /// The subject of the finding (the acronym, the reference), for quick actions.
    pub subject: String,
    /// A fix, if there is one.
    pub fix: Option<Fix>,
    /// Later uses of the same thing in the document.
    pub repeats: Vec<Range<usize>>,
}

/// What the rules look at.
pub struct Context<'a> {
    /// The document's text.
    pub text: &'a str,
    /// Its prose regions.
    pub regions: &'a Regions,
    /// The mentions of glossary labels in it.
    pub mentions: &'a [Mention],
    /// The glossary.
    pub glossary: &'a Glossary,
    /// The matcher that found the mentions.
    pub matcher: &'a Matcher,
    /// The settings.
    pub config: &'a Config,
    /// The glossary's labels, for words the matcher cannot see whole.
    pub labels: &'a KnownLabels,
}

/// Every label of a glossary as a word: case-sensitive labels as written,
/// the others lower-cased. Built once per glossary.
#[derive(Debug, Clone, Default)]
pub struct KnownLabels(std::collections::HashSet<String>);

impl KnownLabels {
    /// The labels of `glossary`.
    pub fn new(glossary: &Glossary) -> KnownLabels {
        let mut set = std::collections::HashSet::new();
        for t in glossary.terms() {
            for label in t.labels() {
                if t.label_is_case_sensitive(label) {
                    set.insert(label.to_string());
                } else {
                    set.insert(label.to_lowercase());
                }
            }
        }
        KnownLabels(set)
    }

    /// Whether `word` is a label, honouring each label's case rule.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word) || self.0.contains(&word.to_lowercase())
    }
}

/// Runs every rule that is not off; findings sorted by position.
pub fn lint(cx: &Context) -> Vec<Finding> {
    let definitions = Definitions::find(cx.text, cx.regions);
    let mut findings = Vec::new();
    for rule in Rule::ALL {
        let severity = cx.config.severity(rule);
        if severity == Severity::Off {
            continue;
        }
        let found = match rule {
            Rule::UndefinedAcronym => acronym::check(cx, &definitions),
            Rule::UndefinedTermReference => term_reference::check(cx),
            Rule::ExpandOnFirstUse => first_use::check(cx, &definitions),
            Rule::DeprecatedTerm => deprecated::check(cx),
        };
        findings.extend(found.into_iter().map(|f| Finding { severity, ..f }));
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    findings
}

/// A finding with the defaults every rule starts from.
fn finding(rule: Rule, range: Range<usize>, subject: &str, message: String) -> Finding {
    Finding {
        range,
        rule,
        severity: rule.default_severity(),
        message,
        term: None,
        subject: subject.to_string(),
        fix: None,
        repeats: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
