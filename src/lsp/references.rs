//! References: every mention of an entry in the open documents (their open
//! text wins over the file on disk) and in the workspace's other files, each
//! once; glossary files are not searched. `includeDeclaration` adds the
//! entry's header.

use std::collections::HashSet;

use tower_lsp::lsp_types::{Location, Position, Url};

use super::definition;
use super::document::Snapshot;
use super::glossary_file;
use super::state::{lock, State};

/// The id of the entry at `pos`: a mention, an id in a glossary file, or the
/// entry a glossary file's text belongs to.
pub fn id_at(snapshot: &Snapshot, pos: Position) -> Option<String> {
    if let Some(term) = definition::term_at(snapshot, pos) {
        return Some(term.id.clone());
    }
    let conv = snapshot.conv();
    if !conv.contains(pos) {
        return None;
    }
    let entry = glossary_file::outline(snapshot)?.entry_at(conv.offset(pos))?;
    Some(entry.id.clone())
}

/// Every mention of the entry `id`, sorted by file and position.
pub async fn references(state: &State, id: &str, include_declaration: bool) -> Vec<Location> {
    let pending = std::mem::take(&mut *lock(&state.index_updates));
    for update in pending {
        let _ = update.await;
    }
    let loaded = state.loaded();
    let mut out = Vec::new();
    let mut open_paths = HashSet::new();
    for uri in state.open_uris() {
        if let Ok(p) = uri.to_file_path() {
            open_paths.insert(p);
        }
        let Some(snapshot) = state.snapshot(&uri).await else {
            continue;
        };
        if snapshot.loaded.is_project_file(&uri) {
            continue;
        }
        let terms = snapshot.loaded.glossary().terms();
        let conv = snapshot.conv();
        out.extend(
            snapshot
                .analysis
                .mentions
                .iter()
                .filter(|m| terms.get(m.term).is_some_and(|t| t.id == id))
                .map(|m| Location::new(uri.clone(), conv.range(m.start..m.end))),
        );
    }
    {
        let index = lock(&state.index);
        for (path, mentions) in &index.files {
            if open_paths.contains(path) || loaded.is_glossary_path(path) {
                continue;
            }
            let Ok(uri) = Url::from_file_path(path) else {
                continue;
            };
            out.extend(
                mentions
                    .iter()
                    .filter(|(m, _)| &**m == id)
                    .map(|(_, range)| Location::new(uri.clone(), *range)),
            );
        }
    }
    out.sort_by(|a, b| {
        (a.uri.as_str(), a.range.start.line, a.range.start.character).cmp(&(
            b.uri.as_str(),
            b.range.start.line,
            b.range.start.character,
        ))
    });
    if include_declaration {
        if let Some(loc) = loaded.glossary().get(id).and_then(|t| loaded.location(t)) {
            out.insert(0, loc.clone());
        }
    }
    out
}
