//! JSON-RPC over a byte stream with `Content-Length` framing.
//!
//! tower-lsp's own `Server` stops reading at the first malformed message;
//! this loop answers it with a parse error and goes on. Messages are handed
//! to the service in arrival order, and their handlers are first polled in
//! that order too, so that edits apply in the order they were sent.

use futures::stream::FuturesUnordered;
use futures::{SinkExt, StreamExt};
use serde::Serialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower::Service;
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::{ClientSocket, ExitedError};

/// Requests handled at once; more wait (in order) until one finishes.
const CONCURRENCY: usize = 16;

/// The largest message read; a bigger one is skipped with an error.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The client sent `exit`.
    Exit,
    /// The input closed.
    Eof,
}

/// Notifications the server writes itself, serialised once straight to
/// bytes (tower-lsp's client turns parameters into a `Value` tree first,
/// which for a long document's diagnostics costs as much again).
#[derive(Debug, Clone)]
pub struct Outbox(mpsc::UnboundedSender<Vec<u8>>);

/// Where the bodies sent through an [`Outbox`] and the transport arrive.
pub type Outgoing = mpsc::UnboundedReceiver<Vec<u8>>;

impl Outbox {
    /// An outbox and the receiving end that [`serve`] writes from.
    pub fn channel() -> (Outbox, Outgoing) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Outbox(tx), rx)
    }

    /// Sends a notification; dropped once the session has ended.
    pub fn notify<P: Serialize>(&self, method: &str, params: &P) {
        #[derive(Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let message = Notification {
            jsonrpc: "2.0",
            method,
            params,
        };
        if let Ok(body) = serde_json::to_vec(&message) {
            let _ = self.0.send(body);
        }
    }
}

/// One message read from the input.
enum Frame {
    /// A JSON value.
    Message(Value),
    /// A body that is not JSON, or a header block without a usable length.
    Garbage(String),
}

/// Serves `service` until `exit` or the end of `input`, writing its
/// answers, what it sends through `socket` and what arrives in `outgoing`
/// (from `outbox` and its clones).
pub async fn serve<I, O, S>(
    input: I,
    output: O,
    mut service: S,
    socket: ClientSocket,
    (outbox, outgoing): (Outbox, Outgoing),
) -> End
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
{
    let out_tx = outbox.0;
    let writer = tokio::spawn(write_loop(output, outgoing));
    let (mut to_client, mut from_client) = socket.split();
    let forward_tx = out_tx.clone();
    let forwarder = tokio::spawn(async move {
        while let Some(request) = to_client.next().await {
            if let Ok(body) = serde_json::to_vec(&request) {
                let _ = forward_tx.send(body);
            }
        }
    });
    let (frame_tx, mut frames) = mpsc::channel::<Frame>(64);
    let reader = tokio::spawn(read_loop(input, frame_tx));

    let mut running = FuturesUnordered::new();
    let end = loop {
        tokio::select! {
            biased;
            Some(done) = running.next(), if !running.is_empty() => {
                if let Ok(Some(response)) = done {
                    if let Ok(body) = serde_json::to_vec(&response) {
                        let _ = out_tx.send(body);
                    }
                }
            }
            frame = frames.recv(), if running.len() < CONCURRENCY => {
                let message = match frame {
                    None => break End::Eof,
                    Some(Frame::Garbage(why)) => {
                        let _ = out_tx.send(error(Value::Null, -32700, &format!("Parse error: {why}")));
                        continue;
                    }
                    Some(Frame::Message(m)) => m,
                };
                let is_exit = message.get("method").and_then(Value::as_str) == Some("exit");
                match classify(message) {
                    Incoming::Request(request) => {
                        if futures::future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                            break End::Exit;
                        }
                        running.push(service.call(request));
                        if is_exit {
                            break End::Exit;
                        }
                    }
                    Incoming::Response(response) => {
                        let _ = from_client.send(response).await;
                    }
                    Incoming::Invalid(id, why) => {
                        let _ = out_tx.send(error(id, -32600, &format!("Invalid request: {why}")));
                    }
                }
            }
        }
    };
    reader.abort();
    forwarder.abort();
    // The server's state may still hold outboxes: an empty body ends the
    // writer once everything before it is written.
    let _ = out_tx.send(Vec::new());
    let _ = writer.await;
    end
}

enum Incoming {
    Request(Request),
    Response(Response),
    Invalid(Value, String),
}

/// A message as a request, a response to one of ours, or neither.
fn classify(mut message: Value) -> Incoming {
    let id = message.get("id").cloned().unwrap_or(Value::Null);
    let Some(object) = message.as_object_mut() else {
        return Incoming::Invalid(Value::Null, "not a JSON object".into());
    };
    // `"params": null` means no params (some clients send it for `shutdown`).
    if object.get("params").is_some_and(Value::is_null) {
        object.remove("params");
    }
    if object.get("method").and_then(Value::as_str) == Some("initialize") {
        spell_workspace_diagnostics(object);
    }
    if message.get("method").is_some() {
        return match serde_json::from_value::<Request>(message) {
            Ok(r) => Incoming::Request(r),
            Err(e) => Incoming::Invalid(id, e.to_string()),
        };
    }
    match serde_json::from_value::<Response>(message) {
        Ok(r) => Incoming::Response(r),
        Err(e) => Incoming::Invalid(id, e.to_string()),
    }
}

/// LSP 3.17 names the client's workspace capability `diagnostics`; the
/// types tower-lsp uses read only `diagnostic`, and would lose the client's
/// `refreshSupport` (VS Code sends the former).
fn spell_workspace_diagnostics(request: &mut serde_json::Map<String, Value>) {
    let Some(workspace) = request
        .get_mut("params")
        .and_then(|p| p.get_mut("capabilities"))
        .and_then(|c| c.get_mut("workspace"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if !workspace.contains_key("diagnostic") {
        if let Some(d) = workspace.get("diagnostics").cloned() {
            workspace.insert("diagnostic".into(), d);
        }
    }
}

fn error(id: Value, code: i64, message: &str) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
        .to_string()
        .into_bytes()
}

/// Reads frames until the input ends.
async fn read_loop<I: AsyncRead + Unpin>(input: I, frames: mpsc::Sender<Frame>) {
    let mut reader = BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok();
                }
            }
        }
        let frame = match length {
            None => Frame::Garbage("a header block without Content-Length".into()),
            Some(n) if n > MAX_MESSAGE => {
                let skipped =
                    tokio::io::copy(&mut (&mut reader).take(n as u64), &mut tokio::io::sink())
                        .await;
                if skipped.is_err() {
                    return;
                }
                Frame::Garbage(format!("a message of {n} bytes is over the limit"))
            }
            Some(n) => {
                let mut body = vec![0; n];
                if reader.read_exact(&mut body).await.is_err() {
                    return;
                }
                match serde_json::from_slice::<Value>(&body) {
                    Ok(v) => Frame::Message(v),
                    Err(e) => Frame::Garbage(e.to_string()),
                }
            }
        };
        if frames.send(frame).await.is_err() {
            return;
        }
    }
}

/// Writes each message body with its header, flushing after each, until
/// an empty body.
async fn write_loop<O: AsyncWrite + Unpin>(mut output: O, mut messages: Outgoing) {
    while let Some(body) = messages.recv().await.filter(|b| !b.is_empty()) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            return;
        }
    }
}
