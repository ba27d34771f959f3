//! `glossa import FILE [--format F] [-o OUT]`: converts a glossary in any
//! format glossa reads into native TOML.
//!
//! Nothing is written when the file cannot be read: the error names the
//! place (`file:line:col`). The converted entries are checked the way
//! `glossa check` does; problems are listed on stderr and make the exit code
//! 1, but the file is still written, so that they can be fixed in the TOML.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};

use crate::export;
use crate::glossary::{parse, Format, Glossary, GlossaryFile, Term};
use crate::sources::{io_reason, read_text};

/// Arguments of `glossa import`.
#[derive(clap::Args)]
pub struct Args {
    /// The glossary to convert (`-` reads stdin, with --format)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Its format: toml, json, jsonld, csv, tsv, markdown, docusaurus or skos
    /// (default: from the file's extension and content)
    #[arg(long, value_name = "F", value_parser = |s: &str| s.parse::<Format>())]
    format: Option<Format>,
    /// Where to write the TOML (default: stdout)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
}

/// Runs `glossa import`.
pub fn run(args: Args, _global: &super::Global) -> anyhow::Result<ExitCode> {
    let stdin = args.file.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let text = if stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| anyhow!("<stdin>: {}", io_reason(&e)))?;
        text
    } else {
        read_text(&args.file).map_err(|e| anyhow!("{e}"))?
    };
    let format = match args.format.or_else(|| Format::detect(&name, &text)) {
        Some(f) => f,
        None => bail!(
            "{name}: cannot tell the glossary format from the file name; pass --format ({})",
            Format::ALL.map(Format::name).join(", ")
        ),
    };
    let file = parse(&text, &name, format).map_err(|e| anyhow!("{e}"))?;
    let toml = export::toml::write(&file.meta.clone().unwrap_or_default(), &file.terms);
    ensure_reads_back(&toml, &file)?;

    let mut glossary = Glossary::default();
    glossary.add_source(vec![file.clone()]);
    let problems = glossary.problems();
    for p in &problems {
        eprintln!("{p}");
    }
    match &args.output {
        Some(out) if out.as_os_str() != "-" => {
            write_atomically(out, &toml)?;
            eprintln!(
                "{} entries from {name} ({}) written to {}{}",
                file.terms.len(),
                format.name(),
                out.display(),
                match problems.len() {
                    0 => String::new(),
                    1 => "; 1 problem to fix".into(),
                    n => format!("; {n} problems to fix"),
                }
            );
        }
        _ => std::io::stdout()
            .write_all(toml.as_bytes())
            .context("stdout")?,
    }
    Ok(ExitCode::from(if problems.is_empty() {
        super::CLEAN
    } else {
        super::FINDINGS
    }))
}

/// The TOML about to be written must read back as the same entries; a
/// difference would be a bug in the writer, and must not cost data.
fn ensure_reads_back(toml: &str, file: &GlossaryFile) -> anyhow::Result<()> {
    let back = parse(toml, "<converted>", Format::Toml)
        .map_err(|e| anyhow!("internal error: the converted TOML does not read back: {e}"))?;
    let plain = |terms: &[Term]| -> Vec<Term> {
        terms
            .iter()
            .cloned()
            .map(|mut t| {
                t.origin = Default::default();
                t
            })
            .collect()
    };
    if plain(&back.terms) != plain(&file.terms) {
        bail!("internal error: the converted TOML reads back differently; nothing was written");
    }
    Ok(())
}

/// Writes `text` to `path` through a temporary file in the same folder, so
/// that a failure never leaves half a file.
pub(super) fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&tmp, text).map_err(|e| anyhow!("{}: {}", path.display(), io_reason(&e)))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow!("{}: {}", path.display(), io_reason(&e))
    })
}
