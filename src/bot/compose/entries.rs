//! Answers about one entry.

use crate::glossary::Status;
use crate::lint::words::is_acronym_like;
use crate::render::term_markdown;

use super::super::resolve::{Found, How};
use super::super::{Bot, Conversation};
use super::{item, link, quoted, strong, term, Asked, Reply, MAX_LISTED};

pub(super) fn define(bot: &Bot, found: &Found, subject: Option<&str>) -> Reply {
    let t = term(bot, found.term);
    let mut md = String::new();
    match (found.how, subject) {
        (How::Typo | How::Partial, Some(s)) => {
            md.push_str(&format!("*I read {} as {}.*\n\n", quoted(s), t.name));
        }
        (How::Retrieval, Some(s)) => md.push_str(&format!(
            "*No entry is called {}; the closest one is {}.*\n\n",
            quoted(s),
            t.name
        )),
        _ => {}
    }
    md.push_str(&term_markdown(&bot.glossary, t, &|t| bot.url(t)));
    let mut terms = vec![found.term];
    if t.status == Status::Deprecated {
        if let Some(i) = t
            .use_instead
            .as_deref()
            .and_then(|id| bot.glossary.index_of(id))
        {
            terms.push(i);
        }
    }
    if !found.also.is_empty() {
        let label_shared = found.how != How::Contained;
        let others: Vec<String> = found
            .also
            .iter()
            .map(|&i| link(bot, term(bot, i)))
            .collect();
        if label_shared {
            let label = found
                .label
                .map(|l| bot.index.labels[l].text.as_str())
                .unwrap_or(&t.name);
            md.push_str(&format!(
                "\n*{} can also mean:* {}\n",
                quoted(label),
                others.join(" · ")
            ));
        } else {
            md.push_str(&format!(
                "\n*Your question also mentions:* {}\n",
                others.join(" · ")
            ));
        }
        for &i in &found.also {
            if !terms.contains(&i) {
                terms.push(i);
            }
        }
    }
    Reply::about(md, terms, Asked::Define)
}

pub(super) fn acronym(bot: &Bot, found: &Found, subject: Option<&str>) -> Reply {
    let t = term(bot, found.term);
    let label = found.label.map(|l| bot.index.labels[l].text.as_str());
    let mut md = match (found.how, label) {
        (How::Exact | How::Inflection, Some(label)) if label != t.name => {
            if is_acronym_like(label) || label.chars().all(|c| !c.is_lowercase()) {
                format!("**{label}** stands for {}.", strong(bot, t))
            } else {
                format!("“{label}” is another name for {}.", strong(bot, t))
            }
        }
        (How::Exact | How::Inflection, _) => {
            let short: Vec<&str> = t.acronyms().filter(|a| *a != t.name).collect();
            if short.is_empty() {
                format!("{} has no abbreviation in the glossary.", strong(bot, t))
            } else {
                format!(
                    "{} is abbreviated **{}**.",
                    strong(bot, t),
                    short.join("** or **")
                )
            }
        }
        _ => {
            let s = subject.unwrap_or(&t.name);
            format!(
                "I don't know {} as an abbreviation; the closest entry is {}.",
                quoted(s),
                strong(bot, t)
            )
        }
    };
    md.push_str(&format!("\n\n{}\n", t.short_description()));
    let mut terms = vec![found.term];
    terms.extend(found.also.iter().copied());
    if !found.also.is_empty() {
        let others: Vec<String> = found
            .also
            .iter()
            .map(|&i| link(bot, term(bot, i)))
            .collect();
        md.push_str(&format!(
            "\n*It can also stand for:* {}\n",
            others.join(" · ")
        ));
    }
    Reply::about(md, terms, Asked::Acronym)
}

pub(super) fn related(bot: &Bot, index: usize) -> Reply {
    let t = term(bot, index);
    let g = &bot.glossary;
    let mut terms = vec![index];
    let mut md = format!("Entries related to {}:\n\n", link(bot, t));
    let mut listed = 0;
    for id in &t.related {
        if let Some(i) = g.index_of(id).filter(|i| !terms.contains(i)) {
            md.push_str(&item(bot, term(bot, i)));
            terms.push(i);
            listed += 1;
        }
    }
    let broader: Vec<usize> = t
        .broader
        .iter()
        .filter_map(|id| g.index_of(id))
        .filter(|i| !terms.contains(i))
        .collect();
    if !broader.is_empty() {
        let names: Vec<String> = broader.iter().map(|&i| link(bot, term(bot, i))).collect();
        md.push_str(&format!("\n*Broader:* {}\n", names.join(" · ")));
        terms.extend(&broader);
        listed += broader.len();
    }
    let referrers: Vec<usize> = g
        .referenced_by(&t.id)
        .into_iter()
        .filter_map(|r| g.index_of(&r.id))
        .filter(|i| !terms.contains(i))
        .collect();
    if !referrers.is_empty() {
        md.push_str(&format!(
            "\n*Referred to by:* {}\n",
            names_capped(bot, &referrers)
        ));
        terms.extend(referrers.iter().take(MAX_LISTED));
        listed += referrers.len();
    }
    if listed == 0 {
        md = format!(
            "The glossary lists no entries related to {}.\n\n{}\n",
            link(bot, t),
            t.short_description()
        );
    }
    Reply::about(md, terms, Asked::Related)
}

