//! The language server (SPEC §6): tower-lsp glue around the engine.
//!
//! `state` holds everything shared; each feature has its own module and
//! works on a `document::Snapshot` (one revision of a document analysed
//! against one glossary). `position` is the only place where LSP positions
//! meet byte offsets.

mod code_action;
mod commands;
mod completion;
mod definition;
mod diagnostics;
mod document;
mod glossary_file;
mod hover;
mod inlay;
mod links;
mod loader;
mod position;
mod project_edits;
mod references;
mod server;
mod settings;
mod state;
mod symbols;
mod transport;
mod workspace_scan;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower::Service;
use tower_lsp::jsonrpc::Request;
use tower_lsp::LspService;

pub use server::Backend;
pub use workspace_scan::PROGRESS_TOKEN;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--glossary` paths, absolute; merged after the settings' sources.
    pub glossary: Vec<PathBuf>,
    /// Where the bundled glossary is written; `None` for
    /// `$XDG_CACHE_HOME/glossa/<version>/`.
    pub bundled_cache: Option<PathBuf>,
    /// The pause after an edit before diagnostics are recomputed.
    pub debounce: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            glossary: Vec::new(),
            bundled_cache: None,
            debounce: Duration::from_millis(100),
        }
    }
}

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: exit status 0.
    Clean,
    /// `exit` without `shutdown`, or the input closed: exit status 1.
    Abrupt,
}

/// Serves one client over `input`/`output` until `exit` or the end of input.
pub async fn run<I, O>(input: I, output: O, options: Options) -> Ending
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (outbox, outgoing) = transport::Outbox::channel();
    let server_outbox = outbox.clone();
    let (service, socket) =
        LspService::new(move |client| Backend::new(client, server_outbox, options));
    let shut_down = Arc::new(AtomicBool::new(false));
    let service = ShutdownWatch {
        inner: service,
        shut_down: shut_down.clone(),
    };
    let end = transport::serve(input, output, service, socket, (outbox, outgoing)).await;
    if end == transport::End::Exit && shut_down.load(Ordering::SeqCst) {
        Ending::Clean
    } else {
        Ending::Abrupt
    }
}

/// Passes every message on, noting `shutdown` when it is dispatched (a
/// client may send `exit` before the answer to `shutdown` arrives).
struct ShutdownWatch {
    inner: LspService<Backend>,
    shut_down: Arc<AtomicBool>,
}

impl Service<Request> for ShutdownWatch {
    type Response = <LspService<Backend> as Service<Request>>::Response;
    type Error = <LspService<Backend> as Service<Request>>::Error;
    type Future = <LspService<Backend> as Service<Request>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if req.method() == "shutdown" {
            self.shut_down.store(true, Ordering::SeqCst);
        }
        self.inner.call(req)
    }
}
