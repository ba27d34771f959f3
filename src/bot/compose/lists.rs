//! Answers that are not about one entry: the areas, an area's entries,
//! help, and "I don't know".

use crate::glossary::Status;

use super::super::Bot;
use super::{link, quoted, term, Reply};

pub(super) fn unknown(bot: &Bot, text: &str, suggestions: Vec<usize>, abbreviation: bool) -> Reply {
    let what = if abbreviation {
        "the abbreviation "
    } else {
        ""
    };
    let mut md = format!(
        "I don't know {what}{}: no glossary entry matches it.",
        quoted(text)
    );
    if suggestions.is_empty() {
        md.push_str(
            "\n\nNothing in the glossary comes close. Ask “which areas are there?” \
             to see what it covers.\n",
        );
    } else {
        md.push_str("\n\nThe closest entries are:\n\n");
        for (n, &s) in suggestions.iter().enumerate() {
            let t = term(bot, s);
            md.push_str(&format!(
                "{}. {} — {}\n",
                n + 1,
                link(bot, t),
                t.short_description()
            ));
        }
        md.push_str("\nReply with a number to read one of them.\n");
    }
    Reply {
        markdown: md,
        suggestions,
        ..Reply::default()
    }
}

pub(super) fn no_topic(bot: &Bot, word: &str) -> Reply {
    let example = bot
        .glossary
        .terms()
        .first()
        .map(|t| format!(", for example “what is {}?”", t.name))
        .unwrap_or_default();
    Reply::text(format!(
        "I'm not sure what “{word}” refers to: we haven't talked about an entry yet. \
         Ask me about a term first{example}."
    ))
}

pub(super) fn areas(bot: &Bot) -> Reply {
    let areas = &bot.index.areas;
    if areas.is_empty() {
        return Reply::text(format!(
            "The glossary has {} entries and does not sort them into areas.",
            bot.glossary.len()
        ));
    }
    let mut md = format!(
        "The glossary has {} entries in {} areas:\n\n",
        bot.glossary.len(),
        areas.len()
    );
    for a in areas {
        md.push_str(&format!("- **{}** ({} entries)\n", a.name, a.terms.len()));
    }
    md.push_str(&format!(
        "\nAsk “terms in {}” to list the entries of an area.\n",
        areas[0].name
    ));
    Reply::text(md)
}

pub(super) fn list_area(bot: &Bot, name: &str) -> Reply {
    let Some(area) = bot.index.area(name) else {
        return areas(bot);
    };
    let listed: Vec<usize> = area
        .terms
        .iter()
        .copied()
        .filter(|&i| term(bot, i).status != Status::Deprecated)
        .collect();
    let mut md = format!("**{}** — {} entries:\n\n", area.name, listed.len());
    for &i in &listed {
        md.push_str(&format!("- {}\n", link(bot, term(bot, i))));
    }
    Reply {
        markdown: md,
        terms: listed,
        ..Reply::default()
    }
}

pub(super) fn help(bot: &Bot) -> Reply {
    let g = &bot.glossary;
    let terms = g.terms();
    let with_acronym = terms
        .iter()
        .find_map(|t| t.acronyms().find(|a| *a != t.name).map(str::to_string));
    let pair = bot
        .index
        .areas
        .iter()
        .find(|a| a.terms.len() >= 2)
        .map(|a| {
            (
                terms[a.terms[0]].name.clone(),
                terms[a.terms[1]].name.clone(),
            )
        });
    let first = terms.first().map(|t| t.name.clone()).unwrap_or_default();
    let mut md = format!(
        "I answer questions from the glossary ({} entries{}). You can ask:\n\n",
        g.len(),
        if bot.index.areas.is_empty() {
            String::new()
        } else {
            format!(" in {} areas", bot.index.areas.len())
        }
    );
    md.push_str(&format!("- **what is {first}?**, or just **{first}?**\n"));
    if let Some(acr) = with_acronym {
        md.push_str(&format!("- **what does {acr} stand for?**\n"));
    }
    if let Some((a, b)) = pair {
        md.push_str(&format!("- **difference between {a} and {b}**\n"));
    }
    md.push_str(&format!("- **what is related to {first}?**\n"));
    md.push_str(&format!(
        "- **types of {first}**, **what is {first} a kind of?**\n"
    ));
    md.push_str("- **give me an example** (of the entry we are talking about)\n");
    if let Some(area) = bot.index.areas.first() {
        md.push_str(&format!(
            "- **terms in {}**, **which areas are there?**\n",
            area.name
        ));
    }
    md.push_str(
        "\nFollow-up questions use the last entry: “and how does it relate to …?”, \
         “what about …?”, “give me an example”. Misspellings are fine.\n",
    );
    Reply::text(md)
}
