//! `POST /slack/command`: a Slack slash command. Requests are verified with
//! Slack's request signing (HMAC-SHA256 of `v0:{timestamp}:{body}` keyed
//! with the signing secret, compared in constant time, timestamps older or
//! newer than five minutes refused); answers are Slack `mrkdwn`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use hmac::{Hmac, Mac};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{json, Value};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::AppState;

/// How far a request's timestamp may be from now, in seconds.
pub const REPLAY_WINDOW_SECS: i64 = 5 * 60;

/// The header carrying the request's timestamp.
pub const TIMESTAMP_HEADER: &str = "x-slack-request-timestamp";
/// The header carrying the request's signature.
pub const SIGNATURE_HEADER: &str = "x-slack-signature";

/// The signature Slack computes for a request: `v0=` and the hex HMAC.
///
/// ```
/// let sig = glossa::serve::slack::signature(b"secret", "1700000000", b"text=CRS");
/// assert!(sig.starts_with("v0=") && sig.len() == 3 + 64);
/// ```
pub fn signature(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
    format!("v0={}", hex::encode(mac(secret, timestamp, body)))
}

fn mac(secret: &[u8], timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

/// Why a request failed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverified {
    /// A header is absent.
    Missing(&'static str),
    /// The timestamp is not a number of seconds.
    BadTimestamp,
    /// The timestamp is outside the replay window.
    Stale,
    /// The signature is malformed or does not match.
    BadSignature,
}

impl std::fmt::Display for Unverified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unverified::Missing(h) => write!(f, "the request has no {h} header"),
            Unverified::BadTimestamp => {
                write!(f, "the {TIMESTAMP_HEADER} header is not a Unix time")
            }
            Unverified::Stale => write!(
                f,
                "the request timestamp is more than {} minutes from the server's clock",
                REPLAY_WINDOW_SECS / 60
            ),
            Unverified::BadSignature => write!(f, "the request signature does not match"),
        }
    }
}

/// Verifies a request's signature headers against `secret` at time `now`
/// (Unix seconds).
pub fn verify(secret: &[u8], headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Unverified> {
    let header = |name: &'static str| -> Result<&str, Unverified> {
        headers
            .get(name)
            .ok_or(Unverified::Missing(name))?
            .to_str()
            .map_err(|_| Unverified::BadSignature)
    };
    let timestamp = header(TIMESTAMP_HEADER)?;
    let given = header(SIGNATURE_HEADER)?;
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Unverified::BadTimestamp)?;
    if (now - ts).abs() > REPLAY_WINDOW_SECS {
        return Err(Unverified::Stale);
    }
    let given = given
        .strip_prefix("v0=")
        .and_then(|h| hex::decode(h).ok())
        .ok_or(Unverified::BadSignature)?;
    let expected = mac(secret, timestamp, body);
    if expected.len() == given.len() && bool::from(expected.ct_eq(&given)) {
        Ok(())
    } else {
        Err(Unverified::BadSignature)
    }
}

/// Decodes an `application/x-www-form-urlencoded` body into pairs.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut parts = pair.splitn(2, |&b| b == b'=');
            let key = decode_component(parts.next().unwrap_or_default());
            let value = decode_component(parts.next().unwrap_or_default());
            (key, value)
        })
        .collect()
}

