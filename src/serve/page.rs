//! The pages: `GET /` (the chat page, one self-contained HTML file compiled
//! into the binary), `GET /terms/{id}` (one entry), and `GET /healthz`.
//! Pages carry a Content-Security-Policy that allows only their own inline
//! script and style (by hash) and requests to this server.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::html::{escape, markdown_to_html};
use super::AppState;
use crate::render::term_markdown;

/// The chat page.
pub const CHAT_PAGE: &str = include_str!("page.html");

/// The style of entry pages.
const ENTRY_STYLE: &str = "body{margin:0;font:1rem/1.55 system-ui,sans-serif}\
main{max-width:46rem;margin:0 auto;padding:1rem}a:focus-visible{outline:3px solid;outline-offset:2px}\
blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid #999}";

/// A page and its Content-Security-Policy.
#[derive(Debug, Clone)]
pub struct Page {
    html: String,
    csp: HeaderValue,
}

impl Page {
    /// The page with a policy allowing exactly its inline `<script>` and `<style>`.
    pub fn new(html: String) -> Page {
        let mut policy = String::from(
            "default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'",
        );
        for (directive, tag) in [("script-src", "script"), ("style-src", "style")] {
            let hashes: Vec<String> = inline_blocks(&html, tag)
                .map(|body| format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes()))))
                .collect();
            if !hashes.is_empty() {
                policy.push_str(&format!("; {directive} {}", hashes.join(" ")));
            }
        }
        let csp = HeaderValue::from_str(&policy)
            .expect("the policy is built from ASCII keywords and base64");
        Page { html, csp }
    }

    fn response(&self, status: StatusCode) -> Response {
        let mut response = (status, Html(self.html.clone())).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, self.csp.clone());
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }
}

/// The contents of every `<tag>…</tag>` block of `html`.
fn inline_blocks<'a>(html: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find(&open)? + open.len();
        let len = rest[start..].find(&close)?;
        let body = &rest[start..start + len];
        rest = &rest[start + len + close.len()..];
        Some(body)
    })
}

/// Standard base64 with padding, as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `GET /`.
pub async fn chat(State(state): State<Arc<AppState>>) -> Response {
    state.chat_page.response(StatusCode::OK)
}

/// `GET /healthz`: `{"status": "ok", "terms": N}`.
pub async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let terms = state.bot().glossary().len();
    Json(json!({ "status": "ok", "terms": terms })).into_response()
}

/// `GET /terms/{id}`: one entry as a page.
pub async fn entry(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let bot = state.bot();
    let glossary = bot.glossary();
    let (status, title, body) = match glossary.get(&id) {
        Some(term) => (
            StatusCode::OK,
            term.name.clone(),
            markdown_to_html(&term_markdown(glossary, term, &|t| bot.url(t))),
        ),
        None => (
            StatusCode::NOT_FOUND,
            "No such entry".to_string(),
            format!(
                "<p>The glossary has no entry with the id “{}”.</p>\n",
                escape(&id)
            ),
        ),
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · glossa</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>{ENTRY_STYLE}</style>\n</head>\n<body>\n<main>\n\
         <p><a href=\"/\">← Back to the chat</a></p>\n<article>\n{body}</article>\n</main>\n</body>\n</html>\n",
        escape(&title)
    );
    Page::new(html).response(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        for (input, want) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input), want);
        }
    }

    #[test]
    fn the_policy_names_the_inline_blocks() {
        let page = Page::new("<style>a{}</style><script>x()</script>".into());
        let csp = page.csp.to_str().unwrap();
        let script = base64(&Sha256::digest(b"x()"));
        assert!(
            csp.contains(&format!("script-src 'sha256-{script}'")),
            "{csp}"
        );
        assert!(csp.contains("style-src 'sha256-"), "{csp}");
        assert!(csp.starts_with("default-src 'none'"));
    }

    #[test]
    fn the_chat_page_loads_nothing_from_elsewhere() {
        for outside in [
            " src=",
            "stylesheet",
            "@import",
            "url(",
            "@font-face",
            "<iframe",
        ] {
            assert!(
                !CHAT_PAGE.contains(outside),
                "the chat page contains {outside}"
            );
        }
        let links: Vec<&str> = CHAT_PAGE.lines().filter(|l| l.contains("<link")).collect();
        assert_eq!(links, ["<link rel=\"icon\" href=\"data:,\">"]);
        assert_eq!(inline_blocks(CHAT_PAGE, "script").count(), 1);
        assert_eq!(inline_blocks(CHAT_PAGE, "style").count(), 1);
    }
}
