//! End to end on real text nobody here wrote: the ethereum.org pages and EIPs
//! in `../shared/corpus`, with a glossary built from the labels of the
//! ethereum.org glossary. Every document scans and lints; spot checks show
//! what is skipped and what is prose.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use glossa::config::Config;
use glossa::document::{Encoding, Language, LineIndex};
use glossa::engine::Engine;
use glossa::glossary::{Glossary, Term};

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "the shared corpus is expected at {}",
        dir.display()
    );
    dir
}

/// Entries from the corpus glossary's labels: `Name (ACR)` gives an alias,
/// `A / B` two labels.
fn corpus_glossary() -> Glossary {
    let text = std::fs::read_to_string(corpus().join("glossary/glossary.json")).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    let terms = map
        .iter()
        .filter(|(k, _)| k.ends_with("-term"))
        .filter_map(|(_, v)| {
            let label = v.as_str()?;
            let mut labels: Vec<String> = label.split(" / ").map(str::to_string).collect();
            let mut t = Term::new(labels[0].split(" (").next()?.trim());
            if let Some((_, acr)) = labels[0].split_once(" (") {
                t.aliases.push(acr.trim_end_matches(')').to_string());
            }
            t.aliases.extend(labels.drain(1..));
            Some(t)
        });
    Glossary::from_terms(terms)
}

fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![corpus().join("docs")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `(1-based line, mention text, term id)` of every mention in a corpus file.
fn mentions(engine: &Engine, rel: &str) -> Vec<(u32, String, String)> {
    let text = std::fs::read_to_string(corpus().join("docs").join(rel)).unwrap();
    let index = LineIndex::new(&text);
    let (_, ms) = engine.scan(&text, Language::from_path(rel));
    ms.iter()
        .map(|m| {
            let line = index.position(&text, m.start, Encoding::Utf16).line + 1;
            (
                line,
                text[m.start..m.end].to_string(),
                engine.glossary().terms()[m.term].id.clone(),
            )
        })
        .collect()
}

fn engine() -> Engine {
    Engine::new(Arc::new(corpus_glossary()), Config::default())
}

#[test]
fn every_document_scans_and_lints() {
    let engine = engine();
    assert!(engine.glossary().len() > 150);
    let docs = documents();
    assert!(docs.len() >= 60, "{} documents", docs.len());
    let mut total_mentions = 0;
    let mut total_findings = 0;
    for path in &docs {
        let text = std::fs::read_to_string(path).unwrap();
        let a = engine.analyze(&text, Language::from_path(path.to_str().unwrap()));
        for m in &a.mentions {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        total_mentions += a.mentions.len();
        total_findings += a.findings.len();
    }
    // Plausible figures for 1 MB of Ethereum docs against the Ethereum glossary.
    assert!(total_mentions > 5_000, "{total_mentions} mentions");
    assert!(
        (50..5_000).contains(&total_findings),
        "{total_findings} findings"
    );
}

/// Edits a writer makes: a word typed, a line removed, a code fence or a
/// blank line inserted, a paragraph joined to the next.
fn edits(text: &str, seed: usize) -> Vec<String> {
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len())
        .collect();
    let pick = |k: usize| lines[(seed * 7919 + k * 104_729) % lines.len()];
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
    let mut out = Vec::new();
    for (k, insert) in [
        "the Proof-of-stake ",
        "```\n",
        "\n\n",
        "MEV and DAO ",
        "<div>\n",
        "| a |\n",
    ]
    .iter()
    .enumerate()
    {
        let at = pick(k);
        out.push(format!("{}{insert}{}", &text[..at], &text[at..]));
    }
    let at = pick(7);
    if let Some(c) = text[at..].chars().next().filter(|&c| c != '\n') {
        out.push(format!("{}({}", &text[..at], &text[at + c.len_utf8()..]));
    }
    let at = pick(9);
    out.push(format!("{}{}", &text[..at], &text[line_end(at)..]));
    let at = pick(11);
    let joined = line_end(at);
    if joined > 0 && joined < text.len() {
        out.push(format!("{} {}", &text[..joined - 1], &text[joined..]));
    }
    out
}

#[test]
fn reanalysis_after_edits_equals_a_fresh_analysis() {
    let engine = engine();
    let mut reused = 0;
    for (seed, path) in documents().iter().enumerate() {
        let before = std::fs::read_to_string(path).unwrap();
        let language = Language::from_path(path.to_str().unwrap());
        let earlier = engine.analyze(&before, language);
        for after in edits(&before, seed) {
            let again = engine.reanalyze(&after, language, &before, &earlier);
            let fresh = engine.analyze(&after, language);
            assert_eq!(again.mentions, fresh.mentions, "{}", path.display());
            assert_eq!(again.findings, fresh.findings, "{}", path.display());
            reused += 1;
        }
    }
    assert!(reused >= 60 * 7, "{reused} edits");
}

#[test]
fn front_matter_heading_ids_and_link_targets_are_skipped() {
    let engine = engine();
    let found = mentions(&engine, "ethereum-org/dao/index.md");
    // Lines 1–13 are front matter that names DAOs several times.
    assert!(
        found.iter().all(|(line, ..)| *line > 13),
        "{:?}",
        &found[..3]
    );
    // `## What are DAOs? {#what-are-daos}`: the heading counts, its id does not.
    let line15: Vec<_> = found
        .iter()
        .filter(|(l, ..)| *l == 15)
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(line15, ["DAOs"]);
    // `- [Ethereum community DAOs](/community/get-involved/#decentralized-autonomous-organizations-daos)`
    let line136: Vec<_> = found
        .iter()
        .filter(|(l, ..)| *l == 136)
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(line136, ["DAOs"]);
}

#[test]
fn jsx_attributes_and_code_are_skipped() {
    let engine = engine();
    // `<ExpandableCard title="What is a validator?">` names a label in an attribute.
    let solo = mentions(&engine, "ethereum-org/staking/solo/index.md");
    assert!(
        !solo.iter().any(|(l, ..)| *l == 130),
        "{:?}",
        solo.iter().filter(|(l, ..)| *l == 130).collect::<Vec<_>>()
    );
    // A table row: `` `block_number` | the number of the current block ``.
    let blocks = mentions(&engine, "ethereum-org/developers/docs/blocks/index.md");
    let line96: Vec<_> = blocks
        .iter()
        .filter(|(l, ..)| *l == 96)
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(line96, ["block"]);
}

#[test]
fn hard_wrapped_terms_match_across_lines() {
    let engine = engine();
    let eip = mentions(&engine, "EIPs/EIPS/eip-7329.md");
    // "smart\ncontract" at lines 68–69 and "hard\nfork" style wraps in EIP-1682.
    assert!(
        eip.contains(&(
            68,
            "smart\ncontract".to_string(),
            "smart-contract".to_string()
        )),
        "{eip:?}"
    );
    let eip = mentions(&engine, "EIPs/EIPS/eip-1682.md");
    assert!(
        eip.contains(&(32, "hard\nfork".to_string(), "hard-fork".to_string())),
        "{eip:?}"
    );
}
