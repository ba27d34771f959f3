//! The engine on a small hand-made glossary; the bundled glossary's
//! question set is in `tests/bot.rs`.

use std::sync::Arc;

use super::*;
use crate::glossary::{Status, Term};

fn entry(name: &str, aliases: &[&str], area: &str, summary: &str) -> Term {
    let mut t = Term::new(name);
    t.aliases = aliases.iter().map(|s| s.to_string()).collect();
    t.area = Some(area.into());
    t.summary = Some(summary.into());
    t.definition = format!("{summary} More words about {name}.");
    t
}

fn bot() -> Bot {
    let mut delta = entry(
        "Delta",
        &[],
        "Options",
        "How much an option's price moves with the underlying.",
    );
    delta.related = vec!["gamma".into()];
    delta.broader = vec!["the-greeks".into()];
    delta.examples = vec![
        "A delta of 0.5 means half the move.".into(),
        "Second example.".into(),
    ];
    let mut gamma = entry("Gamma", &[], "Options", "How fast delta changes.");
    gamma.related = vec!["delta".into()];
    gamma.broader = vec!["the-greeks".into()];
    let greeks = entry(
        "The Greeks",
        &["Greeks"],
        "Options",
        "Sensitivities of an option's price.",
    );
    let mut crs = entry(
        "Common Reporting Standard",
        &["CRS"],
        "Tax",
        "A standard for exchanging financial account information between tax authorities.",
    );
    crs.related = vec!["foreign-account-tax-compliance-act".into()];
    let fatca = entry(
        "Foreign Account Tax Compliance Act",
        &["FATCA"],
        "Tax",
        "A US law requiring foreign banks to report accounts of US taxpayers.",
    );
    let pe = entry(
        "Permanent Establishment",
        &["PE"],
        "Tax",
        "A fixed place of business that gives a country the right to tax a foreign company's profits.",
    );
    let mut old = entry("Double Tax Agreement Old", &[], "Tax", "An old name.");
    old.status = Status::Deprecated;
    old.use_instead = Some("tax-treaty".into());
    let treaty = entry(
        "Tax Treaty",
        &[],
        "Tax",
        "An agreement between two states on taxing rights.",
    );
    Bot::new(Arc::new(Glossary::from_terms([
        delta, gamma, greeks, crs, fatca, pe, old, treaty,
    ])))
}

fn ids(refs: &[TermRef]) -> Vec<&str> {
    refs.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn answers_cite_the_entries_they_use() {
    let bot = bot();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "what is a permanent establishment?",
            "define",
            &["permanent-establishment"],
        ),
        ("CRS?", "define", &["common-reporting-standard"]),
        ("crs", "define", &["common-reporting-standard"]),
        (
            "What does FATCA stand for",
            "acronym",
            &["foreign-account-tax-compliance-act"],
        ),
        (
            "difference between delta and gamma",
            "compare",
            &["delta", "gamma"],
        ),
        (
            "permanant establishmnet",
            "define",
            &["permanent-establishment"],
        ),
        ("what are the greeks", "define", &["the-greeks"]),
        (
            "what is delta a kind of",
            "broader",
            &["delta", "the-greeks"],
        ),
        (
            "types of greeks",
            "narrower",
            &["the-greeks", "delta", "gamma"],
        ),
        (
            "what is related to gamma",
            "related",
            &["gamma", "delta", "the-greeks"],
        ),
        ("example of delta", "instances", &["delta"]),
        ("what is delta in options?", "define", &["delta"]),
    ];
    for (question, intent, want) in cases {
        let answer = bot.ask(question);
        assert_eq!(answer.intent, *intent, "{question}");
        assert_eq!(ids(&answer.terms), *want, "{question}: {}", answer.answer);
    }
}

#[test]
fn unknown_subjects_get_suggestions_not_definitions() {
    let bot = bot();
    let answer = bot.ask("what is a permanent residence permit?");
    assert!(answer.terms.is_empty(), "{}", answer.answer);
    assert!(answer
        .answer
        .starts_with("I don't know “permanent residence permit”"));
    assert_eq!(ids(&answer.suggestions)[0], "permanent-establishment");

    let answer = bot.ask("what is photosynthesis");
    assert!(answer.terms.is_empty() && answer.suggestions.is_empty());
    assert!(answer
        .answer
        .contains("Nothing in the glossary comes close"));
}

