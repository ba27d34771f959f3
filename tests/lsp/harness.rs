//! An in-process client for the language server: the real service over
//! `tokio::io::duplex` with Content-Length framing, as an editor would talk
//! to it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use glossa::lsp::{self, Ending, Options};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tower_lsp::lsp_types::Url;

/// How long a test waits for a message before failing (a guard against
/// hanging, not a timing assertion).
const PATIENCE: Duration = Duration::from_secs(60);

/// The fixture glossary.
pub const GLOSSARY: &str = include_str!("fixtures/glossary/terms.toml");

/// A client connected to a server.
pub struct Client {
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: tokio::sync::Mutex<mpsc::UnboundedReceiver<Value>>,
    backlog: Mutex<Vec<Value>>,
    /// Requests the server sent to the client, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    next_id: AtomicI64,
    server: Mutex<Option<JoinHandle<Ending>>>,
    /// The workspace root.
    pub root: PathBuf,
    /// The result of `initialize`.
    pub initialized: Value,
    _dir: Option<tempfile::TempDir>,
}

/// A workspace in a temporary directory holding `files` (path, text).
pub fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// Writes a file under `root`, creating its directories.
pub fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// The `file:` URI of a path under `root`.
pub fn uri(root: &Path, path: &str) -> String {
    Url::from_file_path(root.join(path))
        .expect("absolute path")
        .to_string()
}

/// The capabilities of a capable editor, with `position_encodings` offered.
pub fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "window": {"workDoneProgress": true},
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]},
            "configuration": true
        },
        "textDocument": {"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}}
    })
}

impl Client {
    /// Starts a server on a workspace with the fixture glossary in
    /// `glossary/terms.toml` and the given extra files, UTF-16 positions.
    pub async fn with_files(files: &[(&str, &str)]) -> Client {
        Client::with(files, json!(null), capabilities(&["utf-16"])).await
    }

    /// Starts a server on a workspace with the fixture glossary and `files`,
    /// with the given settings and capabilities.
    pub async fn with(files: &[(&str, &str)], options: Value, capabilities: Value) -> Client {
        let mut all = vec![("glossary/terms.toml", GLOSSARY)];
        all.extend_from_slice(files);
        let dir = workspace(&all);
        let root = dir.path().to_path_buf();
        Client::start(root, Some(dir), options, capabilities).await
    }

    /// Starts a server on `root` and initializes it.
    pub async fn start(
        root: PathBuf,
        dir: Option<tempfile::TempDir>,
        options: Value,
        capabilities: Value,
    ) -> Client {
        let mut client = Client::connect(root.clone(), dir);
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": Url::from_directory_path(&root).expect("absolute").to_string(),
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .await;
        assert!(result.get("result").is_some(), "initialize: {result}");
        client.initialized = result["result"].clone();
        client.notify("initialized", json!({})).await;
        client
    }

