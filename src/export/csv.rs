//! CSV and TSV with a header row: one column per field that some entry uses,
//! named as the loader reads them back. Lists are joined with `; `, or with
//! ` | ` when an item holds a `;`.

use crate::glossary::{slug, Glossary, Status, Term};

use super::ExportError;

/// The columns, their header names, and how to read a value from an entry.
type Cell = fn(&Term) -> Cells;

enum Cells {
    One(String),
    List(Vec<String>),
}

const COLUMNS: &[(&str, Cell)] = &[
    ("id", |t| {
        Cells::One(if t.id == slug(&t.name) {
            String::new()
        } else {
            t.id.clone()
        })
    }),
    ("name", |t| Cells::One(t.name.clone())),
    ("aliases", |t| Cells::List(t.aliases.clone())),
    ("summary", |t| {
        Cells::One(t.summary.clone().unwrap_or_default())
    }),
    ("definition", |t| Cells::One(t.definition.clone())),
    ("related", |t| Cells::List(t.related.clone())),
    ("broader", |t| Cells::List(t.broader.clone())),
    ("area", |t| Cells::One(t.area.clone().unwrap_or_default())),
    ("examples", |t| Cells::List(t.examples.clone())),
    ("see", |t| Cells::List(t.see.clone())),
    ("status", |t| {
        Cells::One(match t.status {
            Status::Preferred => String::new(),
            other => other.as_str().to_string(),
        })
    }),
    ("use_instead", |t| {
        Cells::One(t.use_instead.clone().unwrap_or_default())
    }),
    ("case_sensitive", |t| {
        Cells::One(t.case_sensitive.map(|b| b.to_string()).unwrap_or_default())
    }),
    ("url", |t| Cells::One(t.url.clone().unwrap_or_default())),
];

/// The glossary as CSV (`delimiter` `b','`) or TSV (`b'\t'`).
pub fn write(glossary: &Glossary, delimiter: u8) -> Result<String, ExportError> {
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(glossary.len());
    for term in glossary.terms() {
        let row = COLUMNS
            .iter()
            .map(|(column, cell)| match cell(term) {
                Cells::One(text) => Ok(text),
                Cells::List(items) => join(&items).map_err(|item| ExportError {
                    message: format!(
                        "{column} of \"{}\" has an item holding `|` ({item:?}), which separates the items of a list cell; reword the item or use another format",
                        term.id
                    ),
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(row);
    }
    // Name and definition always; other columns when some entry fills them.
    let used: Vec<usize> = (0..COLUMNS.len())
        .filter(|&i| {
            matches!(COLUMNS[i].0, "name" | "definition") || rows.iter().any(|r| !r[i].is_empty())
        })
        .collect();
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let write_err = |e: ::csv::Error| ExportError {
        message: format!("cannot write CSV: {e}"),
    };
    writer
        .write_record(used.iter().map(|&i| COLUMNS[i].0))
        .map_err(write_err)?;
    for row in &rows {
        writer
            .write_record(used.iter().map(|&i| row[i].as_str()))
            .map_err(write_err)?;
    }
    let bytes = writer.into_inner().map_err(|e| ExportError {
        message: format!("cannot write CSV: {e}"),
    })?;
    Ok(String::from_utf8(bytes).expect("the CSV writer only copies the UTF-8 it is given"))
}

/// A list cell that reads back as `items`; the offending item when none does.
fn join(items: &[String]) -> Result<String, String> {
    let items: Vec<&str> = items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .collect();
    if let Some(bad) = items.iter().find(|i| i.contains('|')) {
        return Err(bad.to_string());
    }
    if items.iter().any(|i| i.contains(';')) {
        // A `|` anywhere makes the reader split on `|` only.
        let joined = items.join(" | ");
        Ok(if items.len() == 1 {
            format!("{joined} |")
        } else {
            joined
        })
    } else {
        Ok(items.join("; "))
    }
}
