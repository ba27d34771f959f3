//! The server's shared state in one place: open documents, the glossary in
//! service (an `Arc` swapped whole on reload), the client's settings and
//! what it can do. Locks are held for a few statements and never across an
//! `.await`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use serde_json::Value;
use tower_lsp::lsp_types::{Diagnostic, MessageType, Url};
use tower_lsp::Client;

use super::document::{Document, Snapshot};
use super::loader::{self, Loaded};
use super::transport::Outbox;
use super::workspace_scan::WorkspaceIndex;
use super::Options;
use crate::document::Encoding;
use crate::glossary::LoadError;

/// What was agreed at `initialize`.
#[derive(Debug, Clone, Default)]
pub struct Init {
    /// The position encoding.
    pub encoding: Encoding,
    /// The workspace root: the first workspace folder, else `rootUri`.
    pub root: Option<PathBuf>,
    /// The client pulls diagnostics (`textDocument/diagnostic`).
    pub pull_diagnostics: bool,
    /// The client answers `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// The client answers `workspace/inlayHint/refresh`.
    pub inlay_refresh: bool,
    /// The client accepts dynamic registration of file watchers.
    pub dynamic_watch: bool,
    /// The client's watchers take a base directory and a relative pattern.
    pub relative_patterns: bool,
    /// The client shows `$/progress` from server-created tokens.
    pub progress: bool,
    /// The client accepts `documentChanges` in workspace edits.
    pub document_changes: bool,
    /// The client can create files from a workspace edit.
    pub create_files: bool,
}

/// Everything the handlers share.
pub struct State {
    /// The connection to the client.
    pub client: Client,
    /// Notifications written straight to the client.
    outbox: Outbox,
    /// How the server was started.
    pub options: Options,
    init: RwLock<Init>,
    docs: Mutex<HashMap<Url, Document>>,
    loaded: RwLock<Arc<Loaded>>,
    client_settings: Mutex<Value>,
    load_error: Mutex<Option<LoadError>>,
    generation: AtomicU64,
    reload_lock: tokio::sync::Mutex<()>,
    /// Mentions in the workspace's files on disk.
    pub index: Mutex<WorkspaceIndex>,
    /// Index updates from watched-file events still running; references
    /// wait for them, so that a request sees every event sent before it.
    pub index_updates: Mutex<Vec<tokio::task::JoinHandle<()>>>,
    /// Files that glossary problems were pushed to.
    pub problem_files: Mutex<Vec<Url>>,
    /// Messages for the user from before `initialized`, when none can be sent.
    pub notices: Mutex<Vec<String>>,
    /// The file globs registered with the client's watcher.
    pub watched: Mutex<Vec<String>>,
    /// `shutdown` was received.
    pub shut_down: AtomicBool,
}

