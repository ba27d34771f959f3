//! Words of prose and the test for acronym-like words (SPEC §3).

/// A word of prose: a maximal run of letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset in the document.
    pub start: usize,
    /// The word's text.
    pub text: &'a str,
}

impl Word<'_> {
    /// Byte offset just past the word.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// The words of `text[range]`, skipping identifiers joined by `_`.
pub fn words(text: &str, range: std::ops::Range<usize>) -> impl Iterator<Item = Word<'_>> + '_ {
    let slice = &text[range.clone()];
    let mut iter = slice.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = iter.next()?;
        if !c.is_alphanumeric() && c != '_' {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut identifier = c == '_';
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphanumeric() || c == '_' || is_mark(c) {
                identifier |= c == '_';
                end = i + c.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if !identifier {
            return Some(Word {
                start: range.start + start,
                text: &slice[start..end],
            });
        }
    })
}

/// The words of `text[range]` (as [`words`] splits them) that hold two
/// ASCII capitals or a non-ASCII character: every word that can be
/// acronym-like. Lower-case prose and capitalised words, most of a
/// document, are passed over byte by byte without decoding characters.
pub fn acronym_candidates(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = Word<'_>> + '_ {
    let bytes = text.as_bytes();
    let is_trigger = |b: &u8| b.is_ascii_uppercase() || !b.is_ascii();
    let in_ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = range.start;
    std::iter::from_fn(move || loop {
        let hit = at + bytes[at..range.end].iter().position(is_trigger)?;
        // The run of ASCII word characters around the hit.
        let mut start = hit;
        while start > range.start && in_ascii_word(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = hit;
        while end < range.end && in_ascii_word(bytes[end]) {
            end += 1;
        }
        let ascii_before = start == range.start || bytes[start - 1].is_ascii();
        let ascii_after = end == range.end || bytes[end].is_ascii();
        if bytes[hit].is_ascii() && ascii_before && ascii_after {
            // A word of ASCII alone: `words` would split it here too.
            at = end;
            let token = &bytes[start..end];
            let capitals = token.iter().filter(|b| b.is_ascii_uppercase()).count();
            if capitals >= 2 && !token.contains(&b'_') {
                return Some(Word {
                    start,
                    text: &text[start..end],
                });
            }
            continue;
        }
        // Non-ASCII next to the hit: let `words` split, from the start of
        // the run of word characters holding it.
        let start = text[range.start..hit]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || is_mark(*c))
            .last()
            .map_or(hit, |(i, _)| range.start + i);
        let word = words(text, start..range.end).next()?;
        if word.end() <= hit {
            // The character found is punctuation after a word: step over it.
            at = hit + text[hit..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        at = word.end();
        if is_candidate(word.text) {
            return Some(word);
        }
    })
}

/// Whether a word holds two ASCII capitals or a non-ASCII character.
fn is_candidate(word: &str) -> bool {
    !word.is_ascii() || word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

fn is_mark(c: char) -> bool {
    crate::matcher::is_word_char(c) && !c.is_alphanumeric() && c != '_'
}

/// Whether a word looks like an acronym: two or more capitals making up at
/// least half of its letters (a plural `s`/`es` after a capital or digit is
/// not counted).
///
/// ```
/// use glossa::lint::words::is_acronym_like;
/// assert!(is_acronym_like("FATCA") && is_acronym_like("DAOs") && is_acronym_like("MiCA"));
/// assert!(is_acronym_like("DeFi") && is_acronym_like("ERC20") && is_acronym_like("P2P"));
/// assert!(!is_acronym_like("Hello") && !is_acronym_like("A") && !is_acronym_like("iPhone"));
/// ```
pub fn is_acronym_like(word: &str) -> bool {
    let stem = acronym_stem(word);
    let upper = stem.chars().filter(|c| c.is_uppercase()).count();
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    upper >= 2 && upper * 2 >= letters
}

/// The word without a plural `s`/`es` that follows a capital or digit
/// (`DAOs` → `DAO`, `ERC20s` → `ERC20`).
pub fn acronym_stem(word: &str) -> &str {
    for suffix in ["es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem
                .chars()
                .next_back()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && stem.chars().filter(|c| c.is_uppercase()).count() >= 2
            {
                return stem;
            }
        }
    }
    word
}

/// Roman numerals made of `I`, `V` and `X` only (`II`, `XIV`).
pub fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Capitalised ordinary words and units that are never jargon.
pub const ORDINARY: &[&str] = &[
    "OK", "TODO", "FIXME", "NOTE", "NB", "NOT", "AND", "OR", "ID", "AM", "PM", "US", "UK", "EU",
    "UN", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB",
];

/// Whether a word is on the built-in list, alone or after a number (`2TB`).
pub fn is_ordinary(word: &str) -> bool {
    let unit = word.trim_start_matches(|c: char| c.is_ascii_digit());
    ORDINARY.contains(&word) || (unit.len() < word.len() && ORDINARY.contains(&unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_punctuation_and_skip_identifiers() {
        let text = "JSON-RPC, foo_bar DAO's n°1 e\u{301}t\u{e9}";
        let got: Vec<&str> = words(text, 0..text.len()).map(|w| w.text).collect();
        assert_eq!(
            got,
            ["JSON", "RPC", "DAO", "s", "n", "1", "e\u{301}t\u{e9}"]
        );
    }

    #[test]
    fn acronym_candidates_are_the_words_that_can_be_acronyms() {
        let text = "the FATCA rules, foo_BAR_baz DAOs ETH_x e\u{301}TH é DeFi and\u{301}MORE P2P end—Ok x😀 “quoted” «AB» Is iPhone McDonald aBc_DE ÀB";
        for start in 0..text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            let want: Vec<Word> = words(text, start..text.len())
                .filter(|w| is_candidate(w.text))
                .collect();
            let got: Vec<Word> = acronym_candidates(text, start..text.len()).collect();
            assert_eq!(got, want, "from {start}");
        }
        let got: Vec<&str> = acronym_candidates(text, 0..text.len())
            .map(|w| w.text)
            .collect();
        assert_eq!(
            got,
            [
                "FATCA",
                "DAOs",
                "e\u{301}TH",
                "é",
                "DeFi",
                "and\u{301}MORE",
                "P2P",
                "AB",
                "McDonald",
                "ÀB"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn acronym_candidates_are_exactly_the_filtered_words(
            text in "[a-cA-C0-9_ .é—É😀\u{301}\u{2019}]{0,60}",
        ) {
            let want: Vec<Word> = words(&text, 0..text.len())
                .filter(|w| is_candidate(w.text))
                .collect();
            let got: Vec<Word> = acronym_candidates(&text, 0..text.len()).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn acronym_like_words() {
        for (word, want) in [
            ("FATCA", true),
            ("DAOs", true),
            ("MiCA", true),
            ("DeFi", true),
            ("ERC20", true),
            ("P2P", true),
            ("MakerDAO", true),
            ("DAOes", true),
            ("Ethereum", false),
            ("I", false),
            ("Is", false),
            ("McDonald", false),
            ("ETHs", true),
        ] {
            assert_eq!(is_acronym_like(word), want, "{word}");
        }
        assert_eq!(acronym_stem("DAOs"), "DAO");
        assert_eq!(acronym_stem("ERC20s"), "ERC20");
        assert_eq!(acronym_stem("Bs"), "Bs");
        assert!(is_roman_numeral("XIV") && !is_roman_numeral("CLI"));
        assert!(is_ordinary("2TB") && is_ordinary("OK") && !is_ordinary("2FA"));
    }
}
