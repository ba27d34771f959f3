use std::sync::Arc;

use super::*;
use crate::document::Language;
use crate::engine::Engine;
use crate::glossary::{Status, Term};

fn engine(config: Config) -> Engine {
    let mut terms = Vec::new();
    for (name, aliases, status) in [
        ("Common Reporting Standard", &["CRS"][..], Status::Preferred),
        (
            "Decentralized Autonomous Organization",
            &["DAO"][..],
            Status::Preferred,
        ),
        ("Proof of Stake", &["PoS"][..], Status::Preferred),
        ("Crypto-Asset", &[][..], Status::Preferred),
        ("Virtual Currency", &[][..], Status::Deprecated),
        ("Decentralized Finance", &["DeFi"][..], Status::Preferred),
    ] {
        let mut t = Term::new(name);
        t.aliases = aliases.iter().map(|a| a.to_string()).collect();
        t.status = status;
        if status == Status::Deprecated {
            t.use_instead = Some("crypto-asset".into());
        }
        terms.push(t);
    }
    Engine::new(Arc::new(Glossary::from_terms(terms)), config)
}

/// `(rule, text of the range)` of each finding.
fn findings(text: &str) -> Vec<(&'static str, String)> {
    findings_with(text, Config::default())
}

fn findings_with(text: &str, config: Config) -> Vec<(&'static str, String)> {
    engine(config)
        .analyze(text, Language::Markdown { mdx: false })
        .findings
        .iter()
        .map(|f| (f.rule.id(), text[f.range.clone()].to_string()))
        .collect()
}

fn ua(s: &str) -> (&'static str, String) {
    ("undefined-acronym", s.to_string())
}

#[test]
fn undefined_acronym_cases() {
    let cases: &[(&str, &[&str])] = &[
        ("FATCA applies. FATCA again.", &["FATCA"]),
        (
            "Two DAOs and MiCA and ERC20 and P2P.",
            &["MiCA", "ERC20", "P2P"],
        ),
        ("JSON-RPC and my_VAR_NAME", &["JSON", "RPC"]),
        ("Chapter II and XIV, but CLI and CL.", &["CLI", "CL"]),
        ("OK, TODO: 2TB of data in the EU.", &[]),
        ("The execution layer (EL) and EL again.", &[]),
        ("ETH (a taxable event) is ETH.", &["ETH"]),
        ("ETH stands for Ether. ETH.", &[]),
        ("*[KYC]: Know Your Customer\n\nKYC checks.", &[]),
        ("POS and PoS are labels; CRS too.", &[]),
        ("`FATCA` in code\n\n```\nFATCA\n```", &[]),
        ("Proposer-Builder\nSeparation (PBS) then PBS.", &[]),
        (
            "Use FATCA before Foreign Account Tax Compliance Act (FATCA).",
            &[],
        ),
    ];
    for (text, want) in cases {
        let got: Vec<_> = findings(text)
            .into_iter()
            .filter(|f| f.0 == "undefined-acronym")
            .collect();
        let want: Vec<_> = want.iter().map(|w| ua(w)).collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn allow_and_severity_settings() {
    let config = Config {
        allow: vec!["FATCA".into()],
        ..Config::default()
    };
    assert_eq!(findings_with("FATCA and BIS.", config), [ua("BIS")]);
    let mut config = Config::default();
    config
        .rules
        .insert("undefined-acronym".into(), Severity::Off);
    assert_eq!(findings_with("FATCA", config), []);
    let f = engine(Config::default()).analyze("FATCA and FATCA", Language::PlainText);
    assert_eq!(f.findings[0].severity, Severity::Warning);
    assert_eq!(f.findings[0].repeats, vec![10..15]);
}

#[test]
fn term_references() {
    let text = "See :term:`CRS`, :term:`the rules <Common Reportin Standard>`, {term}`Nothing Here`,\n\
                [[Proof of Stake]], [[proof-of-stake|staking]], [[Unknown Thing#x]] and `[[Skipped]]`.";
    let got: Vec<_> = findings(text)
        .into_iter()
        .filter(|f| f.0 == "undefined-term-reference")
        .map(|f| f.1)
        .collect();
    assert_eq!(
        got,
        ["Common Reportin Standard", "Nothing Here", "Unknown Thing"]
    );
    let all = engine(Config::default()).analyze(text, Language::Markdown { mdx: false });
    let fix = all.findings.iter().find_map(|f| {
        f.fix
            .as_ref()
            .filter(|_| f.rule == Rule::UndefinedTermReference)
    });
    assert_eq!(
        fix.unwrap().edits[0].replacement,
        "Common Reporting Standard"
    );
}

#[test]
fn expand_on_first_use() {
    let e = engine(Config::default());
    let text = "The CRS applies. Common Reporting Standard. DAOs vote. DeFi grows.";
    let a = e.analyze(text, Language::PlainText);
    let got: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == Rule::ExpandOnFirstUse)
        .map(|f| f.fix.as_ref().unwrap().edits[0].replacement.as_str())
        .collect();
    assert_eq!(
        got,
        [
            "Common Reporting Standard (CRS)",
            "Decentralized Autonomous Organizations (DAOs)",
            "Decentralized Finance (DeFi)"
        ]
    );
    // The name first, or a definition at first use: nothing to report.
    for text in [
        "Common Reporting Standard and CRS.",
        "Common Reporting Standard (CRS) and CRS.",
    ] {
        assert!(
            findings(text).iter().all(|f| f.0 != "expand-on-first-use"),
            "{text}"
        );
    }
}

#[test]
fn deprecated_terms_have_fixes() {
    let e = engine(Config::default());
    let text = "Virtual currencies and a virtual currency’s price.";
    let a = e.analyze(text, Language::PlainText);
    let fixes: Vec<_> = a
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.id(),
                f.fix.as_ref().unwrap().edits[0].replacement.as_str(),
            )
        })
        .collect();
    assert_eq!(
        fixes,
        [
            ("deprecated-term", "Crypto-Assets"),
            ("deprecated-term", "Crypto-Asset’s")
        ]
    );
}
