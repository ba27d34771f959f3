//! Scanning a text again after an edit, reusing what an earlier scan found
//! where the text did not change.
//!
//! Segments joined by spaces or touching form a group (a joined run of
//! [`Regions`]) that a mention may span; a barrier starts a new group, and
//! what is found in a group depends on its text alone. So a group whose bytes and segments are the same as
//! one of the earlier scan's (before the first changed byte, or after the
//! last one, shifted) keeps its mentions, and only the other groups are
//! folded and searched.

use std::ops::Range;

use super::{Matcher, Mention, Normalized};
use crate::document::{Regions, Segment};

/// An earlier scan of a text: the text, its regions and what was found.
#[derive(Debug, Clone, Copy)]
pub struct EarlierScan<'a> {
    /// The text that was scanned.
    pub text: &'a str,
    /// Its regions.
    pub regions: &'a Regions,
    /// The mentions found, sorted.
    pub mentions: &'a [Mention],
}

impl Matcher {
    /// Every mention in the prose regions of `text`, as [`Matcher::find_all`]
    /// finds them, searching only the groups of segments that differ from
    /// `earlier`'s (the same matcher must have found `earlier.mentions`).
    pub fn find_all_reusing(
        &self,
        text: &str,
        regions: &Regions,
        earlier: EarlierScan,
    ) -> Vec<Mention> {
        let prefix = common_prefix(text.as_bytes(), earlier.text.as_bytes());
        let max_suffix = text.len().min(earlier.text.len()) - prefix;
        let suffix = common_suffix(text.as_bytes(), earlier.text.as_bytes(), max_suffix);
        let old_groups = earlier.regions.joined_runs();
        let mut mentions = Vec::new();
        let mut rescan: Vec<Segment> = Vec::new();
        for group in regions.joined_runs() {
            let segments = &regions.segments[group];
            let span = span(segments);
            // Where the same bytes were in the earlier text.
            let old_start = if span.end <= prefix {
                Some(span.start)
            } else if span.start >= text.len() - suffix {
                Some(span.start + earlier.text.len() - text.len())
            } else {
                None
            };
            let same = old_start.and_then(|old_start| {
                let i = old_groups
                    .binary_search_by_key(&old_start, |g| {
                        earlier.regions.segments[g.start].range.start
                    })
                    .ok()?;
                let old = &earlier.regions.segments[old_groups[i].clone()];
                same_shape(segments, old, old_start, span.start).then(|| self::span(old))
            });
            match same {
                Some(old_span) => {
                    let from = earlier
                        .mentions
                        .partition_point(|m| m.start < old_span.start);
                    let to = earlier.mentions.partition_point(|m| m.start < old_span.end);
                    mentions.extend(earlier.mentions[from..to].iter().map(|m| Mention {
                        start: m.start - old_span.start + span.start,
                        end: m.end - old_span.start + span.start,
                        ..*m
                    }));
                }
                None => rescan.extend_from_slice(segments),
            }
        }
        if !rescan.is_empty() {
            let folded = Normalized::new(text, &rescan);
            mentions.extend(self.find_in(text, &folded));
            // Both parts are sorted runs: the sort merges them.
            mentions.sort_by_key(|m| m.start);
        }
        mentions
    }
}

fn span(segments: &[Segment]) -> Range<usize> {
    segments[0].range.start..segments[segments.len() - 1].range.end
}

/// Whether two groups have the same segments, one shifted from the other.
fn same_shape(new: &[Segment], old: &[Segment], old_start: usize, new_start: usize) -> bool {
    new.len() == old.len()
        && new.iter().zip(old).all(|(n, o)| {
            n.join == o.join
                && n.range.start - new_start == o.range.start - old_start
                && n.range.end - new_start == o.range.end - old_start
        })
}

/// The length of the longest common prefix, compared a block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix, at most `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    const BLOCK: usize = 256;
    let (a, b) = (&a[a.len() - max..], &b[b.len() - max..]);
    let mut n = 0;
    while n + BLOCK <= max && a[max - n - BLOCK..max - n] == b[max - n - BLOCK..max - n] {
        n += BLOCK;
    }
    n + a[..max - n]
        .iter()
        .rev()
        .zip(b[..max - n].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ends_are_measured_exactly() {
        let a = "x".repeat(1000) + "abc" + &"y".repeat(700);
        let b = "x".repeat(1000) + "aXc" + &"y".repeat(700);
        assert_eq!(common_prefix(a.as_bytes(), b.as_bytes()), 1001);
        assert_eq!(common_suffix(a.as_bytes(), b.as_bytes(), 1702), 701);
        assert_eq!(common_prefix(b"same", b"same"), 4);
        assert_eq!(common_suffix(b"same", b"same", 0), 0);
        assert_eq!(common_prefix(b"ab", b"abc"), 2);
        assert_eq!(common_suffix(b"bc", b"abc", 2), 2);
    }

    /// A mention no fresh scan would find, planted in the earlier scan,
    /// shows which paragraphs were reused and which were searched again.
    #[test]
    fn only_changed_paragraphs_are_searched_again() {
        let matcher = Matcher::from_labels([(0, "tax treaty".to_string(), false)]);
        let language = crate::document::Language::Markdown { mdx: false };
        let before = "One tax treaty.\n\nPlanted here.\n\nLast tax treaty.\n";
        let regions = Regions::of(before, language);
        let mut mentions = matcher.find_all(before, &regions);
        let planted = Mention {
            start: before.find("Planted").unwrap(),
            end: before.find(" here").unwrap(),
            term: 0,
            label: 0,
        };
        mentions.insert(1, planted);
        let earlier = EarlierScan {
            text: before,
            regions: &regions,
            mentions: &mentions,
        };
        let rescan =
            |after: &str| matcher.find_all_reusing(after, &Regions::of(after, language), earlier);

        // An edit in the first paragraph: the others keep what they had, shifted.
        let after = before.replacen("One", "The first", 1);
        let got = rescan(&after);
        let starts: Vec<usize> = got.iter().map(|m| m.start).collect();
        assert_eq!(
            starts,
            [
                after.find("tax").unwrap(),
                after.find("Planted").unwrap(),
                after.rfind("tax").unwrap()
            ]
        );
        assert_eq!(got[1].end - got[1].start, planted.end - planted.start);

        // An edit of a paragraph's first byte only.
        let before_x = "One.\n\nXtax treaty.\n";
        let regions_x = Regions::of(before_x, language);
        let earlier_x = EarlierScan {
            text: before_x,
            regions: &regions_x,
            mentions: &matcher.find_all(before_x, &regions_x),
        };
        assert!(earlier_x.mentions.is_empty());
        let after = before_x.replacen('X', "(", 1);
        let got = matcher.find_all_reusing(&after, &Regions::of(&after, language), earlier_x);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].start, after.find("tax").unwrap());

        // An edit in the planted paragraph: it is searched again.
        let after = before.replacen("here", "there", 1);
        let got = rescan(&after);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got,
            matcher.find_all(&after, &Regions::of(&after, language))
        );
    }
}
