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
    limit_malloc_arenas();
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

/// One malloc arena for the whole server. With glibc's default (one per
/// thread, up to eight per core) every blocking thread that analysed a large
/// document keeps its freed memory: 100 MB instead of 60 MB with a 1 MB
/// document open (BENCHMARKS.md). The server's threads rarely
/// allocate at the same time, so sharing one costs no speed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_ARENA_MAX: i32 = -8;
    // SAFETY: mallopt only tunes glibc's allocator; it is called before the
    // runtime starts any thread, and a refusal (return 0) changes nothing.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
