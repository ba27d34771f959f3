//! Answers about two entries: differences and relations.

use crate::glossary::Term;

use super::super::question::Subject;
use super::super::resolve::{Found, How};
use super::super::{Bot, Conversation};
use super::{link, no_topic, quoted, resolve_subject, term, unknown, Asked, Reply, Resolved};

pub(super) fn compare(
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
