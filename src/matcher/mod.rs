//! Finding mentions of glossary labels in text (SPEC §4).
//!
//! Text is folded once ([`Normalized`]), one Aho-Corasick automaton over the
//! folded labels finds candidates, and the rules the automaton cannot know
//! (word boundaries, case-sensitive acronyms, plural and possessive endings,
//! leftmost-longest among the survivors) are checked on the folded buffer.

mod normalize;
mod rescan;

pub use normalize::{is_word_char, Normalized, BARRIER};
pub use rescan::EarlierScan;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use crate::document::Regions;
use crate::glossary::Glossary;

/// A mention of a glossary label in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character in the original text.
    pub start: usize,
    /// Byte offset just past the last character (plural/possessive suffix included).
    pub end: usize,
    /// Index of the entry in [`Glossary::terms`].
    pub term: usize,
    /// Index of the matched label in [`Matcher::labels`].
    pub label: usize,
}

/// A label the matcher looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Index of the entry in [`Glossary::terms`].
    pub term: usize,
    /// The label as written in the glossary.
    pub text: String,
}

/// One folded string in the automaton and the labels that fold to it.
#[derive(Debug, Clone)]
struct Pattern {
    alternatives: Vec<Alternative>,
    /// The pattern is the stem of a `y` → `ies` plural and needs `es` after it.
    needs_es: bool,
    /// The plural adds `es` (the folded label ends in s, x, z, ch or sh).
    plural_es: bool,
}

#[derive(Debug, Clone)]
struct Alternative {
    label: u32,
    /// For case-sensitive labels: the label folded without changing case.
    cased: Option<Box<str>>,
}

/// The automaton over every label of a glossary.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    labels: Vec<Label>,
}

impl Matcher {
    /// Builds the matcher for every label of every entry of `glossary`.
    pub fn new(glossary: &Glossary) -> Matcher {
        Matcher::from_labels(glossary.terms().iter().enumerate().flat_map(|(i, t)| {
            t.labels()
                .map(move |l| (i, l.to_string(), t.label_is_case_sensitive(l)))
        }))
    }

