//! The native schema as JSON: `{"glossary": {...}, "term": [...]}`.

use serde::Deserialize;

use super::{FilePos, GlossaryFile, LoadError, Meta, Origin, Term};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    glossary: Option<Meta>,
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
struct RawTerm {
    #[serde(default)]
    id: Option<String>,
    #[serde(flatten)]
    term: Term,
}

/// Parses a native JSON glossary file.
pub fn parse(text: &str, file: &str) -> Result<GlossaryFile, LoadError> {
    let raw: RawFile = serde_json::from_str(text).map_err(|e| {
        LoadError::at(
            file,
            Some(FilePos {
                line: e.line().saturating_sub(1) as u32,
                column: e.column().saturating_sub(1) as u32,
            }),
            e.to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    })?;
    let lines = super::error::LineStarts::new(text);
    let mut search_from = 0;
    let terms = raw
        .term
        .into_iter()
        .map(|RawTerm { id, mut term }| {
            if term.name.trim().is_empty() && id.is_none() {
                term.id = String::new();
            } else {
                term.id = id.unwrap_or_else(|| super::slug(&term.name));
            }
            let needle = serde_json::to_string(&term.name).unwrap_or_default();
            let at = text[search_from..]
                .find(&needle)
                .map_or(search_from, |i| i + search_from);
            search_from = at;
            term.origin = Origin {
                file: file.to_string(),
                header: lines.pos(text, at),
                references: Vec::new(),
            };
            term
        })
        .collect();
    Ok(GlossaryFile {
        meta: raw.glossary,
        terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_native_json() {
        let f = parse(
            r#"{"term": [{"name": "Common Reporting Standard", "aliases": ["CRS"], "status": "deprecated", "use_instead": "x"}]}"#,
            "g.json",
        )
        .unwrap();
        assert_eq!(f.terms[0].id, "common-reporting-standard");
        assert_eq!(f.terms[0].aliases, ["CRS"]);
        assert_eq!(f.terms[0].status, super::super::Status::Deprecated);
    }

    #[test]
    fn wrong_types_are_located() {
        let e = parse("{\"term\": [\n {\"name\": [1]}]}", "g.json").unwrap_err();
        assert_eq!(e.pos.unwrap().line, 1);
        assert!(e.message.contains("invalid type"), "{e}");
    }
}
