//! From a subject to an entry: the exact label, then inflections, then a
//! label with typos, then labels contained in longer wording, then ranked
//! retrieval. Anything short of a confident match becomes "I don't know"
//! with the closest entries as suggestions.

use crate::glossary::{Glossary, Status};
use crate::lint::words::is_acronym_like;

use super::index::{Index, LabelEntry};
use super::text::{self, is_stop_word, typo_budget};

/// How an entry was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The subject is one of the entry's labels.
    Exact,
    /// A label after plurals and other endings are set aside.
    Inflection,
    /// A label with a typo or two.
    Typo,
    /// The subject contains the label among other words.
    Contained,
    /// A label without its last, generic word ("call" for Call Option).
    Partial,
    /// Ranked retrieval over labels, summaries and definitions.
    Retrieval,
}

/// A subject resolved to an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The entry.
    pub term: usize,
    /// How it was found.
    pub how: How,
    /// The label that matched, for exact, inflected, typo and contained matches.
    pub label: Option<usize>,
    /// Other entries the subject also names (a label shared by several
    /// entries, or more labels in a longer question).
    pub also: Vec<usize>,
}

/// The outcome of resolving a subject.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// An entry fits.
    Found(Found),
    /// None fits well; the closest entries, best first.
    Unknown(Vec<usize>),
}

/// How many suggestions an unknown subject gets.
const SUGGESTIONS: usize = 5;

/// Trailing words that qualify a subject without naming anything:
/// "delta in options", "gas fee on ethereum".
const QUALIFIERS: &[&str] = &[
    "in crypto",
    "in cryptocurrency",
    "in finance",
    "in trading",
    "in defi",
    "in accounting",
    "in tax",
    "in taxation",
    "in regulation",
    "in options",
    "in options trading",
    "in derivatives",
    "in the glossary",
    "in this glossary",
    "used for",
    "for beginners",
    "for a beginner",
    "for dummies",
];

/// Resolves `subject` against the glossary.
pub fn resolve(glossary: &Glossary, index: &Index, subject: &str) -> Resolution {
    let subject = subject.trim();
    if let Some(found) = resolve_labels(glossary, index, subject) {
        return Resolution::Found(found);
    }
    let key = text::key(subject);
    for q in QUALIFIERS {
        if let Some(shorter) = key.strip_suffix(q).map(str::trim_end) {
            if !shorter.is_empty() {
                if let Some(found) = resolve_labels(glossary, index, shorter) {
                    return Resolution::Found(found);
                }
            }
        }
    }
    if let Some((shorter, area)) = key.rsplit_once(" in ") {
        if index.area(area).is_some() {
            if let Some(found) = resolve_labels(glossary, index, shorter) {
                return Resolution::Found(found);
            }
        }
    }
    resolve_text(glossary, index, subject)
}

/// Exact, inflected and typo matches of the whole subject.
fn resolve_labels(glossary: &Glossary, index: &Index, subject: &str) -> Option<Found> {
    let key = text::key(subject);
    if key.is_empty() {
        return None;
    }
    let without_article = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| key.strip_prefix(a))
        .unwrap_or(&key);
    for k in [key.as_str(), without_article] {
        if let Some(found) = found(index, index.exact(k), How::Exact) {
            return Some(found);
        }
    }
    let stemmed = text::stem_key(subject);
    let stemmed_without_article = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| stemmed.strip_prefix(a))
        .unwrap_or(&stemmed);
    for k in [stemmed.as_str(), stemmed_without_article] {
        if let Some(found) = found(index, index.stemmed(k), How::Inflection) {
            return Some(found);
        }
    }
    // An unknown abbreviation is never read as a typo of a known one
    // ("OFAS" is not "OFAC"); it only gets suggestions.
    let abbreviation = !subject.contains(' ') && is_acronym_like(subject);
    if abbreviation {
        return None;
    }
    typo(glossary, index, without_article)
}

/// The first (preferred) entry of matching labels, with the other entries.
fn found(index: &Index, labels: &[usize], how: How) -> Option<Found> {
    let first = *labels.first()?;
    let term = index.labels[first].term;
    let mut also: Vec<usize> = Vec::new();
    for &l in &labels[1..] {
        let t = index.labels[l].term;
        if t != term && !also.contains(&t) {
            also.push(t);
        }
    }
    Some(Found {
        term,
        how,
        label: Some(first),
        also,
    })
}

