//! `glossa lsp [--stdio]`: the language server on stdin/stdout.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::lsp::{self, Ending, Options};

/// Arguments of `glossa lsp`.
#[derive(clap::Args)]
pub struct Args {
    /// Talk over stdin/stdout (the only transport; accepted for editors that pass it)
    #[arg(long)]
    stdio: bool,
}

/// Runs `glossa lsp` until the client says `exit`: status 0 after
/// `shutdown`, 1 without it.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let _ = args.stdio;
    let cwd = std::env::current_dir().context("current directory")?;
    let options = Options {
        glossary: global.glossary.iter().map(|p| cwd.join(p)).collect(),
        ..Options::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let ending = runtime.block_on(lsp::run(tokio::io::stdin(), tokio::io::stdout(), options));
    // Background scans and stdin's reader thread are not waited for.
    runtime.shutdown_background();
    Ok(ExitCode::from(match ending {
        Ending::Clean => 0,
        Ending::Abrupt => 1,
    }))
}
