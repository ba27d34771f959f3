//! `workspace/executeCommand`: `glossa.reload` and `glossa.ask`.

use serde_json::{json, Value};
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};

use super::loader::Loaded;
use crate::glossary::{Glossary, Term};
use crate::render::term_markdown;

/// Reloads the glossary: `[]` → `{"terms": <count>}`.
pub const RELOAD: &str = "glossa.reload";
/// Asks the glossary: `[question]` → `{"answer": markdown, "terms": [...]}`.
pub const ASK: &str = "glossa.ask";
/// Every command.
pub const ALL: [&str; 2] = [RELOAD, ASK];

/// An answer to a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Markdown.
    pub answer: String,
    /// The entries it is about, the main one first.
    pub terms: Vec<Value>,
}

/// The question of `glossa.ask`'s arguments.
pub fn question(arguments: &[Value]) -> Result<&str> {
    match arguments {
        [Value::String(q)] if !q.trim().is_empty() => Ok(q),
        _ => Err(Error::invalid_params(
            "glossa.ask takes one argument: the question, a non-empty string",
        )),
    }
}

/// `glossa.ask`'s result.
pub fn ask(loaded: &Loaded, question: &str) -> Value {
    let a = answer(loaded, question);
    json!({"answer": a.answer, "terms": a.terms})
}

/// Answers a question about the glossary.
///
/// Until the chat bot (`glossa::bot`) is in the crate this is a definition
/// lookup; switching is one line here:
/// `crate::bot::Bot::new(loaded.engine.glossary().clone()).answer(question, &mut Default::default())`.
pub fn answer(loaded: &Loaded, question: &str) -> Answer {
    define(loaded, question)
}

/// The entry the question names (its longest mention), rendered.
fn define(loaded: &Loaded, question: &str) -> Answer {
    let glossary = loaded.glossary();
    let (_, mentions) = loaded
        .engine
        .scan(question, crate::document::Language::PlainText);
    let named = mentions
        .iter()
        .max_by_key(|m| (m.end - m.start, std::cmp::Reverse(m.start)))
        .and_then(|m| glossary.terms().get(m.term));
    match named {
        Some(term) => Answer {
            answer: term_markdown(glossary, term, &|t| glossary.url_of(t)),
            terms: vec![cite(glossary, term)],
        },
        None => {
            let closest = closest(glossary, question);
            let mut answer = "I found no glossary entry in that question.".to_string();
            if !closest.is_empty() {
                let names: Vec<String> =
                    closest.iter().map(|t| format!("**{}**", t.name)).collect();
                answer.push_str(&format!(" Closest entries: {}.", names.join(", ")));
            }
            Answer {
                answer,
                terms: Vec::new(),
            }
        }
    }
}

/// How an answer cites an entry (SPEC §7).
fn cite(glossary: &Glossary, term: &Term) -> Value {
    json!({
        "id": term.id,
        "name": term.name,
        "summary": term.short_description(),
        "url": glossary.url_of(term),
    })
}

/// Up to three entries whose labels are closest to the question's last words.
fn closest<'a>(glossary: &'a Glossary, question: &str) -> Vec<&'a Term> {
    let q = question
        .trim()
        .trim_end_matches(['?', '.', '!'])
        .to_lowercase();
    let mut scored: Vec<(f64, &Term)> = glossary
        .terms()
        .iter()
        .filter_map(|t| {
            let best = t
                .labels()
                .map(|l| {
                    let l = l.to_lowercase();
                    let words = l.split_whitespace().count().max(1);
                    let tail: Vec<&str> = q.split_whitespace().rev().take(words).collect();
                    let tail: Vec<&str> = tail.into_iter().rev().collect();
                    strsim::jaro_winkler(&l, &tail.join(" "))
                })
                .fold(0.0, f64::max);
            (best > 0.85).then_some((best, t))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.name.cmp(&b.1.name)));
    scored.into_iter().take(3).map(|(_, t)| t).collect()
}

/// The error of a failed `glossa.reload`.
pub fn reload_error(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}
