//! `glossa export --format toml|json|jsonld|csv|tsv|html [-o OUT]`: writes
//! the workspace's glossary (SPEC §3, with `--glossary`) in another format.
//!
//! Single-file formats go to stdout or to OUT; `html` writes a folder of
//! pages to OUT, which must be new, empty, or a site glossa wrote before
//! (its stale entry pages are removed).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};

use crate::export::{self, html, ExportFormat, SiteFile};
use crate::sources::io_reason;

/// Arguments of `glossa export`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format: toml, json, jsonld, csv, tsv or html
    #[arg(long, value_name = "F", value_parser = |s: &str| s.parse::<ExportFormat>())]
    format: ExportFormat,
    /// The file to write (default: stdout); for html, the folder of the site
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

/// Runs `glossa export`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let workspace = super::load_workspace(global)?;
    let glossary = &workspace.glossary;
    let output = args.output.filter(|o| o.as_os_str() != "-");
    if args.format == ExportFormat::Html {
        let Some(dir) = output else {
            bail!("export: the html format writes a folder; name it with -o DIR");
        };
        let files = html::site(glossary);
        write_site(&dir, &files)?;
        eprintln!(
            "{} entry pages and index.html written to {}",
            glossary.len(),
            dir.display()
        );
        return Ok(ExitCode::from(super::CLEAN));
    }
    let text = export::to_string(glossary, args.format).map_err(|e| anyhow!("export: {e}"))?;
    match output {
        Some(path) => super::import::write_atomically(&path, &text)?,
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(text.as_bytes())
                .context("stdout")?;
        }
    }
    Ok(ExitCode::from(super::CLEAN))
}

/// Writes the site's files into `dir`, after making sure `dir` holds nothing
/// that glossa did not write.
fn write_site(dir: &Path, files: &[SiteFile]) -> anyhow::Result<()> {
    let fail = |path: &Path, e: std::io::Error| anyhow!("{}: {}", path.display(), io_reason(&e));
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| fail(dir, e))?
            .next()
            .is_none();
        let ours = std::fs::read_to_string(dir.join("index.html"))
            .is_ok_and(|index| index.contains(html::GENERATOR_MARK));
        if !empty && !ours {
            bail!(
                "{}: the folder is not empty and is not a site glossa wrote; choose a new or empty folder",
                dir.display()
            );
        }
    }
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        super::import::write_atomically(&path, &file.content)?;
    }
    // Pages of entries that are gone.
    let written: HashSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    let pages = dir.join(html::PAGES_DIR);
    if let Ok(entries) = std::fs::read_dir(&pages) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") && !written.contains(&path) {
                std::fs::remove_file(&path).map_err(|e| fail(&path, e))?;
            }
        }
    }
    Ok(())
}
