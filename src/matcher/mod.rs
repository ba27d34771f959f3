//! Finding mentions of glossary labels in text (SPEC §4).
//!
//! Text is folded once ([`Normalized`]), one Aho-Corasick automaton over the
//! folded labels finds candidates, and the rules the automaton cannot know
//! (word boundaries, case-sensitive acronyms, plural and possessive endings,
//! leftmost-longest among the survivors) are checked on the folded buffer.

mod normalize;

pub use normalize::{is_word_char, Normalized, BARRIER};

use aho_corasick::{AhoCorasick, MatchKind};

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

#[derive(Debug, Clone)]
struct Pattern {
    label: u32,
    /// For case-sensitive labels: the label folded without changing case.
    cased: Option<Box<str>>,
    /// The pattern is the stem of a `y` → `ies` plural and needs `es` after it.
    needs_es: bool,
    /// The folded label ends in s, x, z, ch or sh, so its plural adds `es`.
    plural_es: bool,
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
        let mut folded = Vec::new();
        let mut patterns = Vec::new();
        let mut all_labels = Vec::new();
        for (term, text, case_sensitive) in labels {
            let key = Normalized::label(&text, false);
            if key.is_empty() {
                continue;
            }
            let label = all_labels.len() as u32;
            let cased = case_sensitive.then(|| Normalized::label(&text, true).into_boxed_str());
            let plural_es = ["s", "x", "z", "ch", "sh"].iter().any(|e| key.ends_with(e));
            let mut chars = key.chars().rev();
            let ies_stem = match (chars.next(), chars.next()) {
                (Some('y'), Some(c)) if c.is_alphabetic() && !"aeiou".contains(c) => {
                    Some(format!("{}i", &key[..key.len() - 1]))
                }
                _ => None,
            };
            if let Some(stem) = ies_stem {
                folded.push(stem);
                patterns.push(Pattern {
                    label,
                    cased: cased.as_ref().map(|c| {
                        let stem = &c[..c.len() - 1];
                        format!("{stem}i").into_boxed_str()
                    }),
                    needs_es: true,
                    plural_es: false,
                });
            }
            folded.push(key);
            patterns.push(Pattern {
                label,
                cased,
                needs_es: false,
                plural_es,
            });
            all_labels.push(Label { term, text });
        }
        let automaton = (!folded.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
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
    pub fn find_in(&self, text: &str, folded: &Normalized) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let hay = folded.text.as_str();
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for m in automaton.find_overlapping_iter(hay) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            if let Some(end) = self.accept(hay, m.start(), m.end(), pattern, text, folded) {
                candidates.push((m.start(), end, pattern.label as usize));
            }
        }
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut mentions = Vec::with_capacity(candidates.len());
        let mut covered = 0;
        for (start, end, label) in candidates {
            if start < covered {
                continue;
            }
            covered = end;
            mentions.push(Mention {
                start: folded.original(start),
                end: original_end(text, folded, hay, end),
                term: self.labels[label].term,
                label,
            });
        }
        mentions
    }

    /// The folded end of an acceptable mention for a raw match, if any.
    fn accept(
        &self,
        hay: &str,
        start: usize,
        end: usize,
        pattern: &Pattern,
        text: &str,
        folded: &Normalized,
    ) -> Option<usize> {
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
        if let Some(cased) = &pattern.cased {
            let orig_start = folded.original(start);
            let orig_end = original_end(text, folded, hay, base_end);
            if !cased_equal(&text[orig_start..orig_end.max(orig_start)], cased) {
                return None;
            }
        }
        Some(end)
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
