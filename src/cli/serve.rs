//! `glossa serve [--addr 127.0.0.1:8731]`: the chat bot over HTTP.
//!
//! Prints `listening on http://ADDR` on stdout once the socket is bound (so
//! that `--addr 127.0.0.1:0` can be used and the port read back), logs to
//! stderr, reloads the glossary on SIGHUP and when its files change, and
//! stops on SIGINT or SIGTERM after finishing the requests in flight.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use crate::serve::{self, reload, AppState, Limits, Settings};
use crate::sources::{self, Source};

/// The environment variable holding Slack's signing secret.
pub const SLACK_SECRET_VAR: &str = "GLOSSA_SLACK_SIGNING_SECRET";

/// Arguments of `glossa serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8731")]
    addr: String,
    /// This server's public base URL, for absolute links to entries (in the API and Slack)
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Seconds between checks of the glossary files for changes (0 turns the checks off; SIGHUP still reloads)
    #[arg(long, value_name = "SECONDS", default_value_t = 2)]
    poll: u64,
    /// Seconds a request may take
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Requests answered at the same time
    #[arg(long, value_name = "N", default_value_t = 64)]
    max_concurrent: usize,
    /// The largest request body, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024)]
    max_body: usize,
}

/// Runs `glossa serve`.
pub fn run(args: Args, global: &super::Global) -> anyhow::Result<ExitCode> {
    let workspace = super::load_workspace(global)?;
    let settings = Settings {
        limits: Limits {
            body_bytes: args.max_body.max(64),
            timeout: Duration::from_secs(args.timeout.max(1)),
            concurrency: args.max_concurrent.max(1),
            ..Limits::default()
        },
        slack_secret: std::env::var(SLACK_SECRET_VAR)
            .ok()
            .filter(|s| !s.is_empty()),
        public_url: args.public_url.clone(),
    };
    let mut watched: Vec<PathBuf> = workspace
        .sources
        .iter()
        .filter_map(|s| match s {
            Source::Path(p) => Some(p.clone()),
            Source::Bundled => None,
        })
        .collect();
    watched.extend(workspace.config_path.clone());
    let watcher = (args.poll > 0 && !watched.is_empty()).then(|| reload::Watcher::new(watched));
    let root = workspace.root.clone();
    let cli_paths = global.glossary.clone();
    let loader: reload::Loader = Arc::new(move || {
        sources::load_workspace(&root, &sources::env_glossary(), &cli_paths)
            .map(|w| w.glossary)
            .map_err(|e| e.to_string())
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("serve: cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("serve: cannot listen on {}", args.addr))?;
        let addr = listener
            .local_addr()
            .context("serve: the listener has no address")?;
        let entries = workspace.glossary.len();
        let state = AppState::new(workspace.glossary, settings);
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on http://{addr}")?;
            out.flush()?;
        }
        eprintln!("glossa: serving {entries} entries; chat page at http://{addr}/");
        if !state.slack_enabled() {
            eprintln!("glossa: /slack/command is off: set {SLACK_SECRET_VAR} to turn it on");
        }
        tokio::spawn(reload::on_sighup(state.clone(), loader.clone()));
        if let Some(watcher) = watcher {
            let every = Duration::from_secs(args.poll);
            tokio::spawn(watcher.run(state.clone(), loader, every));
        }
        serve::serve(listener, state, shutdown_signal())
            .await
            .context("serve")?;
        eprintln!("glossa: stopped");
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::from(super::CLEAN))
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
