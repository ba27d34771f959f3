//! Acronyms a document defines itself: `Long Form (ACR)`, `ACR (Long Form)`,
//! `ACR stands for Long Form` and `*[ACR]: Long Form`, in prose only.

use std::collections::HashMap;
use std::sync::LazyLock;

use memchr::memmem;

use super::words::{acronym_stem, is_acronym_like, words, Word};
use crate::document::{Join, Regions, Segment};

/// The acronyms defined in a document, with the offset of each first definition.
#[derive(Debug, Default, Clone)]
pub struct Definitions {
    defined: HashMap<String, usize>,
}

impl Definitions {
    /// Finds the definitions in the prose of `text`.
    pub fn find(text: &str, regions: &Regions) -> Definitions {
        let mut defs = Definitions::default();
        for block in prose_blocks(text, regions) {
            defs.scan_block(&block);
        }
        defs
    }

    /// Where `acronym` is first defined, if it is.
    pub fn offset(&self, acronym: &str) -> Option<usize> {
        self.defined.get(acronym).copied()
    }

    fn add(&mut self, acronym: &str, at: usize) {
        let e = self.defined.entry(acronym.to_string()).or_insert(at);
        *e = (*e).min(at);
    }

    fn scan_block(&mut self, block: &ProseBlock) {
        let prose = block.text.as_str();
        // `*[ACR]: Long Form`
        for line in prose.split('\n') {
            let line_at = line.as_ptr() as usize - prose.as_ptr() as usize;
            if let Some(rest) = line.trim_start().strip_prefix("*[") {
                if let Some((acr, long)) = rest.split_once("]:") {
                    let acr_at = line_at + (line.len() - rest.len());
                    if long_form_fits(acr, long) {
                        self.add(acr, block.original(acr_at));
                    }
                }
            }
        }
        for w in candidates(prose) {
            if !is_acronym_like(w.text) {
                continue;
            }
            let acr = acronym_stem(w.text);
            let before = &prose[..w.start];
            let after = &prose[w.end()..];
            // `Long Form (ACR)`
            if before.ends_with('(') && after.starts_with(')') {
                let long = &before[..before.len() - 1];
                let tail: Vec<&str> = long
                    .split_whitespace()
                    .rev()
                    .take(acr.chars().count() * 2 + 2)
                    .collect();
                let fits = (1..=tail.len()).any(|n| {
                    let candidate: Vec<&str> = tail[..n].iter().rev().copied().collect();
                    long_form_fits(acr, &candidate.join(" "))
                });
                if fits {
                    self.add(acr, block.original(w.start));
                    continue;
                }
            }
            // `ACR (Long Form)`
            if let Some((long, _)) = after
                .trim_start()
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
            {
                if long_form_fits(acr, long) {
                    self.add(acr, block.original(w.start));
                    continue;
                }
            }
            // `ACR stands for Long Form`
            if let Some(long) = after.trim_start().strip_prefix("stands for ") {
                let long = long
                    .split(['.', ',', ';', ':', '\n', '('])
                    .next()
                    .unwrap_or("");
                if long_form_fits(acr, long) {
                    self.add(acr, block.original(w.start));
                }
            }
        }
    }
}

/// The only words that can be defined: those right after or before a `(`,
/// and those before `stands for`. Looking at these alone keeps the pass
/// from testing every word of a long document.
fn candidates(prose: &str) -> Vec<Word<'_>> {
    let word_ending_at = |end: usize| {
        let start = prose[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                c.is_alphanumeric() || *c == '_' || crate::matcher::is_word_char(*c)
            })
            .last()
            .map_or(end, |(i, _)| i);
        words(prose, start..end).next().filter(|w| w.end() == end)
    };
    let mut found: Vec<Word> = Vec::new();
    for (i, _) in prose.match_indices('(') {
        found.extend(
            words(prose, i + 1..prose.len())
                .next()
                .filter(|w| w.start == i + 1),
        );
        found.extend(word_ending_at(prose[..i].trim_end().len()));
    }
    for (i, _) in prose.match_indices("stands for ") {
        found.extend(word_ending_at(prose[..i].trim_end().len()));
    }
    found.sort_by_key(|w| w.start);
    found.dedup_by_key(|w| w.start);
    found
}

