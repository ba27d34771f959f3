//! An open document: its text as a rope, edited in place, and the analysis
//! of one revision of it.

use std::sync::Arc;
use std::time::Instant;

use ropey::Rope;
use tokio::sync::OnceCell;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

use super::loader::Loaded;
use super::position::{rope_char, Converter};
use crate::document::{Encoding, Language, LineIndex, Regions};
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
    /// The last analysis before the current revision, to be reused where
    /// the text has not changed.
    pub previous: Option<Arc<Snapshot>>,
    /// When the last change arrived.
    pub changed_at: Instant,
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

/// One revision of a document's text, taken to be analysed.
pub struct Revision {
    /// The document's URI.
    pub uri: Url,
    /// The revision.
    pub rev: u64,
    /// The client's version of it.
    pub version: i32,
    /// The text (a cheap clone of the document's rope).
    pub rope: Rope,
    /// How it is scanned.
    pub language: Language,
    /// An earlier analysis of the document, if any.
    pub previous: Option<Arc<Snapshot>>,
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
    /// How it was scanned.
    pub language: Language,
    /// Mentions and findings.
    pub analysis: Analysis,
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// The entries of a glossary file, read when first asked for.
    pub outline: std::sync::OnceLock<Option<super::glossary_file::Outline>>,
}

impl Snapshot {
    /// Analyses a revision: mentions and findings, reusing the previous
    /// analysis where the text is unchanged if it used the same glossary.
    pub fn compute(r: Revision, loaded: Arc<Loaded>, encoding: Encoding) -> Snapshot {
        let text = r.rope.to_string();
        let previous = r
            .previous
            .as_ref()
            .filter(|p| Arc::ptr_eq(&p.loaded, &loaded) && p.language == r.language);
        let analysis = match previous {
            // Glossary files and settings get their problems, not prose checks.
            _ if loaded.is_project_file(&r.uri) => Analysis::default(),
            Some(p) => loaded
                .engine
                .reanalyze(&text, r.language, &p.text, &p.analysis),
            None => loaded.engine.analyze(&text, r.language),
        };
        Snapshot::new(r, text, analysis, loaded, encoding)
    }

    /// A revision's prose regions only, for requests that need no more
    /// (completion), so that typing does not cost a full analysis per key.
    pub fn regions_only(r: Revision, loaded: Arc<Loaded>, encoding: Encoding) -> Snapshot {
        let text = r.rope.to_string();
        let analysis = Analysis {
            regions: Regions::of(&text, r.language),
            ..Analysis::default()
        };
        Snapshot::new(r, text, analysis, loaded, encoding)
    }

    fn new(
        r: Revision,
        text: String,
        analysis: Analysis,
        loaded: Arc<Loaded>,
        encoding: Encoding,
    ) -> Snapshot {
        Snapshot {
            uri: r.uri,
            rev: r.rev,
            version: r.version,
            index: LineIndex::new(&text),
            language: r.language,
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
            previous: None,
            changed_at: Instant::now(),
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
        if let Some(analysed) = self.cache.cell.get() {
            self.previous = Some(analysed.clone());
        }
        self.rev += 1;
        self.changed_at = Instant::now();
        self.cache = SnapshotCell::new(self.rev, self.cache.generation);
    }

    /// The current revision, to be analysed.
    pub fn revision(&self, uri: &Url) -> Revision {
        Revision {
            uri: uri.clone(),
            rev: self.rev,
            version: self.version,
            rope: self.rope.clone(),
            language: self.language,
            previous: self.previous.clone(),
        }
    }

    /// The cell for the current revision and glossary generation.
    pub fn cell(&mut self, generation: u64) -> Arc<SnapshotCell> {
        if self.cache.generation != generation {
            // An analysis with another glossary cannot be reused, and would
            // keep that glossary in memory.
            self.previous = None;
        }
        if self.cache.generation != generation || self.cache.rev != self.rev {
            self.cache = SnapshotCell::new(self.rev, generation);
        }
        self.cache.clone()
    }
}
