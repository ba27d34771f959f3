//! Diagnostics: lint findings of open documents, and glossary problems on
//! glossary files. Pushed after open, change (debounced) and save, or pulled
//! by clients that declare `textDocument.diagnostic`; never published for a
//! revision that is no longer current.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Url,
};

use super::document::Snapshot;
use super::position::Converter;
use super::state::{lock, State};
use crate::document::LineIndex;
use crate::glossary::{FilePos, Problem};
use crate::lint::{Finding, Rule, Severity};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "glossa";

/// The most later uses listed under one diagnostic: enough to find them,
/// and a long document's acronym used hundreds of times does not make every
/// publish hundreds of kilobytes (references list them all).
const MAX_RELATED: usize = 20;

/// The diagnostic of one finding.
pub fn of_finding(snapshot: &Snapshot, f: &Finding) -> Diagnostic {
    let conv = snapshot.conv();
    let glossary = snapshot.loaded.glossary();
    let href = f
        .term
        .as_deref()
        .and_then(|id| glossary.get(id))
        .and_then(|t| glossary.url_of(t))
        .and_then(|u| Url::parse(&u).ok());
    let shown = f.repeats.len().min(MAX_RELATED);
    let related: Vec<DiagnosticRelatedInformation> = f.repeats[..shown]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let more = f.repeats.len() - shown;
            let message = if i + 1 == shown && more > 0 {
                format!("{} is also used here, and {more} more times", f.subject)
            } else {
                format!("{} is also used here", f.subject)
            };
            DiagnosticRelatedInformation {
                location: Location::new(snapshot.uri.clone(), conv.range(r.clone())),
                message,
            }
        })
        .collect();
    Diagnostic {
        range: conv.range(f.range.clone()),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.id().to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (f.rule == Rule::DeprecatedTerm).then(|| vec![DiagnosticTag::DEPRECATED]),
        data: None,
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Off | Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The diagnostics of a snapshot: its findings, or for a glossary file or
/// `.glossa.toml` the glossary's problems in it.
pub fn of_snapshot(state: &State, snapshot: &Snapshot) -> Vec<Diagnostic> {
    if snapshot.loaded.is_project_file(&snapshot.uri) {
        return problems(state).remove(&snapshot.uri).unwrap_or_default();
    }
    snapshot
        .analysis
        .findings
        .iter()
        .map(|f| of_finding(snapshot, f))
        .collect()
}

/// Problems of the glossary by file: the error of a failed load, and what
/// validation found in the glossary in service.
pub fn problems(state: &State) -> BTreeMap<Url, Vec<Diagnostic>> {
    let loaded = state.loaded();
    let encoding = state.encoding();
    let mut by_file: BTreeMap<String, Vec<(Problem, DiagnosticSeverity)>> = BTreeMap::new();
    if let Some(e) = state.load_error() {
        let file = e.file.clone();
        by_file
            .entry(file)
            .or_default()
            .push((e.into(), DiagnosticSeverity::ERROR));
    }
    for p in &loaded.problems {
        by_file
            .entry(p.file.clone())
            .or_default()
            .push((p.clone(), DiagnosticSeverity::WARNING));
    }
    let mut out = BTreeMap::new();
    for (file, problems) in by_file {
        let Ok(uri) = Url::from_file_path(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let index = LineIndex::new(&text);
        let conv = Converter::new(&text, &index, encoding);
        let diags = problems
            .into_iter()
            .map(|(p, severity)| Diagnostic {
                range: line_rest(&conv, p.pos),
                severity: Some(severity),
                source: Some(SOURCE.to_string()),
                message: p.message,
                ..Diagnostic::default()
            })
            .collect();
        out.insert(uri, diags);
    }
    out
}

/// From a file position to the end of its line (at least one character
/// when the line has one).
fn line_rest(conv: &Converter, pos: FilePos) -> tower_lsp::lsp_types::Range {
    let start = conv.file_pos_offset(pos.line, pos.column);
    let line = conv.line_range(pos.line);
    conv.range(start..line.end.max(start))
}

/// Pushes the glossary's problems (and clears files that no longer have
/// any). In pull mode open files get theirs by pulling.
pub async fn publish_problems(state: &State) {
    let pull = state.init().pull_diagnostics;
    let open = state.open_uris();
    let current = problems(state);
    let previous = std::mem::replace(
        &mut *lock(&state.problem_files),
        current.keys().cloned().collect(),
    );
    let pulled = |uri: &Url| pull && open.contains(uri);
    for uri in previous {
        if !current.contains_key(&uri) && !pulled(&uri) {
            state.publish_diagnostics(uri, &[], None);
        }
    }
    for (uri, diags) in current {
        if !pulled(&uri) {
            state.publish_diagnostics(uri, &diags, None);
        }
    }
}

/// Publishes a document's diagnostics if `rev` is still its revision.
pub async fn publish(state: &State, uri: &Url, rev: u64) {
    if state.init().pull_diagnostics || state.rev(uri) != Some(rev) {
        return;
    }
    let Some(snapshot) = state.snapshot(uri).await else {
        return;
    };
    if snapshot.rev != rev || state.rev(uri) != Some(rev) {
        return;
    }
    let diags = of_snapshot(state, &snapshot);
    state.publish_diagnostics(uri.clone(), &diags, Some(snapshot.version));
}

/// Publishes a document's diagnostics after `delay`, unless it changes
/// again before then (a burst of edits costs one lint of the last text).
pub fn schedule(state: &Arc<State>, uri: Url, rev: u64, delay: Duration) {
    let state = state.clone();
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        publish(&state, &uri, rev).await;
    });
}

/// After a reload: new diagnostics for every open document and glossary file.
pub async fn refresh_all(state: &Arc<State>) {
    publish_problems(state).await;
    let init = state.init();
    if init.pull_diagnostics {
        if init.diagnostic_refresh {
            let _ = state.client.workspace_diagnostic_refresh().await;
        }
        return;
    }
    for uri in state.open_uris() {
        if let Some(rev) = state.rev(&uri) {
            schedule(state, uri, rev, Duration::ZERO);
        }
    }
}
