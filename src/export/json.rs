//! The native schema as JSON: `{"glossary": {...}, "term": [...]}`, which the
//! `json` loader reads back.

use serde::Serialize;

use crate::glossary::{Glossary, Meta, Term};

#[derive(Serialize)]
struct File<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary: Option<&'a Meta>,
    term: &'a [Term],
}

/// The glossary as native JSON, pretty-printed, ending with a newline.
pub fn write(glossary: &Glossary) -> String {
    let file = File {
        glossary: (glossary.meta != Meta::default()).then_some(&glossary.meta),
        term: glossary.terms(),
    };
    let mut out = serde_json::to_string_pretty(&file)
        .expect("glossary entries are plain strings, lists and flags, which JSON can hold");
    out.push('\n');
    out
}
