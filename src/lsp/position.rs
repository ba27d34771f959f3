//! The server's one conversion layer between LSP positions and byte offsets.
//!
//! Every position that comes in or goes out passes through here, in the
//! encoding negotiated at `initialize`. Snapshots convert with
//! [`LineIndex`]; edits are applied to the rope with ropey's own counters.

use std::ops::Range;

use ropey::Rope;
use tower_lsp::lsp_types::{self as lsp, PositionEncodingKind};

use crate::document::{Encoding, LineIndex, Position};

/// The encoding to use: the first of the client's preferences that the
/// server supports, else UTF-16 (SPEC §6).
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    offered
        .unwrap_or_default()
        .iter()
        .find_map(|kind| match kind.as_str() {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            _ => None,
        })
        .unwrap_or(Encoding::Utf16)
}

/// The LSP name of an encoding.
pub fn kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// Converts between byte offsets of one text and LSP positions.
#[derive(Clone, Copy)]
pub struct Converter<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: Encoding,
}

impl<'a> Converter<'a> {
    /// A converter for `text`, indexed by `index`.
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: Encoding) -> Converter<'a> {
        Converter {
            text,
            index,
            encoding,
        }
    }

    /// The byte offset of an LSP position, clamped into the text.
    pub fn offset(&self, pos: lsp::Position) -> usize {
        let p = Position {
            line: pos.line,
            character: pos.character,
        };
        self.index.offset(self.text, p, self.encoding)
    }

    /// Whether a position names a place inside the text: its line exists and
    /// its column is not past the line's end.
    pub fn contains(&self, pos: lsp::Position) -> bool {
        let Some(range) = self.index.line_range(self.text, pos.line as usize) else {
            return false;
        };
        let end = self.index.position(self.text, range.end, self.encoding);
        pos.character <= end.character
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index.position(self.text, offset, self.encoding);
        lsp::Position::new(p.line, p.character)
    }

    /// The LSP range of a byte range.
    pub fn range(&self, range: Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    /// The byte range of an LSP range (start and end ordered).
    pub fn byte_range(&self, range: lsp::Range) -> Range<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }

    /// The byte offset of a glossary file position (0-based line and column in
    /// Unicode scalar values).
    pub fn file_pos_offset(&self, line: u32, column: u32) -> usize {
        self.index.offset(
            self.text,
            Position {
                line,
                character: column,
            },
            Encoding::Utf32,
        )
    }

    /// The byte range of a line without its terminator (clamped to the last line).
    pub fn line_range(&self, line: u32) -> Range<usize> {
        self.index
            .line_range(self.text, line as usize)
            .unwrap_or(self.text.len()..self.text.len())
    }
}

/// The char index in `rope` of an LSP position; positions past the end of a
/// line mean the line's end, lines past the end mean the end of the text, and
/// a column inside a character means that character's start.
pub fn rope_char(rope: &Rope, pos: lsp::Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let end = start + line_content_chars(rope, line);
    let col = pos.character as usize;
    match encoding {
        Encoding::Utf16 => {
            let target = rope.char_to_utf16_cu(start) + col;
            if target >= rope.char_to_utf16_cu(end) {
                end
            } else {
                rope.utf16_cu_to_char(target)
            }
        }
        Encoding::Utf8 => {
            let target = rope.char_to_byte(start) + col;
            if target >= rope.char_to_byte(end) {
                end
            } else {
                rope.byte_to_char(target)
            }
        }
        Encoding::Utf32 => (start + col).min(end),
    }
}

/// The number of chars of a rope line without its terminator.
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rope_positions_agree_with_the_line_index() {
        let text = "a😀b\r\n漢字 é\rx\n";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let conv = Converter::new(text, &index, encoding);
            // Every offset but the one inside "\r\n", which no position names.
            for (offset, _) in text.char_indices().filter(|&(i, _)| i != 7) {
                let pos = conv.position(offset);
                let ch = rope_char(&rope, pos, encoding);
                assert_eq!(rope.char_to_byte(ch), offset, "{encoding:?} {pos:?}");
                assert_eq!(conv.offset(pos), offset);
            }
        }
        // Past the end of a line, past the last line, inside a surrogate pair.
        assert_eq!(
            rope_char(&rope, lsp::Position::new(0, 99), Encoding::Utf16),
            3
        );
        assert_eq!(
            rope_char(&rope, lsp::Position::new(9, 0), Encoding::Utf16),
            rope.len_chars()
        );
        assert_eq!(
            rope_char(&rope, lsp::Position::new(0, 2), Encoding::Utf16),
            1
        );
        assert_eq!(
            rope_char(&rope, lsp::Position::new(0, 3), Encoding::Utf8),
            1
        );
    }

    #[test]
    fn negotiation_takes_the_first_supported() {
        let offered = [
            PositionEncodingKind::UTF32,
            PositionEncodingKind::UTF8,
            PositionEncodingKind::UTF16,
        ];
        assert_eq!(negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(negotiate(Some(&offered[2..])), Encoding::Utf16);
        assert_eq!(negotiate(Some(&offered[..1])), Encoding::Utf16);
        assert_eq!(negotiate(None), Encoding::Utf16);
    }
}
