//! Writing a glossary out: native TOML and JSON, schema.org JSON-LD, CSV or
//! TSV, and a static HTML site. Writers return text (the site: a list of
//! files); the command line writes it to disk.

pub mod csv;
pub mod html;
pub mod json;
pub mod jsonld;
pub mod toml;

use std::str::FromStr;

use crate::glossary::Glossary;

/// A format `glossa export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Native TOML, the format `glossa import` writes.
    Toml,
    /// The native schema as JSON.
    Json,
    /// schema.org `DefinedTermSet` JSON-LD.
    JsonLd,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// A static site: an index with search and one page per entry.
    Html,
}

impl ExportFormat {
    /// Every format, in the order of the `--format` help.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Toml,
        ExportFormat::Json,
        ExportFormat::JsonLd,
        ExportFormat::Csv,
        ExportFormat::Tsv,
        ExportFormat::Html,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Toml => "toml",
            ExportFormat::Json => "json",
            ExportFormat::JsonLd => "jsonld",
            ExportFormat::Csv => "csv",
            ExportFormat::Tsv => "tsv",
            ExportFormat::Html => "html",
        }
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<ExportFormat, String> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == s.to_ascii_lowercase())
            .ok_or_else(|| {
                let names: Vec<_> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "unknown export format \"{s}\"; expected one of {}",
                    names.join(", ")
                )
            })
    }
}

/// A glossary that the chosen format cannot hold as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    /// What cannot be written, and what to change.
    pub message: String,
}

/// One file of an exported site: a path relative to the site's folder (with
/// `/` separators) and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Where the file goes, relative to the site's folder.
    pub path: String,
    /// Its content.
    pub content: String,
}

/// Writes `glossary` in a single-file format (every format but `html`).
pub fn to_string(glossary: &Glossary, format: ExportFormat) -> Result<String, ExportError> {
    match format {
        ExportFormat::Toml => Ok(toml::write(&glossary.meta, glossary.terms())),
        ExportFormat::Json => Ok(json::write(glossary)),
        ExportFormat::JsonLd => Ok(jsonld::write(glossary)),
        ExportFormat::Csv => csv::write(glossary, b','),
        ExportFormat::Tsv => csv::write(glossary, b'\t'),
        ExportFormat::Html => Err(ExportError {
            message: "the html format writes a folder of pages, not one file".into(),
        }),
    }
}
