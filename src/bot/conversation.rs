//! What the bot remembers between two questions of one user: the entries
//! the last answer was about, the kind of question, and the suggestions it
//! offered. Entries are kept by id, so a conversation survives a reload of
//! the glossary (an entry that disappeared is simply forgotten).

use crate::glossary::Glossary;

use super::compose::{Asked, Reply};

/// One user's conversation with the bot. Start with `Conversation::default()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversation {
    topic: Vec<String>,
    last: Option<Asked>,
    suggestions: Vec<String>,
    example: usize,
    turns: usize,
}

impl Conversation {
    /// A new conversation.
    pub fn new() -> Conversation {
        Conversation::default()
    }

    /// The ids of the entries the conversation is about, the main one first.
    pub fn topic(&self) -> &[String] {
        &self.topic
    }

    /// How many questions were answered.
    pub fn turns(&self) -> usize {
        self.turns
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        *self = Conversation::default();
    }

    /// The n-th entry of the topic, if it is still in the glossary.
    pub(super) fn topic_term(&self, n: usize, glossary: &Glossary) -> Option<usize> {
        self.topic.get(n).and_then(|id| glossary.index_of(id))
    }

    /// The kind of the last question that had a subject.
    pub(super) fn last(&self) -> Option<Asked> {
        self.last
    }

    /// The n-th suggestion offered by the last answer.
    pub(super) fn suggestion(&self, n: usize, glossary: &Glossary) -> Option<usize> {
        self.suggestions.get(n).and_then(|id| glossary.index_of(id))
    }

    /// How many example sentences of the topic were shown.
    pub(super) fn examples_shown(&self) -> usize {
        self.example
    }

    pub(super) fn record(&mut self, glossary: &Glossary, reply: &Reply) {
        let ids = |list: &[usize]| -> Vec<String> {
            list.iter()
                .filter_map(|&i| glossary.terms().get(i))
                .map(|t| t.id.clone())
                .collect()
        };
        self.turns += 1;
        if let Some(topic) = &reply.topic {
            let topic = ids(topic);
            if topic != self.topic {
                self.example = 0;
            }
            self.topic = topic;
        }
        if let Some(asked) = reply.asked {
            self.last = Some(asked);
        }
        if let Some(shown) = reply.example_shown {
            self.example = shown + 1;
        }
        self.suggestions = ids(&reply.suggestions);
    }
}
