//! An open document: its text as a rope, edited in place, and the analysis
//! of one revision of it.

use std::sync::Arc;

use ropey::Rope;
use tokio::sync::OnceCell;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

use super::loader::Loaded;
use super::position::{rope_char, Converter};
use crate::document::{Encoding, Language, LineIndex};
use crate::engine::Analysis;

/// A document the client has opened.
pub struct Document {
    /// How it is scanned.
    pub language: Language,
    /// The current text.
    pub rope: Rope,
    /// The client's version of the current text.
    pub version: i32,
    /// The server's revision counter: one more on every change.
    pub rev: u64,
    /// The analysis of one revision, computed once for everyone who asks.
    pub cache: Arc<SnapshotCell>,
}

/// The analysis of one revision against one glossary, filled once.
pub struct SnapshotCell {
    /// The revision it is for.
    pub rev: u64,
    /// The glossary generation it is for.
    pub generation: u64,
    /// The analysis, once computed.
    pub cell: OnceCell<Arc<Snapshot>>,
}

impl SnapshotCell {
    fn new(rev: u64, generation: u64) -> Arc<SnapshotCell> {
        Arc::new(SnapshotCell {
            rev,
            generation,
            cell: OnceCell::new(),
        })
    }
}

/// One revision of a document with everything found in it.
pub struct Snapshot {
    /// The document's URI.
    pub uri: Url,
    /// The revision analysed.
    pub rev: u64,
    /// The client's version of that revision.
    pub version: i32,
    /// The text.
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
    /// The glossary and settings it was analysed with.
    pub loaded: Arc<Loaded>,
    /// Mentions and findings.
    pub analysis: Analysis,
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// The entries of a glossary file, read when first asked for.
    pub outline: std::sync::OnceLock<Option<super::glossary_file::Outline>>,
}

impl Snapshot {
    /// Analyses `text`.
    pub fn compute(
        uri: Url,
        rev: u64,
        version: i32,
        text: String,
        language: Language,
        loaded: Arc<Loaded>,
        encoding: Encoding,
    ) -> Snapshot {
        let analysis = if loaded.is_project_file(&uri) {
            // Glossary files and settings get their problems, not prose checks.
            Analysis::default()
        } else {
            loaded.engine.analyze(&text, language)
        };
        Snapshot {
            uri,
            rev,
            version,
            index: LineIndex::new(&text),
            text,
            loaded,
            analysis,
            encoding,
            outline: std::sync::OnceLock::new(),
        }
    }

    /// The position converter for this text.
    pub fn conv(&self) -> Converter<'_> {
        Converter::new(&self.text, &self.index, self.encoding)
    }
}

impl Document {
    /// A newly opened document.
    pub fn new(uri: &Url, language_id: &str, version: i32, text: &str, generation: u64) -> Self {
        let path = uri.to_file_path().ok();
        let language = match language_id {
            "" | "plaintext" => path
                .as_ref()
                .map(|p| Language::from_path(&p.to_string_lossy()))
                .unwrap_or(Language::PlainText),
            id => {
                let by_id = Language::from_language_id(id);
                match (by_id, &path) {
                    // An id we do not know, for a file whose name we do.
                    (Language::PlainText, Some(p)) => Language::from_path(&p.to_string_lossy()),
                    _ => by_id,
                }
            }
        };
        Document {
            language,
            rope: Rope::from_str(text),
            version,
            rev: 0,
            cache: SnapshotCell::new(0, generation),
        }
    }

    /// Applies the changes of one `didChange`, in order.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let a = rope_char(&self.rope, range.start, encoding);
                    let b = rope_char(&self.rope, range.end, encoding);
                    let (start, end) = (a.min(b), a.max(b));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.rev += 1;
        self.cache = SnapshotCell::new(self.rev, self.cache.generation);
    }

    /// The cell for the current revision and glossary generation.
    pub fn cell(&mut self, generation: u64) -> Arc<SnapshotCell> {
        if self.cache.generation != generation || self.cache.rev != self.rev {
            self.cache = SnapshotCell::new(self.rev, generation);
        }
        self.cache.clone()
    }
}
