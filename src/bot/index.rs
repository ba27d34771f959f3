//! What the bot knows about a glossary, built once: every label by its key
//! and its stemmed key, the subject areas, and a BM25 index over labels,
//! summaries and definitions for questions that name no label.

use std::collections::HashMap;

use crate::glossary::{Glossary, Status, Term};

use super::text::{self, is_stop_word};

/// One label of one entry.
#[derive(Debug, Clone)]
pub struct LabelEntry {
    /// Index of the entry in [`Glossary::terms`].
    pub term: usize,
    /// The label as written.
    pub text: String,
    /// [`text::key`] of the label.
    pub key: String,
    /// The stemmed words of the label (see [`text::stem_word`]), one per
    /// word of `key`.
    pub stems: Vec<String>,
    /// The number of characters of the key.
    pub chars: usize,
    /// The number of words of the label that are not stop words.
    pub content: usize,
}

/// A subject area and its entries.
#[derive(Debug, Clone)]
pub struct Area {
    /// The area as the glossary writes it, e.g. `Tax`.
    pub name: String,
    /// Its stemmed key.
    pub stem_key: String,
    /// Its entries, by name.
    pub terms: Vec<usize>,
}

/// Field weights of the ranked retrieval: a word in a label counts more
/// than one in the summary, which counts more than one in the definition.
const LABEL_WEIGHT: f32 = 4.0;
const SUMMARY_WEIGHT: f32 = 2.0;
const DEFINITION_WEIGHT: f32 = 1.0;
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The bot's view of a glossary.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every label.
    pub labels: Vec<LabelEntry>,
    /// Label keys → indexes into `labels`, preferred entries first.
    exact: HashMap<String, Vec<usize>>,
    /// Stemmed label keys → indexes into `labels`.
    stemmed: HashMap<String, Vec<usize>>,
    /// Per entry, its labels (indexes into `labels`), the name first.
    term_labels: Vec<Vec<usize>>,
    /// The first stemmed word of each label → indexes into `labels`.
    by_first_stem: HashMap<String, Vec<usize>>,
    /// The areas, sorted by name.
    pub areas: Vec<Area>,
    vocabulary: HashMap<String, usize>,
    /// Known words by their first character, for typo correction.
    by_first: HashMap<char, Vec<usize>>,
    words: Vec<String>,
    /// Per word: (entry, weighted frequency).
    postings: Vec<Vec<(u32, f32)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
}

/// A scored entry from ranked retrieval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the entry.
    pub term: usize,
    /// Its BM25 score.
    pub score: f32,
    /// The share of the query's weight (IDF) that the entry contains, 0–1.
    pub coverage: f32,
}

impl Index {
    /// Builds the index of `glossary`.
    pub fn new(glossary: &Glossary) -> Index {
        let mut index = Index {
            term_labels: vec![Vec::new(); glossary.len()],
            ..Index::default()
        };
        for (i, term) in glossary.terms().iter().enumerate() {
            for label in term.labels() {
                let key = text::key(label);
                if key.is_empty() {
                    continue;
                }
                let stems: Vec<String> = text::raw_words(label)
                    .into_iter()
                    .map(|w| text::stem_word(w, false))
                    .collect();
                let id = index.labels.len();
                index.exact.entry(key.clone()).or_default().push(id);
                index.stemmed.entry(stems.join(" ")).or_default().push(id);
                if let Some(first) = stems.first() {
                    index
                        .by_first_stem
                        .entry(first.clone())
                        .or_default()
                        .push(id);
                }
                index.term_labels[i].push(id);
                index.labels.push(LabelEntry {
                    term: i,
                    text: label.to_string(),
                    chars: key.chars().count(),
                    content: key.split(' ').filter(|w| !is_stop_word(w)).count(),
                    key,
                    stems,
                });
            }
        }
        let terms = glossary.terms();
        let labels = &index.labels;
        let preferred_first = |ids: &mut Vec<usize>| {
            ids.sort_by_key(|&l| (terms[labels[l].term].status == Status::Deprecated, l));
        };
        index.exact.values_mut().for_each(preferred_first);
        index.stemmed.values_mut().for_each(preferred_first);
        index.areas = areas(glossary);
        index.build_retrieval(terms);
        index
    }

    fn build_retrieval(&mut self, terms: &[Term]) {
        let mut total = 0.0;
        for (doc, term) in terms.iter().enumerate() {
            let mut freq: HashMap<usize, f32> = HashMap::new();
            let mut len = 0.0;
            let labels = term.labels().collect::<Vec<_>>().join(" ");
            let summary = term.summary.as_deref().unwrap_or("");
            let area = term.area.as_deref().unwrap_or("");
            for (field, weight) in [
                (labels.as_str(), LABEL_WEIGHT),
                (summary, SUMMARY_WEIGHT),
                (term.definition.as_str(), DEFINITION_WEIGHT),
                (area, DEFINITION_WEIGHT),
            ] {
                for word in text::raw_words(field) {
                    if is_stop_word(&word.to_lowercase()) {
                        continue;
                    }
                    let next = self.vocabulary.len();
                    let stemmed = text::stem_word(word, false);
                    let id = *self.vocabulary.entry(stemmed).or_insert(next);
                    *freq.entry(id).or_default() += weight;
                    len += weight;
                }
            }
            self.postings.resize(self.vocabulary.len(), Vec::new());
            let mut freq: Vec<(usize, f32)> = freq.into_iter().collect();
            freq.sort_by_key(|&(id, _)| id);
            for (id, f) in freq {
                self.postings[id].push((doc as u32, f));
            }
            self.doc_len.push(len);
            total += len;
        }
        self.words = vec![String::new(); self.vocabulary.len()];
        for (word, &id) in &self.vocabulary {
            self.words[id] = word.clone();
            if let Some(first) = word.chars().next() {
                self.by_first.entry(first).or_default().push(id);
            }
        }
        self.avg_len = if terms.is_empty() {
            1.0
        } else {
            (total / terms.len() as f32).max(1.0)
        };
    }

