//! `workspace/executeCommand`: `glossa.reload` and `glossa.ask`.

use serde_json::{json, Value};
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};

use super::loader::Loaded;

/// Reloads the glossary: `[]` → `{"terms": <count>}`.
pub const RELOAD: &str = "glossa.reload";
/// Asks the glossary: `[question]` → `{"answer": markdown, "terms": [...]}`.
pub const ASK: &str = "glossa.ask";
/// Every command.
pub const ALL: [&str; 2] = [RELOAD, ASK];

/// The question of `glossa.ask`'s arguments.
pub fn question(arguments: &[Value]) -> Result<&str> {
    match arguments {
        [Value::String(q)] if !q.trim().is_empty() => Ok(q),
        _ => Err(Error::invalid_params(
            "glossa.ask takes one argument: the question, a non-empty string",
        )),
    }
}

/// `glossa.ask`'s result: the chat bot's answer, `{"answer", "terms", "suggestions"}`.
///
/// The bot is built once per loaded glossary (off the hover path, on the
/// first question) and keeps one conversation, so follow-ups work.
pub fn ask(loaded: &Loaded, question: &str) -> Value {
    let bot = loaded
        .bot
        .get_or_init(|| crate::bot::Bot::new(loaded.engine.glossary().clone()));
    let mut conversation = loaded
        .conversation
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    serde_json::to_value(bot.answer(question, &mut conversation)).unwrap_or_else(|e| {
        json!({"answer": format!("The answer could not be encoded: {e}"), "terms": [], "suggestions": []})
    })
}

/// The error of a failed `glossa.reload`.
pub fn reload_error(message: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}
