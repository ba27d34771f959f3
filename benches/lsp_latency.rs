//! Latency of the real `glossa lsp` process over stdio with a generated
//! 10k-term glossary and a 1 MB Markdown document: hover, definition and
//! completion percentiles, edit → fresh diagnostics, open → first
//! diagnostics, and peak memory with 100 open documents.
//!
//! Run with `cargo bench --bench lsp_latency`; it prints a Markdown table
//! and writes it to `target/LSP_BENCHMARKS.md` (the language-server
//! section of BENCHMARKS.md). Baselines measured in the same run: a request
//! that does nothing (hover on an unknown document) for the protocol's own
//! cost, and in-process `Engine::analyze` of the document (what an open
//! costs) and `Engine::reanalyze` after the same kind of edit (what an edit
//! costs).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use glossa::document::Language;
use glossa::engine::Engine;
use serde_json::{json, Value};

const TERMS: usize = 10_000;
const DOC_BYTES: usize = 1024 * 1024;
const OPEN_DOCS: usize = 100;
/// The edit typed at the start of a line: a new undefined acronym, so that
/// the findings change.
const EDIT: &str = "The QXYZ rule. ";

/// A small deterministic generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const FIRST: [&str; 40] = [
    "Adjusted",
    "Bilateral",
    "Capital",
    "Deferred",
    "Effective",
    "Forward",
    "Gross",
    "Hybrid",
    "Implied",
    "Joint",
    "Key",
    "Liquid",
    "Marginal",
    "Net",
    "Open",
    "Primary",
    "Qualified",
    "Residual",
    "Secured",
    "Tiered",
    "Unrealised",
    "Variable",
    "Weighted",
    "Yield",
    "Zero",
    "Accrued",
    "Basis",
    "Cross",
    "Digital",
    "Escrow",
    "Fiscal",
    "Granular",
    "Hedged",
    "Indexed",
    "Junior",
    "Leveraged",
    "Mutual",
    "Nominal",
    "Optional",
    "Pooled",
];
const SECOND: [&str; 25] = [
    "Asset",
    "Bond",
    "Claim",
    "Duty",
    "Equity",
    "Fund",
    "Gain",
    "Haircut",
    "Interest",
    "Liability",
    "Margin",
    "Note",
    "Option",
    "Premium",
    "Quota",
    "Rate",
    "Spread",
    "Tax",
    "Unit",
    "Value",
    "Warrant",
    "Exposure",
    "Reserve",
    "Collateral",
    "Levy",
];
const THIRD: [&str; 10] = [
    "Ratio",
    "Schedule",
    "Threshold",
    "Allowance",
    "Credit",
    "Report",
    "Regime",
    "Account",
    "Buffer",
    "Limit",
];

fn term_name(i: usize) -> String {
    let a = FIRST[i % FIRST.len()];
    let b = SECOND[(i / FIRST.len()) % SECOND.len()];
    let c = THIRD[(i / (FIRST.len() * SECOND.len())) % THIRD.len()];
    format!("{a} {b} {c}")
}

