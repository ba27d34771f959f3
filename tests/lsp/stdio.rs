//! The built binary over real stdio: initialize, hover, shutdown, exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

use crate::harness::{range, uri, workspace, GLOSSARY};

struct Process {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Process {
    fn start(root: &std::path::Path) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_glossa"))
            .args(["lsp", "--stdio"])
            .current_dir(root)
            .env("XDG_CACHE_HOME", root.join(".cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("glossa starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Process {
            child,
            stdin,
            stdout,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).expect("read") > 0,
                "stdout closed"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("JSON")
    }

    /// The response with `id`, skipping notifications and answering requests.
    fn response(&mut self, id: i64) -> Value {
        loop {
            let m = self.read();
            if m["id"] == id && m.get("method").is_none() {
                return m;
            }
            if m.get("id").is_some() && m.get("method").is_some() {
                self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": null}));
            }
        }
    }

    fn initialize(&mut self, root: &std::path::Path) {
        self.send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": null,
                "rootUri": uri(root, ""),
                "capabilities": {}
            }}),
        );
        let init = self.response(1);
        assert_eq!(init["result"]["serverInfo"]["name"], "glossa");
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }
}

#[test]
fn initialize_hover_shutdown_exit_over_stdio() {
    let dir = workspace(&[("glossary/terms.toml", GLOSSARY)]);
    let root = dir.path();
    let mut p = Process::start(root);
    p.initialize(root);
    let doc = uri(root, "doc.md");
    p.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": doc, "languageId": "markdown", "version": 1, "text": "The Tax Treaty.\n"}
    }}));
    p.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": doc}, "position": {"line": 0, "character": 6}
        }}),
    );
    let hover = p.response(2);
    assert_eq!(hover["result"]["range"], range(0, 4, 14));
    assert!(hover["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("**Tax Treaty**"));
    p.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    assert_eq!(p.response(3)["result"], json!(null));
    p.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    // stdin stays open: the server ends on `exit` by itself.
    let status = p.child.wait().expect("exit status");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let dir = workspace(&[]);
    let root = dir.path();
    let mut p = Process::start(root);
    p.initialize(root);
    p.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = p.child.wait().expect("exit status");
    assert_eq!(status.code(), Some(1));
}
