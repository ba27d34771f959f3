//! Errors and problems found while reading or validating a glossary.

use std::fmt;

use super::term::FilePos;

/// A glossary file that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file as given to the loader.
    pub file: String,
    /// Where in the file, when known.
    pub pos: Option<FilePos>,
    /// What is wrong, for a person.
    pub message: String,
}

impl LoadError {
    /// An error at a position of `file`.
    pub fn at(file: &str, pos: Option<FilePos>, message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_string(),
            pos,
            message: message.into(),
        }
    }

    /// An error at a byte offset of `text`, the content of `file`.
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::at(file, Some(FilePos::from_offset(text, offset)), message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(
                f,
                "{}:{}:{}: {}",
                self.file,
                p.line + 1,
                p.column + 1,
                self.message
            ),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// A problem found by validation; the glossary still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file that holds the offending entry.
    pub file: String,
    /// The position of the offending text.
    pub pos: FilePos,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.pos.line + 1,
            self.pos.column + 1,
            self.message
        )
    }
}

impl From<LoadError> for Problem {
    fn from(e: LoadError) -> Problem {
        Problem {
            file: e.file,
            pos: e.pos.unwrap_or_default(),
            message: e.message,
        }
    }
}

impl FilePos {
    /// The line and column (in Unicode scalar values) of a byte offset in `text`.
    /// Offsets past the end or inside a character are clamped back.
    pub fn from_offset(text: &str, offset: usize) -> FilePos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        FilePos {
            line: before.matches('\n').count() as u32,
            column: before[line_start..].chars().count() as u32,
        }
    }
}

/// The line starts of a text, for turning many offsets into [`FilePos`]
/// without rescanning the text each time.
pub(crate) struct LineStarts(Vec<usize>);

impl LineStarts {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(starts)
    }

    /// The same as [`FilePos::from_offset`], in time proportional to the line.
    pub(crate) fn pos(&self, text: &str, offset: usize) -> FilePos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.0.partition_point(|&s| s <= offset) - 1;
        FilePos {
            line: line as u32,
            column: text[self.0[line]..offset].chars().count() as u32,
        }
    }
}