fn names_capped(bot: &Bot, list: &[usize]) -> String {
    let mut names: Vec<String> = list
        .iter()
        .take(MAX_LISTED)
        .map(|&i| link(bot, term(bot, i)))
        .collect();
    if list.len() > MAX_LISTED {
        names.push(format!("and {} more", list.len() - MAX_LISTED));
    }
    names.join(" · ")
}

pub(super) fn broader(bot: &Bot, index: usize) -> Reply {
    let t = term(bot, index);
    let parents: Vec<usize> = t
        .broader
        .iter()
        .filter_map(|id| bot.glossary.index_of(id))
        .collect();
    let mut terms = vec![index];
    let md = if parents.is_empty() {
        let area = t
            .area
            .as_deref()
            .map(|a| format!(" It belongs to the *{a}* area."))
            .unwrap_or_default();
        format!(
            "The glossary lists no broader entry for {}.{area}\n\n{}\n",
            link(bot, t),
            t.short_description()
        )
    } else {
        let mut md = format!("{} is a kind of:\n\n", link(bot, t));
        for &p in &parents {
            md.push_str(&item(bot, term(bot, p)));
        }
        terms.extend(&parents);
        md
    };
    Reply::about(md, terms, Asked::Broader)
}

/// Entries that list `index` as broader, by name.
fn children(bot: &Bot, index: usize) -> Vec<usize> {
    let id = &term(bot, index).id;
    let mut kids: Vec<usize> = bot
        .glossary
        .terms()
        .iter()
        .enumerate()
        .filter(|(_, t)| t.broader.contains(id) && t.status != Status::Deprecated)
        .map(|(i, _)| i)
        .collect();
    kids.sort_by_key(|&i| term(bot, i).name.to_lowercase());
    kids
}

pub(super) fn narrower(bot: &Bot, index: usize) -> Reply {
    let t = term(bot, index);
    let kids = children(bot, index);
    let mut terms = vec![index];
    let md = if kids.is_empty() {
        format!(
            "No entry in the glossary is listed as a kind of {}.\n\n{}\n",
            link(bot, t),
            t.short_description()
        )
    } else {
        let mut md = format!("Kinds of {}:\n\n", link(bot, t));
        for &k in &kids {
            md.push_str(&item(bot, term(bot, k)));
        }
        terms.extend(&kids);
        md
    };
    Reply::about(md, terms, Asked::Narrower)
}

fn example_sentence(
    bot: &Bot,
    conversation: &Conversation,
    index: usize,
) -> Option<(String, usize)> {
    let t = term(bot, index);
    if t.examples.is_empty() {
        return None;
    }
    let same_topic = conversation.topic_term(0, &bot.glossary) == Some(index);
    let n = if same_topic {
        conversation.examples_shown() % t.examples.len()
    } else {
        0
    };
    Some((format!("> {}\n", t.examples[n].trim()), n))
}

pub(super) fn example(bot: &Bot, conversation: &Conversation, index: usize) -> Reply {
    let t = term(bot, index);
    match example_sentence(bot, conversation, index) {
        Some((quote, n)) => {
            let count = if t.examples.len() > 1 {
                format!(" ({} of {})", n + 1, t.examples.len())
            } else {
                String::new()
            };
            let md = format!("An example of {}{count}:\n\n{quote}", link(bot, t));
            let mut reply = Reply::about(md, vec![index], Asked::Example);
            reply.example_shown = Some(n);
            reply
        }
        None => {
            let md = format!(
                "The glossary has no example sentence for {}. What it says:\n\n{}\n",
                link(bot, t),
                t.short_description()
            );
            Reply::about(md, vec![index], Asked::Example)
        }
    }
}

/// "Examples of X": the kinds of X when it has any, and an example sentence.
pub(super) fn instances(bot: &Bot, conversation: &Conversation, index: usize) -> Reply {
    let kids = children(bot, index);
    if kids.is_empty() {
        return example(bot, conversation, index);
    }
    let mut reply = narrower(bot, index);
    if let Some((quote, n)) = example_sentence(bot, conversation, index) {
        reply
            .markdown
            .push_str(&format!("\nIn a sentence:\n\n{quote}"));
        reply.example_shown = Some(n);
    }
    reply.asked = Some(Asked::Instances);
    reply
}
