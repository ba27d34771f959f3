//! Answers: the Markdown for each intent, built only from the glossary's
//! entries, and the entries each answer used. One file per kind of answer:
//! [`entries`] (one entry: definition, abbreviation, related, broader,
//! narrower, examples), [`compare`] (two entries), [`lists`] (areas, help,
//! "I don't know").

mod compare;
mod entries;
mod lists;

use crate::glossary::Term;

use super::question::{Intent, Subject};
use super::resolve::{self, Found, How, Resolution};
use super::{Bot, Conversation};

use compare::compare;
use entries::{acronym, broader, define, example, instances, narrower, related};
use lists::{areas, help, list_area, no_topic, unknown};

/// The kind of question last asked about a subject, for follow-ups such as
/// "what about CRS?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Define,
    Acronym,
    Compare,
    Related,
    Broader,
    Narrower,
    Instances,
    Example,
}

/// An answer before it is turned into [`super::Answer`]: entries by index.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub markdown: String,
    pub terms: Vec<usize>,
    pub suggestions: Vec<usize>,
    /// The new topic of the conversation; `None` keeps the old one.
    pub topic: Option<Vec<usize>>,
    pub asked: Option<Asked>,
    /// The index of the example sentence shown.
    pub example_shown: Option<usize>,
}

impl Reply {
    fn text(markdown: impl Into<String>) -> Reply {
        Reply {
            markdown: markdown.into(),
            ..Reply::default()
        }
    }

    fn about(markdown: String, terms: Vec<usize>, asked: Asked) -> Reply {
        let mut topic = terms.clone();
        // After "X vs Y" and "X is a kind of Y", "them" means both.
        topic.truncate(if matches!(asked, Asked::Compare | Asked::Broader) {
            2
        } else {
            1
        });
        Reply {
            markdown,
            terms,
            topic: Some(topic),
            asked: Some(asked),
            ..Reply::default()
        }
    }
}

/// How many entries a list of referring entries shows before "and N more".
const MAX_LISTED: usize = 12;

/// The reply to `intent` in `conversation`.
pub fn reply(bot: &Bot, intent: Intent, conversation: &Conversation) -> Reply {
    if bot.glossary.is_empty() {
        return Reply::text(
            "The glossary is empty, so there is nothing I can answer from. \
             Load one with `--glossary PATH`.",
        );
    }
    let topic = |n: usize| conversation.topic_term(n, &bot.glossary);
    match intent {
        Intent::Empty | Intent::Help => help(bot),
        Intent::Thanks => Reply::text("You're welcome. Ask me about any other term."),
        Intent::ListAreas => areas(bot),
        Intent::ListArea(area) => list_area(bot, &area),
        Intent::Choose(n) => match conversation.suggestion(n, &bot.glossary) {
            Some(term) => define(bot, &exact(term), None),
            None => Reply::text(
                "There is nothing to choose from: I did not offer any entries just now. \
                 Ask me about a term, for example “what is a stablecoin?”.",
            ),
        },
        Intent::More => match topic(0) {
            Some(term) if conversation.last() == Some(Asked::Define) => related(bot, term),
            Some(term) => define(bot, &exact(term), None),
            None => no_topic(bot, "more"),
        },
        Intent::FollowUp(subject) => match conversation.last() {
            Some(Asked::Compare) => {
                compare(bot, conversation, &[(Subject::Topic(0), subject)], false)
            }
            asked => about(bot, conversation, &subject, asked.unwrap_or(Asked::Define)),
        },
        Intent::Define(s) => about(bot, conversation, &s, Asked::Define),
        Intent::Acronym(s) => about(bot, conversation, &s, Asked::Acronym),
        Intent::Related(s) => about(bot, conversation, &s, Asked::Related),
        Intent::Broader(s) => about(bot, conversation, &s, Asked::Broader),
        Intent::Narrower(s) => about(bot, conversation, &s, Asked::Narrower),
        Intent::Instances(s) => about(bot, conversation, &s, Asked::Instances),
        Intent::Example(s) => about(bot, conversation, &s, Asked::Example),
        Intent::Compare { pairs, relation } => compare(bot, conversation, &pairs, relation),
    }
}

fn exact(term: usize) -> Found {
    Found {
        term,
        how: How::Exact,
        label: None,
        also: Vec::new(),
    }
}

/// A subject resolved in a conversation.
enum Resolved {
    Found(Found),
    Unknown(String, Vec<usize>),
    /// "it" (0) or "the other one" (1) with no such entry in the conversation.
    NoTopic(usize),
}

fn resolve_subject(bot: &Bot, conversation: &Conversation, subject: &Subject) -> Resolved {
    match subject {
        Subject::Topic(n) => match conversation.topic_term(*n, &bot.glossary) {
            Some(term) => Resolved::Found(exact(term)),
            None => Resolved::NoTopic(*n),
        },
        Subject::Text(text) => match resolve::resolve(&bot.glossary, &bot.index, text) {
            Resolution::Found(found) => Resolved::Found(found),
            Resolution::Unknown(suggestions) => Resolved::Unknown(text.clone(), suggestions),
        },
    }
}

/// A question of kind `asked` about one subject.
fn about(bot: &Bot, conversation: &Conversation, subject: &Subject, asked: Asked) -> Reply {
    let found = match resolve_subject(bot, conversation, subject) {
        Resolved::Found(found) => found,
        Resolved::NoTopic(_) => return no_topic(bot, "it"),
        Resolved::Unknown(text, suggestions) => {
            if matches!(asked, Asked::Define | Asked::Related | Asked::Narrower)
                && bot.index.area(&text).is_some()
            {
                return list_area(bot, &text);
            }
            return unknown(bot, &text, suggestions, asked == Asked::Acronym);
        }
    };
    let subject_text = match subject {
        Subject::Text(t) => Some(t.as_str()),
        Subject::Topic(_) => None,
    };
    match asked {
        Asked::Define => define(bot, &found, subject_text),
        Asked::Acronym => acronym(bot, &found, subject_text),
        Asked::Compare => define(bot, &found, subject_text),
        Asked::Related => related(bot, found.term),
        Asked::Broader => broader(bot, found.term),
        Asked::Narrower => narrower(bot, found.term),
        Asked::Instances => instances(bot, conversation, found.term),
        Asked::Example => example(bot, conversation, found.term),
    }
}

fn term(bot: &Bot, index: usize) -> &Term {
    &bot.glossary.terms()[index]
}

/// `[Name](url)`, or the name in bold when the entry has no page.
fn link(bot: &Bot, t: &Term) -> String {
    match bot.url(t) {
        Some(url) if url.contains([' ', '(', ')']) => format!("[{}](<{url}>)", t.name),
        Some(url) => format!("[{}]({url})", t.name),
        None => format!("**{}**", t.name),
    }
}

/// The linked name in bold.
fn strong(bot: &Bot, t: &Term) -> String {
    match bot.url(t) {
        Some(_) => format!("**{}**", link(bot, t)),
        None => link(bot, t),
    }
}

/// A list item: the linked name and the summary.
fn item(bot: &Bot, t: &Term) -> String {
    format!("- {} — {}\n", link(bot, t), t.short_description())
}

/// The user's words, quoted so that Markdown in them stays text.
fn quoted(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::from("“");
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '!' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('”');
    out
}
