//! Engine benchmarks: automaton build and end-to-end scan throughput, each
//! beside the aho-corasick crate alone on the same labels and bytes (the
//! practical ceiling), and the analysis after an edit beside a fresh one.
//! Judge by the ratios; the machine is noisy.

use std::hint::black_box;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind, StartKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use glossa::config::Config;
use glossa::document::{Encoding, Language, LineIndex};
use glossa::engine::Engine;
use glossa::glossary::{Glossary, Term};
use glossa::matcher::Matcher;

/// Deterministic pseudo-words, so that every run builds the same glossary.
struct Words(u64);

impl Words {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self) -> String {
        const SYLLABLES: [&str; 16] = [
            "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "qua", "ber", "dex", "fin",
            "gor", "hal", "jun",
        ];
        let n = 2 + self.next() % 3;
        (0..n)
            .map(|_| SYLLABLES[(self.next() % 16) as usize])
            .collect()
    }
}

/// A glossary of `n` entries with two- or three-word names and an acronym alias.
fn glossary(n: usize) -> Glossary {
    let mut w = Words(0x9E3779B97F4A7C15);
    let terms = (0..n).map(|i| {
        let words = 2 + (w.next() % 2) as usize;
        let name: Vec<String> = (0..words).map(|_| w.word()).collect();
        let mut t = Term::new(&format!("{} {i}", name.join(" ")));
        t.aliases = vec![format!("X{}Q", i)];
        t
    });
    Glossary::from_terms(terms)
}

fn labels(g: &Glossary) -> Vec<String> {
    g.terms()
        .iter()
        .flat_map(|t| t.labels().map(str::to_lowercase))
        .collect()
}

/// Markdown of about `bytes` bytes: prose with mentions, code, links and lists.
fn document(g: &Glossary, bytes: usize) -> String {
    let mut w = Words(42);
    let mut out = String::with_capacity(bytes + 1024);
    let terms = g.terms();
    while out.len() < bytes {
        out.push_str("## A heading about ");
        out.push_str(&terms[(w.next() as usize) % terms.len()].name);
        out.push_str("\n\n");
        for _ in 0..6 {
            for _ in 0..12 {
                out.push_str(&w.word());
                out.push(' ');
            }
            let t = &terms[(w.next() as usize) % terms.len()];
            out.push_str(if w.next().is_multiple_of(2) {
                &t.name
            } else {
                &t.aliases[0]
            });
            out.push_str("s, with `inline code` and a [link](https://example.com/x) more text.\n");
        }
        out.push_str(
            "\n```\nlet code = 1;\n```\n\n- a list item that continues\n  on the next line\n\n",
        );
    }
    out
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let g = glossary(n);
        let raw = labels(&g);
        group.bench_with_input(BenchmarkId::new("aho-corasick alone", n), &raw, |b, raw| {
            // The same automaton configuration the matcher needs: leftmost-longest,
            // with anchored searches for its fallback to shorter labels.
            b.iter(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Both)
                    .build(black_box(raw))
                    .unwrap()
            })
        });
        group.bench_with_input(BenchmarkId::new("glossa matcher", n), &g, |b, g| {
            b.iter(|| Matcher::new(black_box(g)))
        });
    }
    group.finish();
}

fn scan(c: &mut Criterion) {
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    let g = glossary(10_000);
    let raw = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(labels(&g))
        .unwrap();
    let engine = Engine::new(Arc::new(g), Config::default());
    for mb in [1, 10] {
        let doc = document(engine.glossary(), mb << 20);
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("aho-corasick alone", format!("{mb}MB")),
            &doc,
            |b, doc| b.iter(|| raw.find_iter(black_box(doc.as_bytes())).count()),
        );
        group.bench_with_input(
            BenchmarkId::new("glossa scan", format!("{mb}MB")),
            &doc,
            |b, doc| {
                b.iter(|| {
                    let (_, mentions) =
                        engine.scan(black_box(doc), Language::Markdown { mdx: false });
                    let index = LineIndex::new(doc);
                    mentions
                        .iter()
                        .map(|m| index.position(doc, m.start, Encoding::Utf16).character as usize)
                        .sum::<usize>()
                })
            },
        );
    }
    group.finish();
}

/// A word typed into one line of a 1 MB document: `Engine::reanalyze` from
/// the analysis before the edit against `Engine::analyze` of the new text.
fn edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    let engine = Engine::new(Arc::new(glossary(10_000)), Config::default());
    let language = Language::Markdown { mdx: false };
    let before = document(engine.glossary(), 1 << 20);
    let line = before.len() / 2 + before[before.len() / 2..].find('\n').unwrap() + 1;
    let mut after = before.clone();
    after.insert_str(line, "The QZY rule and ");
    let earlier = engine.analyze(&before, language);
    group.bench_function("analyze 1MB", |b| {
        b.iter(|| engine.analyze(black_box(&after), language))
    });
    group.bench_function("reanalyze 1MB after an edit", |b| {
        b.iter(|| engine.reanalyze(black_box(&after), language, &before, &earlier))
    });
    group.finish();
}

criterion_group!(benches, build, scan, edit);
criterion_main!(benches);
