//! `glossa check [PATH]`: validate a glossary.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::glossary::{Glossary, Problem};
use crate::sources::{self, Source};

/// Arguments of `glossa check`.
#[derive(clap::Args)]
pub struct Args {
    /// A glossary file or directory (default: the workspace's glossary)
    path: Option<PathBuf>,
}

/// Runs `glossa check`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let sources: Vec<Source> = match &args.path {
        Some(p) => {
            if !p.exists() {
                anyhow::bail!("{}: no such file or directory", p.display());
            }
            vec![Source::Path(p.clone())]
        }
        None => {
            let cwd = std::env::current_dir()?;
            let root = sources::find_root(&cwd);
            let config = match sources::read_config(&root) {
                Ok(c) => c.map(|(c, _)| c).unwrap_or_default(),
                Err(e) => return Ok(report(&[Problem::from(e)], 0)),
            };
            sources::resolve_sources(&root, &config, &sources::env_glossary(), &global.glossary)
        }
    };
    // Load every source on its own, so that one broken file does not hide the others' problems.
    let mut glossary = Glossary::default();
    let mut problems = Vec::new();
    for source in &sources {
        let files = match source {
            Source::Bundled => {
                sources::load_sources(&[Source::Bundled], None).map(|g| vec![glossary_file(g)])
            }
            Source::Path(p) => sources::load_path(p, None),
        };
        match files {
            Ok(files) => glossary.add_source(files),
            Err(e) => problems.push(Problem::from(e)),
        }
    }
    problems.extend(glossary.problems());
    Ok(report(&problems, glossary.len()))
}

fn glossary_file(g: Glossary) -> crate::glossary::GlossaryFile {
    crate::glossary::GlossaryFile {
        meta: Some(g.meta.clone()),
        terms: g.terms().to_vec(),
    }
}

fn report(problems: &[Problem], terms: usize) -> ExitCode {
    for p in problems {
        outln!("{p}");
    }
    match problems.len() {
        0 => {
            outln!("{terms} terms, no problems");
            ExitCode::from(super::CLEAN)
        }
        n => {
            outln!(
                "{terms} terms, {n} problem{}",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(super::FINDINGS)
        }
    }
}
