//! Reading a question: normalisation (case, punctuation, contractions,
//! common misspellings, polite fillers), then the first pattern of
//! [`PATTERNS`] that fits, with its subjects.

use std::sync::OnceLock;

use super::index::Index;
use super::patterns::{Kind, PATTERNS};
use super::text::{distance_within, is_apostrophe};

/// What a question is about: words of the question, or an entry of the
/// conversation so far ("it", "them").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Words as the user wrote them.
    Text(String),
    /// The n-th entry of the current topic (0 = "it", 1 = "the other one").
    Topic(usize),
}

/// A question's intent and subjects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Nothing but punctuation and fillers.
    Empty,
    /// How to use the bot.
    Help,
    /// Thanks or goodbye.
    Thanks,
    /// Which areas there are.
    ListAreas,
    /// The entries of the named area.
    ListArea(String),
    /// A definition.
    Define(Subject),
    /// What an abbreviation stands for.
    Acronym(Subject),
    /// Two subjects compared; every way of splitting the question is listed,
    /// best guess first. `relation` when the question asks how they relate.
    Compare {
        /// Candidate (first, second) subjects.
        pairs: Vec<(Subject, Subject)>,
        /// "How does X relate to Y" rather than "X vs Y".
        relation: bool,
    },
    /// Entries related to the subject.
    Related(Subject),
    /// More general entries.
    Broader(Subject),
    /// More specific entries.
    Narrower(Subject),
    /// Kinds of the subject, and example sentences.
    Instances(Subject),
    /// An example sentence.
    Example(Subject),
    /// More on the current topic.
    More,
    /// The previous kind of question about a new subject.
    FollowUp(Subject),
    /// One of the suggestions offered last ("yes", "the second one").
    Choose(usize),
}

impl Intent {
    /// A short name for the intent, e.g. `define`, `compare`.
    pub fn name(&self) -> &'static str {
        match self {
            Intent::Empty => "empty",
            Intent::Help => "help",
            Intent::Thanks => "thanks",
            Intent::ListAreas => "areas",
            Intent::ListArea(_) => "area",
            Intent::Define(_) => "define",
            Intent::Acronym(_) => "acronym",
            Intent::Compare {
                relation: false, ..
            } => "compare",
            Intent::Compare { relation: true, .. } => "relation",
            Intent::Related(_) => "related",
            Intent::Broader(_) => "broader",
            Intent::Narrower(_) => "narrower",
            Intent::Instances(_) => "instances",
            Intent::Example(_) => "example",
            Intent::More => "more",
            Intent::FollowUp(_) => "follow-up",
            Intent::Choose(_) => "choose",
        }
    }
}

/// A word of the question: normalised for matching, with its place in the
/// cleaned question so that subjects keep the user's spelling.
#[derive(Debug, Clone)]
struct Token {
    norm: String,
    start: usize,
    end: usize,
}

/// A parsed pattern: literal words and subject slots.
#[derive(Debug)]
enum Piece {
    Word(&'static str),
    Slot,
}

struct Pattern {
    kind: Kind,
    pieces: Vec<Piece>,
}

fn patterns() -> &'static [Pattern] {
    static PARSED: OnceLock<Vec<Pattern>> = OnceLock::new();
    PARSED.get_or_init(|| {
        PATTERNS
            .iter()
            .map(|&(kind, text)| Pattern {
                kind,
                pieces: text
                    .split_whitespace()
                    .map(|w| {
                        if w == "{}" {
                            Piece::Slot
                        } else {
                            Piece::Word(w)
                        }
                    })
                    .collect(),
            })
            .collect()
    })
}

/// Questions longer than this many words are read as free text: no
/// pattern is tried, so that matching stays fast on pasted paragraphs.
const MAX_PATTERN_WORDS: usize = 40;

