//! Go to definition: from a mention to its entry's `[[term]]` header, and
//! inside a glossary file from an id in `related`, `broader` or
//! `use_instead` to that entry.

use tower_lsp::lsp_types::{Location, Position};

use super::document::Snapshot;
use super::glossary_file;
use crate::glossary::Term;
use crate::matcher::mention_at;

/// The entry a position refers to: the mention under it, else (in a
/// glossary file) the id under it.
pub fn term_at(snapshot: &Snapshot, pos: Position) -> Option<&Term> {
    let conv = snapshot.conv();
    if !conv.contains(pos) {
        return None;
    }
    let offset = conv.offset(pos);
    let glossary = snapshot.loaded.glossary();
    match mention_at(&snapshot.analysis.mentions, offset) {
        Some(m) => glossary.terms().get(m.term),
        None => glossary.get(&glossary_file::reference_at(snapshot, offset)?.id),
    }
}

/// The location of the entry at `pos`.
pub fn definition(snapshot: &Snapshot, pos: Position) -> Option<Location> {
    let term = term_at(snapshot, pos)?;
    snapshot.loaded.location(term).cloned()
}