    /// Builds a matcher from `(term index, label, case_sensitive)` triples.
    pub fn from_labels(labels: impl IntoIterator<Item = (usize, String, bool)>) -> Matcher {
        let mut folded: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_key: HashMap<(String, bool), usize> = HashMap::new();
        let mut all_labels = Vec::new();
        let mut add = |key: String, needs_es: bool, plural_es: bool, alt: Alternative| {
            let next = patterns.len();
            let i = *by_key.entry((key.clone(), needs_es)).or_insert(next);
            if i == next {
                folded.push(key);
                patterns.push(Pattern {
                    alternatives: Vec::new(),
                    needs_es,
                    plural_es,
                });
            }
            patterns[i].alternatives.push(alt);
        };
        for (term, text, case_sensitive) in labels {
            let key = Normalized::label(&text, false);
            if key.is_empty() {
                continue;
            }
            let label = all_labels.len() as u32;
            let cased = case_sensitive.then(|| Normalized::label(&text, true).into_boxed_str());
            // Acronyms such as `PoS` take only `s`: `poses` is not their plural.
            let acronym = crate::lint::words::is_acronym_like(&text);
            let plural_es =
                !acronym && ["s", "x", "z", "ch", "sh"].iter().any(|e| key.ends_with(e));
            let mut chars = key.chars().rev();
            if let (Some('y'), Some(c)) = (chars.next(), chars.next()) {
                if c.is_alphabetic() && !"aeiou".contains(c) && !acronym {
                    let stem = format!("{}i", &key[..key.len() - 1]);
                    let cased_stem = cased
                        .as_ref()
                        .map(|c| format!("{}i", &c[..c.len() - 1]).into_boxed_str());
                    add(
                        stem,
                        true,
                        false,
                        Alternative {
                            label,
                            cased: cased_stem,
                        },
                    );
                }
            }
            add(key, false, plural_es, Alternative { label, cased });
            all_labels.push(Label { term, text });
        }
        let automaton = (!folded.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                .build(&folded)
                .expect("folded labels are short, non-empty strings the automaton accepts")
        });
        Matcher {
            automaton,
            patterns,
            labels: all_labels,
        }
    }

    /// Every label, indexed by [`Mention::label`].
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The glossary label a mention matched.
    pub fn label_of(&self, mention: &Mention) -> &str {
        &self.labels[mention.label].text
    }

    /// Every mention in the prose regions of `text`, sorted, not overlapping.
    pub fn find_all(&self, text: &str, regions: &Regions) -> Vec<Mention> {
        let folded = Normalized::new(text, &regions.segments);
        self.find_in(text, &folded)
    }

    /// Every mention in already folded text.
    ///
    /// The automaton finds the leftmost-longest folded label; when the rules
    /// reject it (it ends inside a word, or the case of an acronym differs),
    /// shorter labels at the same start are tried before moving on.
    pub fn find_in(&self, text: &str, folded: &Normalized) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let hay = folded.text.as_str();
        let mut mentions = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = automaton.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let mut found = self.accept(
                hay,
                m.start(),
                m.end(),
                m.pattern().as_usize(),
                text,
                folded,
            );
            let mut limit = m.end();
            while found.is_none() && limit > m.start() + 1 {
                let input = Input::new(hay)
                    .span(m.start()..limit - 1)
                    .anchored(Anchored::Yes);
                let Some(shorter) = automaton.find(input) else {
                    break;
                };
                found = self.accept(
                    hay,
                    shorter.start(),
                    shorter.end(),
                    shorter.pattern().as_usize(),
                    text,
                    folded,
                );
                limit = shorter.end();
            }
            match found {
                Some((end, label)) => {
                    mentions.push(Mention {
                        start: folded.original(m.start()),
                        end: original_end(text, folded, hay, end),
                        term: self.labels[label].term,
                        label,
                    });
                    pos = end;
                }
                None => pos = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8),
            }
        }
        mentions
    }

    /// The folded end and label of an acceptable mention for a raw match, if any.
    fn accept(
        &self,
        hay: &str,
        start: usize,
        end: usize,
        pattern: usize,
        text: &str,
        folded: &Normalized,
    ) -> Option<(usize, usize)> {
        let pattern = &self.patterns[pattern];
        let first = hay[start..].chars().next()?;
        if is_word_char(first) && hay[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let rest = &hay[end..];
        let last = hay[..end].chars().next_back()?;
        let ends_ok = |suffix_len: usize| {
            let tail_last = if suffix_len == 0 { last } else { 's' };
            !is_word_char(tail_last) || !rest[suffix_len..].chars().next().is_some_and(is_word_char)
        };
        let base_end = end;
        let end = if pattern.needs_es {
            (rest.starts_with("es") && ends_ok(2)).then_some(end + 2)?
        } else {
            let suffixes: &[&str] = if pattern.plural_es {
                &["'s", "es", ""]
            } else {
                &["'s", "s", ""]
            };
            let suffix = suffixes.iter().find(|s| {
                rest.starts_with(**s) && (s.is_empty() || is_word_char(last)) && ends_ok(s.len())
            })?;
            end + suffix.len()
        };
        let orig_start = folded.original(start);
        let alternative = pattern.alternatives.iter().find(|alt| match &alt.cased {
            None => true,
            Some(cased) => {
                let orig_end = original_end(text, folded, hay, base_end);
                cased_equal(&text[orig_start..orig_end.max(orig_start)], cased)
            }
        })?;
        Some((end, alternative.label as usize))
    }
}

/// The original offset just past the folded character that ends at `norm_end`.
fn original_end(text: &str, folded: &Normalized, hay: &str, norm_end: usize) -> usize {
    let Some(last) = hay[..norm_end].chars().next_back() else {
        return folded.original(norm_end);
    };
    let orig = folded.original(norm_end - last.len_utf8());
    orig + text[orig..].chars().next().map_or(0, char::len_utf8)
}

/// Whether original text folds, keeping case, to exactly `cased`.
fn cased_equal(original: &str, cased: &str) -> bool {
    let mut want = cased.chars();
    let mut in_space = false;
    for c in original.chars() {
        match normalize::fold_char(c) {
            None => in_space = true,
            Some(k) => {
                if std::mem::take(&mut in_space) && want.next() != Some(' ') {
                    return false;
                }
                if want.next() != Some(k) {
                    return false;
                }
            }
        }
    }
    want.next().is_none()
}

/// The mention that covers `offset` (a mention's end offset is after it).
pub fn mention_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let i = mentions.partition_point(|m| m.end <= offset);
    mentions.get(i).filter(|m| m.start <= offset)
}

#[cfg(test)]
mod tests;
