//! Folding text for matching: case folded, whitespace runs and hyphens as
//! one space, curly apostrophes straight, skipped regions as barriers, with a
//! map from every folded byte back to the original text.

use crate::document::{Join, Segment};

/// The folded character that separates texts a mention may not span.
pub const BARRIER: char = '\n';

/// Folded text and the way back to original offsets.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    runs: Vec<Run>,
}

/// From `norm` on, folded bytes map to `orig` onwards (`linear`) or all to `orig`.
#[derive(Debug, Clone, Copy)]
struct Run {
    norm: u32,
    orig: u32,
    linear: bool,
}

/// What a character becomes before case folding: `None` for whitespace and
/// hyphens (which collapse into one space), else the character with curly
/// apostrophes made straight.
pub(crate) fn fold_char(c: char) -> Option<char> {
    match c {
        '-' | '\u{2010}' | '\u{2011}' => None,
        c if c.is_whitespace() => None,
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => Some('\''),
        c => Some(c),
    }
}

/// Whether `c` continues a word: letters, digits, `_` and combining marks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

impl Normalized {
    /// Folds the given segments of `text`.
    pub fn new(text: &str, segments: &[Segment]) -> Normalized {
        let mut out = Builder {
            text: String::with_capacity(text.len() + segments.len()),
            runs: Vec::new(),
            track: true,
            pending_space: None,
            newlines: 0,
        };
        for seg in segments {
            match seg.join {
                Join::Barrier => out.barrier(seg.range.start),
                Join::Space => out.space(seg.range.start),
                Join::Touch => {}
            }
            out.fold(text, seg.range.clone(), true);
        }
        Normalized {
            text: out.text,
            runs: out.runs,
        }
    }

    /// Folds a label: case folded unless `keep_case`, no segments.
    pub fn label(label: &str, keep_case: bool) -> String {
        let mut out = Builder {
            text: String::with_capacity(label.len()),
            runs: Vec::new(),
            track: false,
            pending_space: None,
            newlines: 0,
        };
        out.fold(label, 0..label.len(), !keep_case);
        out.text
    }

    /// The original offset of the folded byte at `norm`.
    pub fn original(&self, norm: usize) -> usize {
        let i = self.runs.partition_point(|r| r.norm as usize <= norm);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some(r) if r.linear => r.orig as usize + (norm - r.norm as usize),
            Some(r) => r.orig as usize,
            None => norm,
        }
    }
}

struct Builder {
    text: String,
    runs: Vec<Run>,
    /// Whether to keep the map back to the original (labels need none).
    track: bool,
    /// Original offset of the whitespace run being collapsed.
    pending_space: Option<usize>,
    /// Line breaks in that run (two make a blank line: a barrier).
    newlines: usize,
}

impl Builder {
    fn emit(&mut self, c: char, orig: usize, orig_len: usize) {
        if !self.track {
            self.text.push(c);
            return;
        }
        let norm = self.text.len();
        let linear = c.len_utf8() == orig_len;
        let continues = linear
            && self
                .runs
                .last()
                .is_some_and(|r| r.linear && r.orig as usize + (norm - r.norm as usize) == orig);
        if !continues {
            self.runs.push(Run {
                norm: norm as u32,
                orig: orig as u32,
                linear,
            });
        }
        self.text.push(c);
    }

    /// Appends a run of ASCII text that folds byte for byte.
    fn emit_ascii(&mut self, chunk: &str, orig: usize, lower: bool) {
        let norm = self.text.len();
        let continues = !self.track
            || self
                .runs
                .last()
                .is_some_and(|r| r.linear && r.orig as usize + (norm - r.norm as usize) == orig);
        if !continues {
            self.runs.push(Run {
                norm: norm as u32,
                orig: orig as u32,
                linear: true,
            });
        }
        self.text.push_str(chunk);
        if lower {
            self.text[norm..].make_ascii_lowercase();
        }
    }

    fn barrier(&mut self, orig: usize) {
        self.pending_space = None;
        self.newlines = 0;
        if !self.text.is_empty() && !self.text.ends_with(BARRIER) {
            self.emit(BARRIER, orig, 0);
        }
    }

    fn space(&mut self, orig: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some(orig);
        }
    }

    fn flush_space(&mut self) {
        if let Some(at) = self.pending_space.take() {
            if self.newlines >= 2 {
                self.barrier(at);
            } else if !self.text.is_empty() && !self.text.ends_with(BARRIER) {
                self.emit(' ', at, 1);
            }
        }
        self.newlines = 0;
    }

    fn fold(&mut self, text: &str, range: std::ops::Range<usize>, lower: bool) {
        let bytes = text.as_bytes();
        let mut at_line_start = false;
        let mut i = range.start;
        while i < range.end {
            let b = bytes[i];
            if b.is_ascii() {
                // The common case, byte by byte.
                match b {
                    b'\n' => {
                        self.space(i);
                        self.newlines += 1;
                        at_line_start = true;
                    }
                    b' ' | b'\t' | b'\r' | b'-' | 0x0b | 0x0c => self.space(i),
                    b'>' if at_line_start => {}
                    _ => {
                        at_line_start = false;
                        self.flush_space();
                        let end = bytes[i..range.end]
                            .iter()
                            .position(|&c| {
                                !c.is_ascii()
                                    || matches!(
                                        c,
                                        b'\n' | b' ' | b'\t' | b'\r' | b'-' | 0x0b | 0x0c
                                    )
                            })
                            .map_or(range.end, |n| i + n);
                        self.emit_ascii(&text[i..end], i, lower);
                        i = end;
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            let c = text[i..]
                .chars()
                .next()
                .expect("i is a char boundary below range.end");
            let orig = i;
            i += c.len_utf8();
            let Some(k) = fold_char(c) else {
                self.space(orig);
                continue;
            };
            at_line_start = false;
            self.flush_space();
            if lower && !k.is_lowercase() && k.is_alphabetic() {
                let mut lowered = k.to_lowercase();
                if lowered.len() == 1 {
                    let l = lowered.next().expect("one char");
                    self.emit(l, orig, c.len_utf8());
                } else {
                    for l in lowered {
                        self.emit(l, orig, 0);
                    }
                }
            } else {
                self.emit(k, orig, c.len_utf8());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Normalized {
        Normalized::new(
            text,
            &[Segment {
                range: 0..text.len(),
                join: Join::Barrier,
            }],
        )
    }

    #[test]
    fn folds_and_maps_back() {
        let text = "Cross-Border  Tax\nTreaty’s\n\n> ÉTAT İx";
        let n = whole(text);
        assert_eq!(n.text, "cross border tax treaty's\nétat i\u{307}x");
        let t = n.text.find("treaty").unwrap();
        assert_eq!(n.original(t), text.find("Treaty").unwrap());
        let x = n.text.find('x').unwrap();
        assert_eq!(n.original(x), text.find('x').unwrap());
        let dot = n.text.find('\u{307}').unwrap();
        assert_eq!(n.original(dot), text.find('İ').unwrap());
    }

    #[test]
    fn labels_fold_the_same_way() {
        assert_eq!(Normalized::label("Proof-of-Stake", false), "proof of stake");
        assert_eq!(Normalized::label("DAO’s", true), "DAO's");
    }
}
