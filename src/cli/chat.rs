//! `glossa chat`: the chat bot in the terminal, with line editing and
//! history (rustyline) on a terminal, or one answer per line of stdin
//! otherwise (`glossa chat < questions.txt` prints a transcript).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use rustyline::error::ReadlineError;

use crate::bot::terminal::{self, Style};
use crate::bot::{Bot, Conversation};

/// Arguments of `glossa chat`.
#[derive(clap::Args)]
pub struct Args {
    /// Plain text output, no line editing (the default when not on a terminal)
    #[arg(long)]
    plain: bool,
}

const HELP: &str = "\
Commands: /help this help · /clear forget the conversation · /quit leave (also Ctrl-D).
Ask anything else about the glossary, e.g. “what is a stablecoin?”, \
“what does MiCA stand for”, “difference between delta and gamma”, \
“terms in Tax”; follow-ups such as “give me an example” use the last entry.";

/// What a line typed in the chat asks for.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Quit,
    Help,
    Clear,
    Blank,
    UnknownCommand(&'a str),
    Question(&'a str),
}

fn read_line(line: &str) -> Line<'_> {
    let line = line.trim();
    match line {
        "" => Line::Blank,
        "/quit" | "/exit" | "/q" | ":q" => Line::Quit,
        "/help" | "/?" => Line::Help,
        "/clear" | "/reset" => Line::Clear,
        cmd if cmd.starts_with('/') => Line::UnknownCommand(cmd),
        question => Line::Question(question),
    }
}

/// Runs `glossa chat`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let workspace = super::load_workspace(global)?;
    let bot = Bot::new(Arc::new(workspace.glossary));
    let interactive =
        !args.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if interactive {
        interactive_chat(&bot)?;
    } else {
        line_chat(&bot)?;
    }
    Ok(ExitCode::from(super::CLEAN))
}

/// One answer per line of stdin, plain text: a transcript in which each
/// answer follows its question, written `> question`.
fn line_chat(bot: &Bot) -> anyhow::Result<()> {
    let mut conversation = Conversation::default();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let line = line?;
        let parsed = read_line(&line);
        if !matches!(parsed, Line::Blank | Line::Quit) {
            writeln!(out, "> {}", line.trim())?;
        }
        let text = match parsed {
            Line::Quit => break,
            Line::Blank => continue,
            Line::Help => format!("{HELP}\n"),
            Line::Clear => {
                conversation.clear();
                "Conversation cleared.\n".to_string()
            }
            Line::UnknownCommand(cmd) => {
                format!("Unknown command {cmd}. /help lists the commands.\n")
            }
            Line::Question(q) => {
                terminal::render(&bot.answer(q, &mut conversation).answer, Style::Plain)
            }
        };
        writeln!(out, "{text}")?;
        out.flush()?;
    }
    Ok(())
}

fn interactive_chat(bot: &Bot) -> anyhow::Result<()> {
    let style = super::ask::output_style();
    let mut editor = rustyline::DefaultEditor::new()?;
    let history = history_file();
    if let Some(path) = &history {
        // A missing or unreadable history file just means an empty history.
        let _ = editor.load_history(path);
    }
    println!(
        "glossa chat: {} entries. Ask a question; /help for help, /quit to leave.\n",
        bot.glossary().len()
    );
    let mut conversation = Conversation::default();
    loop {
        let line = match editor.readline("? ") {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        match read_line(&line) {
            Line::Quit => break,
            Line::Blank => continue,
            Line::Help => println!("{HELP}\n"),
            Line::Clear => {
                conversation.clear();
                println!("Conversation cleared.\n");
            }
            Line::UnknownCommand(cmd) => {
                println!("Unknown command {cmd}. /help lists the commands.\n")
            }
            Line::Question(q) => {
                let _ = editor.add_history_entry(q);
                let answer = bot.answer(q, &mut conversation);
                println!("\n{}", terminal::render(&answer.answer, style));
            }
        }
    }
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(path);
    }
    Ok(())
}

/// `$XDG_STATE_HOME/glossa/chat_history`, else `~/.local/state/glossa/chat_history`.
fn history_file() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(state.join("glossa").join("chat_history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_questions() {
        for (line, want) in [
            ("  /quit ", Line::Quit),
            ("/exit", Line::Quit),
            ("/help", Line::Help),
            ("/clear", Line::Clear),
            ("", Line::Blank),
            ("/nope", Line::UnknownCommand("/nope")),
            ("what is CRS?", Line::Question("what is CRS?")),
        ] {
            assert_eq!(read_line(line), want, "{line:?}");
        }
    }
}
