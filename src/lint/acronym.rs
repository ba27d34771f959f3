//! `undefined-acronym`: acronym-like words the reader is never told the meaning of.

use std::collections::{HashMap, HashSet};

use super::words::{
    acronym_candidates, acronym_stem, is_acronym_like, is_ordinary, is_roman_numeral,
};
use super::{finding, Context, Definitions, Finding, Rule};
use crate::matcher::mention_at;

/// One finding per undefined acronym, at its first use, later uses as repeats.
pub fn check(cx: &Context, definitions: &Definitions) -> Vec<Finding> {
    let allow: HashSet<&str> = cx.config.allow.iter().map(String::as_str).collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut findings: Vec<Finding> = Vec::new();
    for seg in &cx.regions.segments {
        for word in acronym_candidates(cx.text, seg.range.clone()) {
            if !is_acronym_like(word.text) || mention_at(cx.mentions, word.start).is_some() {
                continue;
            }
            let acr = acronym_stem(word.text);
            if allow.contains(word.text)
                || allow.contains(acr)
                || is_roman_numeral(acr)
                || is_ordinary(word.text)
                || definitions.offset(acr).is_some()
                || cx.labels.contains(acr)
            {
                continue;
            }
            let range = word.start..word.end();
            match first.get(acr) {
                Some(&i) => findings[i].repeats.push(range),
                None => {
                    first.insert(acr, findings.len());
                    findings.push(finding(
                        Rule::UndefinedAcronym,
                        range,
                        acr,
                        format!(
                            "{acr} is never defined: spell it out at first use, as in \"Long Form ({acr})\", \
                             or add it to the glossary"
                        ),
                    ));
                }
            }
        }
    }
    findings
}
