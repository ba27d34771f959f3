//! The chat bot's speed: the engine's answer latency over the question set
//! (in-process, bundled glossary), and a bounded loopback load test of
//! `POST /api/ask` against `glossa serve` running as a separate process.
//! Each figure comes with a baseline measured in the same run: rendering
//! the cited entry's Markdown for the engine, `GET /healthz` for HTTP.
//!
//! `cargo bench --bench bot` prints a Markdown report for BENCHMARKS.md.
//! `BOT_BENCH_REQUESTS` (default 4000) and `BOT_BENCH_CLIENTS` (default 8)
//! size the load test.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use glossa::bot::{Bot, Conversation};
use glossa::render::term_markdown;

const ROUNDS: usize = 30;

struct Stats {
    count: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    mean: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    let total: Duration = samples.iter().sum();
    Stats {
        count: samples.len(),
        p50: at(0.50),
        p99: at(0.99),
        max: *samples.last().expect("at least one sample"),
        mean: total / samples.len() as u32,
    }
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn questions() -> Vec<String> {
    let text = include_str!("../tests/fixtures/bot/questions.toml");
    let value: toml::Value = toml::from_str(text).expect("the question set parses");
    value["q"]
        .as_array()
        .expect("[[q]] tables")
        .iter()
        .filter_map(|q| q["ask"].as_str().map(String::from))
        .collect()
}

fn engine() -> (Stats, Stats, Duration, usize) {
    let glossary = Arc::new(glossa::sources::bundled().expect("the bundled glossary loads"));
    let started = Instant::now();
    let bot = Bot::new(glossary.clone());
    let build = started.elapsed();
    let questions = questions();
    let mut answer_times = Vec::new();
    let mut render_times = Vec::new();
    for _ in 0..ROUNDS {
        for q in &questions {
            let mut conversation = Conversation::default();
            let t = Instant::now();
            let answer = std::hint::black_box(bot.answer(q, &mut conversation));
            answer_times.push(t.elapsed());
            // Baseline: the least an answer about an entry costs, rendering it.
            if let Some(term) = answer.terms.first().and_then(|r| glossary.get(&r.id)) {
                let t = Instant::now();
                std::hint::black_box(term_markdown(&glossary, term, &|t| bot.url(t)));
                render_times.push(t.elapsed());
            }
        }
    }
    (
        stats(answer_times),
        stats(render_times),
        build,
        questions.len(),
    )
}

struct Load {
    latency: Stats,
    seconds: f64,
    errors: usize,
}

fn load(base: &str, path: &str, ask: bool, requests: usize, clients: usize) -> Load {
    let started = Instant::now();
    let per_client = requests / clients;
    let workers: Vec<_> = (0..clients)
        .map(|c| {
            let url = format!("{base}{path}");
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::new();
                let questions = [
                    "what is CRS",
                    "difference between delta and gamma",
                    "what does MiCA stand for",
                    "what is a mortgage",
                    "terms related to permanent establishment",
                ];
                let mut times = Vec::with_capacity(per_client);
                let mut errors = 0;
                for i in 0..per_client {
                    let t = Instant::now();
                    let response = match ask {
                        true => client
                            .post(&url)
                            .json(&serde_json::json!({
                                "question": questions[(c + i) % questions.len()],
                                "session": format!("bench-{c}"),
                            }))
                            .send(),
                        false => client.get(&url).send(),
                    };
                    match response
                        .and_then(|r| r.error_for_status())
                        .and_then(|r| r.bytes())
                    {
                        Ok(_) => times.push(t.elapsed()),
                        Err(_) => errors += 1,
                    }
                }
                (times, errors)
            })
        })
        .collect();
    let mut times = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (t, e) = w.join().expect("a client thread panicked");
        times.extend(t);
        errors += e;
    }
    Load {
        seconds: started.elapsed().as_secs_f64(),
        latency: stats(times),
        errors,
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let (answer, render, build, questions) = engine();
    println!("## Chat bot\n");
    println!(
        "Engine, in-process, bundled glossary ({} entries): {questions} questions of \
         `tests/fixtures/bot/questions.toml` × {ROUNDS} rounds. Building the engine took {:.1} ms.\n",
        glossa::sources::bundled().map(|g| g.len()).unwrap_or(0),
        build.as_secs_f64() * 1e3
    );
    println!("| measure | answers | p50 | p99 | max | mean |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s) in [
        ("`Bot::answer`", &answer),
        ("baseline: `term_markdown` of the cited entry", &render),
    ] {
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            s.count,
            us(s.p50),
            us(s.p99),
            us(s.max),
            us(s.mean)
        );
    }
    println!(
        "\nAnswer / baseline (p50): {:.1}×. Target p99 ≤ 1 ms: {}.\n",
        answer.p50.as_secs_f64() / render.p50.as_secs_f64(),
        if answer.p99 <= Duration::from_millis(1) {
            "met"
        } else {
            "NOT met"
        }
    );

    let requests = env_usize("BOT_BENCH_REQUESTS", 4000);
    let clients = env_usize("BOT_BENCH_CLIENTS", 8).max(1);
    let mut server = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--poll",
            "0",
            "--max-concurrent",
            "64",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("glossa serve starts");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("piped stdout"))
        .read_line(&mut line)
        .expect("glossa serve prints its address");
    let base = line.trim().trim_start_matches("listening on ").to_string();
    let health = load(&base, "/healthz", false, requests, clients);
    let ask = load(&base, "/api/ask", true, requests, clients);
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "Load, loopback, `glossa serve` (release) in its own process; {clients} client threads \
         with keep-alive, {requests} requests per endpoint, 5 questions in rotation, one session per client.\n"
    );
    println!("| endpoint | requests | errors | requests/s | p50 | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, l) in [
        ("baseline: `GET /healthz`", &health),
        ("`POST /api/ask`", &ask),
    ] {
        println!(
            "| {name} | {} | {} | {:.0} | {} | {} | {} |",
            l.latency.count + l.errors,
            l.errors,
            l.latency.count as f64 / l.seconds,
            us(l.latency.p50),
            us(l.latency.p99),
            us(l.latency.max)
        );
    }
    println!(
        "\n`/api/ask` throughput / `/healthz` throughput: {:.2}.",
        (ask.latency.count as f64 / ask.seconds) / (health.latency.count as f64 / health.seconds)
    );
}
