//! Per-request limits on the API endpoints: at most `concurrency` requests
//! are answered at once, and a request (waiting for its turn, reading its
//! body, answering) gets `timeout` in all; past it the client gets a 503
//! JSON error.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::time::{timeout_at, Instant};

use super::error::ApiError;
use super::AppState;

/// The middleware.
pub async fn limit(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let deadline = Instant::now() + state.limits.timeout;
    let permit = match timeout_at(deadline, state.permits.clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) | Err(_) => return ApiError::busy().into_response(),
    };
    let response = match timeout_at(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout().into_response(),
    };
    drop(permit);
    response
}
