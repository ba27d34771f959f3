//! The chat bot over HTTP (SPEC §7): `POST /api/ask`, `POST /slack/command`,
//! `GET /` (the chat page), `GET /terms/{id}` (an entry's page) and
//! `GET /healthz`, on axum.
//!
//! [`router`] builds the service from an [`AppState`]; [`serve`] runs it on
//! a listener until a shutdown signal, finishing requests in flight. The
//! glossary can be replaced while serving ([`AppState::set_glossary`],
//! driven by [`reload`]); requests in flight keep the engine they started
//! with.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use glossa::serve::{self, AppState, Settings};
//! let state = AppState::new(glossa::sources::bundled().unwrap(), Settings::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! serve::serve(listener, state, async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```

mod api;
mod error;
pub mod html;
mod limits;
mod page;
pub mod reload;
mod sessions;
pub mod slack;

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::Uri;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::bot::{Answer, Bot};
use crate::glossary::Glossary;

pub use error::ApiError;
pub use page::CHAT_PAGE;
pub use sessions::Sessions;

/// Limits that keep one client from starving the others.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// How long a request waits for a free slot before it is refused as busy.
    pub queue_wait: Duration,
    /// The time a request gets once it has a slot: reading its body and answering.
    pub timeout: Duration,
    /// How many API requests are answered at once.
    pub concurrency: usize,
    /// The longest question, in characters.
    pub question_chars: usize,
    /// How many conversations are remembered.
    pub sessions: usize,
    /// How long an unused conversation is remembered.
    pub session_idle: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 16 * 1024,
            queue_wait: Duration::from_secs(2),
            timeout: Duration::from_secs(10),
            concurrency: 64,
            question_chars: 1000,
            sessions: 10_000,
            session_idle: Duration::from_secs(60 * 60),
        }
    }
}

/// How the server is set up.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The limits.
    pub limits: Limits,
    /// Slack's signing secret; without one `/slack/command` is off.
    pub slack_secret: Option<String>,
    /// The server's public base URL (e.g. `https://glossary.example.com`),
    /// which makes entry links absolute (in the API's `url` fields, in
    /// answers, and in Slack, where relative links cannot work).
    pub public_url: Option<String>,
}

/// Where entries without a URL of their own are linked: this server's pages.
const TERMS_PATH: &str = "/terms/";

/// What the handlers share.
pub struct AppState {
    bot: RwLock<Arc<Bot>>,
    sessions: Sessions,
    slack_secret: Option<String>,
    public_url: Option<String>,
    limits: Limits,
    permits: Arc<Semaphore>,
    chat_page: page::Page,
    link_base: String,
}

impl AppState {
    /// The state for serving `glossary` with `settings`.
    pub fn new(glossary: Glossary, settings: Settings) -> Arc<AppState> {
        let limits = settings.limits;
        let public_url = settings
            .public_url
            .map(|u| u.trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty());
        let link_base = format!("{}{TERMS_PATH}", public_url.as_deref().unwrap_or(""));
        Arc::new(AppState {
            bot: RwLock::new(Arc::new(engine(glossary, &link_base))),
            sessions: Sessions::new(limits.sessions, limits.session_idle),
            slack_secret: settings.slack_secret.filter(|s| !s.is_empty()),
            public_url,
            link_base,
            permits: Arc::new(Semaphore::new(limits.concurrency.max(1))),
            limits,
            chat_page: page::Page::new(CHAT_PAGE.to_string()),
        })
    }

    /// The current engine.
    pub fn bot(&self) -> Arc<Bot> {
        self.bot
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the glossary; requests already answering keep the old one.
    /// Builds the engine before taking the lock, so readers never wait for it.
    pub fn set_glossary(&self, glossary: Glossary) {
        let bot = Arc::new(engine(glossary, &self.link_base));
        *self
            .bot
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = bot;
    }

    /// How many API requests are being answered (or are reading their body) now.
    pub fn requests_in_flight(&self) -> usize {
        self.limits
            .concurrency
            .max(1)
            .saturating_sub(self.permits.available_permits())
    }

    /// Whether `/slack/command` is on.
    pub fn slack_enabled(&self) -> bool {
        self.slack_secret.is_some()
    }

    /// Answers a question in a session (or without one), off the async threads.
    pub async fn answer(
        &self,
        question: String,
        session: Option<String>,
    ) -> Result<Answer, ApiError> {
        use axum::http::StatusCode;
        if question.chars().count() > self.limits.question_chars {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "question_too_long",
                format!(
                    "the question is longer than {} characters",
                    self.limits.question_chars
                ),
            ));
        }
        if let Some(id) = &session {
            if !sessions::valid_id(id) {
                return Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid_session",
                    format!(
                        "a session id is 1 to {} letters, digits and -_.:",
                        sessions::MAX_ID_LEN
                    ),
                ));
            }
        }
        let bot = self.bot();
        let mut conversation = session
            .as_deref()
            .map(|id| self.sessions.get(id))
            .unwrap_or_default();
        let (answer, conversation) = tokio::task::spawn_blocking(move || {
            let answer = bot.answer(&question, &mut conversation);
            (answer, conversation)
        })
        .await
        .map_err(|e| {
            eprintln!("glossa: answering failed: {e}");
            ApiError::internal()
        })?;
        if let Some(id) = &session {
            self.sessions.put(id, conversation);
        }
        Ok(answer)
    }
}

fn engine(glossary: Glossary, link_base: &str) -> Bot {
    Bot::new(Arc::new(glossary)).with_link_base(link_base)
}

/// The HTTP service.
pub fn router(state: Arc<AppState>) -> Router {
    let limited = Router::new()
        .route("/api/ask", post(api::ask))
        .route("/slack/command", post(slack::command))
        .route_layer(middleware::from_fn_with_state(state.clone(), limits::limit));
    Router::new()
        .route("/", get(page::chat))
        .route("/healthz", get(page::healthz))
        .route("/terms/{id}", get(page::entry))
        .merge(limited)
        .fallback(|uri: Uri| async move { ApiError::not_found(uri.path()).into_response() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed().into_response() })
        .layer(DefaultBodyLimit::max(state.limits.body_bytes))
        .with_state(state)
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests in flight and returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