/// Reads `question`. `index` tells which subjects name an area.
pub fn parse(question: &str, index: &Index) -> Intent {
    let cleaned = clean(question);
    let mut tokens = tokenize(&cleaned);
    let follow_up = strip_fillers(&mut tokens);
    if tokens.is_empty() {
        return if follow_up {
            Intent::More
        } else {
            Intent::Empty
        };
    }
    if let Some(n) = choice(&tokens) {
        return Intent::Choose(n);
    }
    if tokens.len() > MAX_PATTERN_WORDS {
        return Intent::Define(subject(&cleaned, &tokens));
    }
    for pattern in patterns() {
        let matches = match_all(&pattern.pieces, &tokens);
        let Some(first) = matches.first() else {
            continue;
        };
        let subjects = |caps: &[(usize, usize)]| -> Vec<Subject> {
            caps.iter()
                .map(|&(s, e)| subject(&cleaned, &tokens[s..e]))
                .collect()
        };
        let one = || {
            subjects(first)
                .into_iter()
                .next()
                .unwrap_or(Subject::Topic(0))
        };
        let intent = match pattern.kind {
            Kind::Help => Intent::Help,
            Kind::Thanks => Intent::Thanks,
            Kind::ListAreas => Intent::ListAreas,
            Kind::ListArea => {
                let Some(Subject::Text(area)) = subjects(first).into_iter().next() else {
                    continue;
                };
                if index.area(&area).is_none() {
                    continue;
                }
                Intent::ListArea(area)
            }
            Kind::Compare | Kind::Relation => Intent::Compare {
                pairs: pairs(matches.iter().map(|caps| subjects(caps))),
                relation: pattern.kind == Kind::Relation,
            },
            Kind::Acronym => Intent::Acronym(one()),
            Kind::Related => Intent::Related(one()),
            Kind::Broader => Intent::Broader(one()),
            Kind::Narrower => Intent::Narrower(one()),
            Kind::Instances => Intent::Instances(one()),
            Kind::Example => Intent::Example(one()),
            Kind::More => Intent::More,
            Kind::FollowUp => Intent::FollowUp(one()),
            Kind::Define if follow_up && pattern.pieces.len() == 1 => Intent::FollowUp(one()),
            Kind::Define => Intent::Define(one()),
        };
        return intent;
    }
    Intent::Define(subject(&cleaned, &tokens))
}