fn acronym(i: usize) -> String {
    // Unique, acronym-like: letters only.
    let mut n = i;
    let mut s = String::from("Q");
    for _ in 0..3 {
        s.push((b'A' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

fn glossary() -> String {
    let mut out =
        String::from("[glossary]\nname = \"Benchmark\"\nbase_url = \"https://bench.example/\"\n");
    for i in 0..TERMS {
        let name = term_name(i);
        out.push_str(&format!(
            "\n[[term]]\nname = \"{name}\"\naliases = [\"{}\"]\narea = \"Area {}\"\nsummary = \"Summary of {name}, entry {i}.\"\ndefinition = \"A longer definition of {name} for the benchmark, with enough words to look like a real entry and to render a hover of realistic size.\"\nrelated = [\"{}\", \"{}\"]\n",
            acronym(i),
            i % 12,
            glossa::glossary::slug(&term_name((i + 1) % TERMS)),
            glossa::glossary::slug(&term_name((i + 7) % TERMS)),
        ));
    }
    out
}

/// A Markdown document of about `bytes` with mentions on most lines; the
/// positions (line, UTF-16 column) of some mentions.
fn document(bytes: usize, rng: &mut Lcg) -> (String, Vec<(u32, u32)>) {
    let mut text = String::from("# Benchmark document\n\n");
    let mut mentions = Vec::new();
    let mut line = 2u32;
    while text.len() < bytes {
        let i = rng.next(TERMS);
        let name = term_name(i);
        let prefix = "In this paragraph the ";
        let l = match rng.next(6) {
            0 => format!("```\ncode {name}\n```\n"),
            1 => format!(
                "The {} rose, see XYZ{} and the notes.\n",
                acronym(i),
                rng.next(50)
            ),
            _ => {
                mentions.push((line, prefix.len() as u32 + 2));
                format!(
                    "{prefix}{name} applies to {} and more text follows here.\n",
                    term_name(rng.next(TERMS)).to_lowercase()
                )
            }
        };
        line += l.matches('\n').count() as u32;
        text.push_str(&l);
        text.push('\n');
        line += 1;
    }
    (text, mentions)
}

struct Server {
    child: std::process::Child,
    stdin: Arc<Mutex<std::process::ChildStdin>>,
    incoming: mpsc::Receiver<(Instant, Value)>,
    next_id: i64,
    backlog: Vec<(Instant, Value)>,
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
            .arg("lsp")
            .current_dir(root)
            .env("XDG_CACHE_HOME", root.join(".cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("glossa starts");
        let stdin = Arc::new(Mutex::new(child.stdin.take().expect("stdin")));
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, rx) = mpsc::channel();
        let replies = stdin.clone();
        std::thread::spawn(move || loop {
            let mut length = 0;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = v.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            if stdout.read_exact(&mut body).is_err() {
                return;
            }
            let now = Instant::now();
            let Ok(m) = serde_json::from_slice::<Value>(&body) else {
                continue;
            };
            if m.get("id").is_some() && m.get("method").is_some() {
                let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": null});
                let _ = replies.lock().unwrap().write_all(&frame(&reply));
                continue;
            }
            if tx.send((now, m)).is_err() {
                return;
            }
        });
        Server {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn send(&self, message: Value) -> Instant {
        let bytes = frame(&message);
        let mut w = self.stdin.lock().unwrap();
        let start = Instant::now();
        w.write_all(&bytes).expect("write");
        w.flush().expect("flush");
        start
    }

    fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> (Instant, Value) {
        if let Some(i) = self.backlog.iter().position(|(_, m)| accept(m)) {
            return self.backlog.remove(i);
        }
        loop {
            let (t, m) = self
                .incoming
                .recv_timeout(Duration::from_secs(120))
                .expect("a message");
            if accept(&m) {
                return (t, m);
            }
            if m.get("id").is_some() || m["method"] == "textDocument/publishDiagnostics" {
                self.backlog.push((t, m));
            }
        }
    }

    /// A request's round-trip time and result.
    fn request(&mut self, method: &str, params: Value) -> (Duration, Value) {
        let id = self.next_id;
        self.next_id += 1;
        let start =
            self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let (t, m) = self.wait(|m| m["id"] == id && m.get("method").is_none());
        (t - start, m["result"].clone())
    }

    fn notify(&self, method: &str, params: Value) -> Instant {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> (Instant, Value) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn memory(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("glossary")).unwrap();
    let glossary_text = glossary();
    std::fs::write(root.join("glossary/terms.toml"), &glossary_text).unwrap();
    let mut rng = Lcg(42);
    let (doc, mentions) = document(DOC_BYTES, &mut rng);
    let uri = |name: &str| format!("file://{}/{name}", root.display());

    // Baseline: the engine alone on the same document.
    let ws = glossa::sources::load_workspace(root, &[], &[]).expect("glossary loads");
    let engine = Engine::new(Arc::new(ws.glossary), ws.config);
    let mut engine_times: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(engine.analyze(&doc, Language::Markdown { mdx: false }));
            t.elapsed()
        })
        .collect();
    let engine_p50 = percentile(&mut engine_times, 0.5);
    let earlier = engine.analyze(&doc, Language::Markdown { mdx: false });
    let mut reanalyze_times: Vec<Duration> = (0..10)
        .map(|i| {
            let (line, _) = mentions[i * 97 % mentions.len()];
            let at = doc
                .split_inclusive('\n')
                .take(line as usize)
                .map(str::len)
                .sum();
            let mut edited = doc.clone();
            edited.insert_str(at, EDIT);
            let t = Instant::now();
            std::hint::black_box(engine.reanalyze(
                &edited,
                Language::Markdown { mdx: false },
                &doc,
                &earlier,
            ));
            t.elapsed()
        })
        .collect();
    let reanalyze_p50 = percentile(&mut reanalyze_times, 0.5);

    let mut s = Server::start(root);
    let init_start = Instant::now();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(""), "capabilities": {
            "general": {"positionEncodings": ["utf-16"]}
        }}),
    );
    let init_time = init_start.elapsed();
    s.notify("initialized", json!({}));
    let rss_loaded = s.memory("VmRSS:");

    // Open → first diagnostics, over fresh documents.
    let mut opens = Vec::new();
    for i in 0..5 {
        let u = uri(&format!("open{i}.md"));
        let start = s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": doc}}),
        );
        let (t, _) = s.diagnostics(&u, 1);
        opens.push(t - start);
        s.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    }
    let main_uri = uri("main.md");
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": main_uri, "languageId": "markdown", "version": 1, "text": doc}}),
    );
    let (_, first) = s.diagnostics(&main_uri, 1);
    let publish_kb = first.to_string().len() / 1024;
    let rss_one = s.memory("VmRSS:");
    let finding_count = first
        .get("params")
        .map_or(0, |p| p["diagnostics"].as_array().map_or(0, Vec::len));

    // Protocol baseline: a request that finds nothing to do.
    let mut nothing: Vec<Duration> = (0..500)
        .map(|_| s.request("textDocument/hover", json!({"textDocument": {"uri": uri("none.md")}, "position": {"line": 0, "character": 0}})).0)
        .collect();

    let measure = |method: &str, n: usize, s: &mut Server, rng: &mut Lcg, shift: u32| {
        let mut times: Vec<Duration> = (0..n)
            .map(|_| {
                let (line, character) = mentions[rng.next(mentions.len())];
                let (t, result) = s.request(
                    method,
                    json!({"textDocument": {"uri": main_uri}, "position": {"line": line, "character": character + shift}}),
                );
                assert!(!result.is_null(), "{method} found nothing at {line}:{character}");
                t
            })
            .collect();
        (percentile(&mut times, 0.5), percentile(&mut times, 0.99))
    };
    let hover = measure("textDocument/hover", 2000, &mut s, &mut rng, 0);
    let definition = measure("textDocument/definition", 1000, &mut s, &mut rng, 0);
    let completion = measure("textDocument/completion", 500, &mut s, &mut rng, 0);

    // Edit → fresh diagnostics: each edit is followed by a save, which
    // publishes at once (the debounce only delays the edit's own publish).
    let mut edits = Vec::new();
    for version in 2..42 {
        let (line, _) = mentions[rng.next(mentions.len())];
        let start = s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": main_uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": EDIT}]}),
        );
        s.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": main_uri}}),
        );
        let (t, _) = s.diagnostics(&main_uri, version);
        edits.push(t - start);
        // Let the debounced publish of this version pass.
        s.diagnostics(&main_uri, version);
    }

    // 100 open documents: the 1 MB one and 99 of 10 KB.
    let small = &doc[..doc[..10 * 1024].rfind('\n').unwrap_or(0) + 1];
    for i in 1..OPEN_DOCS {
        let u = uri(&format!("small{i}.md"));
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": small}}),
        );
        s.diagnostics(&u, 1);
    }
    let rss = s.memory("VmRSS:");
    let peak = s.memory("VmHWM:");
    s.request("shutdown", json!(null));
    s.notify("exit", json!(null));
    let status = s.child.wait().expect("exit");

    let nothing_p50 = percentile(&mut nothing, 0.5);
    let ratio = |d: Duration| d.as_secs_f64() / nothing_p50.as_secs_f64();
    let open_p50 = percentile(&mut opens, 0.5);
    let edit_p50 = percentile(&mut edits, 0.5);
    let edit_max = *edits.iter().max().unwrap();
    assert!(status.success(), "glossa lsp ended with {status}");
    let table = format!(
        "## Language server latency (`cargo bench --bench lsp_latency`)\n\n\
         The real `glossa lsp` process over stdio; a generated glossary of {TERMS} terms \
         ({} KB TOML) and a {} KB Markdown document with {} findings ({} KB of JSON per \
         publish). Times are round trips measured by the client. Baselines from the same \
         run: a request that does nothing (hover on an unknown document, p50 {}), \
         `Engine::analyze` of the whole document in-process (p50 {}), and \
         `Engine::reanalyze` after an edit of one line, which searches only the changed \
         paragraph again (p50 {}).\n\n\
         | measure | p50 | p99 | p50 vs baseline | target |\n\
         |---|---|---|---|---|\n\
         | hover | {} | {} | {:.1}× empty request | p99 ≤ 2 ms |\n\
         | definition | {} | {} | {:.1}× empty request | |\n\
         | completion | {} | {} | {:.1}× empty request | |\n\
         | edit → fresh diagnostics (1 MB, no debounce) | {} | max {} | {:.2}× reanalyze | ≤ 20 ms |\n\
         | didOpen → first diagnostics (1 MB) | {} | max {} | {:.2}× analyze | ≤ 50 ms |\n\
         | initialize (loads the glossary) | {} | | | |\n\n\
         Memory: RSS {} MB with the glossary loaded and no document open, {} MB with the \
         1 MB document open, {} MB with {OPEN_DOCS} open documents (the 1 MB one and 99 of \
         10 KB); peak RSS {} MB (target ≤ 80 MB with 100 open documents).\n\n\
         Where the time of an edit goes: the engine's share is `Engine::reanalyze` ({} here: \
         Markdown regions and the lint rules over the whole document, mentions only in the \
         changed paragraph); the remaining {} is the text out of the rope, the line index, \
         positions and serialisation of {} diagnostics, the client parsing them, and both \
         processes sharing 2 cores.\n",
        glossary_text.len() / 1024,
        doc.len() / 1024,
        finding_count,
        publish_kb,
        ms(nothing_p50),
        ms(engine_p50),
        ms(reanalyze_p50),
        ms(hover.0),
        ms(hover.1),
        ratio(hover.0),
        ms(definition.0),
        ms(definition.1),
        ratio(definition.0),
        ms(completion.0),
        ms(completion.1),
        ratio(completion.0),
        ms(edit_p50),
        ms(edit_max),
        edit_p50.as_secs_f64() / reanalyze_p50.as_secs_f64(),
        ms(open_p50),
        ms(*opens.iter().max().unwrap()),
        open_p50.as_secs_f64() / engine_p50.as_secs_f64(),
        ms(init_time),
        rss_loaded / 1024,
        rss_one / 1024,
        rss / 1024,
        peak / 1024,
        ms(reanalyze_p50),
        ms(edit_p50.saturating_sub(reanalyze_p50)),
        finding_count,
    );
    println!("{table}");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/LSP_BENCHMARKS.md");
    if let Err(e) = std::fs::write(&out, &table) {
        eprintln!("could not write {}: {e}", out.display());
    }
}
