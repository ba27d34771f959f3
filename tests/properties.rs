//! Invariants over arbitrary Unicode input: no panics, ranges on char
//! boundaries, mentions that fold to the label they claim, positions that
//! round-trip in every encoding, and an analysis after an edit that equals
//! a fresh one.

use std::sync::Arc;

use glossa::config::Config;
use glossa::document::{Encoding, Join, Language, LineIndex, Regions, Segment};
use glossa::engine::Engine;
use glossa::glossary::{Glossary, Term};
use glossa::matcher::Normalized;
use proptest::prelude::*;

fn engine() -> Engine {
    let mut terms = Vec::new();
    for (name, aliases) in [
        ("Tax Treaty", &["DTA"][..]),
        ("Proof of Stake", &["PoS"][..]),
        ("Über Token", &[][..]),
        ("İstanbul Rule", &[][..]),
        ("Builder’s Fee", &[][..]),
        ("a", &[][..]),
    ] {
        let mut t = Term::new(name);
        t.aliases = aliases.iter().map(|a| a.to_string()).collect();
        terms.push(t);
    }
    Engine::new(Arc::new(Glossary::from_terms(terms)), Config::default())
}

/// Text made of glossary words, markup, whitespace and awkward characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("tax".to_string()),
        Just("treaty".to_string()),
        Just("treaties".to_string()),
        Just("proof-of-stake".to_string()),
        Just("PoS".to_string()),
        Just("DTAs".to_string()),
        Just("über".to_string()),
        Just("İSTANBUL".to_string()),
        Just("builder’s".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("> ".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("<b x=\"".to_string()),
        Just("{".to_string()),
        Just("[[".to_string()),
        Just("](http://x.io/".to_string()),
        Just("😀".to_string()),
        Just("漢字".to_string()),
        Just("e\u{301}".to_string()),
        Just("---\n".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn language() -> impl Strategy<Value = Language> {
    prop_oneof![
        Just(Language::PlainText),
        Just(Language::Markdown { mdx: false }),
        Just(Language::Markdown { mdx: true }),
        Just(Language::from_path("x.rs")),
        Just(Language::from_path("x.py")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mentions_are_sound(text in text(), language in language()) {
        let engine = engine();
        let analysis = engine.analyze(&text, language);
        let mut last_end = 0;
        for m in &analysis.mentions {
            prop_assert!(m.start < m.end && m.start >= last_end, "sorted and disjoint");
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            last_end = m.end;
            let label = Normalized::label(engine.matcher().label_of(m), false);
            let found = Normalized::label(&text[m.start..m.end], false);
            // The mention folds to the label, or to it with a plural or possessive ending.
            let stem = label.trim_end_matches('y');
            prop_assert!(found.starts_with(stem), "{found:?} is not {label:?}");
            prop_assert!(found.len() <= label.len() + 3, "{found:?} is too long for {label:?}");
        }
        for f in &analysis.findings {
            prop_assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
            for e in f.fix.iter().flat_map(|x| &x.edits) {
                prop_assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
            }
        }
    }

    #[test]
    fn reanalysis_after_an_edit_equals_a_fresh_analysis(
        paragraphs in prop::collection::vec(text(), 1..8),
        inserted in text(),
        at in any::<prop::sample::Index>(),
        removed in 0usize..12,
        language in language(),
    ) {
        let engine = engine();
        let before = paragraphs.join("\n\n");
        let boundaries: Vec<usize> = before.char_indices().map(|(i, _)| i).chain([before.len()]).collect();
        let start = *at.get(&boundaries);
        let end = boundaries.iter().copied().filter(|&b| b >= start).nth(removed).unwrap_or(before.len());
        let after = format!("{}{inserted}{}", &before[..start], &before[end..]);
        let earlier = engine.analyze(&before, language);
        let again = engine.reanalyze(&after, language, &before, &earlier);
        let fresh = engine.analyze(&after, language);
        prop_assert_eq!(&again.mentions, &fresh.mentions);
        prop_assert_eq!(&again.findings, &fresh.findings);
        prop_assert_eq!(&again.regions, &fresh.regions);
    }

    #[test]
    fn plain_text_paragraphs_find_what_one_segment_finds(
        paragraphs in prop::collection::vec(text(), 1..6),
        gaps in prop::collection::vec(prop_oneof![Just("\n\n"), Just("\n \t\n\n"), Just("\r\n\r\n"), Just("\n")], 5),
    ) {
        let engine = engine();
        let mut text = String::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                text.push_str(gaps[i - 1]);
            }
            text.push_str(p);
        }
        let whole = Regions {
            segments: vec![Segment { range: 0..text.len(), join: Join::Barrier }],
            code: Vec::new(),
        };
        let (regions, mentions) = engine.scan(&text, Language::PlainText);
        prop_assert_eq!(regions.segments.first().map(|s| s.range.start), Some(0));
        prop_assert_eq!(regions.segments.last().map(|s| s.range.end), Some(text.len()));
        for pair in regions.segments.windows(2) {
            prop_assert_eq!(pair[0].range.end, pair[1].range.start);
        }
        prop_assert_eq!(mentions, engine.matcher().find_all(&text, &whole));
    }

    #[test]
    fn positions_round_trip(text in text(), at in any::<prop::sample::Index>()) {
        let index = LineIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let offset = *at.get(&boundaries);
        // Inside a CRLF pair there is no position of its own.
        prop_assume!(!(offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes().get(offset) == Some(&b'\n')));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let p = index.position(&text, offset, encoding);
            prop_assert_eq!(index.offset(&text, p, encoding), offset, "{:?}", encoding);
        }
    }
}