/// Locks a mutex; a panic elsewhere does not make the state unusable.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    /// A state with an empty glossary.
    pub fn new(client: Client, outbox: Outbox, options: Options) -> State {
        State {
            client,
            outbox,
            options,
            init: RwLock::new(Init::default()),
            docs: Mutex::new(HashMap::new()),
            loaded: RwLock::new(Arc::new(Loaded::empty(None))),
            client_settings: Mutex::new(Value::Null),
            load_error: Mutex::new(None),
            generation: AtomicU64::new(0),
            reload_lock: tokio::sync::Mutex::new(()),
            index: Mutex::new(WorkspaceIndex::default()),
            index_updates: Mutex::new(Vec::new()),
            problem_files: Mutex::new(Vec::new()),
            notices: Mutex::new(Vec::new()),
            watched: Mutex::new(Vec::new()),
            shut_down: AtomicBool::new(false),
        }
    }

    /// Sends `textDocument/publishDiagnostics` (every publish goes this
    /// way, so that those of one document arrive in the order sent).
    pub fn publish_diagnostics(&self, uri: Url, diagnostics: &[Diagnostic], version: Option<i32>) {
        #[derive(serde::Serialize)]
        struct Params<'a> {
            uri: Url,
            diagnostics: &'a [Diagnostic],
            #[serde(skip_serializing_if = "Option::is_none")]
            version: Option<i32>,
        }
        let params = Params {
            uri,
            diagnostics,
            version,
        };
        self.outbox
            .notify("textDocument/publishDiagnostics", &params);
    }

    /// What was agreed at `initialize`.
    pub fn init(&self) -> Init {
        self.init.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Records what was agreed at `initialize`.
    pub fn set_init(&self, init: Init) {
        let root = init.root.clone();
        *self.init.write().unwrap_or_else(|e| e.into_inner()) = init;
        *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Loaded::empty(root));
    }

    /// The negotiated position encoding.
    pub fn encoding(&self) -> Encoding {
        self.init.read().unwrap_or_else(|e| e.into_inner()).encoding
    }

    /// The glossary in service.
    pub fn loaded(&self) -> Arc<Loaded> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The error of the last load, if it failed.
    pub fn load_error(&self) -> Option<LoadError> {
        lock(&self.load_error).clone()
    }

    /// Replaces the client's settings.
    pub fn set_client_settings(&self, value: Value) {
        *lock(&self.client_settings) = value;
    }

    /// Opens a document (replacing one with the same URI).
    pub fn open(&self, uri: &Url, language_id: &str, version: i32, text: &str) {
        let generation = self.loaded().generation;
        let doc = Document::new(uri, language_id, version, text, generation);
        lock(&self.docs).insert(uri.clone(), doc);
    }

    /// Applies one `didChange`; the new revision, or `None` for an unknown document.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: Vec<tower_lsp::lsp_types::TextDocumentContentChangeEvent>,
    ) -> Option<u64> {
        let encoding = self.encoding();
        let mut docs = lock(&self.docs);
        let doc = docs.get_mut(uri)?;
        doc.apply(changes, encoding);
        doc.version = version;
        Some(doc.rev)
    }

    /// Forgets a document.
    pub fn close(&self, uri: &Url) -> bool {
        lock(&self.docs).remove(uri).is_some()
    }

    /// The current revision of a document.
    pub fn rev(&self, uri: &Url) -> Option<u64> {
        lock(&self.docs).get(uri).map(|d| d.rev)
    }

    /// The URIs of the open documents.
    pub fn open_uris(&self) -> Vec<Url> {
        let mut uris: Vec<Url> = lock(&self.docs).keys().cloned().collect();
        uris.sort();
        uris
    }

    /// The text of an open document.
    pub fn open_text(&self, uri: &Url) -> Option<(String, i32)> {
        lock(&self.docs)
            .get(uri)
            .map(|d| (d.rope.to_string(), d.version))
    }

    /// The analysis of a document's current text against the glossary in
    /// service; computed once per revision, off the async threads.
    pub async fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let loaded = self.loaded();
        let (cell, revision) = {
            let mut docs = lock(&self.docs);
            let doc = docs.get_mut(uri)?;
            let cell = doc.cell(loaded.generation);
            if let Some(s) = cell.cell.get() {
                return Some(s.clone());
            }
            (cell, doc.revision(uri))
        };
        let encoding = self.encoding();
        cell.cell
            .get_or_try_init(|| async move {
                tokio::task::spawn_blocking(move || {
                    Arc::new(Snapshot::compute(revision, loaded, encoding))
                })
                .await
            })
            .await
            .ok()
            .cloned()
    }

    /// The analysis, for requests a client sends as the user types (code
    /// actions, inlay hints, pulled diagnostics): within the debounce after
    /// an edit it waits for the debounce to pass, so that a burst of edits
    /// still costs one analysis.
    pub async fn settled_snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let wait = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            let pending = doc.cache.cell.get().is_none();
            let due = doc.changed_at + self.options.debounce;
            pending.then(|| due.saturating_duration_since(std::time::Instant::now()))
        };
        if let Some(wait) = wait.filter(|w| !w.is_zero()) {
            tokio::time::sleep(wait).await;
        }
        self.snapshot(uri).await
    }

    /// The prose regions of a document's current text (the full analysis
    /// when it is at hand): enough for completion.
    pub async fn regions(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let loaded = self.loaded();
        let revision = {
            let mut docs = lock(&self.docs);
            let doc = docs.get_mut(uri)?;
            if let Some(s) = doc.cell(loaded.generation).cell.get() {
                return Some(s.clone());
            }
            doc.revision(uri)
        };
        let encoding = self.encoding();
        tokio::task::spawn_blocking(move || {
            Arc::new(Snapshot::regions_only(revision, loaded, encoding))
        })
        .await
        .ok()
    }

    /// Reloads the glossary. On success the new one replaces the old and the
    /// number of entries is returned; on failure the old one stays in service.
    pub async fn reload(&self) -> Result<usize, LoadError> {
        let _one_at_a_time = self.reload_lock.lock().await;
        let init = self.init();
        let request = loader::Request {
            root: init.root.clone(),
            client: lock(&self.client_settings).clone(),
            cli: self.options.glossary.clone(),
            bundled_cache: self.options.bundled_cache.clone(),
            encoding: init.encoding,
            generation: self.generation.fetch_add(1, Ordering::SeqCst) + 1,
        };
        let result = tokio::task::spawn_blocking(move || loader::load(&request))
            .await
            .unwrap_or_else(|e| Err(LoadError::at("glossary", None, e.to_string())));
        match result {
            Ok(loaded) => {
                let count = loaded.glossary().len();
                *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(loaded);
                *lock(&self.load_error) = None;
                Ok(count)
            }
            Err(e) => {
                *lock(&self.load_error) = Some(e.clone());
                Err(e)
            }
        }
    }

    /// Tells the client what is loaded: "loaded 523 terms from …", the
    /// settings' warnings, or why the last load failed.
    pub async fn log_load(&self) {
        let loaded = self.loaded();
        match self.load_error() {
            None => {
                self.client
                    .log_message(MessageType::INFO, &loaded.summary)
                    .await;
                for w in &loaded.warnings {
                    self.client.log_message(MessageType::WARNING, w).await;
                }
            }
            Some(e) => {
                let message = format!(
                    "glossary not loaded: {e}; still using the last good one ({} terms)",
                    loaded.glossary().len()
                );
                self.client.log_message(MessageType::ERROR, &message).await;
                self.client.show_message(MessageType::ERROR, &message).await;
            }
        }
    }
}
