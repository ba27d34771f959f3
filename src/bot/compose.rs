//! Answers: the Markdown for each intent, built only from the glossary's
//! entries, and the entries each answer used.

use crate::glossary::{Status, Term};
use crate::lint::words::is_acronym_like;
use crate::render::term_markdown;

use super::question::{Intent, Subject};
use super::resolve::{self, Found, How, Resolution};
use super::{Bot, Conversation};

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

fn define(bot: &Bot, found: &Found, subject: Option<&str>) -> Reply {
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

fn acronym(bot: &Bot, found: &Found, subject: Option<&str>) -> Reply {
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

fn related(bot: &Bot, index: usize) -> Reply {
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

fn broader(bot: &Bot, index: usize) -> Reply {
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

fn narrower(bot: &Bot, index: usize) -> Reply {
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

fn example(bot: &Bot, conversation: &Conversation, index: usize) -> Reply {
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
fn instances(bot: &Bot, conversation: &Conversation, index: usize) -> Reply {
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

fn compare(
    bot: &Bot,
    conversation: &Conversation,
    pairs: &[(Subject, Subject)],
    relation: bool,
) -> Reply {
    // Of the ways to split the question, take the one that resolves best.
    let mut best: Option<(usize, Resolved, Resolved)> = None;
    for (a, b) in pairs {
        let ra = resolve_subject(bot, conversation, a);
        let rb = resolve_subject(bot, conversation, b);
        let score = quality(&ra) + quality(&rb);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, ra, rb));
        }
    }
    let Some((_, ra, rb)) = best else {
        return no_topic(bot, "them");
    };
    match (ra, rb) {
        (Resolved::Found(a), Resolved::Found(b)) => compare_found(bot, &a, &b, relation),
        (Resolved::Found(a), Resolved::NoTopic(1)) | (Resolved::NoTopic(1), Resolved::Found(a)) => {
            let t = term(bot, a.term);
            Reply::text(format!(
                "I need two entries to compare, and we have only talked about {}. \
                 Ask “compare {} with …” and name the other one.",
                link(bot, t),
                t.name
            ))
        }
        (Resolved::NoTopic(_), _) | (_, Resolved::NoTopic(_)) => no_topic(bot, "it"),
        (Resolved::Found(a), Resolved::Unknown(text, suggestions))
        | (Resolved::Unknown(text, suggestions), Resolved::Found(a)) => {
            let t = term(bot, a.term);
            let mut reply = unknown(bot, &text, suggestions, false);
            reply.markdown = format!(
                "I can't compare: I know {} but not {}.\n\n{} — {}\n\n{}",
                link(bot, t),
                quoted(&text),
                link(bot, t),
                t.short_description(),
                reply.markdown
            );
            reply.terms = vec![a.term];
            reply.topic = Some(vec![a.term]);
            reply
        }
        (Resolved::Unknown(x, mut sx), Resolved::Unknown(y, sy)) => {
            for s in sy {
                if !sx.contains(&s) {
                    sx.push(s);
                }
            }
            sx.truncate(5);
            let mut reply = unknown(bot, &x, sx, false);
            reply.markdown = reply.markdown.replacen(
                &quoted(&x),
                &format!("{} or {}", quoted(&x), quoted(&y)),
                1,
            );
            reply
        }
    }
}

fn quality(r: &Resolved) -> usize {
    match r {
        Resolved::Found(f) => match f.how {
            How::Exact => 6,
            How::Inflection => 5,
            How::Typo => 4,
            How::Contained => 3,
            How::Partial => 3,
            How::Retrieval => 2,
        },
        Resolved::Unknown(..) | Resolved::NoTopic(_) => 0,
    }
}

fn compare_found(bot: &Bot, a: &Found, b: &Found, relation: bool) -> Reply {
    let (ta, tb) = (term(bot, a.term), term(bot, b.term));
    if a.term == b.term {
        let md = format!(
            "Those are two names for the same entry, {}.\n\n{}\n",
            link(bot, ta),
            ta.short_description()
        );
        return Reply::about(md, vec![a.term], Asked::Define);
    }
    let heading = if relation {
        format!("How **{}** relates to **{}**", ta.name, tb.name)
    } else {
        format!("**{}** vs **{}**", ta.name, tb.name)
    };
    let line = |t: &Term| {
        let area = t
            .area
            .as_deref()
            .map(|a| format!(" (*{a}*)"))
            .unwrap_or_default();
        format!("- {}{area}: {}\n", link(bot, t), t.short_description())
    };
    let mut md = format!("{heading}\n\n{}{}", line(ta), line(tb));
    let facts = connections(bot, ta, tb);
    md.push_str(&format!("\n{}\n", facts.join(" ")));
    Reply::about(md, vec![a.term, b.term], Asked::Compare)
}

/// What the glossary says links two entries, as sentences.
fn connections(bot: &Bot, a: &Term, b: &Term) -> Vec<String> {
    let g = &bot.glossary;
    let mut facts = Vec::new();
    let a_rel = a.related.contains(&b.id);
    let b_rel = b.related.contains(&a.id);
    match (a_rel, b_rel) {
        (true, true) => facts.push("The glossary lists them as related to each other.".to_string()),
        (true, false) => facts.push(format!("{} lists {} as related.", a.name, b.name)),
        (false, true) => facts.push(format!("{} lists {} as related.", b.name, a.name)),
        (false, false) => {}
    }
    if a.broader.contains(&b.id) {
        facts.push(format!("{} is a kind of {}.", a.name, b.name));
    }
    if b.broader.contains(&a.id) {
        facts.push(format!("{} is a kind of {}.", b.name, a.name));
    }
    let names = |ids: Vec<&String>| -> Vec<String> {
        ids.into_iter()
            .filter_map(|id| g.get(id))
            .map(|t| t.name.clone())
            .collect()
    };
    let shared_broader = names(
        a.broader
            .iter()
            .filter(|id| b.broader.contains(id))
            .collect(),
    );
    if !shared_broader.is_empty() {
        facts.push(format!(
            "Both are kinds of {}.",
            shared_broader.join(" and ")
        ));
    }
    let shared_related = names(
        a.related
            .iter()
            .filter(|id| {
                b.related.contains(id)
                    && **id != a.id
                    && **id != b.id
                    && !(a.broader.contains(id) && b.broader.contains(id))
            })
            .take(5)
            .collect(),
    );
    if !shared_related.is_empty() {
        facts.push(format!("Both relate to {}.", shared_related.join(", ")));
    }
    let linked = !facts.is_empty();
    match (a.area.as_deref(), b.area.as_deref()) {
        (Some(x), Some(y)) if x == y => facts.push(format!("Both belong to the *{x}* area.")),
        (Some(x), Some(y)) => {
            facts.push(format!("{} belongs to *{x}*, {} to *{y}*.", a.name, b.name))
        }
        _ => {}
    }
    if !linked {
        facts.insert(0, "The glossary does not link them directly.".to_string());
    }
    facts
}

fn unknown(bot: &Bot, text: &str, suggestions: Vec<usize>, abbreviation: bool) -> Reply {
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

fn no_topic(bot: &Bot, word: &str) -> Reply {
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

fn areas(bot: &Bot) -> Reply {
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

fn list_area(bot: &Bot, name: &str) -> Reply {
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

fn help(bot: &Bot) -> Reply {
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
