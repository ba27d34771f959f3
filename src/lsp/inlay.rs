//! Inlay hints: the long form after each glossary acronym, when the
//! `inlay_hints` setting is on.

use tower_lsp::lsp_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Range};

use super::document::Snapshot;
use crate::lint::words::is_acronym_like;

/// The hints for mentions inside `range`.
pub fn inlay_hints(snapshot: &Snapshot, range: Range) -> Vec<InlayHint> {
    let loaded = &snapshot.loaded;
    if !loaded.config().inlay_hints {
        return Vec::new();
    }
    let conv = snapshot.conv();
    let bytes = conv.byte_range(range);
    let terms = loaded.glossary().terms();
    let mentions = &snapshot.analysis.mentions;
    let first = mentions.partition_point(|m| m.end <= bytes.start);
    mentions[first..]
        .iter()
        .take_while(|m| m.start < bytes.end.max(bytes.start + 1))
        .filter_map(|m| {
            let term = terms.get(m.term)?;
            let label = loaded.engine.matcher().label_of(m);
            if label == term.name || !is_acronym_like(label) || is_acronym_like(&term.name) {
                return None;
            }
            // "Permanent Establishment (PE)" already says it.
            let before = snapshot.text[..m.start].trim_end().trim_end_matches('(');
            if before
                .trim_end()
                .to_lowercase()
                .ends_with(&term.name.to_lowercase())
            {
                return None;
            }
            Some(InlayHint {
                position: conv.position(m.end),
                label: InlayHintLabel::String(format!("({})", term.name)),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(term.short_description())),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}