/// The label closest to `key` within the typo budget of its length.
fn typo(glossary: &Glossary, index: &Index, key: &str) -> Option<Found> {
    let chars = key.chars().count();
    let budget = typo_budget(chars);
    if budget == 0 {
        return None;
    }
    let mut best: Option<(usize, bool, usize)> = None;
    for (i, label) in index.labels.iter().enumerate() {
        // People rarely mistype the first letter; "impermanent" is a word of
        // its own, not a typo of "permanent".
        if label.chars.abs_diff(chars) > budget
            || typo_budget(label.chars) == 0
            || label.key.chars().next() != key.chars().next()
        {
            continue;
        }
        if let Some(d) = text::distance_within(&label.key, key, budget) {
            let deprecated = glossary.terms()[label.term].status == Status::Deprecated;
            if best.is_none_or(|(bd, bdep, bi)| (d, deprecated, i) < (bd, bdep, bi)) {
                best = Some((d, deprecated, i));
            }
        }
    }
    best.map(|(_, _, l)| Found {
        term: index.labels[l].term,
        how: How::Typo,
        label: Some(l),
        also: Vec::new(),
    })
}

/// A word of the subject: as written, and stemmed (and corrected when the
/// glossary does not know it but knows a word one typo away).
struct Word<'a> {
    original: &'a str,
    stem: String,
    stop: bool,
}

fn subject_words<'a>(index: &Index, subject: &'a str) -> Vec<Word<'a>> {
    let shouting = text::is_shouting(subject);
    text::raw_words(subject)
        .into_iter()
        .map(|original| {
            let stop = is_stop_word(&original.to_lowercase());
            let mut stem = text::stem_word(original, shouting);
            if !stop && !index.knows_word(&stem) {
                if let Some(fixed) = index.correct_word(&stem) {
                    stem = fixed.to_string();
                }
            }
            Word {
                original,
                stem,
                stop,
            }
        })
        .collect()
}

/// Labels contained in a longer subject, then ranked retrieval.
fn resolve_text(glossary: &Glossary, index: &Index, subject: &str) -> Resolution {
    let words = subject_words(index, subject);
    let mut query: Vec<String> = Vec::new();
    for w in words.iter().filter(|w| !w.stop) {
        if !query.contains(&w.stem) {
            query.push(w.stem.clone());
        }
    }
    if query.is_empty() {
        return Resolution::Unknown(Vec::new());
    }
    let contained = contained_labels(glossary, index, &words);
    if let Some(&(best, _, _)) = contained.first() {
        // The entry's labels must carry at least half of what the subject
        // says ("the EU's MiCA regulation": MiCA, and Regulation in its name).
        let term_words = term_stems(index, index.labels[best].term);
        let covered = query
            .iter()
            .filter(|q| term_words.contains(&q.as_str()))
            .count();
        if covered * 2 >= query.len() {
            let term = index.labels[best].term;
            let mut also = Vec::new();
            for &(l, _, _) in &contained[1..] {
                let t = index.labels[l].term;
                if t != term && !also.contains(&t) {
                    also.push(t);
                }
            }
            return Resolution::Found(Found {
                term,
                how: How::Contained,
                label: Some(best),
                also,
            });
        }
    }
    if let Some(found) = partial(index, &words) {
        return Resolution::Found(found);
    }
    let hits = index.search(&query, 4 * SUGGESTIONS);
    if let Some(top) = hits.first() {
        let clear_lead = hits
            .get(1)
            .is_none_or(|second| top.score >= second.score * 1.2);
        if query.len() >= 2 && top.coverage >= 0.8 && clear_lead {
            return Resolution::Found(Found {
                term: top.term,
                how: How::Retrieval,
                label: None,
                also: Vec::new(),
            });
        }
    }
    // Among retrieved entries, those whose name says what was asked come
    // first ("credit score": Credit Risk before Foreign Tax Credit).
    let mut ranked: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.coverage >= 0.2)
        .map(|h| h.term)
        .enumerate()
        .collect();
    ranked.sort_by_cached_key(|&(rank, term)| {
        let name = name_stems(glossary, index, term);
        let hits = name.iter().filter(|w| query.contains(w)).count();
        let leads = name.first().is_some_and(|w| query.contains(w));
        (std::cmp::Reverse(hits), !leads, name.len(), rank)
    });
    let mut suggestions: Vec<usize> = contained
        .iter()
        .map(|&(l, _, _)| index.labels[l].term)
        .chain(ranked.into_iter().map(|(_, term)| term))
        .collect();
    suggestions.extend(near_labels(index, subject));
    let mut seen = Vec::new();
    suggestions.retain(|t| {
        let new = !seen.contains(t);
        seen.push(*t);
        new
    });
    suggestions.truncate(SUGGESTIONS);
    Resolution::Unknown(suggestions)
}