/// The subject pairs of a comparison's matches; a single subject ("them",
/// or one entry to compare with the topic) is paired with the topic.
fn pairs(matches: impl Iterator<Item = Vec<Subject>>) -> Vec<(Subject, Subject)> {
    let mut out = Vec::new();
    for subjects in matches {
        let pair = match subjects.as_slice() {
            [] => (Subject::Topic(0), Subject::Topic(1)),
            [Subject::Topic(_)] => (Subject::Topic(0), Subject::Topic(1)),
            [one] => (Subject::Topic(0), one.clone()),
            [a, b, ..] => (a.clone(), b.clone()),
        };
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out
}

/// The question with typographic quotes and dashes made plain and runs of
/// whitespace collapsed.
fn clean(question: &str) -> String {
    let mut out = String::with_capacity(question.len());
    for c in question.chars() {
        let c = match c {
            c if is_apostrophe(c) => '\'',
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' => ' ',
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// Characters that are punctuation around a word rather than part of it.
fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        '?' | '!'
            | '.'
            | ','
            | ';'
            | ':'
            | '"'
            | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '*'
            | '_'
            | '`'
            | '¿'
            | '¡'
            | '<'
            | '>'
    )
}

fn tokenize(cleaned: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for raw in cleaned.split(' ') {
        let start_raw = offset;
        offset += raw.len() + 1;
        let trimmed_start = raw.trim_start_matches(is_edge_punctuation);
        let word = trimmed_start.trim_end_matches(is_edge_punctuation);
        if word.is_empty() {
            continue;
        }
        let start = start_raw + (raw.len() - trimmed_start.len());
        let end = start + word.len();
        let lower = word.to_lowercase();
        for norm in expand(&lower) {
            tokens.push(Token {
                norm: norm.to_string(),
                start,
                end,
            });
        }
    }
    tokens
}

/// Contractions and common misspellings of the words patterns are made of.
fn expand(word: &str) -> Vec<&str> {
    let words: &[&str] = match word {
        "what's" | "whats" | "wats" | "what'" | "whatis" => &["what", "is"],
        "what're" => &["what", "are"],
        "who's" => &["who", "is"],
        "how's" => &["how", "is"],
        "it's" => &["it", "is"],
        "that's" => &["that", "is"],
        "there's" => &["there", "is"],
        "don't" | "dont" => &["do", "not"],
        "doesn't" | "doesnt" => &["does", "not"],
        "isn't" | "isnt" => &["is", "not"],
        "i'm" | "im" => &["i", "am"],
        "i'd" => &["i", "would"],
        "waht" | "wat" | "wht" | "whta" | "hwat" => &["what"],
        "r" => &["are"],
        "u" => &["you"],
        "pls" | "plz" | "pleae" | "pleas" => &["please"],
        "diff" => &["difference"],
        "versus" | "v" | "vs" => &["vs"],
        "&" => &["and"],
        "abt" => &["about"],
        "thnx" | "thanx" | "ty" => &["thanks"],
        "eli5:" => &["eli5"],
        "e.g" => &["example"],
        _ => return vec![word],
    };
    words.to_vec()
}

/// Leading and trailing words that do not change the question. Returns
/// whether the question began with "and" or "also" (a follow-up).
fn strip_fillers(tokens: &mut Vec<Token>) -> bool {
    const LEADING: &[&[&str]] = &[
        &["can", "you", "tell", "me"],
        &["could", "you", "tell", "me"],
        &["would", "you", "tell", "me"],
        &["can", "you", "please", "tell", "me"],
        &["i", "would", "like", "to", "know"],
        &["i", "want", "to", "know"],
        &["i", "wonder"],
        &["i", "was", "wondering"],
        &["quick", "question"],
        &["question"],
        &["please"],
        &["ok"],
        &["okay"],
        &["so"],
        &["well"],
        &["um"],
        &["hmm"],
        &["hey"],
        &["hi"],
        &["hello"],
        &["bot"],
        &["glossa"],
        &["but"],
        &["then"],
        &["now", "tell", "me"],
        &["tell", "me"],
    ];
    const TRAILING: &[&[&str]] = &[
        &["please"],
        &["thanks"],
        &["thank", "you"],
        &["again"],
        &["exactly"],
        &["briefly"],
        &["for", "me"],
        &["in", "simple", "terms"],
        &["in", "plain", "english"],
        &["in", "a", "nutshell"],
        &["in", "one", "sentence"],
        &["in", "short"],
        &["simply"],
        &["quickly"],
        &["then"],
    ];
    let mut follow_up = false;
    loop {
        let before = tokens.len();
        if tokens
            .first()
            .is_some_and(|t| t.norm == "and" || t.norm == "also")
        {
            tokens.remove(0);
            follow_up = true;
        }
        for filler in LEADING {
            // "tell me about X" and "tell me more" are patterns of their own.
            let keep = filler.ends_with(&["tell", "me"])
                && tokens
                    .get(filler.len())
                    .is_some_and(|t| t.norm == "about" || t.norm == "more");
            if !keep && starts_with(tokens, filler) && tokens.len() > filler.len() {
                tokens.drain(..filler.len());
                break;
            }
        }
        for filler in TRAILING {
            if tokens.len() > filler.len() && ends_with(tokens, filler) {
                tokens.truncate(tokens.len() - filler.len());
                break;
            }
        }
        if tokens.len() == before {
            return follow_up;
        }
    }
}

fn starts_with(tokens: &[Token], words: &[&str]) -> bool {
    tokens.len() >= words.len() && tokens.iter().zip(words).all(|(t, w)| t.norm == *w)
}

fn ends_with(tokens: &[Token], words: &[&str]) -> bool {
    tokens.len() >= words.len()
        && tokens[tokens.len() - words.len()..]
            .iter()
            .zip(words)
            .all(|(t, w)| t.norm == *w)
}

/// "yes", "2", "the second one": a pick among offered suggestions (0-based).
fn choice(tokens: &[Token]) -> Option<usize> {
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t.norm.as_str())
        .filter(|w| {
            !matches!(
                *w,
                "the" | "one" | "number" | "no" | "option" | "#" | "please"
            )
        })
        .collect();
    let [word] = words.as_slice() else {
        return None;
    };
    let word = word.trim_start_matches('#');
    let n = match word {
        "yes" | "yeah" | "yep" | "y" | "sure" | "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        w => w.parse::<usize>().ok().filter(|n| (1..=9).contains(n))?,
    };
    Some(n - 1)
}

fn is_article(word: &str) -> bool {
    matches!(word, "a" | "an" | "the")
}

/// Whether a question word matches a pattern word: equal, or one typo away
/// for longer words ("diffrence", "betwen").
fn word_matches(token: &str, word: &str) -> bool {
    token == word
        || (word.len() >= 5
            && token.len() >= 4
            && token.as_bytes()[0] == word.as_bytes()[0]
            && distance_within(token, word, 1).is_some())
}

/// Every way `pieces` matches all of `tokens`, as slot ranges (at most a few).
fn match_all(pieces: &[Piece], tokens: &[Token]) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut caps = Vec::new();
    go(pieces, tokens, 0, &mut caps, &mut out);
    out
}

const MAX_MATCHES: usize = 6;

fn go(
    pieces: &[Piece],
    tokens: &[Token],
    mut t: usize,
    caps: &mut Vec<(usize, usize)>,
    out: &mut Vec<Vec<(usize, usize)>>,
) {
    if out.len() >= MAX_MATCHES {
        return;
    }
    let Some((piece, rest)) = pieces.split_first() else {
        if t == tokens.len() {
            out.push(caps.clone());
        }
        return;
    };
    match piece {
        Piece::Word(word) => {
            while t < tokens.len() && is_article(&tokens[t].norm) && !is_article(word) {
                t += 1;
            }
            if t < tokens.len() && word_matches(&tokens[t].norm, word) {
                go(rest, tokens, t + 1, caps, out);
            }
        }
        Piece::Slot => {
            while t < tokens.len() && is_article(&tokens[t].norm) {
                t += 1;
            }
            let ends = if rest.is_empty() {
                tokens.len()..=tokens.len()
            } else {
                t + 1..=tokens.len().saturating_sub(1)
            };
            for end in ends {
                if end <= t {
                    continue;
                }
                // A subject ends before the articles that lead into the next word.
                let mut trimmed = end;
                while trimmed > t + 1 && is_article(&tokens[trimmed - 1].norm) {
                    trimmed -= 1;
                }
                if trimmed != end && !rest.is_empty() {
                    continue;
                }
                caps.push((t, trimmed));
                go(rest, tokens, end, caps, out);
                caps.pop();
            }
        }
    }
}

