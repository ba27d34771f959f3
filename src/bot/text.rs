//! Words of questions and entries: folding, a light English stemmer, stop
//! words and a bounded edit distance. Questions and glossary text go through
//! the same functions, so whatever they do to a word they do on both sides.

/// The words of `text` as written: maximal runs of letters and digits (an
/// apostrophe inside a word is kept, so `protocol's` stays one word).
pub fn raw_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The words of `text`, lower-cased, with straight apostrophes.
pub fn words(text: &str) -> Vec<String> {
    raw_words(text)
        .into_iter()
        .map(|w| {
            w.chars()
                .map(|c| if is_apostrophe(c) { '\'' } else { c })
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect()
}

/// A written word's stem: abbreviations in capitals (`CRS`, `OFAS`) are
/// only lower-cased, since their last `S` is a letter, not a plural; other
/// words go through [`stem`]. `shouting` says the whole text is in capitals,
/// so capitals mean nothing.
pub fn stem_word(raw: &str, shouting: bool) -> String {
    let lower: String = raw
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    if !shouting && letters >= 2 && raw.chars().all(|c| !c.is_lowercase()) {
        lower
    } else {
        stem(&lower)
    }
}

/// Whether a text of several words is written all in capitals.
pub fn is_shouting(text: &str) -> bool {
    text.contains(' ')
        && text.chars().any(|c| c.is_alphabetic())
        && text.chars().all(|c| !c.is_lowercase())
}

/// Whether `c` is a straight or curly apostrophe.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// The key a label or a subject is looked up by: its words joined by one space.
///
/// ```
/// assert_eq!(glossa::bot::text::key("Cross-Border  Tax Treaties"), "cross border tax treaties");
/// ```
pub fn key(text: &str) -> String {
    words(text).join(" ")
}

/// The key with every word stemmed (see [`stem_word`]).
pub fn stem_key(text: &str) -> String {
    let shouting = is_shouting(text);
    raw_words(text)
        .into_iter()
        .map(|w| stem_word(w, shouting))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A light stemmer for English: possessives, plurals, `-ing`/`-ed`,
/// `-ation`, a final `e`, and British `-ise` spellings folded to `-ize`.
///
/// ```
/// use glossa::bot::text::stem;
/// assert_eq!(stem("treaties"), stem("treaty"));
/// assert_eq!(stem("hedging"), stem("hedge"));
/// assert_eq!(stem("tokenisation"), stem("tokenization"));
/// assert_eq!(stem("taxes"), "tax");
/// ```
pub fn stem(word: &str) -> String {
    let mut w = word.trim_end_matches("'s").replace('\'', "");
    w = w.replace("isation", "ization");
    for (from, to) in [
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
    ] {
        if w.len() > from.len() + 3 && w.ends_with(from) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if n > 4
        && ["sses", "ches", "shes", "xes", "zes"]
            .iter()
            .any(|e| w.ends_with(e))
    {
        w.truncate(n - 2);
    } else if n > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        w.truncate(n - 1);
    }
    for suffix in ["ing", "ed"] {
        if w.len() >= suffix.len() + 4 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    // "liquidation" meets "liquidated", "tokenization" meets "tokenize".
    for (suffix, keep) in [("ization", "iz"), ("ation", "at")] {
        if w.len() >= suffix.len() + 4 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            w.push_str(keep);
            break;
        }
    }
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// Words that carry no subject of their own: function words, question
/// words, and the vocabulary of asking about a glossary.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Sorted, so that [`is_stop_word`] can search it.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "define",
    "definition",
    "describe",
    "did",
    "do",
    "does",
    "doing",
    "each",
    "explain",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "know",
    "me",
    "mean",
    "meaning",
    "means",
    "more",
    "my",
    "of",
    "on",
    "one",
    "or",
    "our",
    "please",
    "she",
    "should",
    "so",
    "some",
    "such",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];

/// The optimal string alignment distance between `a` and `b` (insertions,
/// deletions, substitutions and swaps of neighbours), if it is at most `max`.
///
/// ```
/// use glossa::bot::text::distance_within;
/// assert_eq!(distance_within("establishment", "establishmnet", 2), Some(1));
/// assert_eq!(distance_within("delta", "gamma", 2), None);
/// ```
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return osa_within(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_within(&a, &b, max)
}

/// The rows of the distance table live on the stack up to this length.
const STACK_ROW: usize = 64;

fn osa_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut stack = [[0usize; STACK_ROW]; 3];
    let mut heap;
    let [prev2, prev, row]: [&mut [usize]; 3] = if width <= STACK_ROW {
        let [x, y, z] = &mut stack;
        [&mut x[..width], &mut y[..width], &mut z[..width]]
    } else {
        heap = vec![vec![0usize; width]; 3];
        let [x, y, z] = heap.as_mut_slice() else {
            unreachable!("three rows were allocated")
        };
        [x.as_mut_slice(), y.as_mut_slice(), z.as_mut_slice()]
    };
    let (mut prev2, mut prev, mut row) = (prev2, prev, row);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// How many typos a word or label of this many characters may carry and
/// still be recognised.
pub fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=8 => 1,
        9..=15 => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_keep_inner_apostrophes() {
        assert_eq!(words("What's AML/CFT?"), ["what's", "aml", "cft"]);
        assert_eq!(words("the protocol’s fee"), ["the", "protocol's", "fee"]);
        assert_eq!(words("'quoted'"), ["quoted"]);
        assert_eq!(words("Proof-of-Stake"), ["proof", "of", "stake"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(raw_words("DAOs, l'état"), ["DAOs", "l'état"]);
    }

    #[test]
    fn capitals_are_not_plurals() {
        assert_eq!(stem_word("OFAS", false), "ofas");
        assert_eq!(stem_word("DAOs", false), "dao");
        assert_eq!(stem_word("TREATIES", true), "treaty");
        assert_eq!(
            stem_key("Tax Treaties of the DAOs"),
            "tax treaty of the dao"
        );
        assert!(is_shouting("WHAT IS CRS") && !is_shouting("CRS") && !is_shouting("what is CRS"));
    }

    #[test]
    fn stems_meet_in_the_middle() {
        for (a, b) in [
            ("options", "option"),
            ("futures", "future"),
            ("swaps", "swap"),
            ("treaties", "treaty"),
            ("losses", "loss"),
            ("protocol's", "protocol"),
            ("centralised", "centralized"),
            ("hedged", "hedge"),
            ("greeks", "greek"),
            ("liquidation", "liquidated"),
            ("liquidations", "liquidate"),
            ("tokenization", "tokenized"),
            ("decentralisation", "decentralized"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        for kept in ["basis", "gas", "status", "crs", "bonus"] {
            assert_eq!(stem(kept), kept.trim_end_matches('e'));
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("what") && !is_stop_word("delta"));
    }

    #[test]
    fn distances() {
        assert_eq!(distance_within("gamma", "gamma", 0), Some(0));
        assert_eq!(distance_within("gamma", "gama", 1), Some(1));
        assert_eq!(distance_within("delta", "dleta", 1), Some(1));
        assert_eq!(distance_within("delta", "gamma", 2), None);
        assert_eq!(distance_within("", "abc", 3), Some(3));
        assert_eq!(distance_within("ab", "abcdef", 2), None);
        assert_eq!(distance_within("naïve", "naive", 1), Some(1));
        let long_a = "a".repeat(100);
        let long_b = format!("{}b", "a".repeat(99));
        assert_eq!(distance_within(&long_a, &long_b, 1), Some(1));
    }
}
