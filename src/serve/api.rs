//! `POST /api/ask`: `{"question": "...", "session"?: "..."}` → the bot's
//! [`Answer`](crate::bot::Answer) as JSON (SPEC §7).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;

use super::error::ApiError;
use super::AppState;
use crate::bot::Answer;

/// The request body.
#[derive(Debug, Deserialize)]
pub struct AskRequest {
    /// The question.
    pub question: String,
    /// A conversation id, for follow-up questions.
    #[serde(default)]
    pub session: Option<String>,
}

/// The handler of `POST /api/ask`.
pub async fn ask(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Answer>, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let is_json = content_type.is_some_and(|c| {
        let essence = c.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/json")
    });
    if !is_json {
        return Err(ApiError::content_type("application/json", content_type));
    }
    let body = body.map_err(|e| ApiError::from_body(&e, state.limits.body_bytes))?;
    let request: AskRequest = serde_json::from_slice(&body).map_err(|e| ApiError::from_json(&e))?;
    let question = request.question.trim();
    if question.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_question",
            "the question is empty; ask something like \"what is a stablecoin?\"",
        ));
    }
    let answer = state.answer(question.to_string(), request.session).await?;
    Ok(Json(answer))
}
