//! CSV and TSV glossaries: a header row naming the columns, then one entry
//! per row.
//!
//! Columns are found by name in any order (`name` or `term`, `definition` or
//! `description`, `aliases`, `related`, `area`, `summary`, `url`, `status`,
//! and the rest of the native keys). List cells hold several values separated
//! by `|`, or by `;` when the cell has no `|`. Quoted fields may hold the
//! separator, doubled quotes and line breaks. The reader is our own rather
//! than the `csv` crate's because that one reads an unterminated quote to the
//! end of the file without complaint and cannot say where a cell starts.

use super::foreign::{resolve_references, split_list};
use super::{slug, FilePos, GlossaryFile, LoadError, Origin, Status, Term};

/// The entry field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Aliases,
    Summary,
    Definition,
    Related,
    Broader,
    Area,
    Examples,
    See,
    Status,
    UseInstead,
    CaseSensitive,
    Url,
}

/// Header names (lower case, `_` for spaces and hyphens) and their columns.
const COLUMNS: &[(&str, Column)] = &[
    ("id", Column::Id),
    ("name", Column::Name),
    ("term", Column::Name),
    ("aliases", Column::Aliases),
    ("alias", Column::Aliases),
    ("synonyms", Column::Aliases),
    ("summary", Column::Summary),
    ("definition", Column::Definition),
    ("description", Column::Definition),
    ("related", Column::Related),
    ("related_terms", Column::Related),
    ("broader", Column::Broader),
    ("area", Column::Area),
    ("category", Column::Area),
    ("examples", Column::Examples),
    ("example", Column::Examples),
    ("see", Column::See),
    ("sources", Column::See),
    ("status", Column::Status),
    ("use_instead", Column::UseInstead),
    ("case_sensitive", Column::CaseSensitive),
    ("url", Column::Url),
    ("link", Column::Url),
];

/// One cell as read, with the byte offset where it starts.
#[derive(Debug)]
struct Cell {
    text: String,
    offset: usize,
}

/// Parses a CSV (`delimiter` `,`) or TSV (`\t`) glossary. A `.csv` file whose
/// header row holds `;` and no `,` is read with `;` as the delimiter.
pub fn parse(text: &str, file: &str, delimiter: char) -> Result<GlossaryFile, LoadError> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let delimiter = sniff_delimiter(&text[text_start..], delimiter);
    let mut rows = read_rows(text, text_start, delimiter)
        .map_err(|(offset, message)| LoadError::at_offset(file, text, offset, message))?
        .into_iter()
        .filter(|row| row.iter().any(|c| !c.text.is_empty()));
    let header = rows
        .next()
        .ok_or_else(|| LoadError::at(file, None, "the file is empty; expected a header row"))?;
    let columns = header_columns(&header)
        .map_err(|(offset, message)| LoadError::at_offset(file, text, offset, message))?;
    let mut terms = Vec::new();
    for row in rows {
        let term = read_term(&row, &columns, text, file)
            .map_err(|(offset, message)| LoadError::at_offset(file, text, offset, message))?;
        terms.push(term);
    }
    resolve_references(&mut terms);
    Ok(GlossaryFile { meta: None, terms })
}

fn sniff_delimiter(text: &str, delimiter: char) -> char {
    let header = text.lines().next().unwrap_or_default();
    if delimiter == ',' && !header.contains(',') && header.contains(';') {
        ';'
    } else {
        delimiter
    }
}

fn header_columns(header: &[Cell]) -> Result<Vec<Column>, (usize, String)> {
    let mut columns: Vec<Column> = Vec::new();
    for cell in header {
        let key = cell.text.to_lowercase().replace([' ', '-'], "_");
        let Some(&(_, column)) = COLUMNS.iter().find(|(name, _)| *name == key) else {
            let names: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
            return Err((
                cell.offset,
                format!(
                    "unknown column \"{}\"; the columns glossa reads are {} (rename or remove the column)",
                    cell.text,
                    names.join(", ")
                ),
            ));
        };
        if let Some(j) = columns.iter().position(|c| *c == column) {
            return Err((
                cell.offset,
                format!(
                    "columns \"{}\" and \"{}\" fill the same field; keep one of them",
                    header[j].text, cell.text
                ),
            ));
        }
        columns.push(column);
    }
    if !columns.contains(&Column::Name) {
        let offset = header.first().map_or(0, |c| c.offset);
        return Err((
            offset,
            "the header row has no \"name\" (or \"term\") column; every entry needs a name".into(),
        ));
    }
    Ok(columns)
}

