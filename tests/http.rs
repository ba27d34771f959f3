//! `glossa serve` over real HTTP on a loopback port: every endpoint, Slack
//! request signing, limits and errors, concurrency, reloads, shutdown, and
//! the built binary.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use glossa::glossary::{Glossary, Term};
use glossa::serve::{self, reload, slack, AppState, Limits, Settings};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

struct Server {
    base: String,
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start_with(glossary: Glossary, settings: Settings) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState::new(glossary, settings);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve::serve(listener, state.clone(), async {
            let _ = stopped.await;
        }));
        Server {
            base: format!("http://{addr}"),
            addr,
            state,
            stop: Some(stop),
            task,
        }
    }

    async fn start(settings: Settings) -> Server {
        Server::start_with(bundled(), settings).await
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.unwrap().unwrap();
    }

    async fn ask(&self, body: Value) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/api/ask", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }

    async fn post_raw(
        &self,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (u16, Value) {
        let mut request = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .body(body);
        if let Some(ct) = content_type {
            request = request.header("content-type", ct);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
}

fn bundled() -> Glossary {
    let g = glossa::sources::bundled().expect("the bundled glossary loads");
    assert!(g.len() >= 500, "the bundled glossary is incomplete");
    g
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn ask_returns_the_spec_json() {
    let server = Server::start(Settings::default()).await;
    let (status, body) = server
        .ask(json!({"question": "what does CRS stand for?"}))
        .await;
    assert_eq!(status, 200);
    let object = body.as_object().unwrap();
    assert_eq!(
        object.keys().collect::<Vec<_>>(),
        ["answer", "suggestions", "terms"]
    );
    assert!(body["answer"]
        .as_str()
        .unwrap()
        .contains("Common Reporting Standard"));
    let first = &body["terms"][0];
    assert_eq!(first["id"], "common-reporting-standard");
    assert_eq!(first["name"], "Common Reporting Standard");
    assert_eq!(first["url"], "/terms/common-reporting-standard");
    assert!(first["summary"].as_str().unwrap().ends_with('.'));
    assert_eq!(body["suggestions"], json!([]));

    let (status, body) = server
        .ask(json!({"question": "what is a credit score"}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["terms"], json!([]));
    assert!(ids(&body["suggestions"]).contains(&"credit-risk"), "{body}");
    server.stop().await;
}

#[tokio::test]
async fn sessions_carry_follow_ups_and_stay_apart() {
    let server = Server::start(Settings::default()).await;
    let (_, a) = server
        .ask(json!({"question": "what is delta", "session": "alice"}))
        .await;
    let (_, b) = server
        .ask(json!({"question": "what is a tax treaty", "session": "bob"}))
        .await;
    assert_eq!(ids(&a["terms"]), ["delta"]);
    assert_eq!(ids(&b["terms"]), ["tax-treaty"]);
    let (_, a) = server
        .ask(json!({"question": "and how does it relate to gamma?", "session": "alice"}))
        .await;
    assert_eq!(ids(&a["terms"]), ["delta", "gamma"]);
    let (_, b) = server
        .ask(json!({"question": "what is it related to", "session": "bob"}))
        .await;
    assert_eq!(ids(&b["terms"])[0], "tax-treaty");
    let (_, none) = server
        .ask(json!({"question": "what is it related to"}))
        .await;
    assert_eq!(none["terms"], json!([]));
    server.stop().await;
}

#[tokio::test]
async fn pages_and_health() {
    let server = Server::start(Settings::default()).await;
    let client = reqwest::Client::new();
    let health: Value = client
        .get(format!("{}/healthz", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert!(health["terms"].as_u64().unwrap() >= 500);

    let page = client
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.starts_with("default-src 'none'") && csp.contains("script-src 'sha256-"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<label for=\"question\">") && html.contains("aria-live=\"polite\""));

    let entry = client
        .get(format!("{}/terms/delta", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(entry.status(), 200);
    let html = entry.text().await.unwrap();
    assert!(html.contains("<strong>Delta</strong>") && html.contains("href=\"/terms/gamma\""));
    let missing = client
        .get(format!("{}/terms/no-such-entry", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn bad_requests_get_clear_json_errors() {
    let limits = Limits {
        body_bytes: 1024,
        question_chars: 100,
        ..Limits::default()
    };
    let server = Server::start(Settings {
        limits,
        ..Settings::default()
    })
    .await;
    let json_ct = Some("application/json");
    // (path, content type, body, status, error code)
    type Case<'a> = (&'a str, Option<&'a str>, Vec<u8>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (
            "/api/ask",
            json_ct,
            b"{not json".to_vec(),
            400,
            "invalid_json",
        ),
        ("/api/ask", json_ct, b"".to_vec(), 400, "invalid_json"),
        (
            "/api/ask",
            json_ct,
            br#"{"q": "what is CRS"}"#.to_vec(),
            422,
            "invalid_request",
        ),
        (
            "/api/ask",
            json_ct,
            br#"{"question": 42}"#.to_vec(),
            422,
            "invalid_request",
        ),
        (
            "/api/ask",
            json_ct,
            br#"{"question": "  "}"#.to_vec(),
            422,
            "empty_question",
        ),
        (
            "/api/ask",
            json_ct,
            format!(r#"{{"question": "{}"}}"#, "x".repeat(101)).into_bytes(),
            422,
            "question_too_long",
        ),
        (
            "/api/ask",
            json_ct,
            br#"{"question": "CRS", "session": "no spaces please"}"#.to_vec(),
            422,
            "invalid_session",
        ),
        ("/api/ask", json_ct, vec![b' '; 2048], 413, "body_too_large"),
        (
            "/api/ask",
            Some("text/plain"),
            br#"{"question": "CRS"}"#.to_vec(),
            415,
            "unsupported_media_type",
        ),
        (
            "/api/ask",
            None,
            br#"{"question": "CRS"}"#.to_vec(),
            415,
            "unsupported_media_type",
        ),
        ("/no/such/path", json_ct, b"{}".to_vec(), 404, "not_found"),
        (
            "/slack/command",
            Some("application/x-www-form-urlencoded"),
            b"text=CRS".to_vec(),
            404,
            "slack_disabled",
        ),
    ];
    for (path, ct, body, status, code) in cases {
        let (got, body) = server.post_raw(path, ct, body).await;
        assert_eq!(
            (got, body["code"].as_str()),
            (status, Some(code)),
            "{path} {ct:?}: {body}"
        );
        assert!(!body["error"].as_str().unwrap().is_empty());
    }
    let response = reqwest::get(format!("{}/api/ask", server.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "method_not_allowed");
    let (status, _) = server
        .post_raw(
            "/api/ask",
            Some("application/json; charset=utf-8"),
            br#"{"question": "CRS"}"#.to_vec(),
        )
        .await;
    assert_eq!(status, 200, "a charset parameter is fine");
    server.stop().await;
}

const SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn slack_post(server: &Server, headers: &[(&str, String)], body: &str) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/slack/command", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn signed(body: &str, ts: i64) -> Vec<(&'static str, String)> {
    let ts = ts.to_string();
    vec![
        (slack::TIMESTAMP_HEADER, ts.clone()),
        (
            slack::SIGNATURE_HEADER,
            slack::signature(SECRET.as_bytes(), &ts, body.as_bytes()),
        ),
    ]
}

#[tokio::test]
async fn slack_commands_are_verified() {
    let server = Server::start(Settings {
        slack_secret: Some(SECRET.into()),
        public_url: Some("https://glossary.example.com".into()),
        ..Settings::default()
    })
    .await;
    let (_, api) = server.ask(json!({"question": "CRS"})).await;
    assert_eq!(
        api["terms"][0]["url"], "https://glossary.example.com/terms/common-reporting-standard",
        "with a public URL, links are absolute"
    );
    let body = "token=x&team_id=T1&user_id=U1&command=%2Fglossa&text=what+does+MiCA+stand+for%3F";
    let (status, reply) = slack_post(&server, &signed(body, now()), body).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["response_type"], "ephemeral");
    let text = reply["text"].as_str().unwrap();
    assert!(
        text.starts_with("*MiCA* stands for *<https://glossary.example.com/terms/markets-in-crypto-assets-regulation|Markets in Crypto-Assets Regulation>*"),
        "{text}"
    );

    // The same user's follow-up uses the conversation.
    let follow = "team_id=T1&user_id=U1&text=what+is+it+related+to";
    let (status, reply) = slack_post(&server, &signed(follow, now()), follow).await;
    assert_eq!(status, 200);
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("Entries related to"),
        "{reply}"
    );

    let refusals: Vec<(Vec<(&str, String)>, &str)> = vec![
        (
            signed("text=something+else", now()),
            "signature does not match",
        ),
        (
            vec![
                (slack::TIMESTAMP_HEADER, now().to_string()),
                (slack::SIGNATURE_HEADER, "v0=".to_string() + &"0".repeat(64)),
            ],
            "signature does not match",
        ),
        (signed(body, now() - 6 * 60), "more than 5 minutes"),
        (signed(body, now() + 6 * 60), "more than 5 minutes"),
        (vec![], "no x-slack-request-timestamp header"),
        (
            vec![(slack::TIMESTAMP_HEADER, now().to_string())],
            "no x-slack-signature header",
        ),
    ];
    for (headers, why) in refusals {
        let (status, reply) = slack_post(&server, &headers, body).await;
        assert_eq!(status, 401, "{why}: {reply}");
        assert_eq!(reply["code"], "unverified");
        assert!(
            reply["error"].as_str().unwrap().contains(why),
            "{why}: {reply}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_are_all_answered() {
    let server = Server::start(Settings::default()).await;
    let questions = [
        ("what is CRS", "common-reporting-standard"),
        ("what is delta", "delta"),
        ("define stablecoin", "stablecoin"),
        ("what is the travel rule", "travel-rule"),
        ("what does VaR stand for", "value-at-risk"),
    ];
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let (question, id) = questions[i % questions.len()];
        let client = client.clone();
        let url = format!("{}/api/ask", server.base);
        tasks.push(tokio::spawn(async move {
            let session = format!("s{}", i % 7);
            let response = client
                .post(url)
                .json(&json!({"question": question, "session": session}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["terms"][0]["id"], id, "{question}");
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    server.stop().await;
}

/// Sends a request's head and part of its body, then waits: the server is
/// holding one request slot for it until its timeout.
async fn slow_client(addr: SocketAddr) -> tokio::net::TcpStream {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            b"POST /api/ask HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"question\"",
        )
        .await
        .unwrap();
    stream
}

async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting until {what}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_time_out_and_the_limit_holds() {
    let server = Server::start(Settings {
        limits: Limits {
            concurrency: 1,
            queue_wait: Duration::from_millis(100),
            timeout: Duration::from_millis(1500),
            ..Limits::default()
        },
        ..Settings::default()
    })
    .await;
    let mut slow = slow_client(server.addr).await;
    let state = server.state.clone();
    wait_until("the slow request holds the only slot", || {
        state.requests_in_flight() == 1
    })
    .await;
    let (status, body) = server.ask(json!({"question": "what is CRS"})).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("busy")),
        "{body}"
    );
    let mut response = String::new();
    slow.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(response.contains("\"code\":\"timeout\""), "{response}");
    let (status, _) = server.ask(json!({"question": "what is CRS"})).await;
    assert_eq!(status, 200, "the slot is free again");
    server.stop().await;
}

fn small_glossary(names: &[&str]) -> Glossary {
    Glossary::from_terms(names.iter().map(|n| {
        let mut t = Term::new(n);
        t.summary = Some(format!("{n} is a test entry."));
        t
    }))
}

#[tokio::test]
async fn the_glossary_is_replaced_without_a_restart() {
    let server = Server::start_with(small_glossary(&["Alpha Term"]), Settings::default()).await;
    let (_, before) = server.ask(json!({"question": "what is beta term"})).await;
    assert_eq!(before["terms"], json!([]));

    let loader: reload::Loader = Arc::new(|| Ok(small_glossary(&["Alpha Term", "Beta Term"])));
    assert_eq!(reload::reload(&server.state, &loader).await, Ok(2));
    let (_, after) = server.ask(json!({"question": "what is beta term"})).await;
    assert_eq!(ids(&after["terms"]), ["beta-term"]);

    let broken: reload::Loader = Arc::new(|| Err("terms.toml:3:1: expected `=`".into()));
    assert!(reload::reload(&server.state, &broken).await.is_err());
    let (_, kept) = server.ask(json!({"question": "what is beta term"})).await;
    assert_eq!(
        ids(&kept["terms"]),
        ["beta-term"],
        "a broken glossary keeps the last good one"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_files_are_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("terms.toml");
    std::fs::write(&file, "[[term]]\nname = \"Alpha Term\"\n").unwrap();
    let load = {
        let file = file.clone();
        move || {
            glossa::sources::load_sources(&[glossa::sources::Source::Path(file.clone())], None)
                .map_err(|e| e.to_string())
        }
    };
    let server = Server::start_with(load().unwrap(), Settings::default()).await;
    let loader: reload::Loader = Arc::new(load);
    let watcher = reload::Watcher::new(vec![dir.path().to_path_buf()]);
    let watcher =
        tokio::spawn(watcher.run(server.state.clone(), loader, Duration::from_millis(20)));
    std::fs::write(
        &file,
        "[[term]]\nname = \"Alpha Term\"\n\n[[term]]\nname = \"Beta Term\"\n",
    )
    .unwrap();
    let state = server.state.clone();
    wait_until("the new entry is served", || {
        state.bot().glossary().get("beta-term").is_some()
    })
    .await;
    let (_, after) = server.ask(json!({"question": "what is beta term"})).await;
    assert_eq!(ids(&after["terms"]), ["beta-term"]);
    watcher.abort();
    server.stop().await;
}

#[tokio::test]
async fn shutdown_stops_accepting() {
    let server = Server::start(Settings::default()).await;
    let addr = server.addr;
    let (status, _) = server.ask(json!({"question": "CRS"})).await;
    assert_eq!(status, 200);
    server.stop().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

/// `glossa serve` as a process: prints its address, answers, reloads on
/// SIGHUP, stops on SIGTERM.
struct Process {
    child: Child,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Process {
    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn stderr_line_containing(&mut self, needle: &str) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.stderr.read_line(&mut line).unwrap();
            assert!(n > 0, "stderr ended before a line containing {needle:?}");
            if line.contains(needle) {
                return line;
            }
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_binary_serves_reloads_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("terms.toml");
    std::fs::write(
        &file,
        "[[term]]\nname = \"Alpha Term\"\naliases = [\"AT1\"]\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--poll",
            "0",
            "--glossary",
        ])
        .arg(&file)
        .current_dir(dir.path())
        .env_remove("GLOSSA_SLACK_SIGNING_SECRET")
        .env_remove("GLOSSA_GLOSSARY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut process = Process { child, stderr };
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let base = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"));
    process.stderr_line_containing("/slack/command is off");

    let client = reqwest::blocking::Client::new();
    let ask = |q: &str| -> Value {
        client
            .post(format!("{base}/api/ask"))
            .json(&json!({"question": q}))
            .send()
            .unwrap()
            .json()
            .unwrap()
    };
    assert_eq!(
        ids(&ask("what does AT1 stand for")["terms"]),
        ["alpha-term"]
    );
    assert_eq!(ask("beta term")["terms"], json!([]));

    std::fs::write(
        &file,
        "[[term]]\nname = \"Alpha Term\"\n\n[[term]]\nname = \"Beta Term\"\n",
    )
    .unwrap();
    process.signal("HUP");
    let line = process.stderr_line_containing("reloaded the glossary");
    assert!(line.contains("(SIGHUP): 2 entries"), "{line}");
    assert_eq!(ids(&ask("beta term")["terms"]), ["beta-term"]);

    std::fs::write(&file, "[[term]\nbroken").unwrap();
    process.signal("HUP");
    let line = process.stderr_line_containing("reloading the glossary");
    assert!(line.contains("keeping the previous one"), "{line}");
    assert_eq!(ids(&ask("beta term")["terms"]), ["beta-term"]);

    process.signal("TERM");
    process.stderr_line_containing("stopped");
    let status = process.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
}

#[test]
fn the_binary_refuses_an_address_it_cannot_bind() {
    let output = Command::new(env!("CARGO_BIN_EXE_glossa"))
        .args(["serve", "--addr", "not-an-address"])
        .env_remove("GLOSSA_GLOSSARY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("glossa: serve: cannot listen on not-an-address"),
        "{stderr}"
    );
}
