//! Hover: the entry of the mention under the cursor, rendered by
//! [`term_markdown`]; inside a glossary file, the entry an id refers to.

use tower_lsp::lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::document::Snapshot;
use super::glossary_file;
use crate::glossary::Term;
use crate::matcher::mention_at;
use crate::render::term_markdown;

/// The hover at `pos`, or `None` outside mentions.
pub fn hover(snapshot: &Snapshot, pos: Position) -> Option<Hover> {
    let conv = snapshot.conv();
    if !conv.contains(pos) {
        return None;
    }
    let offset = conv.offset(pos);
    let glossary = snapshot.loaded.glossary();
    let (term, range) = match mention_at(&snapshot.analysis.mentions, offset) {
        Some(m) => (glossary.terms().get(m.term)?, m.start..m.end),
        None => {
            let r = glossary_file::reference_at(snapshot, offset)?;
            (glossary.get(&r.id)?, r.range)
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown(snapshot, term),
        }),
        range: Some(conv.range(range)),
    })
}

/// An entry as Markdown, with links that open related entries in their files.
pub fn markdown(snapshot: &Snapshot, term: &Term) -> String {
    let loaded = &snapshot.loaded;
    term_markdown(loaded.glossary(), term, &|t| loaded.link(t))
}