/// The stemmed words of an entry's name.
fn name_stems(glossary: &Glossary, index: &Index, term: usize) -> Vec<String> {
    let name = &glossary.terms()[term].name;
    index
        .labels_of(term)
        .iter()
        .map(|&l| &index.labels[l])
        .find(|l| &l.text == name)
        .map(|l| l.stems.clone())
        .unwrap_or_default()
}

/// The stemmed words of all labels of an entry.
fn term_stems(index: &Index, term: usize) -> Vec<&str> {
    index
        .labels_of(term)
        .iter()
        .flat_map(|&l| index.labels[l].stems.iter().map(String::as_str))
        .collect()
}

/// Last words of a label that add little to its first ones: "call" means
/// the Call Option, "black scholes" the Black-Scholes Model.
const GENERIC_TAILS: &[&str] = &[
    "act",
    "agreement",
    "contract",
    "fee",
    "formula",
    "framework",
    "mechanism",
    "method",
    "model",
    "option",
    "protocol",
    "rate",
    "ratio",
    "regulation",
    "standard",
    "tax",
    "token",
];

/// A subject that is a label without its generic last word, when the
/// shortest such labels all belong to one entry.
fn partial(index: &Index, words: &[Word]) -> Option<Found> {
    let stems: Vec<&str> = words
        .iter()
        .skip_while(|w| w.stop)
        .map(|w| w.stem.as_str())
        .collect();
    if stems.is_empty() || words.iter().filter(|w| !w.stop).count() != stems.len() {
        return None;
    }
    let mut shortest = usize::MAX;
    let mut matches: Vec<usize> = Vec::new();
    for &i in index.starting_with(stems[0]) {
        let label = &index.labels[i];
        let n = label.stems.len();
        if n <= stems.len() || !label.stems.iter().zip(&stems).all(|(a, b)| a == b) {
            continue;
        }
        if n < shortest {
            shortest = n;
            matches.clear();
        }
        if n == shortest {
            matches.push(i);
        }
    }
    // Of the shortest labels, those ending in a generic word decide
    // ("futures": Futures Contract, not Futures Basis).
    let generic = |&l: &usize| {
        let label = &index.labels[l];
        label.stems.len() == stems.len() + 1
            && label.key.rsplit(' ').next().is_some_and(|last| {
                let last = text::stem(last);
                GENERIC_TAILS.iter().any(|g| text::stem(g) == last)
            })
    };
    matches.retain(generic);
    let first = *matches.first()?;
    let term = index.labels[first].term;
    matches
        .iter()
        .all(|&l| index.labels[l].term == term)
        .then(|| Found {
            term,
            how: How::Partial,
            label: Some(first),
            also: Vec::new(),
        })
}

/// Labels whose words occur one after the other in the subject, as
/// (label, content words, position), most content words first, then
/// earliest. An abbreviation counts only when written in capitals ("ART"
/// is an entry, "art" is a word).
fn contained_labels(
    glossary: &Glossary,
    index: &Index,
    words: &[Word],
) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (start, word) in words.iter().enumerate() {
        for &i in index.starting_with(&word.stem) {
            let label = &index.labels[i];
            let n = label.stems.len();
            if label.content == 0 || start + n > words.len() || out.iter().any(|o| o.0 == i) {
                continue;
            }
            let fits = words[start..start + n]
                .iter()
                .zip(&label.stems)
                .all(|(w, s)| &w.stem == s)
                && (n > 1 || case_fits(glossary, label, word.original));
            if fits {
                out.push((i, label.content, start));
            }
        }
    }
    out.sort_by_key(|&(l, size, start)| (std::cmp::Reverse(size), start, l));
    out
}

fn case_fits(glossary: &Glossary, label: &LabelEntry, written: &str) -> bool {
    let term = &glossary.terms()[label.term];
    if term.label_is_case_sensitive(&label.text) {
        is_acronym_like(written) || written.chars().all(|c| !c.is_lowercase())
    } else {
        true
    }
}

/// Labels a little further than a typo away, for suggestions only.
fn near_labels(index: &Index, subject: &str) -> Vec<usize> {
    let key = text::key(subject);
    let chars = key.chars().count();
    let budget = typo_budget(chars) + 1;
    let first = key.chars().next();
    let mut near: Vec<(usize, usize)> = index
        .labels
        .iter()
        .filter(|l| l.chars.abs_diff(chars) <= budget && l.chars > 2)
        .filter(|l| l.key.chars().next() == first)
        .filter_map(|l| text::distance_within(&l.key, &key, budget).map(|d| (d, l.term)))
        .collect();
    near.sort();
    near.into_iter().map(|(_, t)| t).collect()
}