    /// A connected but uninitialized server.
    pub fn connect(root: PathBuf, dir: Option<tempfile::TempDir>) -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_end);
        let options = Options {
            bundled_cache: Some(root.join(".cache-bundled")),
            ..Options::default()
        };
        let server = tokio::spawn(lsp::run(server_read, server_write, options));
        let (read, write) = tokio::io::split(client_end);
        let writer = Arc::new(tokio::sync::Mutex::new(write));
        let pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let server_requests: Arc<Mutex<Vec<Value>>> = Arc::default();
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_loop(
            BufReader::new(read),
            writer.clone(),
            pending.clone(),
            server_requests.clone(),
            tx,
        ));
        Client {
            writer,
            pending,
            notifications: tokio::sync::Mutex::new(rx),
            backlog: Mutex::new(Vec::new()),
            server_requests,
            next_id: AtomicI64::new(1),
            server: Mutex::new(Some(server)),
            root,
            initialized: Value::Null,
            _dir: dir,
        }
    }

    /// The URI of a workspace file.
    pub fn uri(&self, path: &str) -> String {
        uri(&self.root, path)
    }

    /// Sends raw bytes.
    pub async fn send_raw(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.expect("write");
        w.flush().await.expect("flush");
    }

    /// Sends one framed message.
    pub async fn send(&self, message: &Value) {
        send(&self.writer, message).await;
    }

    /// Sends a request and returns the whole response.
    pub async fn request(&self, method: &str, params: Value) -> Value {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        tokio::time::timeout(PATIENCE, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method}"))
            .expect("response")
    }

    /// Sends a request and returns its result, failing on an error.
    pub async fn call(&self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        match response.get("result") {
            Some(r) => r.clone(),
            None => panic!("{method} failed: {response}"),
        }
    }

    /// Sends a notification.
    pub async fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Waits for a notification that `accept` takes, leaving others for
    /// later waits.
    pub async fn wait_for(&self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        {
            let mut backlog = self.backlog.lock().unwrap();
            if let Some(i) = backlog.iter().position(&accept) {
                return backlog.remove(i);
            }
        }
        let mut rx = self.notifications.lock().await;
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let n = tokio::time::timeout_at(deadline, rx.recv())
                .await
                .unwrap_or_else(|_| panic!("no notification: {what}"))
                .unwrap_or_else(|| panic!("server closed while waiting for {what}"));
            if accept(&n) {
                return n;
            }
            self.backlog.lock().unwrap().push(n);
        }
    }

    /// Whether a notification that `accept` takes has arrived already.
    pub async fn received(&self, accept: impl Fn(&Value) -> bool) -> bool {
        let mut rx = self.notifications.lock().await;
        let mut backlog = self.backlog.lock().unwrap();
        while let Ok(n) = rx.try_recv() {
            backlog.push(n);
        }
        backlog.iter().any(accept)
    }

    /// The diagnostics published for `uri` at `version` (`null` for none).
    pub async fn diagnostics(&self, uri: &str, version: Value) -> Value {
        let n = self
            .wait_for(&format!("diagnostics of {uri} v{version}"), |n| {
                n["method"] == "textDocument/publishDiagnostics"
                    && n["params"]["uri"] == uri
                    && n["params"]["version"] == version
            })
            .await;
        n["params"]["diagnostics"].clone()
    }

    /// Waits for the end of a workspace scan.
    pub async fn scanned(&self) {
        self.wait_for("end of the workspace scan", |n| {
            n["method"] == "$/progress"
                && n["params"]["token"] == lsp::PROGRESS_TOKEN
                && n["params"]["value"]["kind"] == "end"
        })
        .await;
    }

    /// Opens a document.
    pub async fn open(&self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    /// Opens a Markdown document and returns its first diagnostics.
    pub async fn open_md(&self, path: &str, text: &str) -> Value {
        let uri = self.uri(path);
        self.open(&uri, "markdown", text).await;
        self.diagnostics(&uri, json!(1)).await
    }

    /// Hover at a position.
    pub async fn hover(&self, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await
    }

    /// A request at a position of a document.
    pub async fn at(&self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.call(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await
    }

    /// The code actions for a range of a document.
    pub async fn code_actions(&self, uri: &str, range: Value) -> Vec<Value> {
        let r = self
            .call(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
            )
            .await;
        r.as_array().cloned().unwrap_or_default()
    }

    /// Waits for a `window/logMessage` containing `text`.
    pub async fn logged(&self, text: &str) -> Value {
        self.wait_for(&format!("log message with {text:?}"), |n| {
            n["method"] == "window/logMessage"
                && n["params"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(text))
        })
        .await
    }

    /// `shutdown` then `exit`; how the server ended.
    pub async fn shutdown_and_exit(&self) -> Ending {
        let r = self.request("shutdown", json!(null)).await;
        assert_eq!(r["result"], json!(null), "{r}");
        self.notify("exit", json!(null)).await;
        self.ending().await
    }

    /// Waits for the server to end.
    pub async fn ending(&self) -> Ending {
        let handle = self.server.lock().unwrap().take().expect("not ended yet");
        tokio::time::timeout(PATIENCE, handle)
            .await
            .expect("server ends")
            .expect("server task")
    }
}

async fn send(writer: &tokio::sync::Mutex<WriteHalf<DuplexStream>>, message: &Value) {
    let body = serde_json::to_vec(message).expect("json");
    let mut w = writer.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await
        .expect("write header");
    w.write_all(&body).await.expect("write body");
    w.flush().await.expect("flush");
}

/// Reads the server's messages: responses go to their waiters, requests
/// are answered with `null`, notifications are queued.
async fn read_loop(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    server_requests: Arc<Mutex<Vec<Value>>>,
    notifications: mpsc::UnboundedSender<Value>,
) {
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("Content-Length header")];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
        match (message.get("id"), message.get("method")) {
            (Some(id), Some(_)) => {
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                server_requests.lock().unwrap().push(message.clone());
                send(&writer, &reply).await;
            }
            (Some(id), None) => {
                let waiter = id
                    .as_i64()
                    .and_then(|id| pending.lock().unwrap().remove(&id));
                if let Some(tx) = waiter {
                    let _ = tx.send(message);
                } else {
                    let _ = notifications.send(message);
                }
            }
            _ => {
                let _ = notifications.send(message);
            }
        }
    }
}

/// A range on one line.
pub fn range(line: u32, start: u32, end: u32) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": line, "character": end}})
}

/// Applies LSP text edits (UTF-16 columns) to a text, the way a client does.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset_utf16(text, &e["range"]["start"]),
                offset_utf16(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

/// The byte offset of an LSP position counted in UTF-16 units (lines split at `\n`).
pub fn offset_utf16(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i == line {
            let mut units = 0;
            for (j, c) in l.char_indices() {
                if units >= character {
                    return offset + j;
                }
                units += c.len_utf16();
            }
            return offset + l.trim_end_matches('\n').len();
        }
        offset += l.len();
    }
    text.len()
}
