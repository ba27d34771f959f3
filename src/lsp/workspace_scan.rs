//! The workspace's files on disk: scanned for mentions in the background at
//! start-up and after each reload (honouring `.gitignore`, `include` and
//! `exclude`), kept up to date from watched-file events, and reported with
//! `$/progress` while a scan runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use tower_lsp::lsp_types::notification::Progress;
use tower_lsp::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp::lsp_types::{
    NumberOrString, ProgressParams, ProgressParamsValue, Range, WorkDoneProgress,
    WorkDoneProgressBegin, WorkDoneProgressCreateParams, WorkDoneProgressEnd,
    WorkDoneProgressReport,
};

use super::loader::Loaded;
use super::position::Converter;
use super::state::{lock, State};
use crate::document::{Encoding, Language, LineIndex};

/// The progress token of workspace scans.
pub const PROGRESS_TOKEN: &str = "glossa/scan";

/// Files scanned per batch between progress reports.
const BATCH: usize = 64;

/// Mentions in the workspace's files, by path: (entry id, range).
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    /// The mentions of each scanned file.
    pub files: HashMap<PathBuf, Vec<(Arc<str>, Range)>>,
}

/// Which files of the workspace are read: `include` and not `exclude`
/// (relative to the root), and not the glossary or the settings.
struct Selection {
    root: PathBuf,
    include: GlobSet,
    exclude: GlobSet,
    max_size: u64,
}

impl Selection {
    fn new(loaded: &Loaded) -> Option<Selection> {
        let config = loaded.config();
        Some(Selection {
            root: loaded.root.clone()?,
            include: globs(&config.include),
            exclude: globs(&config.exclude),
            max_size: config.max_file_size,
        })
    }

    fn selects(&self, loaded: &Loaded, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        self.include.is_match(rel)
            && !self.exclude.is_match(rel)
            && !loaded.is_glossary_path(path)
            && loaded.config_path().as_deref() != Some(path)
    }
}

/// A glob set of the valid patterns (invalid ones are reported when the
/// settings are loaded by `glossa lint`; here they select nothing).
fn globs(patterns: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = Glob::new(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Every selected file under the root.
fn list_files(loaded: &Loaded, selection: &Selection) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(&selection.root)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| selection.selects(loaded, p))
        .collect();
    files.sort();
    files
}

/// The mentions in one file on disk; `None` for unreadable, binary or
/// oversized files.
fn scan_file(
    path: &Path,
    loaded: &Loaded,
    encoding: Encoding,
    max_size: u64,
) -> Option<Vec<(Arc<str>, Range)>> {
    if std::fs::metadata(path).ok()?.len() > max_size {
        return None;
    }
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    if text.as_bytes().contains(&0) {
        return None;
    }
    let (_, mentions) = loaded
        .engine
        .scan(&text, Language::from_path(&path.to_string_lossy()));
    let index = LineIndex::new(&text);
    let conv = Converter::new(&text, &index, encoding);
    let terms = loaded.glossary().terms();
    let mut ids: HashMap<usize, Arc<str>> = HashMap::new();
    Some(
        mentions
            .iter()
            .map(|m| {
                let id = ids
                    .entry(m.term)
                    .or_insert_with(|| Arc::from(terms[m.term].id.as_str()))
                    .clone();
                (id, conv.range(m.start..m.end))
            })
            .collect(),
    )
}

/// Scans the whole workspace against the glossary in service, reporting
/// progress; stops early when a newer glossary replaces it.
pub async fn scan_workspace(state: Arc<State>) {
    let loaded = state.loaded();
    let Some(selection) = Selection::new(&loaded) else {
        return;
    };
    let selection = Arc::new(selection);
    let init = state.init();
    let token = NumberOrString::String(PROGRESS_TOKEN.to_string());
    let progress = init.progress
        && state
            .client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await
            .is_ok();
    let send = |value: WorkDoneProgress| {
        let state = state.clone();
        let token = token.clone();
        async move {
            if progress {
                state
                    .client
                    .send_notification::<Progress>(ProgressParams {
                        token,
                        value: ProgressParamsValue::WorkDone(value),
                    })
                    .await;
            }
        }
    };
    send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
        title: "glossa: indexing the workspace".into(),
        cancellable: Some(false),
        message: None,
        percentage: Some(0),
    }))
    .await;
    let files = {
        let (loaded, selection) = (loaded.clone(), selection.clone());
        tokio::task::spawn_blocking(move || list_files(&loaded, &selection))
            .await
            .unwrap_or_default()
    };
    let mut scanned = HashMap::new();
    let total = files.len().max(1);
    let mut done = 0;
    let mut stopped = false;
    for batch in files.chunks(BATCH) {
        if state.loaded().generation != loaded.generation {
            stopped = true;
            break;
        }
        let batch = batch.to_vec();
        let (l, s) = (loaded.clone(), selection.clone());
        let encoding = init.encoding;
        let found = tokio::task::spawn_blocking(move || {
            batch
                .into_iter()
                .filter_map(|p| scan_file(&p, &l, encoding, s.max_size).map(|m| (p, m)))
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        done += BATCH;
        scanned.extend(found);
        send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: Some(false),
            message: Some(format!("{} of {} files", done.min(total), files.len())),
            percentage: Some((done.min(total) * 100 / total) as u32),
        }))
        .await;
    }
    if !stopped {
        lock(&state.index).files = scanned;
    }
    send(WorkDoneProgress::End(WorkDoneProgressEnd {
        message: Some(format!("{} files indexed", files.len())),
    }))
    .await;
}

/// Updates one file of the index after a watched-file event.
pub async fn update_file(state: &State, path: PathBuf, deleted: bool) {
    if deleted {
        lock(&state.index).files.remove(&path);
        return;
    }
    let loaded = state.loaded();
    let Some(selection) = Selection::new(&loaded) else {
        return;
    };
    if !selection.selects(&loaded, &path) {
        return;
    }
    let encoding = state.encoding();
    let p = path.clone();
    let found =
        tokio::task::spawn_blocking(move || scan_file(&p, &loaded, encoding, selection.max_size))
            .await
            .ok()
            .flatten();
    let mut index = lock(&state.index);
    match found {
        Some(m) => index.files.insert(path, m),
        None => index.files.remove(&path),
    };
}
