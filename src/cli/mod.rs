//! The command line (SPEC §5): parses arguments and runs one subcommand.
//!
//! Exit codes: 0 clean, 1 findings, 2 usage or input error. Errors are one
//! line on stderr, `glossa: <what>: <why>`.

/// `println!` that ignores a closed stdout (`glossa lint | head`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(format_args!($($arg)*), true)
    };
}

/// `print!` that ignores a closed stdout.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(format_args!($($arg)*), false)
    };
}

mod ask;
mod chat;
mod check;
mod export;
mod import;
mod lint;
mod lsp;
mod report;
mod scan;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code: clean.
pub const CLEAN: u8 = 0;
/// Exit code: findings.
pub const FINDINGS: u8 = 1;
/// Exit code: usage or input error.
pub const INPUT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "glossa",
    version,
    about = "Glossary terms explained in your editor, jargon flagged in CI",
    disable_help_subcommand = false
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command accepts.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Global {
    /// A glossary file or directory to load (repeatable; merged in order)
    #[arg(long = "glossary", value_name = "PATH", global = true)]
    pub glossary: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout
    Lsp(lsp::Args),
    /// Lint files and directories for undefined jargon and deprecated wording
    Lint(lint::Args),
    /// List every glossary mention in a file
    Scan(scan::Args),
    /// Validate a glossary
    Check(check::Args),
    /// Ask the glossary a question
    Ask(ask::Args),
    /// Chat with the glossary in the terminal
    Chat(chat::Args),
    /// Serve the chat bot over HTTP
    Serve(serve::Args),
    /// Convert a glossary in any supported format to native TOML
    Import(import::Args),
    /// Write the glossary out as JSON-LD, JSON, CSV or an HTML site
    Export(export::Args),
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { INPUT_ERROR } else { CLEAN });
        }
    };
    let global = cli.global;
    let result = match cli.command {
        Command::Lsp(a) => lsp::run(a, &global),
        Command::Lint(a) => lint::run(a, &global),
        Command::Scan(a) => scan::run(a, &global),
        Command::Check(a) => check::run(a, &global),
        Command::Ask(a) => ask::run(a, &global),
        Command::Chat(a) => chat::run(a, &global),
        Command::Serve(a) => serve::run(a, &global),
        Command::Import(a) => import::run(a, &global),
        Command::Export(a) => export::run(a, &global),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("glossa: {e:#}");
            ExitCode::from(INPUT_ERROR)
        }
    }
}

/// The workspace of the current directory with the `--glossary` paths, as
/// an error that names the glossary when it cannot be loaded.
pub fn load_workspace(global: &Global) -> anyhow::Result<crate::sources::Workspace> {
    crate::sources::load_for_cli(&global.glossary).map_err(|e| anyhow::anyhow!("glossary: {e}"))
}

/// Writes to stdout; a reader that went away (a closed pipe) is not an error.
pub fn write_stdout(args: std::fmt::Arguments, newline: bool) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_fmt(args);
    if newline {
        let _ = stdout.write_all(b"\n");
    }
}
