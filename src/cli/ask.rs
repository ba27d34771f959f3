//! `glossa ask "QUESTION" [--json]`: one answer from the chat bot.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use crate::bot::terminal::{self, Style};
use crate::bot::Bot;

/// Arguments of `glossa ask`.
#[derive(clap::Args)]
pub struct Args {
    /// The question (several words are joined with spaces)
    #[arg(required = true, value_name = "QUESTION")]
    question: Vec<String>,
    /// Print the JSON object that `POST /api/ask` returns
    #[arg(long)]
    json: bool,
}

/// Runs `glossa ask`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let workspace = super::load_workspace(global)?;
    let bot = Bot::new(Arc::new(workspace.glossary));
    let answer = bot.ask(&args.question.join(" "));
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&answer)?)?;
    } else {
        write!(out, "{}", terminal::render(&answer.answer, output_style()))?;
    }
    out.flush()?;
    Ok(ExitCode::from(super::CLEAN))
}

/// ANSI styles on a terminal unless `NO_COLOR` is set; plain text otherwise.
pub(super) fn output_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if std::io::stdout().is_terminal() && !no_color {
        Style::Ansi
    } else {
        Style::Plain
    }
}