#[test]
fn follow_ups_use_the_topic() {
    let bot = bot();
    let mut c = Conversation::default();
    assert_eq!(
        ids(&bot.answer("what is CRS", &mut c).terms),
        ["common-reporting-standard"]
    );
    let a = bot.answer("and how does it relate to FATCA?", &mut c);
    assert_eq!(a.intent, "relation");
    assert_eq!(
        ids(&a.terms),
        [
            "common-reporting-standard",
            "foreign-account-tax-compliance-act"
        ]
    );
    assert!(a.answer.contains(
        "Common Reporting Standard lists Foreign Account Tax Compliance Act as related."
    ));

    let mut c = Conversation::default();
    bot.answer("delta", &mut c);
    let first = bot.answer("give me an example", &mut c);
    assert!(first.answer.contains("half the move"), "{}", first.answer);
    let second = bot.answer("another example", &mut c);
    assert!(
        second.answer.contains("Second example."),
        "{}",
        second.answer
    );
    let a = bot.answer("what about gamma?", &mut c);
    assert_eq!(a.intent, "follow-up");
    assert_eq!(ids(&a.terms), ["gamma"]);
    assert!(a.answer.contains("no example sentence"), "{}", a.answer);
}

#[test]
fn suggestions_can_be_picked_by_number() {
    let bot = bot();
    let mut c = Conversation::default();
    let a = bot.answer("permanent residence permit", &mut c);
    assert!(!a.suggestions.is_empty());
    let picked = bot.answer("1", &mut c);
    assert_eq!(ids(&picked.terms), [a.suggestions[0].id.as_str()]);
    let nothing = bot.answer("2", &mut c);
    assert!(nothing.terms.is_empty());
    assert!(nothing
        .answer
        .starts_with("There is nothing to choose from"));
}

#[test]
fn it_without_a_topic_is_said_plainly() {
    let a = bot().ask("give me an example");
    assert!(a.terms.is_empty());
    assert!(
        a.answer.starts_with("I'm not sure what “it” refers to"),
        "{}",
        a.answer
    );
}

#[test]
fn deprecated_entries_point_to_the_preferred_one() {
    let a = bot().ask("what is double tax agreement old");
    assert_eq!(ids(&a.terms), ["double-tax-agreement-old", "tax-treaty"]);
    assert!(a.answer.contains("Deprecated"));
}

#[test]
fn areas_and_listing() {
    let bot = bot();
    let a = bot.ask("which areas are there?");
    assert!(
        a.answer.contains("**Options** (3 entries)") && a.answer.contains("**Tax** (5 entries)")
    );
    let a = bot.ask("terms in tax");
    assert_eq!(a.intent, "area");
    assert!(ids(&a.terms).contains(&"permanent-establishment"));
    assert!(!ids(&a.terms).contains(&"double-tax-agreement-old"));
}

#[test]
fn echoed_text_cannot_inject_markdown() {
    let a = bot().ask("what is [x](javascript:alert(1))");
    assert!(!a.answer.contains("](javascript"), "{}", a.answer);
}

#[test]
fn json_is_the_spec_shape() {
    let mut bot = bot();
    bot = bot.with_link_base("/terms/");
    let a = bot.ask("PE");
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(
        json["terms"][0],
        serde_json::json!({
            "id": "permanent-establishment",
            "name": "Permanent Establishment",
            "summary": "A fixed place of business that gives a country the right to tax a foreign company's profits.",
            "url": "/terms/permanent-establishment"
        })
    );
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["answer", "suggestions", "terms"]);
}

#[test]
fn pasted_paragraphs_are_refused_quickly() {
    let a = bot().ask(&"delta ".repeat(1000));
    assert!(a.terms.is_empty() && a.answer.starts_with("That question is longer than 2000"));
    let a = bot().ask(&"delta ".repeat(300));
    assert_eq!(a.terms[0].id, "delta");
}

#[test]
fn an_empty_glossary_says_so() {
    let bot = Bot::new(Arc::new(Glossary::default()));
    let a = bot.ask("what is CRS");
    assert!(a.answer.starts_with("The glossary is empty"));
}

proptest::proptest! {
    #[test]
    fn never_panics(question in "\\PC{0,80}") {
        let bot = bot();
        let mut c = Conversation::default();
        let a = bot.answer(&question, &mut c);
        proptest::prop_assert!(!a.answer.is_empty());
        let b = bot.answer(&question, &mut c);
        proptest::prop_assert!(!b.answer.is_empty());
    }
}