fn decode_component(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() => {
                match std::str::from_utf8(&raw[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The handler of `POST /slack/command`.
pub async fn command(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let Some(secret) = state.slack_secret.as_deref() else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "slack_disabled",
            "the Slack endpoint is off: start glossa serve with GLOSSA_SLACK_SIGNING_SECRET set",
        ));
    };
    let body = body.map_err(|e| ApiError::from_body(&e, state.limits.body_bytes))?;
    verify(secret.as_bytes(), &headers, &body, now_unix())
        .map_err(|why| ApiError::new(StatusCode::UNAUTHORIZED, "unverified", why.to_string()))?;
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if !content_type.is_some_and(|c| c.starts_with("application/x-www-form-urlencoded")) {
        return Err(ApiError::content_type(
            "application/x-www-form-urlencoded",
            content_type,
        ));
    }
    let form = parse_form(&body);
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let question = field("text").trim().to_string();
    let session = format!("slack:{}:{}", field("team_id"), field("user_id"));
    let answer = state.answer(question, Some(session)).await?;
    let text = mrkdwn(&answer.answer, state.public_url.as_deref());
    Ok(Json(json!({ "response_type": "ephemeral", "text": text })))
}

/// Markdown as Slack `mrkdwn`: `*bold*`, `_italic_`, `<url|text>` links
/// (relative links are made absolute with `public_url`, or dropped),
/// bullets, and `&`, `<`, `>` escaped.
///
/// ```
/// use glossa::serve::slack::mrkdwn;
/// assert_eq!(mrkdwn("**CRS** is *common* [x](/terms/x) <a>", Some("https://g.example")),
///            "*CRS* is _common_ <https://g.example/terms/x|x> &lt;a&gt;");
/// ```
pub fn mrkdwn(markdown: &str, public_url: Option<&str>) -> String {
    let mut out = String::new();
    let mut links: Vec<Option<String>> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => block(&mut out, quote),
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Heading { .. }) => {
                block(&mut out, quote);
                out.push('*');
            }
            Event::End(TagEnd::Heading(_)) => out.push('*'),
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    block(&mut out, quote);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                crate::bot::terminal::start_list_item(&mut out, &mut lists, "    ")
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push('*'),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('_'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = absolute(&dest_url, public_url);
                if let Some(url) = &url {
                    out.push('<');
                    out.push_str(&escape(url));
                    out.push('|');
                }
                links.push(url);
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(_)) = links.pop() {
                    out.push('>');
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&escape(&t).replace('\n', &format!("\n{}", "> ".repeat(quote))))
            }
            Event::Code(c) => {
                out.push('`');
                out.push_str(&escape(&c));
                out.push('`');
            }
            Event::SoftBreak | Event::HardBreak => {
                out.push('\n');
                out.push_str(&"> ".repeat(quote));
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

fn block(out: &mut String, quote: usize) {
    if !out.is_empty() {
        while !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.push_str(&"> ".repeat(quote));
}

fn absolute(url: &str, public_url: Option<&str>) -> Option<String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        Some(url.to_string())
    } else if url.starts_with('/') {
        public_url.map(|base| format!("{}{url}", base.trim_end_matches('/')))
    } else {
        None
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(ts: &str, sig: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(TIMESTAMP_HEADER, HeaderValue::from_str(ts).unwrap());
        h.insert(SIGNATURE_HEADER, HeaderValue::from_str(sig).unwrap());
        h
    }

    #[test]
    fn slacks_documented_example_verifies() {
        // The example from Slack's "Verifying requests from Slack" guide.
        let secret = b"8f742231b10e8888abcd99yyyzzz85a5";
        let body = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        let ts = "1531420618";
        let sig = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assert_eq!(signature(secret, ts, body), sig);
        assert_eq!(
            verify(secret, &headers(ts, sig), body, 1531420618 + 60),
            Ok(())
        );
    }

    #[test]
    fn refusals() {
        let secret = b"s3cret";
        let body = b"text=CRS";
        let now = 1_700_000_000;
        let ts = now.to_string();
        let good = signature(secret, &ts, body);
        assert_eq!(verify(secret, &headers(&ts, &good), body, now), Ok(()));
        assert_eq!(
            verify(secret, &headers(&ts, &good), b"text=FATCA", now),
            Err(Unverified::BadSignature)
        );
        assert_eq!(
            verify(b"other", &headers(&ts, &good), body, now),
            Err(Unverified::BadSignature)
        );
        assert_eq!(
            verify(
                secret,
                &headers(&ts, &good),
                body,
                now + REPLAY_WINDOW_SECS + 1
            ),
            Err(Unverified::Stale)
        );
        assert_eq!(
            verify(secret, &headers(&ts, "v0=zz"), body, now),
            Err(Unverified::BadSignature)
        );
        assert_eq!(
            verify(secret, &headers(&ts, &good[..20]), body, now),
            Err(Unverified::BadSignature)
        );
        assert_eq!(
            verify(secret, &headers("soon", &good), body, now),
            Err(Unverified::BadTimestamp)
        );
        assert_eq!(
            verify(secret, &HeaderMap::new(), body, now),
            Err(Unverified::Missing(TIMESTAMP_HEADER))
        );
    }

    #[test]
    fn forms() {
        assert_eq!(
            parse_form(b"text=what+is+CRS%3F&user_id=U1&empty=&bad=%zz%4"),
            [
                ("text".into(), "what is CRS?".into()),
                ("user_id".into(), "U1".into()),
                ("empty".into(), String::new()),
                ("bad".into(), "%zz%4".into()),
            ]
        );
        assert_eq!(
            parse_form(b"text=%E2%80%9Cquoted%E2%80%9D"),
            [("text".into(), "“quoted”".into())]
        );
    }

    #[test]
    fn mrkdwn_lists_and_links() {
        let md = "**Delta** vs **Gamma**\n\n- [Delta](/terms/delta) (*Options*): moves\n- Gamma: faster\n\n1. one\n2. two\n";
        assert_eq!(
            mrkdwn(md, None),
            "*Delta* vs *Gamma*\n\n• Delta (_Options_): moves\n• Gamma: faster\n\n1. one\n2. two"
        );
        assert_eq!(mrkdwn("[x](javascript:alert(1))", Some("https://a")), "x");
    }
}
