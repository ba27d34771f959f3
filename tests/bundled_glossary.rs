//! The bundled glossary meets the rules every entry must meet.

use glossa::glossary::Status;
use glossa::sources;

/// Sentence ends: `.`, `?` or `!` followed by a space and a capital, or the end.
fn sentences(text: &str) -> usize {
    let t = text.trim();
    let chars: Vec<char> = t.chars().collect();
    let inner = (0..chars.len().saturating_sub(2))
        .filter(|&i| {
            matches!(chars[i], '.' | '?' | '!')
                && chars[i + 1].is_whitespace()
                && chars[i + 2].is_uppercase()
        })
        .filter(|&i| {
            !t.chars().take(i + 1).collect::<String>().ends_with("e.g.")
                && !t.chars().take(i + 1).collect::<String>().ends_with("i.e.")
        })
        .count();
    inner + usize::from(t.ends_with(['.', '?', '!']))
}

#[test]
fn counts_and_validation() {
    let g = sources::bundled().expect("the bundled glossary loads");
    assert!(g.len() >= 500, "{} entries", g.len());
    assert_eq!(
        g.areas(),
        [
            "Accounting",
            "Blockchain",
            "DeFi",
            "Derivatives",
            "Options",
            "Regulation",
            "Risk",
            "Tax",
            "Trading"
        ]
    );
    let problems: Vec<String> = g.problems().iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_entry_meets_the_rules() {
    let g = sources::bundled().unwrap();
    let mut bad = Vec::new();
    for t in g.terms() {
        let summary = t.summary.as_deref().unwrap_or("");
        if sentences(summary) != 1 {
            bad.push(format!("{}: summary is not one sentence", t.id));
        }
        if sentences(&t.definition) < 2 {
            bad.push(format!("{}: definition has fewer than two sentences", t.id));
        }
        if t.area.is_none() {
            bad.push(format!("{}: no area", t.id));
        }
        if t.related.len() < 2 {
            bad.push(format!("{}: fewer than two related entries", t.id));
        }
        if t.status == Status::Deprecated && t.use_instead.is_none() {
            bad.push(format!("{}: deprecated without use_instead", t.id));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    let deprecated = g
        .terms()
        .iter()
        .filter(|t| t.status == Status::Deprecated)
        .count();
    assert!(deprecated >= 10, "{deprecated} deprecated entries");
}

#[test]
fn the_seed_page_is_covered_and_linked() {
    let g = sources::bundled().unwrap();
    let seed = [
        "international-regulatory-cooperation",
        "cross-border-tax-treaties",
        "regulatory-audit-trails",
        "regulatory-updates",
        "common-reporting-standard",
        "regulatory-compliance-in-daos",
        "permanent-establishment",
        "tax-treaty-interpretation",
        "bilateral-tax-cooperation",
        "systemic-risk",
        "cross-border-liquidity",
        "smart-contract",
        "financial-stability",
        "financial-oversight-frameworks",
        "jurisdictional-regulatory-frameworks",
        "order-book-consistency",
        "cryptocurrency-trading-regulations",
        "regulatory-risk-management",
        "regulatory-adaptation-strategies",
        "cryptocurrency-regulatory-status",
        "conflict-of-laws-in-crypto",
        "financial-derivative-law",
    ];
    for id in seed {
        assert!(g.get(id).is_some(), "{id} is missing");
    }
    let irc = g.get("international-regulatory-cooperation").unwrap();
    for id in &seed[1..9] {
        assert!(
            irc.related.iter().any(|r| r == id),
            "international-regulatory-cooperation does not relate to {id}"
        );
    }
    for (id, alias) in [
        ("common-reporting-standard", "CRS"),
        ("permanent-establishment", "PE"),
        ("decentralized-autonomous-organization", "DAO"),
    ] {
        assert!(
            g.get(id).unwrap().aliases.iter().any(|a| a == alias),
            "{id} lacks {alias}"
        );
    }
}

#[test]
fn the_fast_bundled_copy_equals_the_toml() {
    use glossa::glossary::{parse, Format, Glossary};
    let fast = sources::bundled().unwrap();
    let mut slow = Glossary::default();
    slow.add_source(
        sources::bundled_files()
            .map(|(name, text)| {
                parse(
                    text,
                    &format!("{}{name}", sources::BUNDLED_PREFIX),
                    Format::Toml,
                )
                .unwrap()
            })
            .collect(),
    );
    assert_eq!(fast.len(), slow.len());
    for (a, b) in fast.terms().iter().zip(slow.terms()) {
        let mut b = b.clone();
        b.origin.references.clear();
        assert_eq!(a, &b);
    }
}
