//! The chat bot's question set over the bundled glossary: every question
//! names the entries a correct answer must cite; the test reports top-1
//! accuracy (overall and per intent) and fails below 95%.

use std::collections::BTreeMap;
use std::sync::Arc;

use glossa::bot::{Answer, Bot};
use serde::Deserialize;

#[derive(Deserialize)]
struct QuestionSet {
    q: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    ask: String,
    #[serde(default)]
    cite: Vec<String>,
    #[serde(default)]
    includes: Vec<String>,
    #[serde(default)]
    says: Vec<String>,
    #[serde(default)]
    unknown: bool,
    #[serde(default)]
    suggest: Vec<String>,
    intent: Option<String>,
}

fn bundled_bot() -> Bot {
    let glossary = glossa::sources::bundled().expect("the bundled glossary loads");
    assert!(
        glossary.len() >= 500,
        "the bundled glossary has {} entries; the question set needs the full glossary/",
        glossary.len()
    );
    Bot::new(Arc::new(glossary))
}

fn questions() -> Vec<Question> {
    let text = include_str!("fixtures/bot/questions.toml");
    toml::from_str::<QuestionSet>(text)
        .expect("tests/fixtures/bot/questions.toml parses")
        .q
}

/// Why an answer is wrong, if it is.
fn check(q: &Question, a: &Answer) -> Option<String> {
    let terms: Vec<&str> = a.terms.iter().map(|t| t.id.as_str()).collect();
    let suggestions: Vec<&str> = a.suggestions.iter().map(|t| t.id.as_str()).collect();
    if let Some(intent) = &q.intent {
        if intent != a.intent {
            return Some(format!("read as {}, not {intent}", a.intent));
        }
    }
    if q.unknown && !terms.is_empty() {
        return Some(format!("should not know it, but cites {terms:?}"));
    }
    if !terms.starts_with(&q.cite.iter().map(String::as_str).collect::<Vec<_>>()) {
        return Some(format!("cites {terms:?}, expected {:?} first", q.cite));
    }
    if let Some(missing) = q.includes.iter().find(|id| !terms.contains(&id.as_str())) {
        return Some(format!("does not cite {missing}: {terms:?}"));
    }
    if let Some(missing) = q
        .suggest
        .iter()
        .find(|id| !suggestions.contains(&id.as_str()))
    {
        return Some(format!("does not suggest {missing}: {suggestions:?}"));
    }
    if let Some(missing) = q.says.iter().find(|s| !a.answer.contains(s.as_str())) {
        return Some(format!("does not say {missing:?}"));
    }
    None
}

#[test]
fn question_set_top1_accuracy() {
    let bot = bundled_bot();
    let questions = questions();
    assert!(questions.len() >= 200, "only {} questions", questions.len());
    let mut by_intent: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for q in &questions {
        let answer = bot.ask(&q.ask);
        let key = q.intent.clone().unwrap_or_else(|| {
            if q.unknown {
                "unknown".into()
            } else {
                answer.intent.to_string()
            }
        });
        let entry = by_intent.entry(key).or_default();
        entry.1 += 1;
        match check(q, &answer) {
            None => entry.0 += 1,
            Some(why) => failures.push(format!("  {:?}: {why}", q.ask)),
        }
    }
    let correct = questions.len() - failures.len();
    let accuracy = correct as f64 / questions.len() as f64;
    println!(
        "bot question set: {correct}/{} correct, top-1 accuracy {:.1}%",
        questions.len(),
        accuracy * 100.0
    );
    for (intent, (ok, all)) in &by_intent {
        println!("  {intent:<10} {ok:>3}/{all:<3}");
    }
    if !failures.is_empty() {
        println!("wrong answers:\n{}", failures.join("\n"));
    }
    assert!(
        accuracy >= 0.95,
        "top-1 accuracy {:.1}% is below 95%:\n{}",
        accuracy * 100.0,
        failures.join("\n")
    );
}

#[test]
fn every_anchor_of_the_question_set_exists() {
    let bot = bundled_bot();
    for q in questions() {
        for id in q.cite.iter().chain(&q.includes).chain(&q.suggest) {
            assert!(
                bot.glossary().get(id).is_some(),
                "{:?} names {id}, which the bundled glossary lacks",
                q.ask
            );
        }
    }
}

#[test]
fn answers_with_entries_never_say_they_do_not_know() {
    let bot = bundled_bot();
    for q in questions() {
        let a = bot.ask(&q.ask);
        if a.terms.is_empty() {
            continue;
        }
        assert!(
            !a.answer.starts_with("I don't know"),
            "{:?}: {}",
            q.ask,
            a.answer
        );
        assert!(a.suggestions.is_empty(), "{:?}", q.ask);
    }
}

#[test]
fn every_entry_is_found_by_its_name_and_labels() {
    let bot = bundled_bot();
    let mut misses = Vec::new();
    for term in bot.glossary().terms() {
        for label in term.labels() {
            let a = bot.ask(&format!("what is {label}?"));
            let cited = a.terms.iter().any(|t| t.id == term.id);
            if !cited {
                misses.push(format!(
                    "{label} ({}) → {:?}",
                    term.id,
                    a.terms.first().map(|t| &t.id)
                ));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "labels not found:\n{}",
        misses.join("\n")
    );
}