    /// Labels whose key is exactly `key`, preferred entries first.
    pub fn exact(&self, key: &str) -> &[usize] {
        self.exact.get(key).map_or(&[], Vec::as_slice)
    }

    /// Labels whose stemmed key is `stem_key`, preferred entries first.
    pub fn stemmed(&self, stem_key: &str) -> &[usize] {
        self.stemmed.get(stem_key).map_or(&[], Vec::as_slice)
    }

    /// The labels of entry `term`, its name first (when the name has words).
    pub fn labels_of(&self, term: usize) -> &[usize] {
        self.term_labels.get(term).map_or(&[], Vec::as_slice)
    }

    /// Labels whose first stemmed word is `stem`.
    pub fn starting_with(&self, stem: &str) -> &[usize] {
        self.by_first_stem.get(stem).map_or(&[], Vec::as_slice)
    }

    /// The area named by `subject` (any case, singular or plural, one typo).
    pub fn area(&self, subject: &str) -> Option<&Area> {
        let wanted = text::stem_key(subject);
        if wanted.is_empty() {
            return None;
        }
        self.areas
            .iter()
            .find(|a| a.stem_key == wanted)
            .or_else(|| {
                let budget = text::typo_budget(wanted.chars().count()).min(1);
                self.areas
                    .iter()
                    .find(|a| text::distance_within(&a.stem_key, &wanted, budget).is_some())
            })
            .or_else(|| {
                // "regulatory" for Regulation, "accountancy" for Accounting.
                self.areas.iter().find(|a| {
                    let common = a
                        .stem_key
                        .chars()
                        .zip(wanted.chars())
                        .take_while(|(x, y)| x == y)
                        .count();
                    common >= 7 || (common >= 5 && common == a.stem_key.chars().count())
                })
            })
    }

    /// Whether a stemmed word occurs anywhere in the glossary.
    pub fn knows_word(&self, stemmed: &str) -> bool {
        self.vocabulary.contains_key(stemmed)
    }

    /// The closest known word within the typo budget, the most common one on a tie.
    pub fn correct_word(&self, stemmed: &str) -> Option<&str> {
        let chars = stemmed.chars().count();
        // Short words are left alone: "mint" is not a typo of "mind".
        if chars < 5 {
            return None;
        }
        let budget = text::typo_budget(chars);
        let first = stemmed.chars().next()?;
        let mut best: Option<(usize, usize, &str)> = None;
        for &id in self.by_first.get(&first).map_or(&[][..], Vec::as_slice) {
            let word = self.words[id].as_str();
            if word.len().abs_diff(stemmed.len()) > budget * 4 {
                continue;
            }
            if let Some(d) = text::distance_within(word, stemmed, budget) {
                let df = self.postings[id].len();
                let better = match best {
                    None => true,
                    Some((bd, bdf, bw)) => {
                        (d, std::cmp::Reverse(df), word) < (bd, std::cmp::Reverse(bdf), bw)
                    }
                };
                if better {
                    best = Some((d, df, word));
                }
            }
        }
        best.map(|(_, _, w)| w)
    }

    /// The entries best matching the stemmed content words `query`, best first.
    pub fn search(&self, query: &[String], limit: usize) -> Vec<Hit> {
        let n = self.doc_len.len();
        if n == 0 || query.is_empty() {
            return Vec::new();
        }
        let idf_of = |df: usize| ((n as f32 - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln();
        let mut scores = vec![0.0f32; n];
        let mut covered = vec![0.0f32; n];
        let mut total_idf = 0.0;
        for word in query {
            let Some(&id) = self.vocabulary.get(word) else {
                // A word the glossary never uses weighs as much as the rarest one.
                total_idf += idf_of(0);
                continue;
            };
            let postings = &self.postings[id];
            let idf = idf_of(postings.len());
            total_idf += idf;
            for &(doc, f) in postings {
                let doc = doc as usize;
                let norm = K1 * (1.0 - B + B * self.doc_len[doc] / self.avg_len);
                scores[doc] += idf * f * (K1 + 1.0) / (f + norm);
                covered[doc] += idf;
            }
        }
        let mut hits: Vec<Hit> = scores
            .iter()
            .enumerate()
            .filter(|(_, &s)| s > 0.0)
            .map(|(term, &score)| Hit {
                term,
                score,
                coverage: if total_idf > 0.0 {
                    covered[term] / total_idf
                } else {
                    0.0
                },
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.term.cmp(&b.term)));
        hits.truncate(limit);
        hits
    }
}

fn areas(glossary: &Glossary) -> Vec<Area> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, term) in glossary.terms().iter().enumerate() {
        if let Some(area) = term.area.as_deref().filter(|a| !a.trim().is_empty()) {
            by_name.entry(area).or_default().push(i);
        }
    }
    let mut areas: Vec<Area> = by_name
        .into_iter()
        .map(|(name, mut terms)| {
            let all = glossary.terms();
            terms.sort_by_key(|&t| all[t].name.to_lowercase());
            Area {
                name: name.to_string(),
                stem_key: text::stem_key(name),
                terms,
            }
        })
        .collect();
    areas.sort_by(|a, b| a.name.cmp(&b.name));
    areas
}
