//! The document model: which parts of a text are prose to scan, and where
//! offsets fall as lines and columns.

mod comments;
mod language;
mod line_index;
mod markdown;

pub use language::{CommentSyntax, Language};
pub use line_index::{Encoding, LineIndex, Position};

use std::ops::Range;

/// How a segment connects to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Join {
    /// Nothing between them: a mention cannot span the gap.
    #[default]
    Barrier,
    /// The gap is whitespace (a soft line break, quote markers, comment markers).
    Space,
    /// The gap is invisible markup (emphasis markers): the texts touch.
    Touch,
}

/// A byte range of prose to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The bytes of the text it covers.
    pub range: Range<usize>,
    /// How it connects to the previous segment.
    pub join: Join,
}

/// Plain text as one segment per paragraph, covering every byte. A mention
/// never spans a blank line, so the split changes nothing that is found,
/// and an edit leaves the other paragraphs' mentions to be reused.
fn paragraphs(text: &str) -> Vec<Segment> {
    let mut segments = vec![Segment {
        range: 0..text.len(),
        join: Join::Barrier,
    }];
    let mut after_blank = false;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if !blank && after_blank && line_start > 0 {
            let last = segments.last_mut().expect("one segment at least");
            last.range.end = line_start;
            segments.push(Segment {
                range: line_start..text.len(),
                join: Join::Barrier,
            });
        }
        // A whitespace-only line between two line breaks: a blank line.
        after_blank = (blank && line.ends_with('\n') && line_start > 0) || (after_blank && blank);
        line_start += line.len();
    }
    segments
}

/// The parts of a document to scan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regions {
    /// Prose, in text order, not overlapping.
    pub segments: Vec<Segment>,
    /// Code blocks and other ranges where explicit term markup is not read.
    pub code: Vec<Range<usize>>,
}

impl Regions {
    /// The regions of `text` read as `language`.
    pub fn of(text: &str, language: Language) -> Regions {
        match language {
            Language::Markdown { mdx } => markdown::regions(text, mdx),
            Language::PlainText => Regions {
                segments: paragraphs(text),
                code: Vec::new(),
            },
            Language::Source(syntax) => comments::regions(text, syntax),
        }
    }

    /// The runs of segments joined to one another, as index ranges into
    /// `segments`: a mention or a definition may span the segments of one
    /// run, never two.
    pub fn joined_runs(&self) -> Vec<Range<usize>> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        for (i, seg) in self.segments.iter().enumerate() {
            match runs.last_mut() {
                Some(run) if seg.join != Join::Barrier => run.end = i + 1,
                _ => runs.push(i..i + 1),
            }
        }
        runs
    }

    /// Whether `offset` lies in a prose segment.
    pub fn in_prose(&self, offset: usize) -> bool {
        let i = self.segments.partition_point(|s| s.range.end <= offset);
        self.segments
            .get(i)
            .is_some_and(|s| s.range.contains(&offset))
    }

    /// Whether `offset` lies in code.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|r| r.contains(&offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_splits_at_blank_lines_only() {
        let text = "a\n\nb\n \nc\nd\r\n\r\ne";
        let ranges: Vec<Range<usize>> = paragraphs(text).into_iter().map(|s| s.range).collect();
        assert_eq!(ranges, vec![0..3, 3..7, 7..14, 14..15]);
        assert_eq!(paragraphs("").len(), 1);
        assert_eq!(paragraphs("\n\n\n").len(), 1);
    }

    #[test]
    fn joined_runs_start_at_barriers() {
        let seg = |join| Segment { range: 0..0, join };
        let regions = Regions {
            segments: vec![
                seg(Join::Space),
                seg(Join::Barrier),
                seg(Join::Touch),
                seg(Join::Space),
                seg(Join::Barrier),
            ],
            code: Vec::new(),
        };
        assert_eq!(regions.joined_runs(), vec![0..1, 1..4, 4..5]);
        assert_eq!(Regions::default().joined_runs(), Vec::<Range<usize>>::new());
    }
}
