//! Completion of glossary names and aliases in prose: one item per entry
//! whose label starts with the word(s) already typed, which the item replaces.

use std::collections::HashSet;

use tower_lsp::lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList, CompletionResponse,
    CompletionTextEdit, Documentation, MarkupContent, MarkupKind, Position, TextEdit,
};

use super::document::Snapshot;
use crate::glossary::{Status, Term};

/// The most items sent at once; the list is marked incomplete beyond it.
const MAX_ITEMS: usize = 100;

/// How many words back a multi-word name may have been started.
const MAX_WORDS: usize = 6;

/// The completion items at `pos`, or `None` outside prose.
pub fn completion(snapshot: &Snapshot, pos: Position) -> Option<CompletionResponse> {
    let conv = snapshot.conv();
    if !conv.contains(pos) {
        return None;
    }
    let offset = conv.offset(pos);
    let line_start = conv.line_range(pos.line).start;
    let before = snapshot.text.get(line_start..offset)?;
    let starts = word_starts(before);
    let current = *starts.last()?;
    if !snapshot.analysis.regions.in_prose(line_start + current) {
        return None;
    }
    let loaded = &snapshot.loaded;
    let terms = loaded.glossary().terms();
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    let mut incomplete = false;
    // The longest run of typed words first, so that "permanent est" offers
    // Permanent Establishment replacing both words.
    for (i, &start) in starts.iter().enumerate() {
        let rank = MAX_WORDS - (starts.len() - i);
        let query = fold(&before[start..]);
        for (label, i) in loaded.labels_with_prefix(&query) {
            if !seen.insert(*i) {
                continue;
            }
            if items.len() == MAX_ITEMS {
                incomplete = true;
                break;
            }
            let term = &terms[*i];
            let written = term
                .labels()
                .find(|l| l.to_lowercase() == *label)
                .unwrap_or(&term.name);
            let range = conv.range(line_start + start..offset);
            items.push(item(term, written, range, rank));
        }
    }
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: incomplete,
        items,
    }))
}

/// One item: the entry's name as label, the matched label as the text.
fn item(
    term: &Term,
    written: &str,
    range: tower_lsp::lsp_types::Range,
    rank: usize,
) -> CompletionItem {
    let mut doc = String::new();
    if let Some(s) = term.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        doc.push_str(s.trim());
    }
    if !term.definition.trim().is_empty() {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(term.definition.trim());
    }
    let deprecated = term.status == Status::Deprecated;
    let mut filter: Vec<&str> = vec![written];
    filter.extend(term.labels().filter(|l| *l != written));
    CompletionItem {
        label: term.name.clone(),
        kind: Some(CompletionItemKind::TEXT),
        detail: (written != term.name)
            .then(|| written.to_string())
            .or_else(|| term.area.clone()),
        documentation: Some(Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: doc,
        })),
        tags: deprecated.then(|| vec![CompletionItemTag::DEPRECATED]),
        sort_text: Some(format!(
            "{}{rank}{}",
            u8::from(deprecated),
            written.to_lowercase()
        )),
        filter_text: Some(filter.join(" ")),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: written.to_string(),
        })),
        ..CompletionItem::default()
    }
}

/// The starts of the last words before the cursor, the earliest first; the
/// last one is the word being typed. Empty when no word is being typed.
fn word_starts(before: &str) -> Vec<usize> {
    let typing = |c: char| c.is_alphanumeric() || "-'’".contains(c);
    if !before.ends_with(typing) {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut end = before.len();
    while starts.len() < MAX_WORDS && end > 0 {
        let token_start = before[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token = &before[token_start..end];
        // A word before the one being typed must end in a letter or digit:
        // "done. Ne" does not continue a name across the full stop.
        let Some(skip) = token.find(char::is_alphanumeric) else {
            break;
        };
        if !starts.is_empty() && !token.ends_with(char::is_alphanumeric) {
            break;
        }
        starts.push(token_start + skip);
        if skip > 0 {
            break;
        }
        end = before[..token_start].trim_end().len();
    }
    starts.reverse();
    starts
}

/// Lower case with runs of whitespace as one space.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::word_starts;

    #[test]
    fn words_before_the_cursor() {
        for (before, want) in [
            ("the Perm", vec![0, 4]),
            ("(Perm", vec![1]),
            ("x, cross-bor", vec![3]),
            ("permanent  est", vec![0, 11]),
            ("ends here ", vec![]),
            ("", vec![]),
            ("done. Ne", vec![6]),
        ] {
            assert_eq!(word_starts(before), want, "{before:?}");
        }
    }
}