/// Whether `long` spells out `acronym`: its first word starts with the
/// acronym's first letter and all the acronym's letters occur in it in order,
/// ignoring case.
pub fn long_form_fits(acronym: &str, long: &str) -> bool {
    let long = long.trim();
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let Some(first) = letters.first() else {
        return false;
    };
    let long_lower: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    if long_lower.first() != Some(first)
        || long.split_whitespace().count() < 1
        || long.eq_ignore_ascii_case(acronym)
    {
        return false;
    }
    let mut it = long_lower.iter();
    letters.iter().all(|l| it.any(|c| c == l))
}

/// Prose joined across soft breaks and emphasis, with a map back to offsets.
struct ProseBlock {
    text: String,
    /// `(offset in text, offset in the document)` at the start of each piece.
    pieces: Vec<(usize, usize)>,
}

impl ProseBlock {
    fn original(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at) - 1;
        let (local, orig) = self.pieces[i];
        orig + (at - local)
    }
}

/// The prose blocks that can hold a definition: those with a `(`, a `*[`
/// or `stands for` (most paragraphs have none and are not copied).
fn prose_blocks(text: &str, regions: &Regions) -> Vec<ProseBlock> {
    static STANDS_FOR: LazyLock<memmem::Finder> =
        LazyLock::new(|| memmem::Finder::new("stands for"));
    let may_define = |span: &[u8]| {
        memchr::memchr2(b'(', b'[', span).is_some() || STANDS_FOR.find(span).is_some()
    };
    regions
        .joined_runs()
        .into_iter()
        .map(|run| &regions.segments[run])
        .filter(|segments| {
            let span = segments[0].range.start..segments[segments.len() - 1].range.end;
            may_define(&text.as_bytes()[span])
        })
        .map(|segments| prose_block(text, segments))
        .collect()
}

/// The prose of one block of joined segments.
fn prose_block(text: &str, segments: &[Segment]) -> ProseBlock {
    let mut block = ProseBlock {
        text: String::new(),
        pieces: Vec::with_capacity(segments.len()),
    };
    for (k, seg) in segments.iter().enumerate() {
        if k > 0 && seg.join == Join::Space {
            block.text.push(' ');
        }
        block.pieces.push((block.text.len(), seg.range.start));
        block.text.push_str(&text[seg.range.clone()]);
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Language;

    #[test]
    fn long_forms() {
        for (acr, long, want) in [
            ("EL", "execution layer", true),
            ("PBS", "Proposer-Builder Separation", true),
            ("ETH", "Ether", true),
            ("ETH", "a taxable event", false),
            ("FATCA", "Foreign Account Tax Compliance Act", true),
            ("CRS", "Reporting Standard", false),
        ] {
            assert_eq!(long_form_fits(acr, long), want, "{acr} {long}");
        }
    }

    #[test]
    fn finds_each_way_of_defining() {
        let text = "The execution layer (EL) and Proposer-Builder\nSeparation (PBS). ETH (a taxable event). \
                    CRS stands for Common Reporting Standard. FATCA (Foreign Account Tax Compliance Act).\n\n\
                    *[KYC]: Know Your Customer\n\n`Zero Knowledge (ZK)`";
        let d = Definitions::find(text, &Regions::of(text, Language::Markdown { mdx: false }));
        for acr in ["EL", "PBS", "CRS", "FATCA", "KYC"] {
            let at = d.offset(acr).unwrap_or_else(|| panic!("{acr} not found"));
            assert_eq!(&text[at..at + acr.len()], acr);
        }
        assert_eq!(d.offset("ETH"), None);
        assert_eq!(d.offset("ZK"), None);
    }
}
