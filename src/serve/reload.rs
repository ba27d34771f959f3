//! Reloading the glossary while serving: on SIGHUP, and when the glossary
//! files change (checked by polling their modification times and sizes).
//! A glossary that fails to load is reported and the previous one kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::AppState;
use crate::glossary::Glossary;

/// Loads the glossary afresh (the shell knows from where).
pub type Loader = Arc<dyn Fn() -> Result<Glossary, String> + Send + Sync>;

/// Loads the glossary with `loader` and swaps it in; returns the number of
/// entries, or why it failed (the old glossary stays). Loading and
/// building the engine happen off the async threads.
pub async fn reload(state: &Arc<AppState>, loader: &Loader) -> Result<usize, String> {
    let (state, loader) = (state.clone(), loader.clone());
    tokio::task::spawn_blocking(move || {
        let glossary = loader()?;
        let entries = glossary.len();
        state.set_glossary(glossary);
        Ok(entries)
    })
    .await
    .map_err(|e| format!("the loader failed: {e}"))?
}

async fn reload_and_report(state: &Arc<AppState>, loader: &Loader, why: &str) {
    match reload(state, loader).await {
        Ok(n) => eprintln!("glossa: reloaded the glossary ({why}): {n} entries"),
        Err(e) => eprintln!(
            "glossa: reloading the glossary ({why}) failed, keeping the previous one: {e}"
        ),
    }
}

/// Reloads on every SIGHUP, until the process ends.
#[cfg(unix)]
pub async fn on_sighup(state: Arc<AppState>, loader: Loader) {
    use tokio::signal::unix::{signal, SignalKind};
    let mut hangups = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("glossa: cannot listen for SIGHUP: {e}");
            return;
        }
    };
    while hangups.recv().await.is_some() {
        reload_and_report(&state, &loader, "SIGHUP").await;
    }
}

/// Without Unix signals there is nothing to wait for.
#[cfg(not(unix))]
pub async fn on_sighup(_state: Arc<AppState>, _loader: Loader) {
    std::future::pending::<()>().await
}

/// Watches glossary files by polling: reloads when a file's modification
/// time or size changes, or a file appears or disappears.
#[derive(Debug, Clone)]
pub struct Watcher {
    paths: Vec<PathBuf>,
    last: Snapshot,
}

impl Watcher {
    /// A watcher of `paths` (files, or directories read recursively), with
    /// their state now as the starting point; build it right after loading
    /// the glossary, so that no change in between goes unseen.
    pub fn new(paths: Vec<PathBuf>) -> Watcher {
        let last = snapshot(&paths);
        Watcher { paths, last }
    }

    /// Checks every `every` until the process ends.
    pub async fn run(mut self, state: Arc<AppState>, loader: Loader, every: Duration) {
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticker.tick().await;
        loop {
            ticker.tick().await;
            let paths = self.paths.clone();
            let Ok(now) = tokio::task::spawn_blocking(move || snapshot(&paths)).await else {
                continue;
            };
            if now != self.last {
                self.last = now;
                reload_and_report(&state, &loader, "files changed").await;
            }
        }
    }
}

/// What the poll compares: each file's path, modification time and size.
type Snapshot = Vec<(PathBuf, Option<SystemTime>, u64)>;

fn snapshot(paths: &[PathBuf]) -> Snapshot {
    let mut out = Vec::new();
    for p in paths {
        collect(p, &mut out);
    }
    out.sort();
    out
}

fn collect(path: &Path, out: &mut Snapshot) {
    let Ok(meta) = std::fs::metadata(path) else {
        out.push((path.to_path_buf(), None, 0));
        return;
    };
    if meta.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
    } else {
        out.push((path.to_path_buf(), meta.modified().ok(), meta.len()));
    }
}