/// Words that point back at the conversation's topic.
fn pronoun(words: &str) -> Option<usize> {
    Some(match words {
        "it" | "this" | "that" | "this one" | "that one" | "this term" | "that term"
        | "the term" | "this entry" | "that entry" | "the same" | "the former" | "former"
        | "them" | "they" | "both" | "these" | "those" | "the two" | "these two"
        | "both of them" | "the two terms" | "these terms" | "those terms" => 0,
        "the latter" | "latter" | "the other" | "the other one" | "other one" => 1,
        _ => return None,
    })
}

/// The subject of a range of tokens: a pronoun, or the user's words
/// (leading articles dropped).
fn subject(cleaned: &str, tokens: &[Token]) -> Subject {
    let Some(first) = tokens.iter().position(|t| !is_article(&t.norm)) else {
        return Subject::Topic(0);
    };
    let tokens = &tokens[first..];
    let norm: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    if let Some(n) = pronoun(&norm.join(" ")) {
        return Subject::Topic(n);
    }
    let (Some(a), Some(b)) = (tokens.first(), tokens.last()) else {
        return Subject::Topic(0);
    };
    let text = cleaned.get(a.start..b.end).unwrap_or_default();
    let text = text.trim_matches(|c: char| is_edge_punctuation(c) || c.is_whitespace());
    Subject::Text(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Subject {
        Subject::Text(s.into())
    }

    #[test]
    fn reads_intents_and_subjects() {
        let index = Index::default();
        let cases: Vec<(&str, Intent)> = vec![
            (
                "what's a permanent establishment?",
                Intent::Define(text("permanent establishment")),
            ),
            ("CRS?", Intent::Define(text("CRS"))),
            ("define   CRS", Intent::Define(text("CRS"))),
            ("What does MiCA stand for", Intent::Acronym(text("MiCA"))),
            (
                "waht is the Travel Rule",
                Intent::Define(text("Travel Rule")),
            ),
            (
                "difference between delta and gamma",
                Intent::Compare {
                    pairs: vec![(text("delta"), text("gamma"))],
                    relation: false,
                },
            ),
            (
                "delta vs. gamma",
                Intent::Compare {
                    pairs: vec![(text("delta"), text("gamma"))],
                    relation: false,
                },
            ),
            (
                "and how does it relate to CRS?",
                Intent::Compare {
                    pairs: vec![(Subject::Topic(0), text("CRS"))],
                    relation: true,
                },
            ),
            (
                "what is related to the Travel Rule?",
                Intent::Related(text("Travel Rule")),
            ),
            ("give me an example", Intent::Example(Subject::Topic(0))),
            ("what is it a type of", Intent::Broader(Subject::Topic(0))),
            (
                "types of derivatives",
                Intent::Narrower(text("derivatives")),
            ),
            ("help", Intent::Help),
            ("which areas are there?", Intent::ListAreas),
            ("tell me about vega", Intent::Define(text("vega"))),
            ("and gamma?", Intent::FollowUp(text("gamma"))),
            ("the second one", Intent::Choose(1)),
            ("yes", Intent::Choose(0)),
            ("   ", Intent::Empty),
            ("“Proof of Stake”", Intent::Define(text("Proof of Stake"))),
            (
                "diffrence betwen PoS and PoW",
                Intent::Compare {
                    pairs: vec![(text("PoS"), text("PoW"))],
                    relation: false,
                },
            ),
        ];
        for (question, want) in cases {
            assert_eq!(parse(question, &index), want, "{question}");
        }
    }

    #[test]
    fn every_and_split_is_offered() {
        let Intent::Compare { pairs, .. } = parse(
            "difference between profit and loss and revenue",
            &Index::default(),
        ) else {
            panic!("not a comparison");
        };
        assert_eq!(
            pairs,
            [
                (text("profit"), text("loss and revenue")),
                (text("profit and loss"), text("revenue"))
            ]
        );
    }

    #[test]
    fn very_long_questions_are_free_text() {
        let long = "word ".repeat(500);
        assert!(matches!(
            parse(&long, &Index::default()),
            Intent::Define(Subject::Text(_))
        ));
    }
}
