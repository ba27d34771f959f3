//! Symbols: an outline of the entries of a glossary file, and a search over
//! every entry's name and aliases for the whole workspace.

use tower_lsp::lsp_types::{DocumentSymbol, DocumentSymbolResponse, SymbolInformation, SymbolKind};

use super::document::Snapshot;
use super::glossary_file;
use super::loader::Loaded;

/// The most workspace symbols returned for one query.
const MAX_SYMBOLS: usize = 200;

/// The entries of a glossary file as symbols.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written to build one.
pub fn document_symbols(snapshot: &Snapshot) -> Option<DocumentSymbolResponse> {
    let outline = glossary_file::outline(snapshot)?;
    let conv = snapshot.conv();
    let symbols = outline
        .entries
        .iter()
        .map(|e| {
            let body = &snapshot.text[e.range.clone()];
            let end = e.range.start + body.trim_end().len();
            DocumentSymbol {
                name: e.name.clone(),
                detail: e.area.clone(),
                kind: SymbolKind::KEY,
                tags: None,
                deprecated: None,
                range: conv.range(e.range.start..end.max(e.name_range.end)),
                selection_range: conv.range(e.name_range.clone()),
                children: None,
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

/// Entries whose name or an alias contains `query` (ignoring case): exact
/// matches first, then prefixes, then the rest, each by name.
#[allow(deprecated)] // `SymbolInformation::deprecated` must be written to build one.
pub fn workspace_symbols(loaded: &Loaded, query: &str) -> Vec<SymbolInformation> {
    let query = query.trim().to_lowercase();
    let mut found: Vec<(u8, String, SymbolInformation)> = Vec::new();
    for term in loaded.glossary().terms() {
        let Some(location) = loaded.location(term) else {
            continue;
        };
        let rank = term
            .labels()
            .filter_map(|l| {
                let l = l.to_lowercase();
                if l == query {
                    Some(0)
                } else if l.starts_with(&query) {
                    Some(1)
                } else if l.contains(&query) {
                    Some(2)
                } else {
                    None
                }
            })
            .min();
        let Some(rank) = rank else {
            continue;
        };
        found.push((
            rank,
            term.name.to_lowercase(),
            SymbolInformation {
                name: term.name.clone(),
                kind: SymbolKind::KEY,
                tags: None,
                deprecated: None,
                location: location.clone(),
                container_name: term.area.clone(),
            },
        ));
    }
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found
        .into_iter()
        .take(MAX_SYMBOLS)
        .map(|(_, _, s)| s)
        .collect()
}
