//! Glossary file formats and the choice between them.

use std::str::FromStr;

use super::{
    csv, docusaurus, ethereum, json, jsonld, markdown, skos, toml, GlossaryFile, LoadError,
};

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Native TOML (`[[term]]` tables).
    Toml,
    /// The native schema as JSON (`{"term": [...]}`), or a flat map of
    /// `"<id>-term"` / `"<id>-definition"` keys (the ethereum.org glossary's shape).
    Json,
    /// schema.org `DefinedTermSet` / `DefinedTerm`.
    JsonLd,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// A Markdown glossary page: a heading per term.
    Markdown,
    /// docusaurus-plugin-glossary JSON.
    Docusaurus,
    /// SKOS concepts in Turtle.
    Skos,
}

impl Format {
    /// Every format, in the order of the `--format` help.
    pub const ALL: [Format; 8] = [
        Format::Toml,
        Format::Json,
        Format::JsonLd,
        Format::Csv,
        Format::Tsv,
        Format::Markdown,
        Format::Docusaurus,
        Format::Skos,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
            Format::JsonLd => "jsonld",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Docusaurus => "docusaurus",
            Format::Skos => "skos",
        }
    }

    /// The format a file name and its content suggest, if any: the extension,
    /// and for `.json` the shape of the document.
    pub fn detect(path: &str, text: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        Some(match ext.as_str() {
            "toml" => Format::Toml,
            "jsonld" => Format::JsonLd,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "md" | "markdown" | "mdx" => Format::Markdown,
            "ttl" => Format::Skos,
            "json" => detect_json(text),
            _ => return None,
        })
    }
}

fn detect_json(text: &str) -> Format {
    let head: String = text
        .chars()
        .take(4096)
        .filter(|c| !c.is_whitespace())
        .collect();
    if head.contains("\"@context\"") || head.contains("\"@type\"") || head.starts_with('[') {
        Format::JsonLd
    } else if head.starts_with("{\"terms\"")
        || (head.contains("\"terms\":[") && !head.contains("\"term\":["))
    {
        Format::Docusaurus
    } else {
        Format::Json
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s.to_ascii_lowercase())
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown format \"{s}\"; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// Parses glossary text in the given format; `file` names it in messages.
pub fn parse(text: &str, file: &str, format: Format) -> Result<GlossaryFile, LoadError> {
    match format {
        Format::Toml => toml::parse(text, file),
        Format::Json if ethereum::looks_like(text) => ethereum::parse(text, file),
        Format::Json => json::parse(text, file),
        Format::JsonLd => jsonld::parse(text, file),
        Format::Csv => csv::parse(text, file, ','),
        Format::Tsv => csv::parse(text, file, '\t'),
        Format::Docusaurus => docusaurus::parse(text, file),
        Format::Markdown => markdown::parse(text, file),
        Format::Skos => skos::parse(text, file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_extension_and_shape() {
        for (path, text, want) in [
            ("a.toml", "", Some(Format::Toml)),
            ("a.json", "{\"term\": []}", Some(Format::Json)),
            (
                "a.json",
                "{\"@context\": \"https://schema.org\"}",
                Some(Format::JsonLd),
            ),
            ("a.json", "{ \"terms\": [] }", Some(Format::Docusaurus)),
            ("a.json", "{\"x-term\": \"X\"}", Some(Format::Json)),
            ("a.jsonld", "", Some(Format::JsonLd)),
            ("a.tsv", "", Some(Format::Tsv)),
            ("A.CSV", "", Some(Format::Csv)),
            ("a.ttl", "", Some(Format::Skos)),
            ("a.md", "", Some(Format::Markdown)),
            ("a.txt", "", None),
        ] {
            assert_eq!(Format::detect(path, text), want, "{path}");
        }
    }

    #[test]
    fn json_reads_the_native_and_the_flat_shape() {
        let native = parse("{\"term\": [{\"name\": \"Tax\"}]}", "a.json", Format::Json).unwrap();
        let flat = parse("{\"tax-term\": \"Tax\"}", "a.json", Format::Json).unwrap();
        assert_eq!(native.terms[0].id, "tax");
        assert_eq!(flat.terms[0].id, "tax");
    }
}