fn read_term(
    row: &[Cell],
    columns: &[Column],
    text: &str,
    file: &str,
) -> Result<Term, (usize, String)> {
    let row_start = row.first().map_or(0, |c| c.offset);
    if let Some(extra) = row[columns.len().min(row.len())..]
        .iter()
        .find(|c| !c.text.is_empty())
    {
        return Err((
            extra.offset,
            format!(
                "this row has {} cells but the header names {} columns",
                row.len(),
                columns.len()
            ),
        ));
    }
    let mut term = Term {
        origin: Origin {
            file: file.to_string(),
            header: FilePos::from_offset(text, row_start),
            references: Vec::new(),
        },
        ..Term::default()
    };
    let mut id = None;
    for (cell, column) in row.iter().zip(columns) {
        let value = cell.text.clone();
        let at = FilePos::from_offset(text, cell.offset);
        let optional = || (!value.is_empty()).then(|| value.clone());
        match column {
            Column::Id => id = optional(),
            Column::Name => term.name = value,
            Column::Aliases => term.aliases = split_list(&value),
            Column::Summary => term.summary = optional(),
            Column::Definition => term.definition = value,
            Column::Related | Column::Broader => {
                let ids = split_list(&value);
                term.origin
                    .references
                    .extend(ids.iter().map(|r| (r.clone(), at)));
                if *column == Column::Related {
                    term.related = ids;
                } else {
                    term.broader = ids;
                }
            }
            Column::Area => term.area = optional(),
            Column::Examples => term.examples = split_list(&value),
            Column::See => term.see = split_list(&value),
            Column::Status => {
                term.status = status(&value).ok_or_else(|| {
                    (
                        cell.offset,
                        format!("status \"{value}\" is not one of preferred, admitted, deprecated"),
                    )
                })?
            }
            Column::UseInstead => {
                term.use_instead = optional();
                if let Some(r) = &term.use_instead {
                    term.origin.references.push((r.clone(), at));
                }
            }
            Column::CaseSensitive => {
                term.case_sensitive = flag(&value).ok_or_else(|| {
                    (
                        cell.offset,
                        format!("case_sensitive \"{value}\" is not true or false"),
                    )
                })?
            }
            Column::Url => term.url = optional(),
        }
    }
    if term.name.is_empty() {
        return Err((row_start, "this row has no name".into()));
    }
    term.id = id.unwrap_or_else(|| slug(&term.name));
    Ok(term)
}

fn status(value: &str) -> Option<Status> {
    match value.to_lowercase().as_str() {
        "" | "preferred" => Some(Status::Preferred),
        "admitted" => Some(Status::Admitted),
        "deprecated" => Some(Status::Deprecated),
        _ => None,
    }
}

fn flag(value: &str) -> Option<Option<bool>> {
    match value.to_lowercase().as_str() {
        "" => Some(None),
        "true" | "yes" | "1" => Some(Some(true)),
        "false" | "no" | "0" => Some(Some(false)),
        _ => None,
    }
}

/// Splits `text` (from byte `start`) into rows of trimmed cells. Errors are
/// (byte offset, message).
fn read_rows(text: &str, start: usize, delimiter: char) -> Result<Vec<Vec<Cell>>, (usize, String)> {
    let mut chars = text[start..]
        .char_indices()
        .map(|(i, c)| (i + start, c))
        .peekable();
    let blank = |c: char| c == ' ' || (c == '\t' && delimiter != '\t');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    loop {
        while chars.peek().is_some_and(|&(_, c)| blank(c)) {
            chars.next();
        }
        let offset = chars.peek().map_or(text.len(), |&(i, _)| i);
        let mut cell = String::new();
        if chars.peek().is_some_and(|&(_, c)| c == '"') {
            chars.next();
            loop {
                match chars.next() {
                    None => {
                        return Err((
                            offset,
                            "this quoted field is never closed; add the closing quote".into(),
                        ))
                    }
                    Some((_, '"')) if chars.peek().is_some_and(|&(_, c)| c == '"') => {
                        chars.next();
                        cell.push('"');
                    }
                    Some((_, '"')) => break,
                    Some((_, c)) => cell.push(c),
                }
            }
            while chars.peek().is_some_and(|&(_, c)| blank(c)) {
                chars.next();
            }
            if let Some(&(i, c)) = chars.peek() {
                if c != delimiter && c != '\n' && c != '\r' {
                    return Err((
                        i,
                        "unexpected text after the closing quote of a field; write a quote inside a quoted field as two quotes".into(),
                    ));
                }
            }
            row.push(Cell {
                text: cell.replace("\r\n", "\n").trim().to_string(),
                offset: offset + 1,
            });
        } else {
            while let Some(&(_, c)) = chars.peek() {
                if c == delimiter || c == '\n' || c == '\r' {
                    break;
                }
                cell.push(c);
                chars.next();
            }
            row.push(Cell {
                text: cell.trim().to_string(),
                offset,
            });
        }
        match chars.next() {
            None => {
                rows.push(row);
                return Ok(rows);
            }
            Some((_, c)) if c == delimiter => {}
            Some((_, c)) => {
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                rows.push(std::mem::take(&mut row));
                if chars.peek().is_none() {
                    return Ok(rows);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        read_rows(text, 0, ',')
            .unwrap()
            .into_iter()
            .map(|r| r.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn reads_quoted_cells() {
        assert_eq!(
            cells("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n c ,\n"),
            [
                vec!["a", "b"],
                vec!["x, y", "say \"hi\"\nthere"],
                vec!["c", ""]
            ]
        );
        assert_eq!(cells("a,\"b\""), [vec!["a", "b"]]);
        assert_eq!(cells("a,b"), [vec!["a", "b"]]);
    }

    #[test]
    fn locates_errors() {
        for (text, pos, needle) in [
            ("name,definition\nA,\"open\n", (2, 3), "never closed"),
            (
                "name,definition\nA,\"x\"y\n",
                (2, 6),
                "after the closing quote",
            ),
            ("definition,aliases\nx,y\n", (1, 1), "no \"name\""),
            ("name,colour\n", (1, 6), "unknown column \"colour\""),
            ("name,term\n", (1, 6), "same field"),
            ("name,status\nA,maybe\n", (2, 3), "status \"maybe\""),
            ("name,definition\nA,b,c\n", (2, 5), "3 cells"),
            ("name,definition\n,b\n", (2, 1), "no name"),
        ] {
            let e = parse(text, "g.csv", ',').unwrap_err();
            let p = e.pos.unwrap();
            assert_eq!((p.line + 1, p.column + 1), pos, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{e}");
        }
    }
}
