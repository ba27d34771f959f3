use super::*;
use crate::document::{Language, Regions};
use crate::glossary::{Glossary, Term};

fn glossary() -> Glossary {
    let mut terms = Vec::new();
    for (name, aliases) in [
        ("Permanent Establishment", &["PE"][..]),
        ("Common Reporting Standard", &["CRS"][..]),
        ("Tax Treaty", &[][..]),
        ("Cross-Border Tax Treaty", &[][..]),
        ("Decentralized Autonomous Organization", &["DAO"][..]),
        ("Protocol", &[][..]),
        ("Proof of Stake", &["PoS"][..]),
        ("51% attack", &[][..]),
        ("Gas Fee", &[][..]),
        ("Gas", &[][..]),
        ("Tax", &[][..]),
        ("Builder’s Fee", &[][..]),
        ("Đ", &[][..]),
        ("Über Token", &[][..]),
    ] {
        let mut t = Term::new(name);
        t.aliases = aliases.iter().map(|a| a.to_string()).collect();
        terms.push(t);
    }
    Glossary::from_terms(terms)
}

/// The mentions' texts in `text` read as `language`.
fn found(text: &str, language: Language) -> Vec<&str> {
    let g = glossary();
    let m = Matcher::new(&g);
    m.find_all(text, &Regions::of(text, language))
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect()
}

#[test]
fn matcher_rules() {
    let md = Language::Markdown { mdx: false };
    let txt = Language::PlainText;
    let cases: &[(&str, Language, &[&str])] = &[
        // Whole words only.
        (
            "establishments are a permanent establishment",
            txt,
            &["permanent establishment"],
        ),
        ("permanent establishmentary", txt, &[]),
        ("xPE PEx PE", txt, &["PE"]),
        // Case: acronyms are case-sensitive, names are not.
        ("crs and CRS", txt, &["CRS"]),
        (
            "COMMON reporting STANDARD",
            txt,
            &["COMMON reporting STANDARD"],
        ),
        ("pos and POS and PoS", txt, &["pos", "POS", "PoS"]),
        // An acronym's plural is `s` only: `poses` is an English word.
        ("poses and PoSs", txt, &["PoSs"]),
        // Whitespace, line breaks, hyphens and apostrophes.
        (
            "permanent\n  establishment",
            txt,
            &["permanent\n  establishment"],
        ),
        ("permanent\n\nestablishment", txt, &[]),
        ("proof-of-stake", txt, &["proof-of-stake"]),
        ("cross border tax treaty", txt, &["cross border tax treaty"]),
        (
            "builder's fee and builder’s fee",
            txt,
            &["builder's fee", "builder’s fee"],
        ),
        // Plurals and possessives belong to the mention.
        ("tax treaties", txt, &["tax treaties"]),
        ("two DAOs", txt, &["DAOs"]),
        ("the protocol's fee", txt, &["protocol's"]),
        ("the protocol’s fee", txt, &["protocol’s"]),
        ("taxes", txt, &["taxes"]),
        ("taxs treatys", txt, &[]),
        // Leftmost-longest, and a shorter label when the longer ends mid-word.
        (
            "cross-border tax treaties",
            txt,
            &["cross-border tax treaties"],
        ),
        ("gas fees", txt, &["gas fees"]),
        ("gas feeds", txt, &["gas"]),
        // Labels with punctuation and non-ASCII.
        ("a 51% attack", txt, &["51% attack"]),
        ("Đ and đ", txt, &["Đ"]),
        ("ÜBER TOKEN", txt, &["ÜBER TOKEN"]),
        ("über\u{0301} token", txt, &[]),
        // Markdown: code, URLs, HTML attributes, front matter and heading ids skipped.
        ("`DAO` and DAO", md, &["DAO"]),
        ("```\nDAO\n```\n\n    DAO indented\n\ntext", md, &[]),
        ("see https://example.com/DAO", md, &[]),
        ("[a DAO](https://x.io/PE)", md, &["DAO"]),
        ("<span title=\"DAO\">PE</span>", md, &["PE"]),
        ("---\ntitle: DAO\n---\nPE", md, &["PE"]),
        ("## About a DAO {#dao}", md, &["DAO"]),
        (
            "> permanent\n> establishment",
            md,
            &["permanent\n> establishment"],
        ),
        (
            "- permanent\n  establishment",
            md,
            &["permanent\n  establishment"],
        ),
        ("- permanent\n- establishment", md, &[]),
        (
            "**Permanent** establishment",
            md,
            &["Permanent** establishment"],
        ),
        // Source files: comments only.
        (
            "let pe = \"PE\"; // a PE",
            Language::from_path("a.rs"),
            &["PE"],
        ),
    ];
    for (text, lang, want) in cases {
        assert_eq!(&found(text, *lang), want, "in {text:?}");
    }
}

#[test]
fn mention_at_is_a_binary_search() {
    let text = "PE and CRS";
    let g = glossary();
    let m = Matcher::new(&g);
    let all = m.find_all(text, &Regions::of(text, Language::PlainText));
    assert_eq!(mention_at(&all, 0).map(|m| m.start), Some(0));
    assert_eq!(mention_at(&all, 1).map(|m| m.start), Some(0));
    assert_eq!(mention_at(&all, 2), None);
    assert_eq!(mention_at(&all, 9).map(|m| m.start), Some(7));
    assert_eq!(mention_at(&all, 10), None);
    assert_eq!(m.label_of(&all[1]), "CRS");
}
