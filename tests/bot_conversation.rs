//! Follow-up questions within a conversation, and conversations kept apart,
//! over the bundled glossary. Each conversation is a table of turns: the
//! question and the entries the answer must start with (`[]`: none).

use std::sync::Arc;

use glossa::bot::{Bot, Conversation};

fn bot() -> Bot {
    let glossary = glossa::sources::bundled().expect("the bundled glossary loads");
    assert!(glossary.len() >= 500, "the bundled glossary is incomplete");
    Bot::new(Arc::new(glossary))
}

/// Runs the turns in one conversation, checking each answer's first entries
/// and, when given, a piece of its text.
fn converse(bot: &Bot, turns: &[(&str, &[&str], &str)]) {
    let mut conversation = Conversation::default();
    for (question, want, says) in turns {
        let answer = bot.answer(question, &mut conversation);
        let ids: Vec<&str> = answer.terms.iter().map(|t| t.id.as_str()).collect();
        assert!(
            ids.starts_with(want) && (!want.is_empty() || ids.is_empty()),
            "{question:?}: cites {ids:?}, expected {want:?}\n{}",
            answer.answer
        );
        assert!(
            answer.answer.contains(says),
            "{question:?}: answer lacks {says:?}\n{}",
            answer.answer
        );
    }
}

#[test]
fn follow_ups_about_the_last_entry() {
    let bot = bot();
    converse(
        &bot,
        &[
            (
                "what's a permanent establishment?",
                &["permanent-establishment"],
                "",
            ),
            (
                "and how does it relate to CRS?",
                &["permanent-establishment", "common-reporting-standard"],
                "How **Permanent Establishment** relates to **Common Reporting Standard**",
            ),
            (
                "what is it related to?",
                &["permanent-establishment"],
                "Entries related to",
            ),
            (
                "what about FATCA?",
                &["foreign-account-tax-compliance-act"],
                "Entries related to",
            ),
            (
                "and what does it stand for",
                &["foreign-account-tax-compliance-act"],
                "is abbreviated **FATCA**",
            ),
        ],
    );
}

#[test]
fn examples_of_the_topic() {
    let bot = bot();
    converse(
        &bot,
        &[
            ("delta", &["delta"], ""),
            ("give me an example", &["delta"], "An example of"),
            (
                "what is it a kind of?",
                &["delta", "the-greeks"],
                "is a kind of",
            ),
            ("and gamma?", &["gamma", "the-greeks"], "is a kind of"),
            ("compare them", &["gamma", "the-greeks"], "vs"),
        ],
    );
    converse(
        &bot,
        &[
            ("what is vega", &["vega"], ""),
            ("compare them", &[], "we have only talked about"),
        ],
    );
}

#[test]
fn comparisons_continue() {
    let bot = bot();
    converse(
        &bot,
        &[
            (
                "CRS vs FATCA",
                &[
                    "common-reporting-standard",
                    "foreign-account-tax-compliance-act",
                ],
                "",
            ),
            (
                "what is the difference?",
                &[
                    "common-reporting-standard",
                    "foreign-account-tax-compliance-act",
                ],
                "",
            ),
            (
                "what about CARF",
                &[
                    "common-reporting-standard",
                    "crypto-asset-reporting-framework",
                ],
                "",
            ),
            (
                "tell me more",
                &["common-reporting-standard"],
                "Common Reporting Standard",
            ),
        ],
    );
}

#[test]
fn suggestions_are_picked_by_number() {
    let bot = bot();
    let mut c = Conversation::default();
    let unknown = bot.answer("margin", &mut c);
    assert!(
        unknown.terms.is_empty() && unknown.suggestions.len() >= 2,
        "{}",
        unknown.answer
    );
    let second = bot.answer("2", &mut c);
    assert_eq!(second.terms[0].id, unknown.suggestions[1].id);
    let again = bot.answer("2", &mut c);
    assert!(
        again.terms.is_empty(),
        "suggestions are used once: {}",
        again.answer
    );
}

#[test]
fn pronouns_without_a_topic_are_not_guessed() {
    let bot = bot();
    converse(
        &bot,
        &[
            (
                "give me an example",
                &[],
                "I'm not sure what “it” refers to",
            ),
            ("how does it relate to CRS?", &[], "I'm not sure"),
            ("what is CRS", &["common-reporting-standard"], ""),
            ("thanks", &[], "You're welcome"),
            ("an example please", &["common-reporting-standard"], ""),
        ],
    );
}

#[test]
fn an_unknown_question_keeps_the_topic() {
    let bot = bot();
    converse(
        &bot,
        &[
            ("what is slippage", &["slippage"], ""),
            ("what is a mortgage", &[], "I don't know"),
            ("what is it related to", &["slippage"], "Entries related to"),
        ],
    );
}

#[test]
fn conversations_are_isolated() {
    let bot = bot();
    let mut alice = Conversation::default();
    let mut bob = Conversation::default();
    bot.answer("what is delta", &mut alice);
    bot.answer("what is a tax treaty", &mut bob);
    let a = bot.answer("what is it a kind of", &mut alice);
    let b = bot.answer("what is it related to", &mut bob);
    assert_eq!(a.terms[0].id, "delta");
    assert_eq!(b.terms[0].id, "tax-treaty");
    assert_eq!(alice.topic(), ["delta", "the-greeks"]);
    assert_eq!(bob.topic(), ["tax-treaty"]);
    let fresh = bot.answer("what is it related to", &mut Conversation::default());
    assert!(fresh.terms.is_empty());
}

#[test]
fn a_conversation_survives_a_reload_of_the_glossary() {
    let old = bot();
    let mut c = Conversation::default();
    old.answer("what is vega", &mut c);
    // A new engine over a fresh copy of the glossary, as `glossa serve` builds on reload.
    let new = bot();
    let a = new.answer("give me an example", &mut c);
    assert_eq!(a.terms[0].id, "vega");
}
