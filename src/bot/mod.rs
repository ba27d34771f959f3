//! The glossary chat bot: a deterministic answer engine over a glossary.
//!
//! A question is normalised and matched against a table of phrasings
//! ([`patterns`]) to find its intent and subjects; each subject is resolved
//! to an entry by label, inflection, typo tolerance or ranked retrieval
//! (`resolve`); the answer is Markdown built from the entries (`compose`),
//! with the entries it used. A [`Conversation`] carries the topic from one
//! question to the next, so that "give me an example" and "how does it
//! relate to CRS?" work. No I/O, no network, no language model: the same
//! question in the same conversation always gets the same answer.
//!
//! ```
//! use std::sync::Arc;
//! use glossa::bot::{Bot, Conversation};
//! use glossa::glossary::{Glossary, Term};
//!
//! let mut crs = Term::new("Common Reporting Standard");
//! crs.aliases = vec!["CRS".into()];
//! crs.summary = Some("An OECD standard for exchanging financial account information.".into());
//! let bot = Bot::new(Arc::new(Glossary::from_terms([crs])));
//! let mut conversation = Conversation::default();
//! let answer = bot.answer("what does CRS stand for?", &mut conversation);
//! assert_eq!(answer.terms[0].id, "common-reporting-standard");
//! assert!(answer.answer.contains("Common Reporting Standard"));
//! ```

mod compose;
mod conversation;
mod index;
pub mod patterns;
pub mod question;
mod resolve;
pub mod terminal;
pub mod text;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::glossary::{Glossary, Term};

pub use conversation::Conversation;
pub use question::{Intent, Subject};
pub use resolve::How;

use index::Index;

/// Questions longer than this are not read: an answer names one or two
/// entries, and pasted paragraphs would only cost time.
pub const MAX_QUESTION_CHARS: usize = 2000;

/// An entry an answer used: what `POST /api/ask` returns per entry (SPEC §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRef {
    /// The entry's id.
    pub id: String,
    /// Its preferred label.
    pub name: String,
    /// Its one-sentence summary (else the first sentence of its definition).
    pub summary: String,
    /// Its web page, if it has one.
    pub url: Option<String>,
}

/// The bot's answer to one question.
///
/// Serialises exactly as SPEC §7's JSON: `{"answer", "terms", "suggestions"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The answer, Markdown.
    pub answer: String,
    /// The entries the answer is about, the main one first.
    pub terms: Vec<TermRef>,
    /// When no entry fits: the closest entries, best first.
    pub suggestions: Vec<TermRef>,
    /// The intent the question was read as (see [`Intent::name`]); not
    /// part of the JSON.
    #[serde(skip)]
    pub intent: &'static str,
}

/// The answer engine over one glossary. Cheap to share behind an `Arc`;
/// answering takes `&self`, the per-user state lives in [`Conversation`].
#[derive(Debug, Clone)]
pub struct Bot {
    glossary: Arc<Glossary>,
    index: Index,
    link_base: Option<String>,
}

impl Bot {
    /// Builds the engine (label tables and the retrieval index) for `glossary`.
    pub fn new(glossary: Arc<Glossary>) -> Bot {
        Bot {
            index: Index::new(&glossary),
            glossary,
            link_base: None,
        }
    }

    /// Links entries without a `url` (and without a glossary `base_url`) to
    /// `base` followed by the entry's id, e.g. `/terms/`.
    pub fn with_link_base(mut self, base: impl Into<String>) -> Bot {
        self.link_base = Some(base.into());
        self
    }

    /// The glossary the bot answers from.
    pub fn glossary(&self) -> &Arc<Glossary> {
        &self.glossary
    }

    /// The web page of an entry: its own `url`, else the glossary's
    /// `base_url` + id, else the link base + id.
    pub fn url(&self, term: &Term) -> Option<String> {
        self.glossary
            .url_of(term)
            .or_else(|| self.link_base.as_ref().map(|b| format!("{b}{}", term.id)))
    }

    /// The reference to an entry that answers carry.
    pub fn term_ref(&self, term: &Term) -> TermRef {
        TermRef {
            id: term.id.clone(),
            name: term.name.clone(),
            summary: term.short_description(),
            url: self.url(term),
        }
    }

    /// Answers `question` in `conversation`, which it updates (topic,
    /// offered suggestions) for the next question.
    pub fn answer(&self, question: &str, conversation: &mut Conversation) -> Answer {
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Answer {
                answer: format!(
                    "That question is longer than {MAX_QUESTION_CHARS} characters. \
                     Ask about one or two terms at a time."
                ),
                terms: Vec::new(),
                suggestions: Vec::new(),
                intent: "too-long",
            };
        }
        let intent = question::parse(question, &self.index);
        let name = intent.name();
        let reply = compose::reply(self, intent, conversation);
        conversation.record(&self.glossary, &reply);
        let refs = |ids: &[usize]| -> Vec<TermRef> {
            ids.iter()
                .filter_map(|&i| self.glossary.terms().get(i))
                .map(|t| self.term_ref(t))
                .collect()
        };
        Answer {
            terms: refs(&reply.terms),
            suggestions: refs(&reply.suggestions),
            answer: reply.markdown,
            intent: name,
        }
    }

    /// Answers without a conversation (no follow-ups).
    pub fn ask(&self, question: &str) -> Answer {
        self.answer(question, &mut Conversation::default())
    }
}
