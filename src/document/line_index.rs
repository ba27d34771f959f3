//! Byte offsets ↔ line/column positions in UTF-8, UTF-16 or Unicode scalar units.
//!
//! This is the only place that counts UTF-16 units. Lines end at `\n`, `\r\n`
//! or a lone `\r`, as LSP says.

/// The unit in which a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (LSP's default).
    #[default]
    Utf16,
    /// Unicode scalar values (characters), as the CLI reports columns.
    Utf32,
}

/// A 0-based line and column in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 0-based line.
    pub line: u32,
    /// 0-based column in the encoding's units.
    pub character: u32,
}

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The number of lines (a text always has at least one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a line without its terminator; `None` past the last line.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// The position of a byte offset (clamped to the text, and back to a char boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let prefix = &text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => prefix.chars().count(),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a position. A column past the end of its line
    /// gives the line's end, a line past the end gives the text's end, and a
    /// column inside a character gives that character's start.
    pub fn offset(&self, text: &str, pos: Position, encoding: Encoding) -> usize {
        let Some(range) = self.line_range(text, pos.line as usize) else {
            return self.len;
        };
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf32 => 1,
            };
            if units + width > want {
                return range.start + i;
            }
            units += width;
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_every_encoding() {
        let text = "a😀b\r\n漢字 é\rx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let b = text.find('b').unwrap();
        let e = text.find('é').unwrap();
        let x = text.find('x').unwrap();
        for (offset, enc, line, ch) in [
            (b, Encoding::Utf16, 0, 3),
            (b, Encoding::Utf8, 0, 5),
            (b, Encoding::Utf32, 0, 2),
            (e, Encoding::Utf16, 1, 3),
            (e, Encoding::Utf8, 1, 7),
            (x, Encoding::Utf16, 2, 0),
        ] {
            let p = Position {
                line,
                character: ch,
            };
            assert_eq!(idx.position(text, offset, enc), p, "{enc:?}");
            assert_eq!(idx.offset(text, p, enc), offset, "{enc:?}");
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let utf16_offset = |text: &str, line, character| {
            LineIndex::new(text).offset(text, Position { line, character }, Encoding::Utf16)
        };
        assert_eq!(utf16_offset("ab\ncd", 0, 99), 2);
        assert_eq!(utf16_offset("ab\ncd", 9, 0), 5);
        // Inside the surrogate pair of an emoji: the emoji's start.
        assert_eq!(utf16_offset("😀x", 0, 1), 0);
        assert_eq!(
            LineIndex::new("😀x").position("😀x", 2, Encoding::Utf16),
            Position {
                line: 0,
                character: 0
            }
        );
    }
}
