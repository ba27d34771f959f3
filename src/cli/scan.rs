//! `glossa scan FILE [--json]`: every mention of a glossary term.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::document::{Encoding, Language, LineIndex};

/// Arguments of `glossa scan`.
#[derive(clap::Args)]
pub struct Args {
    /// The file to scan (`-` for stdin)
    file: PathBuf,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Runs `glossa scan`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let (name, text) = super::lint::read_input(&args.file)?;
    let root = super::lint::root_for(&args.file);
    let workspace =
        crate::sources::load_workspace(&root, &crate::sources::env_glossary(), &global.glossary)
            .map_err(|e| anyhow::anyhow!("glossary: {e}"))?;
    let engine =
        crate::engine::Engine::new(std::sync::Arc::new(workspace.glossary), workspace.config);
    let (_, mentions) = engine.scan(&text, Language::from_path(&name));
    let index = LineIndex::new(&text);
    let terms = engine.glossary().terms();
    let mut rows = Vec::new();
    for m in &mentions {
        let utf16 = index.position(&text, m.start, Encoding::Utf16);
        let utf8 = index.position(&text, m.start, Encoding::Utf8);
        rows.push(json!({
            "term_id": terms[m.term].id,
            "label": engine.matcher().label_of(m),
            "text": &text[m.start..m.end],
            "start": m.start,
            "end": m.end,
            "line": utf16.line,
            "character_utf16": utf16.character,
            "character_utf8": utf8.character,
        }));
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for (m, row) in mentions.iter().zip(&rows) {
            let p = index.position(&text, m.start, Encoding::Utf32);
            outln!(
                "{name}:{}:{}: {} ({})",
                p.line + 1,
                p.character + 1,
                row["text"].as_str().unwrap_or(""),
                terms[m.term].id
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
